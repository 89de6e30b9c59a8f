import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { BucketBounds } from './buckets';
import { BUCKET_ORDER, DEFAULT_BUCKET_BOUNDS, bucketFor, dpdRangeOf, normalizeBucketBounds, overdueSinceRange, scriptStageFor } from './buckets';
import { addDays, dpd } from './dates';

describe('bucketFor with the default bounds', () => {
  it.each([
    [0, 'M0'], [-3, 'M0'],
    [1, 'M1_EARLY'], [5, 'M1_EARLY'],
    [6, 'M1_MID'], [18, 'M1_MID'],
    [19, 'M1_LATE'], [30, 'M1_LATE'],
    [31, 'M2'], [60, 'M2'],
    [61, 'M3'], [90, 'M3'],
    [91, 'M4P'], [5000, 'M4P'],
  ] as const)('DPD %d -> %s', (d, bucket) => {
    expect(bucketFor(d)).toBe(bucket);
  });
  it('uses custom bounds (docs/domain.md: 后期 19-28)', () => {
    const b: BucketBounds = { ...DEFAULT_BUCKET_BOUNDS, m1Max: 28 };
    expect(bucketFor(28, b)).toBe('M1_LATE');
    expect(bucketFor(29, b)).toBe('M2');
  });
});

describe('dpdRangeOf', () => {
  it('default ranges', () => {
    expect(dpdRangeOf('M0')).toEqual({ min: 0, max: 0 });
    expect(dpdRangeOf('M1_EARLY')).toEqual({ min: 1, max: 5 });
    expect(dpdRangeOf('M1_MID')).toEqual({ min: 6, max: 18 });
    expect(dpdRangeOf('M1_LATE')).toEqual({ min: 19, max: 30 });
    expect(dpdRangeOf('M2')).toEqual({ min: 31, max: 60 });
    expect(dpdRangeOf('M3')).toEqual({ min: 61, max: 90 });
    expect(dpdRangeOf('M4P')).toEqual({ min: 91, max: null });
  });
  it('odd bounds are normalized into empty buckets, not overlaps', () => {
    expect(normalizeBucketBounds({ earlyMax: 10, midMax: 5, m1Max: 30, m2Max: 20, m3Max: 90 }))
      .toEqual({ earlyMax: 10, midMax: 10, m1Max: 30, m2Max: 30, m3Max: 90 });
    const r = dpdRangeOf('M1_MID', { earlyMax: 10, midMax: 5, m1Max: 30, m2Max: 60, m3Max: 90 });
    expect(r.max! < r.min).toBe(true);
  });
});

describe('overdueSinceRange', () => {
  it('concrete ranges on 2026-03-31', () => {
    const today = '2026-03-31';
    expect(overdueSinceRange('M0', today)).toEqual({ from: '2026-04-01', to: null });
    expect(overdueSinceRange('M1_EARLY', today)).toEqual({ from: '2026-03-27', to: '2026-03-31' });
    expect(overdueSinceRange('M1_MID', today)).toEqual({ from: '2026-03-14', to: '2026-03-26' });
    expect(overdueSinceRange('M4P', today)).toEqual({ from: null, to: '2025-12-31' }); // DPD 91 on 03-31
    expect(dpd('2025-12-31', today)).toBe(91);
    expect(dpd('2026-01-01', today)).toBe(90);
    expect(overdueSinceRange('M3', today)).toEqual({ from: '2026-01-01', to: '2026-01-30' });
  });

  const bucketArb = fc.constantFrom(...BUCKET_ORDER);
  const dateArb = fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2060-12-31T00:00:00Z'), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10));
  const boundsArb = fc.oneof(
    fc.constant(DEFAULT_BUCKET_BOUNDS),
    fc.record({
      earlyMax: fc.integer({ min: -2, max: 40 }),
      midMax: fc.integer({ min: -2, max: 60 }),
      m1Max: fc.integer({ min: -2, max: 80 }),
      m2Max: fc.integer({ min: -2, max: 120 }),
      m3Max: fc.integer({ min: -2, max: 200 }),
    }),
  );
  const inRange = (d: string, r: { from: string | null; to: string | null }) =>
    (r.from === null || d >= r.from) && (r.to === null || d <= r.to);

  it('agrees exactly with bucketFor(dpd(overdueSince, today)) (property)', () => {
    fc.assert(
      fc.property(dateArb, fc.integer({ min: -40, max: 400 }), bucketArb, boundsArb, (today, back, bucket, bounds) => {
        const since = addDays(today, -back);
        const expected = bucketFor(dpd(since, today), bounds) === bucket;
        expect(inRange(since, overdueSinceRange(bucket, today, bounds))).toBe(expected);
      }),
      { numRuns: 5000 },
    );
  });

  it('every date falls in exactly one bucket (property)', () => {
    fc.assert(
      fc.property(dateArb, fc.integer({ min: -40, max: 400 }), boundsArb, (today, back, bounds) => {
        const since = addDays(today, -back);
        const hits = BUCKET_ORDER.filter((b) => inRange(since, overdueSinceRange(b, today, bounds)));
        expect(hits).toEqual([bucketFor(dpd(since, today), bounds)]);
      }),
      { numRuns: 2000 },
    );
  });

  it('bucketFor agrees with dpdRangeOf (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 400 }), boundsArb, (d, bounds) => {
        const { min, max } = dpdRangeOf(bucketFor(d, bounds), bounds);
        expect(d).toBeGreaterThanOrEqual(min);
        if (max !== null) expect(d).toBeLessThanOrEqual(max);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('scriptStageFor', () => {
  it('maps buckets to the four scripts', () => {
    expect(BUCKET_ORDER.map(scriptStageFor)).toEqual(['early', 'early', 'mid', 'late', 'm2plus', 'm2plus', 'm2plus']);
  });
});
