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

  it('paying the whole balance marks the case paid', async () => {
    await t.call('payment.record', { caseId: String(caseId), amountFen: 1_000_000, paidDate: '2026-03-10' });
    expect(kase()).toMatchObject({ status: 'paid', balance_fen: 0 });
    expect((await t.call('queue.list', {})).items.map((i) => i.caseId)).not.toContain(String(caseId));
  });
});
