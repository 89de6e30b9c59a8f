import type { BucketId, LocalDate, ScriptStage } from './enums';
import { addDays } from './dates';

/** Bucket boundaries are settings (docs/domain.md, "DPD and buckets"): inclusive upper DPD of each bucket. */
export interface BucketBounds {
  earlyMax: number; // 前期 1..5
  midMax: number; // 中期 6..18
  m1Max: number; // 后期 19..30
  m2Max: number; // 31..60
  m3Max: number; // 61..90, M4+ above
}
export const DEFAULT_BUCKET_BOUNDS: BucketBounds = { earlyMax: 5, midMax: 18, m1Max: 30, m2Max: 60, m3Max: 90 };

export const BUCKET_ORDER: readonly BucketId[] = ['M0', 'M1_EARLY', 'M1_MID', 'M1_LATE', 'M2', 'M3', 'M4P'];

/**
 * Bounds as actually applied: integers, each at least 0 and at least the previous one, so a
 * mis-typed setting (midMax below earlyMax) yields an empty bucket instead of overlapping
 * ones. bucketFor, dpdRangeOf and overdueSinceRange all go through this, so they agree
 * for any bounds.
 */
export function normalizeBucketBounds(bounds: BucketBounds): BucketBounds {
  const earlyMax = Math.max(0, Math.floor(bounds.earlyMax));
  const midMax = Math.max(earlyMax, Math.floor(bounds.midMax));
  const m1Max = Math.max(midMax, Math.floor(bounds.m1Max));
  const m2Max = Math.max(m1Max, Math.floor(bounds.m2Max));
  const m3Max = Math.max(m2Max, Math.floor(bounds.m3Max));
  return { earlyMax, midMax, m1Max, m2Max, m3Max };
}

/** M0 = DPD 0 (not yet overdue), then 前期/中期/后期 of M1, M2, M3, M4+ by the (normalized) bounds. */
export function bucketFor(dpd: number, bounds: BucketBounds = DEFAULT_BUCKET_BOUNDS): BucketId {
  const b = normalizeBucketBounds(bounds);
  if (!(dpd >= 1)) return 'M0'; // 0, negatives and NaN
  if (dpd <= b.earlyMax) return 'M1_EARLY';
  if (dpd <= b.midMax) return 'M1_MID';
  if (dpd <= b.m1Max) return 'M1_LATE';
  if (dpd <= b.m2Max) return 'M2';
  if (dpd <= b.m3Max) return 'M3';
  return 'M4P';
}

/**
 * Inclusive DPD range of a bucket (max null = unbounded). M0 is {0, 0}. With odd bounds a
 * bucket can be empty: then max < min.
 */
export function dpdRangeOf(bucket: BucketId, bounds: BucketBounds = DEFAULT_BUCKET_BOUNDS): { min: number; max: number | null } {
  const b = normalizeBucketBounds(bounds);
  switch (bucket) {
    case 'M0':
      return { min: 0, max: 0 };
    case 'M1_EARLY':
      return { min: 1, max: b.earlyMax };
    case 'M1_MID':
      return { min: b.earlyMax + 1, max: b.midMax };
    case 'M1_LATE':
      return { min: b.midMax + 1, max: b.m1Max };
    case 'M2':
      return { min: b.m1Max + 1, max: b.m2Max };
    case 'M3':
      return { min: b.m2Max + 1, max: b.m3Max };
    case 'M4P':
      return { min: b.m3Max + 1, max: null };
  }
}

/**
 * overdue_since range (inclusive, null = open) that puts a case in the bucket today: lets SQL
 * filter by an indexed date. Since DPD = today - overdueSince + 1 (see dpd()), a DPD range
 * [min, max] is overdueSince in [today - max + 1, today - min + 1]; M0 (DPD 0) is every
 * overdueSince after today. Agrees exactly with bucketFor(dpd(overdueSince, today)); an empty
 * bucket gives from > to, which matches nothing.
 */
export function overdueSinceRange(bucket: BucketId, today: LocalDate, bounds: BucketBounds = DEFAULT_BUCKET_BOUNDS): { from: LocalDate | null; to: LocalDate | null } {
  if (bucket === 'M0') return { from: addDays(today, 1), to: null };
  const { min, max } = dpdRangeOf(bucket, bounds);
  return {
    from: max === null ? null : addDays(today, 1 - max),
    to: addDays(today, 1 - min),
  };
}

/** Which default script a bucket uses: M0 (a reminder) and 前期 share the early script; M2 and later use m2plus. */
export function scriptStageFor(bucket: BucketId): ScriptStage {
  switch (bucket) {
    case 'M0':
    case 'M1_EARLY':
      return 'early';
    case 'M1_MID':
      return 'mid';
    case 'M1_LATE':
      return 'late';
    case 'M2':
    case 'M3':
    case 'M4P':
      return 'm2plus';
  }
}
