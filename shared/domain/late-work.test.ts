import { describe, expect, it } from 'vitest';
import { LatePaymentDetail, LatePromiseDetail, checkLatePromise } from './late-work';

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
