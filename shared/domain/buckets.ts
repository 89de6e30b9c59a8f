import type { BucketId, LocalDate, ScriptStage } from './enums';

/** Bucket boundaries are settings (DOMAIN.md): inclusive upper DPD of each bucket. */
export interface BucketBounds {
  earlyMax: number; // 前期 1..5
  midMax: number; // 中期 6..18
  m1Max: number; // 后期 19..30
  m2Max: number; // 31..60
  m3Max: number; // 61..90, M4+ above
}
export const DEFAULT_BUCKET_BOUNDS: BucketBounds = { earlyMax: 5, midMax: 18, m1Max: 30, m2Max: 60, m3Max: 90 };

export const BUCKET_ORDER: readonly BucketId[] = ['M0', 'M1_EARLY', 'M1_MID', 'M1_LATE', 'M2', 'M3', 'M4P'];

export function bucketFor(dpd: number, bounds: BucketBounds = DEFAULT_BUCKET_BOUNDS): BucketId {
  throw new Error('not implemented');
}

/** Inclusive DPD range of a bucket (max null = unbounded). */
export function dpdRangeOf(bucket: BucketId, bounds: BucketBounds = DEFAULT_BUCKET_BOUNDS): { min: number; max: number | null } {
  throw new Error('not implemented');
}

/** overdue_since range (inclusive, null = open) that puts a case in the bucket today: lets SQL filter by an indexed date. */
export function overdueSinceRange(bucket: BucketId, today: LocalDate, bounds: BucketBounds = DEFAULT_BUCKET_BOUNDS): { from: LocalDate | null; to: LocalDate | null } {
  throw new Error('not implemented');
}

export function scriptStageFor(bucket: BucketId): ScriptStage {
  throw new Error('not implemented');
}
