/**
 * History rows of a lead's upload (call records, promises) are stored once per id and fanned out
 * to the case's desks, so an id the hub already holds for another case must be refused: otherwise
 * a lead could pull another team's call record or promise onto their team's desks by naming its
 * id. Both stores; the refusal names the row; nothing is written; the same rows again are fine.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoRows, type DemoRows } from '../../../shared/demo/generate';
import { call, deskOf, fold, makeWorld, pgAvailable, type Kind, type World, countRows } from './harness';

const pgOk = await pgAvailable();
if (!pgOk) console.warn('hub upload-history-ids tests: no PostgreSQL reachable at 127.0.0.1:5432 — the PostgreSQL half is SKIPPED');

/** One case of `agentId` with one call record and the promise made on it. */
function withHistory(firstId: number, agentId: string, seed: number): DemoRows {
  const b = generateDemoRows({ cases: 1, firstId, agentId, today: '2026-03-10', history: 0, seed });
  const c = b.cases[0]!;
  const attemptId = randomUUID();
  const at = '2026-03-08T03:00:00.000Z';
  b.attempts.push({
    id: attemptId, clientRequestId: `up-${attemptId}`, caseId: c.id, agentId, phoneId: null, channel: 'phone', party: 'self', outcomeCode: 'PTP',
    note: '外队的通话记录', callStartedAt: at, durationSec: 60, claimedPaidDate: null, stepsDone: [], scenario: null, at,
  });
  b.promises.push({ id: randomUUID(), caseId: c.id, attemptId, agentId, amountFen: 10_000, dueDate: '2026-03-11', createdDate: '2026-03-08', createdAt: at, state: 'pending', paidFen: 0, stateChangedAt: null });
  return b;
}

describe.each([
  ['sqlite', true],
  ['postgres', pgOk],
] as [Kind, boolean][])('upload history ids on %s', (kind, enabled) => {
  let w: World;
  let foreign: DemoRows;
  const count = (sql: string, params: (string | number)[] = []) => countRows(w.hub, sql, params);

  beforeAll(async () => {
    if (!enabled) return;
    w = await makeWorld(kind);
    foreign = withHistory(8100, String(w.ids.agentC), 31);
    expect((await call(w.hub, 'POST', '/v1/admin/cases', foreign, await w.tokenOf('lead2'))).status).toBe(200);
  });
  afterAll(async () => {
    if (enabled) await w.close();
  });

  it.skipIf(!enabled)("another team's call record or promise id, or one id on two cases: 400 naming the row, nothing written or fed", async () => {
    const lead = await w.tokenOf('lead1');
    const leadDesk = await deskOf(w, 'lead1');
    await leadDesk.pullAll();
    const bad: [(b: DemoRows) => void, string][] = [
      [(b) => { b.attempts[0]!.id = foreign.attempts[0]!.id; b.promises[0]!.attemptId = foreign.attempts[0]!.id; }, 'attempts.0.id'],
      [(b) => { b.promises[0]!.id = foreign.promises[0]!.id; }, 'promises.0.id'],
      [(b) => {
        const second = withHistory(6101, String(w.ids.agentA), 33);
        b.cases.push(...second.cases);
        b.debtors.push(...second.debtors);
        b.phones.push(...second.phones);
        b.contacts.push(...second.contacts);
        b.batches.push(...second.batches.filter((x) => !b.batches.some((y) => y.id === x.id)));
        b.attempts.push({ ...second.attempts[0]!, id: b.attempts[0]!.id }); // the same id on the second case
      }, 'attempts.1.id'],
    ];
    const cases = () => count('SELECT count(*) AS n FROM cases WHERE team_id = ?', [w.teamId]);
    const attempts = () => count('SELECT count(*) AS n FROM attempts');
    const promises = () => count('SELECT count(*) AS n FROM promises');
    const before = [await cases(), await attempts(), await promises()];
    for (const [spoil, field] of bad) {
      const body = withHistory(6100, String(w.ids.agentA), 32);
      spoil(body);
      const r = await call(w.hub, 'POST', '/v1/admin/cases', body, lead);
      expect(r.status, field).toBe(400);
      expect(r.body.error.code).toBe('BAD_REQUEST');
      expect(r.body.error.params?.field).toBe(field);
      expect(r.body.error.message).toContain('another case');
    }
    expect([await cases(), await attempts(), await promises()]).toEqual(before);
    // nothing of the other team reached this team's lead
    const got = fold((await leadDesk.pullAll()).changes);
    expect(got.get('attempt')?.has(foreign.attempts[0]!.id) ?? false).toBe(false);
    expect(got.get('promise')?.has(foreign.promises[0]!.id) ?? false).toBe(false);

    // the upload unspoiled is taken, and taken again unchanged (the same rows of the same case)
    const good = withHistory(6100, String(w.ids.agentA), 32);
    expect((await call(w.hub, 'POST', '/v1/admin/cases', good, lead)).status).toBe(200);
    expect((await call(w.hub, 'POST', '/v1/admin/cases', good, lead)).status).toBe(200);
    expect([await attempts(), await promises()]).toEqual([before[1]! + 1, before[2]! + 1]);
  });
});
