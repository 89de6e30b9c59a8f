import { describe, expect, it } from 'vitest';
import { LatePaymentDetail, LatePromiseDetail, TransitionDetail, checkAcceptedTransition, checkLatePromise } from './late-work';

const promise = { amountFen: 50_000, dueDate: '2026-03-15', createdDate: '2026-03-10' };

describe('a late promise a lead accepts', () => {
  it('passes on an open case when it fits the current balance and its horizon from the day it was made', () => {
    expect(checkLatePromise(promise, { balanceFen: 50_000, status: 'ptp' }, 30)).toEqual([]);
  });
  it('is judged on the balance as it is now, from its own day, and refused on a closed or paid case', () => {
    expect(checkLatePromise(promise, { balanceFen: 49_999, status: 'open' }, 30).map((v) => v.rule)).toEqual(['ptp.amountAboveBalance']);
    expect(checkLatePromise({ ...promise, dueDate: '2026-03-16' }, { balanceFen: 90_000, status: 'open' }, 5).map((v) => v.rule)).toEqual(['ptp.dateTooFar']);
    expect(checkLatePromise({ ...promise, dueDate: '2026-03-09' }, { balanceFen: 90_000, status: 'open' }, 30).map((v) => v.rule)).toEqual(['ptp.dateInPast']);
    expect(checkLatePromise(promise, { balanceFen: 90_000, status: 'closed' }, 30)).toEqual([{ field: 'caseId', rule: 'ptp.caseClosed', params: { status: 'closed' } }]);
  });
});

describe('late work details', () => {
  const origin = { agentId: '7', at: '2026-03-10T02:12:00.000Z', deviceId: 'dev-12345678', mutationId: 3 };
  it('read back what the hub files, and refuse anything else', () => {
    const id = '5b0a4c4e-4a35-4d4b-9a3e-3f1f3f7b6f11';
    expect(LatePromiseDetail.safeParse({ attemptId: id, outcomeCode: 'PTP', promise: { id, ...promise }, ...origin }).success).toBe(true);
    expect(LatePaymentDetail.safeParse({ paymentId: id, amountFen: 100, paidDate: '2026-03-10', ...origin }).success).toBe(true);
    expect(LatePaymentDetail.safeParse({ paymentId: id, amountFen: -1, paidDate: '2026-03-10', ...origin }).success).toBe(false);
    expect(LatePromiseDetail.safeParse({ promiseId: id, from: 'pending', to: 'kept', ...origin }).success).toBe(false);
  });
});

describe('a promise state change a lead accepts', () => {
  const open = { status: 'ptp' };
  it('applies a closed outcome the hub\'s own payments give, restoring a replaced promise', () => {
    expect(checkAcceptedTransition('kept', 'cancelled', { state: 'kept', paidFen: 10_000 }, open)).toEqual([]);
    expect(checkAcceptedTransition('broken', 'pending', { state: 'broken', paidFen: 0 }, open)).toEqual([]);
  });
  it('refuses, naming why: payments that disagree, a promise the hub lacks, a state that is no outcome, a closed case', () => {
    expect(checkAcceptedTransition('kept', 'cancelled', { state: 'pending', paidFen: 0 }, open)).toEqual([
      { field: 'to', rule: 'ptp.paymentsDisagree', params: { wanted: 'kept', derived: 'pending', paidFen: 0 } },
    ]);
    expect(checkAcceptedTransition('kept', 'cancelled', { state: 'partial', paidFen: 9_999 }, open).map((v) => v.rule)).toEqual(['ptp.paymentsDisagree']);
    expect(checkAcceptedTransition('kept', null, { state: 'kept', paidFen: 10_000 }, open).map((v) => v.rule)).toEqual(['ptp.promiseMissing']);
    expect(checkAcceptedTransition('cancelled', 'kept', { state: 'kept', paidFen: 1 }, open).map((v) => v.rule)).toEqual(['ptp.stateNotRestorable']);
    expect(checkAcceptedTransition('kept', 'cancelled', { state: 'kept', paidFen: 10_000 }, { status: 'paid' }).map((v) => v.rule)).toEqual(['ptp.caseClosed']);
  });
  it('reads the detail the hub files for both kinds', () => {
    const id = '5b0a4c4e-4a35-4d4b-9a3e-3f1f3f7b6f11';
    expect(TransitionDetail.safeParse({ promiseId: id, from: 'cancelled', to: 'kept', hubState: 'cancelled', agentId: '7' }).success).toBe(true);
    expect(TransitionDetail.safeParse({ promiseId: id, from: 'pending', to: 'flying' }).success).toBe(false);
  });
});
