/** `npm run audit -- verify`: the desk's chain on the encrypted database, through the same key as every tool. */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { envOrFileKeys } from '../../electron/core/db/key';
import { openDb } from '../../electron/core/db/open';
import { addCase, attemptInput, openTestDesk, tempDir } from '../fixtures/desk';

const root = path.resolve(__dirname, '../..');

function audit(args: string[], env: NodeJS.ProcessEnv = process.env): { code: number | null; out: string; err: string } {
  const r = spawnSync(process.execPath, [path.join(root, 'node_modules/tsx/dist/cli.mjs'), path.join(root, 'electron/core/audit/cli.ts'), ...args], {
    cwd: root, env, encoding: 'utf8', timeout: 60_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

async function deskWithHistory(opts: Parameters<typeof openTestDesk>[0] = {}): Promise<{ dir: string; entries: number }> {
  const t = await openTestDesk(opts);
  const { caseId } = addCase(t, { agentId: t.agentId });
  for (let i = 0; i < 3; i++) await t.call('attempt.save', attemptInput(caseId));
  await t.call('case.reveal', { caseId: String(caseId), field: 'idNumber' });
  const entries = t.count('audit_log');
  t.close();
  return { dir: t.dir, entries };
}

describe('npm run audit -- verify (desk)', () => {
  it('prints the count and exits 0; a tampered row exits 1 naming it', async () => {
    const { dir, entries } = await deskWithHistory();
    const ok = audit(['verify', '--data-dir', dir]);
    expect(ok.code, ok.err).toBe(0);
    expect(ok.out).toContain(`audit log intact: ${entries} entries`);

    const db = openDb(dir);
    db.exec('DROP TRIGGER audit_no_update');
    db.prepare("UPDATE audit_log SET detail = '{\"field\":\"account\"}' WHERE seq = 3").run();
    db.close();
    const bad = audit(['verify'], { ...process.env, DATA_DIR: dir });
    expect(bad.code).toBe(1);
    expect(bad.out).toContain('BROKEN at seq 3: row content does not match its hash; 2 entries before it verify');
  });

  it('without COLLECTDESK_DB_KEY it shares the key file the desk made; a wrong key is a clear failure', async () => {
    const { dir, entries } = await deskWithHistory({ dbKeys: envOrFileKeys({}) });
    const { COLLECTDESK_DB_KEY: _, ...noKey } = process.env;
    const ok = audit(['verify', '--data-dir', dir], noKey);
    expect(ok.code, ok.err).toBe(0);
    expect(ok.out).toContain(`${entries} entries`);
    const wrong = audit(['verify', '--data-dir', dir], { ...noKey, COLLECTDESK_DB_KEY: 'c3'.repeat(32) });
    expect(wrong.code).toBe(1);
    expect(wrong.err).toMatch(/cannot be opened with COLLECTDESK_DB_KEY: wrong key/);
  });

  it('a folder without a desk database is bad usage and nothing is created', () => {
    const dir = tempDir();
    const r = audit(['verify', '--data-dir', dir]);
    expect(r.code).toBe(2);
    expect(r.out).toContain('no desk database');
    expect(audit(['check']).code).toBe(2);
  });
});
