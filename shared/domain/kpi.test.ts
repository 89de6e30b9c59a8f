import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  contactRate, effectivePromiseState, keptRate, monthBucketOf, periodFigures, ptpRate, ratio, recoveryByGroup, recoveryRate, rollRates, rpcRate,
  type KpiAttempt, type KpiPayment, type KpiPromise, type PeriodInput,
} from './kpi';

// Shanghai is UTC+8: 2026-03-09T16:00Z is local midnight of 03-10.
const att = (at: string, o: Partial<KpiAttempt> = {}): KpiAttempt => ({
  caseId: 1, at, channel: 'phone', party: 'none', outcomeCode: 'NO_ANSWER', isContact: false, isRpc: false, ...o,
});
const rpc = (at: string, caseId = 1): KpiAttempt => att(at, { caseId, party: 'self', outcomeCode: 'PTP', isContact: true, isRpc: true });
const ptp = (id: string, amountFen: number, createdDate: string, dueDate: string, o: Partial<KpiPromise> = {}): KpiPromise => ({
  id, caseId: 1, amountFen, createdDate, dueDate, state: 'pending', stateChangedAt: null, ...o,
});
const pay = (amountFen: number, paidDate: string, caseId = 1): KpiPayment => ({ caseId, amountFen, paidDate });
const base = (o: Partial<PeriodInput>): PeriodInput => ({
  period: { from: '2026-03-10', to: '2026-03-10' }, today: '2026-03-10', graceDays: 1, attempts: [], promises: [], payments: [], ...o,
});

describe('rates', () => {
  it('are null, never NaN or 0, with a zero denominator', () => {
    expect(contactRate(0, 0)).toBeNull();
    expect(rpcRate(3, 0)).toBeNull();
    expect(ptpRate(1, 0)).toBeNull();
    expect(keptRate(0, 0)).toBeNull();
    expect(recoveryRate(500, 0)).toBeNull();
    expect(ratio(1, Number.NaN)).toBeNull();
    expect(contactRate(0, 4)).toBe(0);
    expect(contactRate(3, 4)).toBe(0.75);
    expect(recoveryRate(25_000, 100_000)).toBe(0.25);
  });
  it('a ratio of counts from 0..d is within [0, 1]', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 1e6 }), fc.double({ min: 0, max: 1, noNaN: true }), (d, f) => {
      const r = ratio(Math.floor(d * f), d);
      expect(r).not.toBeNull();
      expect(r!).toBeGreaterThanOrEqual(0);
      expect(r!).toBeLessThanOrEqual(1);
    }));
  });
});

describe('periodFigures: attempts', () => {
  it('zero attempts: counts 0 and every attempt rate null', () => {
    const f = periodFigures(base({}));
    expect(f).toMatchObject({ attempts: 0, calls: 0, connected: 0, rightParty: 0, casesWorked: 0, ptps: 0, recoveredFen: 0 });
    expect(f.contactRate).toBeNull();
    expect(f.rpcRate).toBeNull();
    expect(f.ptpRate).toBeNull();
    expect(f.keptRate).toBeNull();
  });
  it('takes the day in the desk zone: 15:59Z is still the 9th, 16:00Z the 10th in Shanghai', () => {
    const f = periodFigures(base({ attempts: [att('2026-03-09T15:59:59.999Z'), att('2026-03-09T16:00:00.000Z'), att('2026-03-10T15:59:59.000Z'), att('2026-03-10T16:00:00.000Z')] }));
    expect(f.calls).toBe(2);
    const utc = periodFigures(base({ timeZone: 'UTC', attempts: [att('2026-03-09T15:59:59.999Z'), att('2026-03-10T16:00:00.000Z')] }));
    expect(utc.calls).toBe(1);
  });
  it('connected by the outcome flag, right party only with 本人, dials only on the phone', () => {
    const day = '2026-03-10T02:00:00.000Z';
    const f = periodFigures(base({
      attempts: [
        att(day),
        att(day, { outcomeCode: 'THIRD_PARTY_MESSAGE', isContact: true, party: 'third_party' }),
        rpc(day),
        att(day, { caseId: 2, outcomeCode: 'PTP', isContact: true, isRpc: true, party: 'spouse' }),
        att(day, { caseId: 3, channel: 'sms', party: 'self', isContact: true, isRpc: true }),
      ],
    }));
    expect(f).toMatchObject({ attempts: 5, calls: 4, connected: 3, rightParty: 1, casesWorked: 3 });
    expect(f.contactRate).toBe(0.75);
    expect(f.rpcRate).toBe(0.25);
  });
});

describe('periodFigures: promises', () => {
  it('counts promises made in the period and their sum, cancelled ones included', () => {
    const f = periodFigures(base({
      period: { from: '2026-03-01', to: '2026-03-10' },
      attempts: [rpc('2026-03-02T02:00:00Z'), rpc('2026-03-03T02:00:00Z')],
      promises: [ptp('a', 50_000, '2026-03-02', '2026-03-20', { state: 'cancelled' }), ptp('b', 30_000, '2026-03-03', '2026-03-20'), ptp('c', 9_900, '2026-02-28', '2026-03-05')],
    }));
    expect(f.ptps).toBe(2);
    expect(f.ptpFen).toBe(80_000);
    expect(f.ptpRate).toBe(1);
  });
  it('a promise due today is not yet due for the kept rate, unless already kept', () => {
    const unpaid = periodFigures(base({ promises: [ptp('a', 10_000, '2026-03-01', '2026-03-10')] }));
    expect(unpaid).toMatchObject({ due: 0, keptOfDue: 0, kept: 0 });
    expect(unpaid.keptRate).toBeNull();
    const paid = periodFigures(base({ promises: [ptp('a', 10_000, '2026-03-01', '2026-03-10')], payments: [pay(10_000, '2026-03-10')] }));
    expect(paid).toMatchObject({ due: 1, keptOfDue: 1, kept: 1, keptFen: 10_000, recoveredFen: 10_000 });
    expect(paid.keptRate).toBe(1);
  });
  it('grace days: unpaid yesterday-due promise is still pending with grace 1, broken with grace 0', () => {
    const promises = [ptp('a', 10_000, '2026-03-01', '2026-03-09')];
    const period = { from: '2026-03-09', to: '2026-03-10' };
    expect(periodFigures(base({ period, promises, graceDays: 1 }))).toMatchObject({ due: 0, brokenOfDue: 0 });
    const g0 = periodFigures(base({ period, promises, graceDays: 0 }));
    expect(g0).toMatchObject({ due: 1, keptOfDue: 0, brokenOfDue: 1 });
    expect(g0.keptRate).toBe(0);
    // paid on the last grace day: kept, on that day
    const late = periodFigures(base({ period, promises, graceDays: 1, payments: [pay(10_000, '2026-03-10')] }));
    expect(late).toMatchObject({ due: 1, keptOfDue: 1, kept: 1 });
    // paid the day after the grace: not toward the promise (broken), still recovered money
    const after = periodFigures(base({ period: { from: '2026-03-09', to: '2026-03-11' }, today: '2026-03-11', promises, graceDays: 1, payments: [pay(10_000, '2026-03-11')] }));
    expect(after).toMatchObject({ due: 1, keptOfDue: 0, brokenOfDue: 1, kept: 0, recoveredFen: 10_000 });
  });
  it('partial payments: recovered counts them, the promise is not kept and counts as broken when due', () => {
    const promises = [ptp('a', 100_000, '2026-03-01', '2026-03-05')];
    const payments = [pay(30_000, '2026-03-02'), pay(20_000, '2026-03-05')];
    const during = periodFigures(base({ period: { from: '2026-03-01', to: '2026-03-05' }, today: '2026-03-05', promises, payments }));
    expect(during).toMatchObject({ recoveredFen: 50_000, payments: 2, kept: 0, due: 0 });
    const afterGrace = periodFigures(base({ period: { from: '2026-03-01', to: '2026-03-31' }, today: '2026-03-07', promises, payments }));
    expect(afterGrace).toMatchObject({ recoveredFen: 50_000, kept: 0, due: 1, brokenOfDue: 1 });
    // the rest paid within the window: kept on the day the sum reached the amount
    const done = periodFigures(base({ period: { from: '2026-03-06', to: '2026-03-06' }, today: '2026-03-07', promises, payments: [...payments, pay(50_000, '2026-03-06')] }));
    expect(done).toMatchObject({ kept: 1, keptFen: 100_000, recoveredFen: 50_000, due: 0 });
  });
  it('a promise kept before the period counts neither as kept in it nor as made in it', () => {
    const f = periodFigures(base({ period: { from: '2026-03-10', to: '2026-03-10' }, promises: [ptp('a', 10_000, '2026-03-01', '2026-03-20')], payments: [pay(10_000, '2026-03-02')] }));
    expect(f).toMatchObject({ kept: 0, ptps: 0, recoveredFen: 0 });
  });
  it('a stored terminal state stands (the hub decided it); a hub-kept promise without its payments is kept on its change day', () => {
    const promises = [ptp('a', 10_000, '2026-03-01', '2026-03-08', { state: 'kept', stateChangedAt: '2026-03-09T17:00:00Z' }), ptp('b', 10_000, '2026-03-01', '2026-03-12', { state: 'broken' })];
    const f = periodFigures(base({ promises }));
    expect(f).toMatchObject({ kept: 1, due: 0 });
    expect(effectivePromiseState(promises[1]!, [pay(10_000, '2026-03-02')], '2026-03-10', 1).state).toBe('broken');
  });
  it('payments of other cases do not decide a promise', () => {
    const f = periodFigures(base({ promises: [ptp('a', 10_000, '2026-03-01', '2026-03-10')], payments: [pay(10_000, '2026-03-10', 2)] }));
    expect(f).toMatchObject({ kept: 0, recoveredFen: 10_000 });
  });
});

describe('recoveryByGroup', () => {
  it('collected in the period ÷ assigned, per group, groups with nothing collected at 0', () => {
    const rows = recoveryByGroup(
      [{ caseId: 1, group: 'B1', assignedFen: 100_000 }, { caseId: 2, group: 'B1', assignedFen: 100_000 }, { caseId: 3, group: 'B2', assignedFen: 50_000 }, { caseId: 4, group: 'B3', assignedFen: 0 }],
      [pay(20_000, '2026-03-10', 1), pay(30_000, '2026-03-10', 2), pay(99_999, '2026-02-01', 1), pay(5, '2026-03-10', 9)],
      { from: '2026-03-01', to: '2026-03-31' },
    );
    expect(rows).toEqual([
      { group: 'B1', cases: 2, assignedFen: 200_000, collectedFen: 50_000, rate: 0.25 },
      { group: 'B2', cases: 1, assignedFen: 50_000, collectedFen: 0, rate: 0 },
      { group: 'B3', cases: 1, assignedFen: 0, collectedFen: 0, rate: null },
    ]);
  });
});

describe('rollRates', () => {
  it('M1 sub-buckets are one month bucket; rolled = later bucket, cured = earlier', () => {
    expect(monthBucketOf('M1_MID')).toBe('M1');
    const rows = rollRates([
      { from: 'M1_EARLY', to: 'M1_LATE' }, // stays in M1
      { from: 'M1_LATE', to: 'M2' },
      { from: 'M1_MID', to: 'M0' },
      { from: 'M1_LATE', to: 'M2' },
      { from: 'M2', to: 'M3' },
      { from: 'M4P', to: 'M4P' },
    ]);
    const m1 = rows.find((r) => r.bucket === 'M1')!;
    expect(m1).toEqual({ bucket: 'M1', start: 4, rolled: 2, cured: 1, rate: 0.5 });
    expect(rows.find((r) => r.bucket === 'M2')!.rate).toBe(1);
    expect(rows.find((r) => r.bucket === 'M3')!.rate).toBeNull();
    expect(rows.find((r) => r.bucket === 'M4P')!.rate).toBe(0);
  });
});

describe('payments out of scope', () => {
  it('decide a promise but are not recovered', () => {
    const f = periodFigures(base({ promises: [ptp('a', 10_000, '2026-03-01', '2026-03-10')], payments: [{ ...pay(10_000, '2026-03-10'), inScope: false }] }));
    expect(f).toMatchObject({ kept: 1, recoveredFen: 0, payments: 0 });
  });
});
