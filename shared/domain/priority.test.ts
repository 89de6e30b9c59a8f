import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { PriorityInput } from './priority';
import { PRIORITY_WEIGHTS, amountPoints, priorityParts, priorityScore } from './priority';

const base: PriorityInput = {
  overdueAmountFen: 500_000, // ¥5,000
  dpd: 10,
  brokenPromises: 0,
  refusals: 0,
  neverContacted: false,
  daysToExpiry: null,
  hasPendingPtp: false,
  onHold: false,
};
const score = (p: Partial<PriorityInput>) => priorityScore({ ...base, ...p });

describe('priorityScore', () => {
  it('is an integer and deterministic', () => {
    expect(Number.isInteger(score({}))).toBe(true);
    expect(score({})).toBe(score({}));
  });

  it('known values', () => {
    expect(amountPoints(0)).toBe(0);
    expect(amountPoints(100_00)).toBe(200); // ¥100
    expect(amountPoints(1_000_000_00)).toBe(600); // ¥1M
    expect(amountPoints(10 ** 15)).toBe(PRIORITY_WEIGHTS.amountMaxPoints);
    expect(amountPoints(-500)).toBe(0);
    // ¥5,000 (370) + 10 days (30)
    expect(score({})).toBe(400);
  });

  it('a ¥1M case does not drown a ¥5k case with two broken promises', () => {
    const big = score({ overdueAmountFen: 1_000_000_00, dpd: 1 });
    const willing = score({ overdueAmountFen: 5_000_00, dpd: 30, brokenPromises: 2 });
    expect(willing).toBeGreaterThan(big);
    expect(big).toBeGreaterThan(score({ overdueAmountFen: 5_000_00, dpd: 1 }));
  });

  it('boosts and penalties', () => {
    expect(score({ brokenPromises: 1 })).toBe(score({}) + PRIORITY_WEIGHTS.perBrokenPromise);
    expect(score({ brokenPromises: 50 })).toBe(score({ brokenPromises: PRIORITY_WEIGHTS.brokenPromisesCap }));
    expect(score({ refusals: 2 })).toBe(score({}) + 2 * PRIORITY_WEIGHTS.perRefusal);
    expect(score({ neverContacted: true })).toBe(score({}) + PRIORITY_WEIGHTS.neverContacted);
    expect(score({ hasPendingPtp: true })).toBe(score({}) - PRIORITY_WEIGHTS.pendingPtpPenalty);
    expect(score({ daysToExpiry: 0 })).toBe(score({}) + 320);
    expect(score({ daysToExpiry: 7 })).toBe(score({}) + 40);
    expect(score({ daysToExpiry: 8 })).toBe(score({}));
    expect(score({ daysToExpiry: -1 })).toBe(score({}));
  });

  it('DPD counts up to the cap only', () => {
    expect(score({ dpd: 90 })).toBeGreaterThan(score({ dpd: 30 }));
    expect(score({ dpd: 400 })).toBe(score({ dpd: 90 }));
    expect(score({ dpd: 0 })).toBe(score({ dpd: -5 }));
  });

  const inputArb: fc.Arbitrary<PriorityInput> = fc.record({
    overdueAmountFen: fc.integer({ min: 0, max: 10 ** 13 }),
    dpd: fc.integer({ min: 0, max: 2000 }),
    brokenPromises: fc.integer({ min: 0, max: 20 }),
    refusals: fc.integer({ min: 0, max: 20 }),
    neverContacted: fc.boolean(),
    daysToExpiry: fc.option(fc.integer({ min: -30, max: 400 })),
    hasPendingPtp: fc.boolean(),
    onHold: fc.boolean(),
  });

  it('a held case is below every case not on hold (property)', () => {
    fc.assert(
      fc.property(inputArb, inputArb, (a, b) => {
        expect(priorityScore({ ...a, onHold: true })).toBeLessThan(priorityScore({ ...b, onHold: false }));
      }),
      { numRuns: 2000 },
    );
  });

  it('is monotonic in amount, DPD, broken promises, refusals and expiry closeness (property)', () => {
    fc.assert(
      fc.property(inputArb, fc.nat(10 ** 9), fc.nat(100), fc.nat(5), (p, more, days, n) => {
        const s = priorityScore(p);
        expect(Number.isInteger(s)).toBe(true);
        expect(priorityScore({ ...p, overdueAmountFen: p.overdueAmountFen + more })).toBeGreaterThanOrEqual(s);
        expect(priorityScore({ ...p, dpd: p.dpd + days })).toBeGreaterThanOrEqual(s);
        expect(priorityScore({ ...p, brokenPromises: p.brokenPromises + n })).toBeGreaterThanOrEqual(s);
        expect(priorityScore({ ...p, refusals: p.refusals + n })).toBeGreaterThanOrEqual(s);
        if (p.daysToExpiry !== null && p.daysToExpiry > 0) {
          expect(priorityScore({ ...p, daysToExpiry: Math.max(0, p.daysToExpiry - days) })).toBeGreaterThanOrEqual(s);
        }
        expect(priorityScore({ ...p, neverContacted: true })).toBeGreaterThanOrEqual(s);
        expect(priorityScore({ ...p, hasPendingPtp: true })).toBeLessThanOrEqual(s);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('priorityParts', () => {
  it('explains the score: its parts sum to it, largest effect first', () => {
    const input = { overdueAmountFen: 5_000_000, dpd: 95, brokenPromises: 2, refusals: 0, neverContacted: false, daysToExpiry: 3, hasPendingPtp: false, onHold: false };
    const parts = priorityParts(input);
    expect(parts.reduce((s, p) => s + p.points, 0)).toBe(priorityScore(input));
    expect(parts.map((p) => p.part)).toEqual(['amount', 'dpd', 'brokenPromises', 'expiry']);
    expect(priorityParts({ ...input, onHold: true })[0]).toEqual({ part: 'onHold', points: -10_000 });
  });
});
