/**
 * The hub is the authority: crafted pushes with an agent's token (what an attacker with a desk's
 * credentials could send) are checked again against the hub's own balance, settings, outcome
 * codes, scripts and payments, on both stores. Every refused mutation leaves no effect (balance,
 * promise states, case status), is recorded as a rejection that syncs back, and the mutations
 * after it in the same push are still applied.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoRows, type DemoRows } from '../../../shared/demo/generate';
import { REQUIRED_OPENING_STEP_IDS } from '../../../shared/domain/script-schema';
import type { Change } from '../../../shared/sync';
import type { Desk} from './harness';
import { call, makeWorld, PASSWORD, pgAvailable, type Kind, type World, deskOf, attemptArgs, ALL_STEPS } from './harness';

const pgOk = await pgAvailable();
if (!pgOk) console.warn('hub authority tests: no PostgreSQL reachable at 127.0.0.1:5432 — the PostgreSQL half is SKIPPED');

const TODAY = '2026-03-10'; // the world's clock: 2026-03-10 10:00 in Shanghai
/** Every required step of every stage of the default scripts (a save that ticks them all satisfies any stage). */

describe.each([
  ['sqlite', true],
  ['postgres', pgOk],
] as [Kind, boolean][])('the hub re-checks every mutation (%s)', (kind, enabled) => {
  let w: World;
  let rows: DemoRows;
  let other: DemoRows;
  let next = 0;
  /** A fresh, untouched case of agentA for each test. */
  const freshCase = () => rows.cases[next++]!;

  const attempt = (caseId: string, extra: Record<string, unknown> = {}) => attemptArgs(caseId, w.now.t, extra);
  const ptp = (caseId: string, promise: { amountFen: number; dueDate: string; createdDate?: string }) => ({
    ...attempt(caseId, { outcomeCode: 'PTP', party: 'self', stepsDone: ALL_STEPS }),
    promise: { id: randomUUID(), createdDate: TODAY, ...promise },
  });
  const payment = (caseId: string, amountFen: number, paidDate = TODAY) => ({ paymentId: randomUUID(), caseId, amountFen, paidDate, source: 'agent', at: w.now.t.toISOString() });
  const desk = (user = 'agentA'): Promise<Desk> => deskOf(w, user);
  const sql = <T>(text: string, params: (string | number)[] = []) => w.hub.store.read((q) => q.all<Record<string, unknown>>(text, params)) as Promise<T[]>;
  const write = (text: string, params: (string | number)[] = []) => w.hub.store.write((q) => q.run(text, params));
  /** What an effect would change on a case, numbers as numbers on both stores. */
  const caseState = async (id: string) => {
    const [c] = await sql<Record<string, unknown>>('SELECT status, balance_fen, overdue_fen, attempt_count, last_outcome_code, broken_promises FROM cases WHERE id = ?', [Number(id)]);
    return { status: c?.status, balanceFen: Number(c?.balance_fen), overdueFen: Number(c?.overdue_fen), attempts: Number(c?.attempt_count), lastOutcome: c?.last_outcome_code, broken: Number(c?.broken_promises) };
  };
  const promisesOf = async (caseId: string) =>
    (await sql<{ id: string; state: string; paid_fen: number; amount_fen: number }>('SELECT id, state, paid_fen, amount_fen FROM promises WHERE case_id = ? ORDER BY id', [Number(caseId)]))
      .map((p) => ({ id: p.id, state: p.state, paidFen: Number(p.paid_fen), amountFen: Number(p.amount_fen) }));
  const countWhere = async (table: string, col: string, id: string) => Number((await sql<{ n: number }>(`SELECT count(*) AS n FROM ${table} WHERE ${col} = ?`, [id]))[0]?.n ?? 0);
  /** The rejections the desk pulls back: [mutationId, reason, detail]. */
  const pulledRejections = async (d: Desk) =>
    (await d.pullAll()).changes.filter((c): c is Extract<Change, { op: 'put' }> => c.op === 'put' && c.entity === 'rejection' && c.row.deviceId === d.deviceId)
      .map((c) => [c.row.mutationId, c.row.reason, c.row.detail]);

  beforeAll(async () => {
    if (!enabled) return;
    w = await makeWorld(kind);
    rows = generateDemoRows({ cases: 16, firstId: 1000, agentId: String(w.ids.agentA), today: TODAY, history: 0, seed: 8 });
    other = generateDemoRows({ cases: 2, firstId: 3000, agentId: String(w.ids.agentC), today: TODAY, history: 0, seed: 9 });
    for (const [r, lead] of [[rows, 'lead1'], [other, 'lead2']] as const) {
      const up = await call(w.hub, 'POST', '/v1/admin/cases', r, await w.tokenOf(lead));
      expect(up.status, JSON.stringify(up.body)).toBe(200);
    }
  });
  afterAll(async () => {
    if (enabled) await w.close();
  });

  it.skipIf(!enabled)('a promise above the balance or dated 9999-12-31 is refused; nothing of it is stored, the next attempt is applied', async () => {
    const c = freshCase();
    const before = await caseState(c.id);
    const d = await desk();
    const over = ptp(c.id, { amountFen: c.balanceFen + 1, dueDate: '2026-03-12' });
    const far = ptp(c.id, { amountFen: 10_000, dueDate: '9999-12-31' });
    const past = ptp(c.id, { amountFen: 10_000, dueDate: '2026-03-09' });
    const forged = ptp(c.id, { amountFen: 10_000, dueDate: '2026-03-12', createdDate: '2000-01-01' }); // would count old payments toward it
    // A promise riding on a code that makes none is not stored (as on the desk); the attempt is.
    const later = attempt(c.id, { promise: { id: randomUUID(), amountFen: Number.MAX_SAFE_INTEGER, dueDate: '9999-12-31', createdDate: TODAY } });
    const r = await d.push([over, far, past, forged, later].map((a) => d.m('attempt.save', a)));
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ lastMutationId: 5, rejected: [1, 2, 3, 4].map((mutationId) => ({ mutationId, reason: 'ruleViolation' })) });
    expect(await pulledRejections(d)).toEqual([
      [1, 'ruleViolation', 'ptp.amountAboveBalance'], [2, 'ruleViolation', 'ptp.dateTooFar'], [3, 'ruleViolation', 'ptp.dateInPast'], [4, 'ruleViolation', 'ptp.createdDateInvalid'],
    ]);
    expect(await promisesOf(c.id)).toEqual([]);
    for (const a of [over, far, past, forged]) expect(await countWhere('attempts', 'id', a.attemptId)).toBe(0);
    expect(await caseState(c.id)).toEqual({ ...before, attempts: before.attempts + 1, lastOutcome: 'NO_ANSWER' });
    expect(await countWhere('attempts', 'id', later.attemptId)).toBe(1);
  });

  it.skipIf(!enabled)("the team's own settings bound promises: a shorter horizon refuses what the default allowed, and a broken time zone falls back instead of failing the push", async () => {
    const c = freshCase();
    await write("UPDATE settings SET value = ? WHERE team_id = ? AND key = 'ptpMaxDays'", ['5', w.teamId]);
    await write("UPDATE settings SET value = ? WHERE team_id = ? AND key = 'timeZone'", [JSON.stringify('Mars/Olympus'), w.teamId]);
    try {
      const d = await desk();
      const tooFar = ptp(c.id, { amountFen: 10_000, dueDate: '2026-03-16' });
      const ok = ptp(c.id, { amountFen: 10_000, dueDate: '2026-03-15' });
      const r = await d.push([d.m('attempt.save', tooFar), d.m('attempt.save', ok)]);
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      expect(r.body.rejected).toEqual([{ mutationId: 1, reason: 'ruleViolation' }]);
      expect(await pulledRejections(d)).toEqual([[1, 'ruleViolation', 'ptp.dateTooFar']]);
      expect(await promisesOf(c.id)).toEqual([{ id: ok.promise.id, state: 'pending', paidFen: 0, amountFen: 10_000 }]);
      expect((await caseState(c.id)).status).toBe('ptp');
    } finally {
      await write("UPDATE settings SET value = ? WHERE team_id = ? AND key = 'ptpMaxDays'", ['30', w.teamId]);
      await write("UPDATE settings SET value = ? WHERE team_id = ? AND key = 'timeZone'", [JSON.stringify('Asia/Shanghai'), w.teamId]);
    }
  });

  it.skipIf(!enabled)('a payment of 2^53-1, one on a closed case, one above the balance, in the future or absurdly old changes no balance; the next payment is applied', async () => {
    const closed = freshCase();
    const open = freshCase();
    await write("UPDATE cases SET status = 'closed' WHERE id = ?", [Number(closed.id)]);
    const beforeClosed = await caseState(closed.id);
    const beforeOpen = await caseState(open.id);
    const d = await desk();
    const list = [
      payment(closed.id, Number.MAX_SAFE_INTEGER),
      payment(closed.id, 1_000),
      payment(open.id, open.balanceFen + 1),
      payment(open.id, 1_000, '2026-03-11'),
      payment(open.id, 1_000, '9999-12-31'),
      payment(open.id, 1_000, '1900-01-01'),
      payment(open.id, 1_000, '2026-02-01'), // before the case was entrusted (2026-02-18)
      payment(open.id, 1_000),
    ];
    const r = await d.push(list.map((p) => d.m('payment.record', p)));
    expect(r.status).toBe(200);
    expect(r.body.rejected).toEqual([1, 2, 3, 4, 5, 6, 7].map((mutationId) => ({ mutationId, reason: 'ruleViolation' })));
    expect(await pulledRejections(d)).toEqual([
      [1, 'ruleViolation', 'payment.amountAboveBalance'], [2, 'ruleViolation', 'payment.caseClosed'], [3, 'ruleViolation', 'payment.amountAboveBalance'],
      [4, 'ruleViolation', 'payment.dateInFuture'], [5, 'ruleViolation', 'payment.dateInFuture'], [6, 'ruleViolation', 'payment.dateTooOld'], [7, 'ruleViolation', 'payment.dateTooOld'],
    ]);
    for (const p of list.slice(0, 7)) expect(await countWhere('payments', 'id', p.paymentId)).toBe(0);
    expect(await caseState(closed.id)).toEqual(beforeClosed);
    expect(await caseState(open.id)).toEqual({ ...beforeOpen, balanceFen: beforeOpen.balanceFen - 1_000, overdueFen: beforeOpen.overdueFen - 1_000 });
    // Zero and negative amounts never get past the schema.
    const z = await d.push([d.m('payment.record', payment(open.id, 0)), d.m('payment.record', payment(open.id, -5))]);
    expect(z.body.rejected).toEqual([{ mutationId: 9, reason: 'invalidArgs' }, { mutationId: 10, reason: 'invalidArgs' }]);
    expect((await caseState(open.id)).balanceFen).toBe(beforeOpen.balanceFen - 1_000);
  });

  it.skipIf(!enabled)('promise.transition to kept with an invented paid amount is a conflict; the hub keeps its own state, and derives kept itself from a real payment', async () => {
    const c = freshCase();
    const d = await desk();
    const made = ptp(c.id, { amountFen: 20_000, dueDate: '2026-03-15' });
    const promiseId = made.promise.id;
    expect((await d.push([d.m('attempt.save', made)])).body.rejected).toEqual([]);
    const before = await caseState(c.id);
    expect(before.status).toBe('ptp');
    const at = w.now.t.toISOString();
    const r = await d.push([
      d.m('promise.transition', { promiseId, caseId: c.id, from: 'pending', to: 'kept', paidFen: 20_000, at }),
      d.m('promise.transition', { promiseId, caseId: c.id, from: 'pending', to: 'broken', paidFen: 0, at }), // not yet due on the hub
      d.m('attempt.save', attempt(c.id)),
    ]);
    expect(r.body.rejected).toEqual([{ mutationId: 2, reason: 'invalidTransition' }, { mutationId: 3, reason: 'invalidTransition' }]);
    expect(await promisesOf(c.id)).toEqual([{ id: promiseId, state: 'pending', paidFen: 0, amountFen: 20_000 }]);
    expect(await caseState(c.id)).toEqual({ ...before, attempts: before.attempts + 1, lastOutcome: 'NO_ANSWER' });
    const pulled = (await d.pullAll()).changes;
    expect(pulled.filter((x) => x.op === 'put' && x.entity === 'rejection' && x.row.deviceId === d.deviceId).map((x) => (x.op === 'put' ? [x.row.mutationId, x.row.reason] : []))).toEqual([[2, 'invalidTransition'], [3, 'invalidTransition']]);
    // The desk gets the hub's row back, so it shows the hub's state.
    expect(pulled.find((x) => x.op === 'put' && x.entity === 'promise' && x.row.id === promiseId)).toMatchObject({ row: { state: 'pending', paidFen: 0 } });
    const lead = await desk('lead1');
    const conflicts = (await lead.pullAll()).changes.filter((x) => x.op === 'put' && x.entity === 'conflict' && x.row.caseId === c.id);
    expect(conflicts.map((x) => (x.op === 'put' ? x.row.detail : null))).toEqual([
      expect.objectContaining({ promiseId, to: 'kept', paidFen: 20_000, hubState: 'pending', hubDerived: 'pending', hubPaidFen: 0 }),
      expect.objectContaining({ promiseId, to: 'broken', hubState: 'pending', hubDerived: 'pending' }),
    ]);
    // Real money: the payment makes it kept on the hub, with the hub's own sum; the desk's later claim is then a no-op.
    const r2 = await d.push([d.m('payment.record', payment(c.id, 8_000)), d.m('payment.record', payment(c.id, 12_000)),
      d.m('promise.transition', { promiseId, caseId: c.id, from: 'pending', to: 'kept', paidFen: 999_999, at })]);
    expect(r2.body.rejected).toEqual([]);
    expect(await promisesOf(c.id)).toEqual([{ id: promiseId, state: 'kept', paidFen: 20_000, amountFen: 20_000 }]);
    expect((await caseState(c.id)).status).toBe('open');
  });

  it.skipIf(!enabled)('a payment counts toward one promise on the hub: the newer one, not the one it replaced (shared allocation rule)', async () => {
    const c = freshCase();
    const d = await desk();
    const first = ptp(c.id, { amountFen: 10_000, dueDate: '2026-03-14' });
    const second = ptp(c.id, { amountFen: 10_000, dueDate: '2026-03-12' });
    expect((await d.push([d.m('attempt.save', first), d.m('attempt.save', second), d.m('payment.record', payment(c.id, 10_000))])).body.rejected).toEqual([]);
    const byId = new Map((await promisesOf(c.id)).map((p) => [p.id, p]));
    expect(byId.get(first.promise.id)).toMatchObject({ state: 'cancelled', paidFen: 0 });
    expect(byId.get(second.promise.id)).toMatchObject({ state: 'kept', paidFen: 10_000 });
  });

  it.skipIf(!enabled)('a transition the hub can derive is applied from its own data: broken once due + grace has passed on the hub', async () => {
    const c = freshCase();
    const d = await desk();
    const made = ptp(c.id, { amountFen: 20_000, dueDate: '2026-03-11' });
    const promiseId = made.promise.id;
    expect((await d.push([d.m('attempt.save', made)])).body.rejected).toEqual([]);
    const t0 = w.now.t;
    w.now.t = new Date('2026-03-13T02:00:00.000Z'); // due 03-11, grace 1: broken from 03-13
    try {
      const login = await call(w.hub, 'POST', '/v1/auth/login', { username: 'agentA', password: PASSWORD, deviceId: d.deviceId }); // the first token has expired
      (d as { token: string }).token = login.body.token as string;
      const r = await d.push([d.m('promise.transition', { promiseId, caseId: c.id, from: 'pending', to: 'broken', paidFen: 5, at: w.now.t.toISOString() })]);
      expect(r.body.rejected).toEqual([]);
      expect(await promisesOf(c.id)).toEqual([{ id: promiseId, state: 'broken', paidFen: 0, amountFen: 20_000 }]);
      expect(await caseState(c.id)).toMatchObject({ status: 'open', broken: 1 });
    } finally {
      w.now.t = t0;
    }
  });

  it.skipIf(!enabled)('an unknown outcome code containing HTML is refused and stored nowhere; the lead never sees it as a label', async () => {
    const c = freshCase();
    const before = await caseState(c.id);
    const d = await desk();
    const html = attempt(c.id, { outcomeCode: '<img src=x onerror=alert(1)>', party: 'self' });
    const later = attempt(c.id);
    const r = await d.push([d.m('attempt.save', html), d.m('attempt.save', later)]);
    expect(r.body.rejected).toEqual([{ mutationId: 1, reason: 'ruleViolation' }]);
    expect(await pulledRejections(d)).toEqual([[1, 'ruleViolation', 'outcome.unknown']]);
    expect(await countWhere('attempts', 'outcome_code', html.outcomeCode)).toBe(0);
    expect(await caseState(c.id)).toEqual({ ...before, attempts: before.attempts + 1, lastOutcome: 'NO_ANSWER' });
    const lead = await desk('lead1');
    const seen = (await lead.pullAll()).changes.filter((x) => x.op === 'put' && (x.entity === 'attempt' || x.entity === 'case') && JSON.stringify(x.row).includes('<img'));
    expect(seen).toEqual([]);
  });

  it.skipIf(!enabled)("right-party outcomes need the party and the team script's required steps for the case's bucket; a foreign phone is refused", async () => {
    const c = freshCase();
    const before = await caseState(c.id);
    const foreignPhone = other.phones[0]!.id;
    const d = await desk();
    const list = [
      attempt(c.id, { outcomeCode: 'REFUSES', party: 'none' }),
      attempt(c.id, { outcomeCode: 'REFUSES', party: 'self', stepsDone: [...REQUIRED_OPENING_STEP_IDS] }),
      attempt(c.id, { outcomeCode: 'PLAN_REQUESTED', party: 'spouse' }), // needs a follow-up
      attempt(c.id, { phoneId: foreignPhone }),
      attempt(c.id, { outcomeCode: 'REFUSES', party: 'self', stepsDone: ALL_STEPS }),
    ];
    const r = await d.push(list.map((a) => d.m('attempt.save', a)));
    expect(r.body.rejected).toEqual([1, 2, 3, 4].map((mutationId) => ({ mutationId, reason: 'ruleViolation' })));
    expect(await pulledRejections(d)).toEqual([
      [1, 'ruleViolation', 'party.required'], [2, 'ruleViolation', 'steps.required'], [3, 'ruleViolation', 'followUp.required'], [4, 'ruleViolation', 'phone.notOnCase'],
    ]);
    const after = await caseState(c.id);
    expect(after).toEqual({ ...before, attempts: before.attempts + 1, lastOutcome: 'REFUSES' });
    const [tags] = await sql<{ tags: string; refusals: number }>('SELECT tags, refusals FROM cases WHERE id = ?', [Number(c.id)]);
    expect(JSON.parse(tags!.tags)).toEqual(['refuses']);
    expect(Number(tags!.refusals)).toBe(1);
  });

  it.skipIf(!enabled)('a team without scripts requires the opening steps every script starts with', async () => {
    await write('DELETE FROM scripts WHERE team_id = ?', [w.otherTeamId]);
    const c = other.cases[0]!;
    const d = await desk('agentC');
    const r = await d.push([
      d.m('attempt.save', attempt(c.id, { outcomeCode: 'REFUSES', party: 'self', stepsDone: ['open.identify', 'open.recording'] })),
      d.m('attempt.save', attempt(c.id, { outcomeCode: 'REFUSES', party: 'self', stepsDone: [...REQUIRED_OPENING_STEP_IDS] })),
    ]);
    expect(r.body.rejected).toEqual([{ mutationId: 1, reason: 'ruleViolation' }]);
    expect(await pulledRejections(d)).toEqual([[1, 'ruleViolation', 'steps.required']]);
    expect(await caseState(c.id)).toMatchObject({ attempts: 1, lastOutcome: 'REFUSES' });
  });
});
