/**
 * Attempts that move only their case's counters (attempts.counters_only), on both stores: the
 * case's feed entries stay where they are (half a push's feed writes), and every receiver's next
 * pull still brings the case row as it is then, with the attempt that was its latest change. An
 * attempt that changes the case itself (a promise) still moves its entries; a former holder's
 * late call counts on the case and reaches the holder and the lead the same way.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoRows, type DemoRows } from '../../../shared/demo/generate';
import type { Change } from '../../../shared/sync';
import { ENTITY_CODE } from '../../../hub/feed-keys';
import { attemptArgs, call, deskOf, makeWorld, pgAvailable, type Desk, type Kind, type World, ALL_STEPS } from './harness';

const pgOk = await pgAvailable();
if (!pgOk) console.warn('hub counter-only attempt tests: no PostgreSQL reachable at 127.0.0.1:5432 — the PostgreSQL half is SKIPPED');

const TODAY = '2026-03-10';

describe.each([
  ['sqlite', true],
  ['postgres', pgOk],
] as [Kind, boolean][])('attempts that move only the counters (%s)', (kind, enabled) => {
  let w: World;
  let rows: DemoRows;
  let next = 0;
  let agent: Desk;
  let lead: Desk;
  const freshCase = () => rows.cases[next++]!.id;
  const later = (ms: number) => {
    w.now.t = new Date(w.now.t.getTime() + ms);
  };
  const caseSeq = async (user: string, caseId: string): Promise<number> => {
    const r = await w.hub.store.read((q) => q.get<{ seq: number }>('SELECT seq FROM feed WHERE user_id = ? AND entity = ? AND hub_id = ?', [w.ids[user]!, ENTITY_CODE.case, Number(caseId)]));
    return Number(r?.seq);
  };
  const countersOnly = async (attemptId: string): Promise<number> =>
    Number((await w.hub.store.read((q) => q.get<{ v: number }>('SELECT counters_only AS v FROM attempts WHERE id = ?', [attemptId])))?.v);
  const casePuts = (changes: Change[], caseId: string) => changes.flatMap((c) => (c.op === 'put' && c.entity === 'case' && c.row.id === caseId ? [c.row] : []));
  const pushOk = async (d: Desk, name: string, args: unknown) => {
    const r = await d.push([d.m(name, args)]);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.rejected).toEqual([]);
  };

  beforeAll(async () => {
    if (!enabled) return;
    w = await makeWorld(kind);
    rows = generateDemoRows({ cases: 6, firstId: 3000, agentId: String(w.ids.agentA), today: TODAY, history: 0, seed: 21 });
    const up = await call(w.hub, 'POST', '/v1/admin/cases', rows, await w.tokenOf('lead1'));
    expect(up.status, JSON.stringify(up.body)).toBe(200);
    agent = await deskOf(w, 'agentA');
    lead = await deskOf(w, 'lead1');
    await agent.pullAll();
    await lead.pullAll();
  });
  afterAll(async () => {
    if (enabled) await w.close();
  });

  it.skipIf(!enabled)('the case entries stay put; the agent and the lead each get the case row once, with the counters of both calls', async () => {
    const id = freshCase();
    const before = { agent: await caseSeq('agentA', id), lead: await caseSeq('lead1', id) };
    later(60_000);
    const first = attemptArgs(id, w.now.t);
    await pushOk(agent, 'attempt.save', first);
    later(60_000);
    const second = attemptArgs(id, w.now.t, { outcomeCode: 'SWITCHED_OFF', note: '关机' });
    await pushOk(agent, 'attempt.save', second);

    expect({ agent: await caseSeq('agentA', id), lead: await caseSeq('lead1', id) }).toEqual(before);
    expect([await countersOnly(first.attemptId), await countersOnly(second.attemptId)]).toEqual([1, 1]);
    for (const d of [agent, lead]) {
      const { changes } = await d.pullAll();
      const attempts = changes.filter((c) => c.entity === 'attempt').map((c) => (c.op === 'put' ? c.row.id : null));
      expect(attempts.sort()).toEqual([first.attemptId, second.attemptId].sort());
      // Once: the first call is not the case's latest change any more, the second brings the row.
      const puts = casePuts(changes, id);
      expect(puts).toHaveLength(1);
      expect(puts[0]).toMatchObject({ attemptCount: 2, lastOutcomeCode: 'SWITCHED_OFF', lastAttemptAt: second.at });
      // Parents before children: the case row comes ahead of the attempts that count on it.
      const at = changes.findIndex((c) => c.entity === 'case');
      expect(at).toBeLessThan(changes.findIndex((c) => c.entity === 'attempt'));
    }
    // A desk that starts over gets the case once, by its entry.
    const fresh = await deskOf(w, 'agentA');
    const all = await fresh.pullAll();
    expect(casePuts(all.changes, id)).toEqual([expect.objectContaining({ attemptCount: 2, lastOutcomeCode: 'SWITCHED_OFF' })]);
  });

  it.skipIf(!enabled)('an attempt that changes the case (a promise) still moves its entries', async () => {
    const id = freshCase();
    const before = { agent: await caseSeq('agentA', id), lead: await caseSeq('lead1', id) };
    later(60_000);
    const ptp = {
      ...attemptArgs(id, w.now.t, { outcomeCode: 'PTP', party: 'self', stepsDone: ALL_STEPS, note: '承诺还款' }),
      promise: { id: randomUUID(), amountFen: 10_000, dueDate: '2026-03-15', createdDate: TODAY },
    };
    await pushOk(agent, 'attempt.save', ptp);
    expect(await countersOnly(ptp.attemptId)).toBe(0);
    const afterPtp = { agent: await caseSeq('agentA', id), lead: await caseSeq('lead1', id) };
    expect(afterPtp.agent).toBeGreaterThan(before.agent);
    expect(afterPtp.lead).toBeGreaterThan(before.lead);
    const { changes } = await lead.pullAll();
    expect(casePuts(changes, id)).toEqual([expect.objectContaining({ status: 'ptp', attemptCount: 1, lastOutcomeCode: 'PTP' })]);
    await agent.pullAll();
  });

  it.skipIf(!enabled)("a former holder's late call counts on the case and reaches the new holder and the lead with the case row", async () => {
    const id = freshCase();
    const holderB = await deskOf(w, 'agentB');
    await holderB.pullAll();
    await pushOk(lead, 'case.assign', { caseIds: [id], agentId: String(w.ids.agentB), at: w.now.t.toISOString() });
    await holderB.pullAll();
    await lead.pullAll();
    const seqB = await caseSeq('agentB', id);
    later(12 * 60_000);
    const late = attemptArgs(id, new Date(w.now.t.getTime() - 20 * 60_000)); // made before the case moved, pushed after
    await pushOk(agent, 'attempt.save', late);
    expect(await countersOnly(late.attemptId)).toBe(1);
    expect(await caseSeq('agentB', id)).toBe(seqB);
    for (const d of [holderB, lead]) {
      const { changes } = await d.pullAll();
      expect(casePuts(changes, id)).toEqual([expect.objectContaining({ attemptCount: 1, assignedAgentId: String(w.ids.agentB), lastOutcomeCode: 'NO_ANSWER' })]);
    }
  });
});
