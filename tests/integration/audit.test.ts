import { afterEach, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../electron/core/audit/audit';
import { openDb } from '../../electron/core/db/open';
import { addCase, attemptInput, openTestDesk, type TestDesk } from '../fixtures/desk';

let t: TestDesk;
afterEach(() => t?.close());

async function deskWithHistory(): Promise<TestDesk> {
  const d = await openTestDesk();
  const { caseId } = addCase(d, { agentId: d.agentId });
  for (let i = 0; i < 3; i++) await d.call('attempt.save', attemptInput(caseId));
  await d.call('case.reveal', { caseId: String(caseId), field: 'account' });
  return d;
}

/** Tamper the way an attacker with the file would: drop the guard triggers first. */
function tamper(dir: string, sql: string): void {
  const raw = openDb(dir);
  raw.exec('DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete;');
  raw.exec(sql);
  raw.close();
}

describe('audit log', () => {
  it('is hash-chained and verifies', async () => {
    t = await deskWithHistory();
    const v = verifyAuditChain(t.desk.ctx.db);
    expect(v).toEqual({ ok: true, count: t.count('audit_log') });
    expect(v.count).toBeGreaterThanOrEqual(5);
  });

  it('cannot be changed through SQL while the triggers stand', async () => {
    t = await deskWithHistory();
    expect(() => t.desk.ctx.db.prepare("UPDATE audit_log SET action = 'x' WHERE seq = 1").run()).toThrow(/append-only/);
    expect(() => t.desk.ctx.db.prepare('DELETE FROM audit_log WHERE seq = 1').run()).toThrow(/append-only/);
  });

  for (const [name, sql, seq] of [
    ['an edited detail', "UPDATE audit_log SET detail = '{\"field\":\"idNumber\"}' WHERE action = 'case.reveal'", null],
    ['a deleted row', 'DELETE FROM audit_log WHERE seq = 2', 3],
    ['a rewritten hash', "UPDATE audit_log SET hash = 'ff' || substr(hash, 3) WHERE seq = 2", 2],
  ] as const) {
    it(`detects ${name}`, async () => {
      t = await deskWithHistory();
      const dir = t.dir;
      t.close();
      tamper(dir, sql);
      t = await openTestDesk({ dataDir: dir });
      const v = verifyAuditChain(t.desk.ctx.db);
      expect(v.ok).toBe(false);
      if (!v.ok && seq !== null) expect(v.brokenAtSeq).toBe(seq);
    });
  }
});
