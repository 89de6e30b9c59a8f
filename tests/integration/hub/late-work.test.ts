/**
 * Late work after reassignment is history only (shared/domain/late-work), on both stores: a
 * former holder's call is stored as history, but their promise, payment and promise state change
 * never touch the current holder's promises or the balance. They become conflicts; a lead
 * accepts (applied then, checked against the hub's current state) or discards them.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoRows, type DemoRows } from '../../../shared/demo/generate';
import type { Change } from '../../../shared/sync';
import type { Desk} from './harness';
import { call, makeWorld, pgAvailable, type Kind, type World, deskOf, attemptArgs, ALL_STEPS } from './harness';

const pgOk = await pgAvailable();
if (!pgOk) console.warn('hub late-work tests: no PostgreSQL reachable at 127.0.0.1:5432 — the PostgreSQL half is SKIPPED');

const TODAY = '2026-03-10'; // the world's clock: 2026-03-10 10:00 in Shanghai
const MINUTE = 60_000;

describe.each([
  ['sqlite', true],
  ['postgres', pgOk],
] as [Kind, boolean][])('late work of a former holder (%s)', (kind, enabled) => {
  let w: World;
  let rows: DemoRows;
  let next = 0;
  /** A fresh, untouched case of agentA for each test. */
  const freshCase = () => rows.cases[next++]!;

  const attempt = (caseId: string, extra: Record<string, unknown> = {}) => attemptArgs(caseId, w.now.t, extra);
  const ptp = (caseId: string, amountFen: number, dueDate = '2026-03-15') => ({
    ...attempt(caseId, { outcomeCode: 'PTP', party: 'self', stepsDone: ALL_STEPS, note: '承诺还款' }),
    promise: { id: randomUUID(), amountFen, dueDate, createdDate: TODAY },
  });
  const payment = (caseId: string, amountFen: number) => ({ paymentId: randomUUID(), caseId, amountFen, paidDate: TODAY, source: 'agent', at: w.now.t.toISOString() });
  const desk = (user: string): Promise<Desk> => deskOf(w, user);
  const sql = <T>(text: string, params: (string | number)[] = []) => w.hub.store.read((q) => q.all<Record<string, unknown>>(text, params)) as Promise<T[]>;
  const caseState = async (id: string) => {
    const [c] = await sql<Record<string, unknown>>('SELECT status, balance_fen, attempt_count, last_outcome_code, last_attempt_at FROM cases WHERE id = ?', [Number(id)]);
    return { status: c?.status, balanceFen: Number(c?.balance_fen), attempts: Number(c?.attempt_count), lastOutcome: c?.last_outcome_code, lastAt: c?.last_attempt_at };
  };
  const promisesOf = async (caseId: string) =>
    (await sql<{ id: string; state: string; paid_fen: number; agent_id: number }>('SELECT id, state, paid_fen, agent_id FROM promises WHERE case_id = ? ORDER BY id', [Number(caseId)]))
      .map((p) => ({ id: p.id, state: p.state, paidFen: Number(p.paid_fen), agentId: Number(p.agent_id) }));
  const paymentsOf = async (caseId: string) =>
    (await sql<{ id: string; amount_fen: number; agent_id: number }>('SELECT id, amount_fen, agent_id FROM payments WHERE case_id = ? ORDER BY id', [Number(caseId)]))
      .map((p) => ({ id: p.id, amountFen: Number(p.amount_fen), agentId: Number(p.agent_id) }));
  const count = async (table: string, where: string, params: (string | number)[]) => Number((await sql<{ n: number }>(`SELECT count(*) AS n FROM ${table} WHERE ${where}`, params))[0]?.n ?? 0);
  const puts = (changes: Change[], entity: string) => changes.flatMap((c) => (c.op === 'put' && c.entity === entity ? [c.row] : []));
  const openConflicts = async (caseId: string) =>
    ((await call(w.hub, 'GET', '/v1/conflicts', undefined, await w.tokenOf('lead1'))).body.conflicts as { id: string; caseId: string; kind: string; detail: Record<string, unknown> }[])
      .filter((c) => c.caseId === caseId);
  const resolve = async (id: string, decision?: 'accept' | 'discard', resolution = decision === 'accept' ? '已采纳' : '不采纳') =>
    call(w.hub, 'POST', `/v1/conflicts/${id}/resolve`, { resolution, ...(decision ? { decision } : {}) }, await w.tokenOf('lead1'));

  /** The lead moves `caseId` from agentA to agentB; twelve minutes pass on the hub's clock before A's desk pushes. */
  const reassignToB = async (caseId: string) => {
    const lead = await desk('lead1');
    expect((await lead.push([lead.m('case.assign', { caseIds: [caseId], agentId: String(w.ids.agentB), at: w.now.t.toISOString() })])).body.rejected).toEqual([]);
  };
  const later = (ms: number) => {
    w.now.t = new Date(w.now.t.getTime() + ms);
  };

  beforeAll(async () => {
    if (!enabled) return;
    w = await makeWorld(kind);
    rows = generateDemoRows({ cases: 12, firstId: 1000, agentId: String(w.ids.agentA), today: TODAY, history: 0, seed: 8 });
    const up = await call(w.hub, 'POST', '/v1/admin/cases', rows, await w.tokenOf('lead1'));
    expect(up.status, JSON.stringify(up.body)).toBe(200);
  });
  afterAll(async () => {
    if (enabled) await w.close();
  });

  it.skipIf(!enabled)("the issue's scenario: A's late promise and payment leave B's promise and the balance alone; the lead accepts the payment and discards the promise", async () => {
    const moved = freshCase();
    const own = freshCase();
    const a = await desk('agentA');
    await a.pullAll();
    await reassignToB(moved.id);
    later(MINUTE);
    const b = await desk('agentB');
    const bPromise = ptp(moved.id, 20_000);
    expect((await b.push([b.m('attempt.save', bPromise)])).body.rejected).toEqual([]);
    const before = await caseState(moved.id);
    expect(before).toMatchObject({ status: 'ptp', balanceFen: moved.balanceFen });

    // Twelve minutes after the reassignment, A's desk (offline until now) pushes its work in one push.
    later(11 * MINUTE);
    const aPromise = ptp(moved.id, 50_000, '2026-03-12');
    const aPayment = payment(moved.id, moved.balanceFen);
    const plain = attempt(own.id);
    const r = await a.push([a.m('attempt.save', aPromise), a.m('payment.record', aPayment), a.m('attempt.save', plain)]);
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ lastMutationId: 3, rejected: [{ mutationId: 2, reason: 'reassigned' }] });

    // B's promise still pending; balance and status unchanged; A's call is history (+1), A's promise is not on the hub.
    expect(await promisesOf(moved.id)).toEqual([{ id: bPromise.promise.id, state: 'pending', paidFen: 0, agentId: w.ids.agentB }]);
    expect(await caseState(moved.id)).toEqual({ ...before, attempts: before.attempts + 1, lastOutcome: 'PTP', lastAt: aPromise.at });
    expect(await count('attempts', 'id = ?', [aPromise.attemptId])).toBe(1);
    expect(await count('promises', 'id = ?', [aPromise.promise.id])).toBe(0);
    expect(await paymentsOf(moved.id)).toEqual([]);
    // The later mutation of the same push was applied.
    expect(await count('attempts', 'id = ?', [plain.attemptId])).toBe(1);
    expect((await caseState(own.id)).attempts).toBe((own.attemptCount ?? 0) + 1);

    // The rejection syncs back to A by pull.
    const pa = (await a.pullAll()).changes;
    expect(puts(pa, 'rejection').filter((x) => x.deviceId === a.deviceId).map((x) => [x.mutationId, x.reason])).toEqual([[2, 'reassigned']]);

    // The lead sees both conflicts, in the feed and on GET /v1/conflicts.
    const lead = await desk('lead1');
    const fed = puts((await lead.pullAll()).changes, 'conflict').filter((x) => x.caseId === moved.id);
    expect(fed.map((x) => x.kind).sort()).toEqual(['latePayment', 'latePromise']);
    const open = await openConflicts(moved.id);
    const latePromise = open.find((c) => c.kind === 'latePromise');
    const latePayment = open.find((c) => c.kind === 'latePayment');
    expect(latePromise?.detail).toMatchObject({
      attemptId: aPromise.attemptId, promise: aPromise.promise, agentId: String(w.ids.agentA), at: aPromise.at, deviceId: a.deviceId, mutationId: 1,
    });
    expect(latePayment?.detail).toMatchObject({
      paymentId: aPayment.paymentId, amountFen: moved.balanceFen, paidDate: TODAY, at: aPayment.at, agentId: String(w.ids.agentA), deviceId: a.deviceId, mutationId: 2,
    });

    // Accept the payment: applied as A's record against the hub's state now; the hub re-derives B's promise (kept) and the status.
    const acc = await resolve(latePayment!.id, 'accept');
    expect(acc.status, JSON.stringify(acc.body)).toBe(200);
    expect(acc.body.conflict).toMatchObject({ id: latePayment!.id, resolution: '已采纳', resolvedBy: String(w.ids.lead1), decision: 'accept' });
    expect(await sql('SELECT decision FROM conflicts WHERE id = ?', [Number(latePayment!.id)])).toEqual([{ decision: 'accept' }]);
    // On the hub's admin_audit chain, with the decision and who took it.
    const audited = await sql<{ actor: string; detail: string }>("SELECT actor, detail FROM admin_audit WHERE action = 'conflict.resolve' AND entity_id = ?", [latePayment!.id]);
    expect(audited.map((a) => ({ actor: a.actor, detail: JSON.parse(a.detail) as unknown }))).toEqual([
      { actor: `user:${w.ids.lead1}`, detail: { kind: 'latePayment', caseId: moved.id, decision: 'accept', resolution: '已采纳' } },
    ]);
    expect(await paymentsOf(moved.id)).toEqual([{ id: aPayment.paymentId, amountFen: moved.balanceFen, agentId: w.ids.agentA }]);
    expect(await caseState(moved.id)).toMatchObject({ balanceFen: 0, status: 'paid' });
    expect(await promisesOf(moved.id)).toEqual([{ id: bPromise.promise.id, state: 'kept', paidFen: moved.balanceFen, agentId: w.ids.agentB }]);
    // B (the holder) and the lead get it by pull.
    const pb = (await b.pullAll()).changes;
    expect(puts(pb, 'payment').map((x) => x.id)).toContain(aPayment.paymentId);
    expect(puts(pb, 'case').find((x) => x.id === moved.id)).toMatchObject({ balanceFen: 0, status: 'paid' });
    expect(puts(pb, 'promise').find((x) => x.id === bPromise.promise.id)).toMatchObject({ state: 'kept' });
    const pl = (await lead.pullAll()).changes;
    expect(puts(pl, 'payment').map((x) => x.id)).toContain(aPayment.paymentId);
    expect(puts(pl, 'conflict').find((x) => x.id === latePayment!.id)).toMatchObject({ resolution: '已采纳' });

    // Accepting again changes nothing.
    const stateAfter = { c: await caseState(moved.id), p: await promisesOf(moved.id), pay: await paymentsOf(moved.id) };
    expect((await resolve(latePayment!.id, 'accept', '再次采纳')).body.conflict).toMatchObject({ resolution: '已采纳' });
    expect({ c: await caseState(moved.id), p: await promisesOf(moved.id), pay: await paymentsOf(moved.id) }).toEqual(stateAfter);

    // Discard the promise: nothing but the resolution.
    const dis = await resolve(latePromise!.id, 'discard');
    expect(dis.status).toBe(200);
    expect(dis.body.conflict.resolvedAt).not.toBeNull();
    expect(dis.body.conflict.decision).toBe('discard');
    expect({ c: await caseState(moved.id), p: await promisesOf(moved.id), pay: await paymentsOf(moved.id) }).toEqual(stateAfter);
    expect(await openConflicts(moved.id)).toEqual([]);
  });

  it.skipIf(!enabled)('an accept the case now refuses answers 409 naming the rule; the conflict stays open and nothing is written', async () => {
    const moved = freshCase();
    const a = await desk('agentA');
    await reassignToB(moved.id);
    const aPayment = payment(moved.id, moved.balanceFen);
    const aPromise = ptp(moved.id, moved.balanceFen - 1_000);
    expect((await a.push([a.m('payment.record', aPayment), a.m('attempt.save', aPromise)])).body.rejected).toEqual([{ mutationId: 1, reason: 'reassigned' }]);
    // Meanwhile B records a payment: the balance is now below A's payment and promise.
    const b = await desk('agentB');
    expect((await b.push([b.m('payment.record', payment(moved.id, 5_000))])).body.rejected).toEqual([]);
    const before = { c: await caseState(moved.id), p: await promisesOf(moved.id), pay: await paymentsOf(moved.id) };
    const open = await openConflicts(moved.id);
    for (const [kind, rule] of [['latePayment', 'payment.amountAboveBalance'], ['latePromise', 'ptp.amountAboveBalance']] as const) {
      const k = open.find((c) => c.kind === kind)!;
      const r = await resolve(k.id, 'accept');
      expect(r.status).toBe(409);
      expect(r.body).toMatchObject({ error: { code: 'RULE_VIOLATION', message: expect.any(String), params: { rule } } });
    }
    expect((await openConflicts(moved.id)).map((c) => c.kind).sort()).toEqual(['latePayment', 'latePromise']);
    expect({ c: await caseState(moved.id), p: await promisesOf(moved.id), pay: await paymentsOf(moved.id) }).toEqual(before);
    // A free-text resolution without a decision still closes it, writing nothing else.
    for (const k of open) expect((await resolve(k.id, undefined, '已与催收员核实')).body.conflict).toMatchObject({ decision: null, resolution: '已与催收员核实' });
    expect(await openConflicts(moved.id)).toEqual([]);
    expect({ c: await caseState(moved.id), p: await promisesOf(moved.id), pay: await paymentsOf(moved.id) }).toEqual(before);
  });

  it.skipIf(!enabled)("an accepted late promise replaces the holder's pending one as A's record; a late transition is refused as a conflict unless the hub already agrees; hostile values are still rule violations", async () => {
    const moved = freshCase();
    const a = await desk('agentA');
    const mine = ptp(moved.id, 10_000);
    expect((await a.push([a.m('attempt.save', mine)])).body.rejected).toEqual([]);
    await reassignToB(moved.id);
    const b = await desk('agentB');
    const bPromise = ptp(moved.id, 20_000);
    expect((await b.push([b.m('attempt.save', bPromise)])).body.rejected).toEqual([]);
    const balance = (await caseState(moved.id)).balanceFen;
    const at = w.now.t.toISOString();
    const aPromise = ptp(moved.id, 30_000, '2026-03-13');
    const r = await a.push([
      a.m('promise.transition', { promiseId: mine.promise.id, caseId: moved.id, from: 'cancelled', to: 'kept', paidFen: 10_000, at }),
      a.m('payment.record', payment(moved.id, balance + 1)),
      a.m('attempt.save', ptp(moved.id, balance + 1)),
      a.m('attempt.save', aPromise),
      // A's desk catching up with what the hub already did (B's promise replaced A's): agrees, so no conflict.
      a.m('promise.transition', { promiseId: mine.promise.id, caseId: moved.id, from: 'pending', to: 'cancelled', paidFen: 0, at }),
    ]);
    expect(r.body.rejected).toEqual([{ mutationId: 2, reason: 'reassigned' }, { mutationId: 3, reason: 'ruleViolation' }, { mutationId: 4, reason: 'ruleViolation' }]);
    expect(await promisesOf(moved.id)).toEqual([
      { id: mine.promise.id, state: 'cancelled', paidFen: 0, agentId: w.ids.agentA },
      { id: bPromise.promise.id, state: 'pending', paidFen: 0, agentId: w.ids.agentB },
    ].sort((x, y) => x.id.localeCompare(y.id)));
    const open = await openConflicts(moved.id);
    expect(open.map((c) => c.kind).sort()).toEqual(['latePromise', 'lateTransition']);
    expect(open.find((c) => c.kind === 'lateTransition')?.detail).toMatchObject({ promiseId: mine.promise.id, to: 'kept', hubState: 'cancelled', agentId: String(w.ids.agentA) });
    // Accepting A's "kept" on a promise the hub cancelled: the hub's payments do not make it kept,
    // so it is refused naming why, and nothing is written; discarding it then writes only the decision.
    const t = open.find((c) => c.kind === 'lateTransition')!;
    const refused = await resolve(t.id, 'accept');
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ error: { code: 'RULE_VIOLATION', params: { rule: 'ptp.paymentsDisagree', wanted: 'kept', derived: 'pending' } } });
    expect(await promisesOf(moved.id)).toHaveLength(2);
    expect((await resolve(t.id, 'discard')).body.conflict).toMatchObject({ decision: 'discard', resolution: '不采纳' });
    expect(await promisesOf(moved.id)).toHaveLength(2);

    const k = open.find((c) => c.kind === 'latePromise')!;
    expect((await resolve(k.id, 'accept')).status).toBe(200);
    expect(await promisesOf(moved.id)).toEqual([
      { id: mine.promise.id, state: 'cancelled', paidFen: 0, agentId: w.ids.agentA },
      { id: bPromise.promise.id, state: 'cancelled', paidFen: 0, agentId: w.ids.agentB },
      { id: aPromise.promise.id, state: 'pending', paidFen: 0, agentId: w.ids.agentA },
    ].sort((x, y) => x.id.localeCompare(y.id)));
    expect((await caseState(moved.id)).status).toBe('ptp');
    const pb = puts((await b.pullAll()).changes, 'promise');
    expect(pb.find((x) => x.id === aPromise.promise.id)).toMatchObject({ state: 'pending', agentId: String(w.ids.agentA), attemptId: aPromise.attemptId });
    expect(pb.find((x) => x.id === bPromise.promise.id)).toMatchObject({ state: 'cancelled' });
  });

  it.skipIf(!enabled)("accepting a refused 'kept' restores the promise the hub cancelled once the hub's own payments make it kept; the feed carries it to the desks", async () => {
    const c = freshCase();
    const a = await desk('agentA');
    // A's promise P1, then a newer P2 that replaces it; A's desk (offline) thought P1 was kept by a payment it had not sent yet.
    const p1 = ptp(c.id, 10_000);
    const p2 = ptp(c.id, 20_000, '2026-03-14');
    const at = w.now.t.toISOString();
    const r = await a.push([a.m('attempt.save', p1), a.m('attempt.save', p2), a.m('promise.transition', { promiseId: p1.promise.id, caseId: c.id, from: 'pending', to: 'kept', paidFen: 10_000, at })]);
    expect(r.body.rejected).toEqual([{ mutationId: 3, reason: 'invalidTransition' }]);
    const k = (await openConflicts(c.id)).find((x) => x.kind === 'promise.transition')!;
    expect(k.detail).toMatchObject({ promiseId: p1.promise.id, to: 'kept', hubState: 'cancelled' });
    // Nothing paid on the hub yet: refused naming why, nothing written, the conflict stays open.
    const before = await promisesOf(c.id);
    const refused = await resolve(k.id, 'accept');
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ error: { code: 'RULE_VIOLATION', params: { rule: 'ptp.paymentsDisagree', wanted: 'kept', derived: 'pending' } } });
    expect(await promisesOf(c.id)).toEqual(before);
    expect((await openConflicts(c.id)).map((x) => x.id)).toContain(k.id);
    // The payment reaches the hub: it counts for P2 (pending); P1 stays cancelled until the lead decides.
    expect((await a.push([a.m('payment.record', payment(c.id, 10_000))])).body.rejected).toEqual([]);
    expect((await promisesOf(c.id)).find((p) => p.id === p1.promise.id)).toMatchObject({ state: 'cancelled' });
    await a.pullAll();
    const acc = await resolve(k.id, 'accept');
    expect(acc.status, JSON.stringify(acc.body)).toBe(200);
    expect(acc.body.conflict).toMatchObject({ decision: 'accept' });
    const after = await promisesOf(c.id);
    expect(after.find((p) => p.id === p1.promise.id)).toMatchObject({ state: 'kept', paidFen: 10_000 });
    expect(after.find((p) => p.id === p2.promise.id)).toMatchObject({ state: 'pending', paidFen: 10_000 });
    expect((await caseState(c.id)).status).toBe('ptp');
    expect(puts((await a.pullAll()).changes, 'promise').find((x) => x.id === p1.promise.id)).toMatchObject({ state: 'kept', paidFen: 10_000 });
    const audited = await sql<{ detail: string }>("SELECT detail FROM admin_audit WHERE action = 'conflict.resolve' AND entity_id = ?", [k.id]);
    expect(audited.map((x) => JSON.parse(x.detail) as unknown)).toEqual([{ kind: 'promise.transition', caseId: c.id, decision: 'accept', resolution: '已采纳' }]);
  });
});
