import { normalizeBucketBounds, type BucketBounds } from '../../../shared/domain/buckets';
import { addDays } from '../../../shared/domain/dates';

/**
 * A case's bucket on `day` as SQL over its overdue_since column, the same answer as
 * bucketFor(dpd(overdueSince, day)) (shared/domain): grouping by it in SQLite returns a few rows
 * per holder and batch instead of one per distinct overdue date.
 * DPD ≤ k exactly when overdue_since ≥ day − (k − 1).
 */
export function bucketCaseSql(col: string, day: string, bounds: BucketBounds): { sql: string; params: string[] } {
  const b = normalizeBucketBounds(bounds);
  const floor = (k: number) => addDays(day, -(k - 1));
  return {
    sql: `CASE WHEN ${col} > ? THEN 'M0' WHEN ${col} >= ? THEN 'M1_EARLY' WHEN ${col} >= ? THEN 'M1_MID' WHEN ${col} >= ? THEN 'M1_LATE'`
      + ` WHEN ${col} >= ? THEN 'M2' WHEN ${col} >= ? THEN 'M3' ELSE 'M4P' END`,
    params: [day, floor(b.earlyMax), floor(b.midMax), floor(b.m1Max), floor(b.m2Max), floor(b.m3Max)],
  };
}
