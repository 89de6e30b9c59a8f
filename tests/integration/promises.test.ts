import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addCase, attemptInput, openTestDesk, requiredSteps, type TestDesk } from '../fixtures/desk';

let t: TestDesk;
let caseId: number;
let promiseId: string;
const state = (id: string) => t.desk.ctx.db.prepare('SELECT state, paid_fen FROM promises WHERE id = ?').get(id);
const kase = () => t.desk.ctx.db.prepare('SELECT status, balance_fen, broken_promises, priority, next_due_at, last_payment_date, last_payment_fen FROM cases WHERE id = ?').get(caseId) as Record<string, unknown>;

beforeEach(async () => {
  t = await openTestDesk();
  ({ caseId } = addCase(t, { agentId: t.agentId, balanceFen: 1_000_000, overdueFen: 300_000 }));
  const steps = await requiredSteps(t, caseId);
  const r = await t.call('attempt.save', attemptInput(caseId, { outcomeCode: 'PTP', party: 'self', stepsDone: steps, ptp: { amountFen: 100_000, dueDate: '2026-03-12' } }));
  promiseId = r.promiseId ?? '';
});
afterEach(() => t.close());

describe('payments and promises', () => {
  it('a full payment keeps the promise at once and updates the case', async () => {
    const r = await t.call('payment.record', { caseId: String(caseId), amountFen: 100_000, paidDate: '2026-03-10' });
    expect(r.promises[0]).toMatchObject({ id: promiseId, state: 'kept', paidFen: 100_000 });
    expect(kase()).toMatchObject({ status: 'open', balance_fen: 900_000, last_payment_date: '2026-03-10', last_payment_fen: 100_000, next_due_at: null });
    expect(t.count('outbox', "name = 'payment.record'")).toBe(1);
    expect(t.count('outbox', "name = 'promise.transition'")).toBe(1);
  });

  it('a payment shows as paid on one promise only: the new one, not the one it replaced (history and case)', async () => {
    const steps = await requiredSteps(t, caseId);
    const second = await t.call('attempt.save', attemptInput(caseId, { outcomeCode: 'PTP', party: 'self', stepsDone: steps, ptp: { amountFen: 100_000, dueDate: '2026-03-11' } }));
    await t.call('payment.record', { caseId: String(caseId), amountFen: 100_000, paidDate: '2026-03-10' });
    expect(state(promiseId)).toEqual({ state: 'cancelled', paid_fen: 0 });
    expect(state(second.promiseId ?? '')).toEqual({ state: 'kept', paid_fen: 100_000 });
    const d = await t.call('case.get', { caseId: String(caseId) });
    const paidOn = d.timeline.flatMap((e) => (e.kind === 'promise' && e.promise.paidFen > 0 ? [e.promise.id] : []));
    expect(paidOn).toEqual([second.promiseId]);
    // history says who recorded the payment
    expect(d.timeline.find((e) => e.kind === 'payment')).toMatchObject({ amountFen: 100_000, recordedBy: '测试员' });
  });

  it('a part payment leaves it pending, then partial after due date + grace', async () => {
    await t.call('payment.record', { caseId: String(caseId), amountFen: 40_000, paidDate: '2026-03-10' });
    expect(state(promiseId)).toEqual({ state: 'pending', paid_fen: 40_000 });
    t.clock.set('2026-03-13T02:00:00.000Z'); // due 12th + 1 day grace: still counts
    t.desk.tick();
    expect(state(promiseId)).toEqual({ state: 'pending', paid_fen: 40_000 });
    t.clock.set('2026-03-13T16:30:00.000Z'); // 14th in Shanghai
    t.desk.tick();
    expect(state(promiseId)).toEqual({ state: 'partial', paid_fen: 40_000 });
    expect(kase()).toMatchObject({ broken_promises: 0, status: 'open' });
  });

  it('the sweep breaks an unpaid promise after the grace period and raises priority', async () => {
    const before = kase().priority as number;
    const events: string[] = [];
    t.desk.on('queue.changed', (e) => events.push(e.reason));
    t.clock.set('2026-03-13T15:59:00.000Z'); // 13th 23:59 Shanghai: within grace
    t.desk.tick();
    expect(state(promiseId)).toMatchObject({ state: 'pending' });
    t.clock.set('2026-03-13T16:00:00.000Z'); // 14th 00:00
    t.desk.tick();
    expect(state(promiseId)).toMatchObject({ state: 'broken', paid_fen: 0 });
    await t.desk.idle();
    const after = kase();
    expect(after).toMatchObject({ broken_promises: 1, status: 'open', next_due_at: null });
    expect(after.priority as number).toBeGreaterThan(before);
    expect(events).toContain('day.changed');
    const d = await t.call('case.get', { caseId: String(caseId) });
    expect(d.case.brokenPromises).toBe(1);
    // a late payment does not revive a broken promise
    await t.call('payment.record', { caseId: String(caseId), amountFen: 100_000, paidDate: '2026-03-14' });
    expect(state(promiseId)).toMatchObject({ state: 'broken' });
  });

  it('the sweep runs at start-up too', async () => {
    t.close();
    t.clock.set('2026-03-20T02:00:00.000Z');
    t = await openTestDesk({ dataDir: t.dir, clock: t.clock });
    expect(state(promiseId)).toMatchObject({ state: 'broken' });
  });

  it('refuses bad payments', async () => {
    for (const [input, rule] of [
      [{ amountFen: 0, paidDate: '2026-03-10' }, 'payment.amountPositive'],
      [{ amountFen: 2_000_000, paidDate: '2026-03-10' }, 'payment.amountAboveBalance'],
      [{ amountFen: 100, paidDate: '2026-03-11' }, 'payment.dateInFuture'],
    ] as const) {
      expect(await t.desk.invoke('payment.record', { caseId: String(caseId), ...input })).toMatchObject({ ok: false, error: { code: 'VALIDATION', rule } });
    }
    expect(t.count('payments')).toBe(0);
  });

  it('refuses a negative amount, an impossible date, and a case not assigned to the agent; writes nothing', async () => {
    const bad = async (input: Record<string, unknown>) => t.desk.invoke('payment.record', { caseId: String(caseId), amountFen: 100, paidDate: '2026-03-10', ...input });
    expect(await bad({ amountFen: -100 })).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'amountFen', rule: 'payment.amountPositive' } });
    expect(await bad({ paidDate: '2026-02-30' })).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'paidDate', rule: 'payment.dateInvalid' } });
    expect(await bad({ amountFen: 1_000_001 })).toMatchObject({
      ok: false, error: { code: 'VALIDATION', field: 'amountFen', rule: 'payment.amountAboveBalance', params: { balanceFen: 1_000_000 } },
    });
    expect(await bad({ amountFen: 100.5 })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'amountFen' } });
    const { caseId: theirs } = addCase(t, { agentId: t.otherAgentId, balanceFen: 500_000 });
    expect(await t.desk.invoke('payment.record', { caseId: String(theirs), amountFen: 100, paidDate: '2026-03-10' }))
      .toMatchObject({ ok: false, error: { code: 'FORBIDDEN', rule: 'case.notAssigned' } });
    expect(await t.desk.invoke('payment.record', { caseId: '999999', amountFen: 100, paidDate: '2026-03-10' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(t.count('payments')).toBe(0);
    expect(t.count('outbox', "name = 'payment.record'")).toBe(0);
    expect(kase()).toMatchObject({ balance_fen: 1_000_000, last_payment_date: null });
  });

  it("'today' is the desk's day, not UTC's: past 16:00 UTC the next Shanghai date is allowed", async () => {
    t.clock.set('2026-03-10T17:00:00.000Z'); // 2026-03-11 01:00 in Shanghai
    const r = await t.call('payment.record', { caseId: String(caseId), amountFen: 100_000, paidDate: '2026-03-11' });
    expect(r.promises[0]).toMatchObject({ id: promiseId, state: 'kept' });
    expect(await t.desk.invoke('payment.record', { caseId: String(caseId), amountFen: 100, paidDate: '2026-03-12' }))
      .toMatchObject({ ok: false, error: { field: 'paidDate', rule: 'payment.dateInFuture' } });
  });

  it('the payment, the case update and its outbox row commit together or not at all', async () => {
    const outboxBefore = t.count('outbox');
    // make the outbox write fail inside the transaction: the payment must roll back with it
    t.desk.ctx.db.prepare('DELETE FROM sync_state WHERE id = 1').run();
    const r = await t.desk.invoke('payment.record', { caseId: String(caseId), amountFen: 100_000, paidDate: '2026-03-10' });
    expect(r).toMatchObject({ ok: false, error: { code: 'INTERNAL' } }); // writeOutbox: 'sync_state row missing'
    expect(t.count('payments')).toBe(0);
    expect(t.count('outbox')).toBe(outboxBefore);
    expect(state(promiseId)).toEqual({ state: 'pending', paid_fen: 0 });
    expect(kase()).toMatchObject({ balance_fen: 1_000_000, last_payment_date: null });
  });

  it('refuses a payment on a closed case and one dated absurdly far back (the rules the hub checks again)', async () => {
    const { caseId: closed } = addCase(t, { agentId: t.agentId, balanceFen: 500_000, status: 'closed' });
    expect(await t.desk.invoke('payment.record', { caseId: String(closed), amountFen: 100, paidDate: '2026-03-10' }))
      .toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'caseId', rule: 'payment.caseClosed' } });
    expect(await t.desk.invoke('payment.record', { caseId: String(caseId), amountFen: 100, paidDate: '1900-01-01' }))
      .toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'paidDate', rule: 'payment.dateTooOld' } });
    expect(t.count('payments')).toBe(0);
    expect(t.count('outbox', "name = 'payment.record'")).toBe(0);
  });

  it('paying the whole balance marks the case paid', async () => {
    await t.call('payment.record', { caseId: String(caseId), amountFen: 1_000_000, paidDate: '2026-03-10' });
    expect(kase()).toMatchObject({ status: 'paid', balance_fen: 0 });
    expect((await t.call('queue.list', {})).items.map((i) => i.caseId)).not.toContain(String(caseId));
  });
});

describe("the agent's figures for today", () => {
  it('counts today\'s calls, contacts, promises and money collected on the agent\'s cases', async () => {
    // beforeEach saved one PTP call (party self, a contact) on 2026-03-10
    await t.call('attempt.save', attemptInput(caseId, {}));
    await t.call('payment.record', { caseId: String(caseId), amountFen: 30_000, paidDate: '2026-03-10' });
    expect(await t.call('queue.today', {})).toEqual({ calls: 2, contacts: 1, ptps: 1, collectedFen: 30_000 });
    t.clock.set('2026-03-10T16:30:00.000Z'); // the 11th in Shanghai: a new day
    expect(await t.call('queue.today', {})).toEqual({ calls: 0, contacts: 0, ptps: 0, collectedFen: 0 });
  });
});
