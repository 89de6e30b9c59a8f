/**
 * "Two provable collections at least 30 days apart" (issue 11; docs/domain.md): a creditor going
 * to court must show it asked for payment at least twice, the asks at least 30 calendar days
 * apart. A provable collection is a recorded contact with the debtor (a connected call, a sent
 * SMS, a sent letter). Days are local dates (YYYY-MM-DD) in the team's zone.
 */
import dayjs from 'dayjs';

export const EVIDENCE_MIN_GAP_DAYS = 30;

export interface EvidenceResult {
  holds: boolean;
  /** The earliest and the first one at least 30 days after it, when it holds. */
  first: string | null;
  second: string | null;
  gapDays: number | null;
}

/** Calendar days from a to b (local dates). */
export const daysBetween = (a: string, b: string): number => dayjs(b).diff(dayjs(a), 'day');

/**
 * Whether two collection dates lie at least 30 days apart. Taking the earliest date and the first
 * date ≥ 30 days after it finds a pair whenever one exists (any later first date only shortens gaps).
 */
export function twoCollections30DaysApart(dates: readonly string[]): EvidenceResult {
  const days = [...new Set(dates.filter((d) => /^\d{4}-\d{2}-\d{2}$/.test(d)))].sort();
  const first = days[0];
  if (first === undefined) return { holds: false, first: null, second: null, gapDays: null };
  const second = days.find((d) => daysBetween(first, d) >= EVIDENCE_MIN_GAP_DAYS);
  if (second === undefined) {
    const last = days[days.length - 1] ?? first;
    return { holds: false, first, second: days.length > 1 ? last : null, gapDays: days.length > 1 ? daysBetween(first, last) : null };
  }
  return { holds: true, first, second, gapDays: daysBetween(first, second) };
}
