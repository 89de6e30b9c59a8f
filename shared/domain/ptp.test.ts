import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { PromiseState } from './enums';
import type { PaymentFact, PromiseFacts } from './ptp';
import { canTransition, caseStatusAfterPromises, evaluateCasePromises, evaluatePromise, paidTowardPromise, promiseDeadline, type CasePromise } from './ptp';
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
      { id: 'c', from: 'cancelled', to: 'cancelled', paidFen: 30_000 },
      { id: 'd', from: 'broken', to: 'broken', paidFen: 30_000 },
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
