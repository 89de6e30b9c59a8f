import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { PromiseState } from './enums';
import type { PaymentFact, PromiseFacts } from './ptp';
import { allocatePayments, canTransition, caseStatusAfterPromises, evaluateCasePromises, evaluatePromise, paidTowardPromise, promiseDeadline, type CasePromise } from './ptp';
import { addDays } from './dates';

// promise of ¥1,000 made 2026-03-01, due 2026-03-10; grace 1 -> payments count until 03-11, broken from 03-12
const p: PromiseFacts = { amountFen: 100_000, dueDate: '2026-03-10', createdDate: '2026-03-01', state: 'pending' };
const pay = (amountFen: number, paidDate: string): PaymentFact => ({ amountFen, paidDate });

describe('evaluatePromise', () => {
  it('stays pending until the deadline passes', () => {
    expect(evaluatePromise(p, [], '2026-03-05', 1)).toEqual({ state: 'pending', paidFen: 0 });
    expect(evaluatePromise(p, [], '2026-03-10', 1)).toEqual({ state: 'pending', paidFen: 0 });
    expect(evaluatePromise(p, [], '2026-03-11', 1)).toEqual({ state: 'pending', paidFen: 0 });
  });
  it('broken the day after due + grace when nothing was paid', () => {
    expect(evaluatePromise(p, [], '2026-03-12', 1)).toEqual({ state: 'broken', paidFen: 0 });
    expect(evaluatePromise(p, [], '2026-03-11', 0)).toEqual({ state: 'broken', paidFen: 0 });
    expect(evaluatePromise(p, [], '2026-03-13', 3)).toEqual({ state: 'pending', paidFen: 0 });
  });
  it('partial when some but not all was paid in the window', () => {
    expect(evaluatePromise(p, [pay(40_000, '2026-03-09')], '2026-03-12', 1)).toEqual({ state: 'partial', paidFen: 40_000 });
    expect(evaluatePromise(p, [pay(40_000, '2026-03-09')], '2026-03-11', 1)).toEqual({ state: 'pending', paidFen: 40_000 });
  });
  it('kept as soon as the amount is reached, even before the due date', () => {
    expect(evaluatePromise(p, [pay(100_000, '2026-03-02')], '2026-03-02', 1)).toEqual({ state: 'kept', paidFen: 100_000 });
    expect(evaluatePromise(p, [pay(60_000, '2026-03-02'), pay(50_000, '2026-03-11')], '2026-03-20', 1))
      .toEqual({ state: 'kept', paidFen: 110_000 });
  });
  it('a payment in the grace day counts; one after it or before the promise does not', () => {
    expect(evaluatePromise(p, [pay(100_000, '2026-03-11')], '2026-03-12', 1).state).toBe('kept');
    expect(evaluatePromise(p, [pay(100_000, '2026-03-12')], '2026-03-12', 1)).toEqual({ state: 'broken', paidFen: 0 });
    expect(evaluatePromise(p, [pay(100_000, '2026-02-28')], '2026-03-12', 1)).toEqual({ state: 'broken', paidFen: 0 });
    expect(evaluatePromise(p, [pay(100_000, '2026-03-01')], '2026-03-01', 1).state).toBe('kept');
  });
  it('terminal states never change', () => {
    for (const state of ['kept', 'partial', 'broken', 'cancelled'] as const) {
      expect(evaluatePromise({ ...p, state }, [pay(100_000, '2026-03-05')], '2026-03-05', 1).state).toBe(state);
      expect(evaluatePromise({ ...p, state }, [], '2026-04-30', 1).state).toBe(state);
    }
    // a late payment does not lift a broken promise
    expect(evaluatePromise({ ...p, state: 'broken' }, [pay(100_000, '2026-03-20')], '2026-03-20', 1)).toEqual({ state: 'broken', paidFen: 0 });
  });
  it('deadline across a leap day', () => {
    expect(promiseDeadline('2028-02-28', 1)).toBe('2028-02-29');
    expect(paidTowardPromise({ createdDate: '2028-02-01', dueDate: '2028-02-28' }, [pay(5, '2028-02-29'), pay(7, '2028-03-01')], 1)).toBe(5);
  });

  const dateArb = fc.integer({ min: 0, max: 60 }).map((n) => addDays('2026-03-01', n));
  it('properties: state agrees with the paid sum and the deadline', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.integer({ min: 0, max: 30 }),
        fc.array(fc.record({ amountFen: fc.integer({ min: 1, max: 600_000 }), paidDate: dateArb }), { maxLength: 5 }),
        dateArb,
        fc.integer({ min: 0, max: 5 }),
        (amountFen, dueIn, payments, today, grace) => {
          const promise: PromiseFacts = { amountFen, createdDate: '2026-03-01', dueDate: addDays('2026-03-01', dueIn), state: 'pending' };
          const r = evaluatePromise(promise, payments, today, grace);
          const deadline = addDays(promise.dueDate, grace);
          const expectedPaid = payments.filter((x) => x.paidDate <= deadline).reduce((s, x) => s + x.amountFen, 0);
          expect(r.paidFen).toBe(expectedPaid);
          if (expectedPaid >= amountFen) expect(r.state).toBe('kept');
          else if (today <= deadline) expect(r.state).toBe('pending');
          else expect(r.state).toBe(expectedPaid === 0 ? 'broken' : 'partial');
          // once out of pending, re-evaluating later never changes it
          if (r.state !== 'pending') {
            expect(evaluatePromise({ ...promise, state: r.state }, payments, addDays(today, 30), grace).state).toBe(r.state);
          }
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('canTransition', () => {
  it('only out of pending', () => {
    for (const from of PromiseState.options) {
      for (const to of PromiseState.options) {
        const expected = from === 'pending' && to !== 'pending';
        expect(canTransition(from, to), `${from} -> ${to}`).toBe(expected);
      }
    }
  });
});

describe('evaluateCasePromises', () => {
  const cp = (id: string, over: Partial<CasePromise> = {}): CasePromise => ({ ...p, id, paidFen: 0, ...over });
  it('reports state moves and paid-only changes, the broken count and what stays pending', () => {
    const r = evaluateCasePromises(
      [cp('a'), cp('b', { dueDate: '2026-03-20' }), cp('c', { state: 'cancelled' }), cp('d', { state: 'broken' })],
      [pay(30_000, '2026-03-05')],
      '2026-03-12',
      1,
    );
    expect(r.changes).toEqual([
      { id: 'a', from: 'pending', to: 'partial', paidFen: 30_000 },
      { id: 'b', from: 'pending', to: 'pending', paidFen: 30_000 },
    ]);
    expect(r).toMatchObject({ broken: 0, moved: true, pendingLeft: 1 });
  });
  it('nothing to do when every state and sum already agrees', () => {
    expect(evaluateCasePromises([cp('a', { paidFen: 0 })], [], '2026-03-05', 1)).toEqual({ changes: [], broken: 0, moved: false, pendingLeft: 1 });
    expect(evaluateCasePromises([], [], '2026-03-05', 1)).toEqual({ changes: [], broken: 0, moved: false, pendingLeft: 0 });
  });
  it('counts a promise that becomes broken, never one already broken', () => {
    expect(evaluateCasePromises([cp('a'), cp('b', { state: 'broken' })], [], '2026-03-12', 1)).toMatchObject({ broken: 1, moved: true, pendingLeft: 0 });
  });
});

describe('allocatePayments', () => {
  const cp = (id: string, over: Partial<CasePromise> = {}): CasePromise => ({ ...p, id, paidFen: 0, ...over });
  it('a payment counts toward one promise: the pending one, not the one it replaced', () => {
    // A made 03-01, replaced 03-03 by B; ¥1,000 paid 03-05 lies in both windows.
    const a = cp('a', { state: 'cancelled', createdDate: '2026-03-01', dueDate: '2026-03-10' });
    const b = cp('b', { createdDate: '2026-03-03', dueDate: '2026-03-08' });
    const paid = allocatePayments([a, b], [pay(100_000, '2026-03-05')], 1);
    expect(Object.fromEntries(paid)).toEqual({ a: 0, b: 100_000 });
    const r = evaluateCasePromises([a, b], [pay(100_000, '2026-03-05')], '2026-03-05', 1);
    expect(r.changes).toEqual([{ id: 'b', from: 'pending', to: 'kept', paidFen: 100_000 }]);
  });
  it('a payment made before the replacement stays with the replaced promise', () => {
    const a = cp('a', { state: 'cancelled', createdDate: '2026-03-01', dueDate: '2026-03-10' });
    const b = cp('b', { createdDate: '2026-03-03', dueDate: '2026-03-08' });
    expect(Object.fromEntries(allocatePayments([a, b], [pay(40_000, '2026-03-02'), pay(10_000, '2026-03-04')], 1))).toEqual({ a: 40_000, b: 10_000 });
  });
  it('among closed promises the newest covering the date takes it; same day: the later created', () => {
    const k = cp('k', { state: 'kept', createdDate: '2026-03-01', dueDate: '2026-03-10' });
    const l = cp('l', { state: 'broken', createdDate: '2026-03-04', dueDate: '2026-03-10' });
    expect(Object.fromEntries(allocatePayments([l, k], [pay(5, '2026-03-05'), pay(7, '2026-03-02')], 1))).toEqual({ k: 7, l: 5 });
    const x = cp('x', { state: 'cancelled', createdAt: '2026-03-01T02:00:00.000Z' });
    const y = cp('y', { state: 'cancelled', createdAt: '2026-03-01T03:00:00.000Z' });
    expect(Object.fromEntries(allocatePayments([y, x], [pay(9, '2026-03-02')], 1))).toEqual({ x: 0, y: 9 });
  });
  it('a pending promise counts what paidTowardPromise counts (states never depend on the allocation)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ amountFen: fc.integer({ min: 1, max: 1000 }), paidDate: fc.integer({ min: 0, max: 40 }).map((d) => addDays('2026-03-01', d)) }), { maxLength: 6 }),
        fc.array(fc.record({ created: fc.integer({ min: 0, max: 30 }), due: fc.integer({ min: 0, max: 10 }), state: fc.constantFrom('kept', 'broken', 'cancelled', 'partial') }), { maxLength: 4 }),
        (payments, closed) => {
          const pending = cp('pending', { createdDate: '2026-03-10', dueDate: '2026-03-20' });
          const others = closed.map((c, i) => cp(`c${i}`, { state: c.state as CasePromise['state'], createdDate: addDays('2026-03-01', c.created), dueDate: addDays('2026-03-01', c.created + c.due) }));
          const paid = allocatePayments([...others, pending], payments, 1);
          expect(paid.get('pending')).toBe(paidTowardPromise(pending, payments, 1));
          const total = [...paid.values()].reduce((s, v) => s + v, 0);
          expect(total).toBeLessThanOrEqual(payments.reduce((s, v) => s + v.amountFen, 0));
        },
      ),
    );
  });
});

describe('caseStatusAfterPromises', () => {
  it('a ptp case without a pending promise goes back to open, or paid when nothing is owed', () => {
    expect(caseStatusAfterPromises('ptp', 0, 10)).toBe('open');
    expect(caseStatusAfterPromises('ptp', 0, 0)).toBe('paid');
    expect(caseStatusAfterPromises('ptp', 1, 0)).toBe('ptp');
  });
  it('any other status stays', () => {
    for (const s of ['open', 'hold', 'paid', 'closed']) expect(caseStatusAfterPromises(s, 0, 0)).toBe(s);
  });
});
