/**
 * The hub's promise sweep (hub/promise-sweep.ts), on both stores: a pending promise past due +
 * grace becomes broken on the hub by the hub's own timer while the agent's desk stays offline;
 * the change reaches the desks by pull, and the desk's own derivation (shared/domain/ptp.ts)
 * agrees, so its later promise.transition is no conflict. The test drives the hub's clock.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoRows, type DemoRows } from '../../../shared/demo/generate';
import { PromiseState } from '../../../shared/domain/enums';
import { evaluateCasePromises } from '../../../shared/domain/ptp';
import { attemptArgs, call, deskOf, fold, makeWorld, pgAvailable, type Kind, type World, ALL_STEPS } from './harness';

const pgOk = await pgAvailable();
if (!pgOk) console.warn('hub promise-sweep tests: no PostgreSQL reachable at 127.0.0.1:5432 — the PostgreSQL half is SKIPPED');

const TODAY = '2026-03-10'; // the world's clock: 2026-03-10 10:00 in Shanghai; grace 1 day (team default)

/** Wait for a condition (the sweep timer runs on its own), never a fixed sleep. */
async function until<T>(what: () => Promise<T>, ok: (v: T) => boolean, ms = 10_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await what();
    if (ok(v)) return v;
    if (Date.now() > end) throw new Error(`timed out; last value ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe.each([
  ['sqlite', true],
  ['postgres', pgOk],
] as [Kind, boolean][])('the hub sweeps promises past due + grace (%s)', (kind, enabled) => {
  let w: World;
  let rows: DemoRows;

  beforeAll(async () => {
    if (!enabled) return;
    w = await makeWorld(kind, { promiseSweep: { intervalMs: 25 }, tokenTtlMs: 90 * 24 * 3600_000 });
    rows = generateDemoRows({ cases: 4, firstId: 3000, agentId: String(w.ids.agentA), today: TODAY, history: 0, seed: 3 });
    const up = await call(w.hub, 'POST', '/v1/admin/cases', rows, await w.tokenOf('lead1'));
    expect(up.status, JSON.stringify(up.body)).toBe(200);
  });
  afterAll(async () => {
    if (enabled) await w.close();
  });

  const stateOf = async (id: string) =>
    (await w.hub.store.read((q) => q.get<{ state: string; paid_fen: number }>('SELECT state, paid_fen FROM promises WHERE id = ?', [id]))) ?? null;

  it.runIf(enabled)('broken on the hub while the desk is offline, the day after due + grace; partial when part was paid; the desk agrees', async () => {
    const a = await deskOf(w, 'agentA');
    await a.pullAll();
    const [c1, c2] = rows.cases;
    const ptp = (caseId: string, amountFen: number) => ({
      ...attemptArgs(caseId, w.now.t, { outcomeCode: 'PTP', party: 'self', stepsDone: ALL_STEPS, note: '承诺还款' }),
      promise: { id: randomUUID(), amountFen, dueDate: '2026-03-12', createdDate: TODAY },
    });
    const p1 = ptp(c1!.id, 20_000);
    const p2 = ptp(c2!.id, 30_000);
    const pay = { paymentId: randomUUID(), caseId: c2!.id, amountFen: 10_000, paidDate: TODAY, source: 'agent', at: w.now.t.toISOString() };
    const pushed = await a.push([a.m('attempt.save', p1), a.m('attempt.save', p2), a.m('payment.record', pay)]);
    expect(pushed.body.rejected).toEqual([]);
    const deskCopy = fold((await a.pullAll()).changes);

    // Due 03-12, grace 1: still pending on 03-13 (the last day a payment counts), whatever the timer does.
    w.now.t = new Date('2026-03-13T15:00:00.000Z'); // 23:00 on 03-13 in Shanghai
    await w.hub.sweeper!.run();
    expect((await stateOf(p1.promise.id))?.state).toBe('pending');

    // 03-14 in Shanghai: the hub's own timer breaks it; agentA's desk has not pushed or pulled since.
    w.now.t = new Date('2026-03-13T16:00:00.000Z');
    const broken = await until(() => stateOf(p1.promise.id), (s) => s?.state === 'broken');
    expect(Number(broken?.paid_fen)).toBe(0);
    expect(await stateOf(p2.promise.id)).toMatchObject({ state: 'partial' });
    expect(Number((await stateOf(p2.promise.id))?.paid_fen)).toBe(10_000);
    const cases = await w.hub.store.read((q) => q.all<{ id: number; status: string; broken_promises: number }>('SELECT id, status, broken_promises FROM cases WHERE id IN (?, ?) ORDER BY id', [Number(c1!.id), Number(c2!.id)]));
    expect(cases.map((c) => [c.status, Number(c.broken_promises)])).toEqual([['open', (c1!.brokenPromises ?? 0) + 1], ['open', c2!.brokenPromises ?? 0]]);

    // The desk's own derivation on its copy (still pending there) agrees with the hub.
    const promises = [...(deskCopy.get('promise')?.values() ?? [])];
    for (const [pr, want] of [[p1, 'broken'], [p2, 'partial']] as const) {
      const row = promises.find((x) => x.id === pr.promise.id)!;
      expect(row.state).toBe('pending');
      const payments = [...(deskCopy.get('payment')?.values() ?? [])].filter((x) => x.caseId === pr.caseId).map((x) => ({ amountFen: Number(x.amountFen), paidDate: String(x.paidDate) }));
      const facts = { id: String(row.id), amountFen: Number(row.amountFen), dueDate: String(row.dueDate), createdDate: String(row.createdDate), state: PromiseState.parse(row.state), paidFen: Number(row.paidFen) };
      expect(evaluateCasePromises([facts], payments, '2026-03-14', 1).changes[0]?.to).toBe(want);
    }

    // The change syncs to the desk, and the desk's own transition (made offline) is no conflict.
    const after = fold((await a.pullAll()).changes, deskCopy);
    expect(after.get('promise')?.get(p1.promise.id)?.state).toBe('broken');
    const t = await a.push([a.m('promise.transition', { caseId: c1!.id, promiseId: p1.promise.id, from: 'pending', to: 'broken', paidFen: 0, at: w.now.t.toISOString() })]);
    expect(t.body.rejected).toEqual([]);
    const conflicts = await call(w.hub, 'GET', '/v1/conflicts', undefined, await w.tokenOf('lead1'));
    expect(conflicts.body.conflicts).toEqual([]);
    // The lead's desk receives it too.
    const lead = await deskOf(w, 'lead1');
    expect(fold((await lead.pullAll()).changes).get('promise')?.get(p1.promise.id)?.state).toBe('broken');
  });

  it.runIf(enabled)('a second sweep changes nothing', async () => {
    expect(await w.hub.sweeper!.run()).toEqual({ cases: 0, broken: 0 });
  });
});
