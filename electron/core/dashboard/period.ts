import type { DashboardPeriod } from '../../../shared/contract/dashboard';
import { addDays, daysBetween, isValidLocalDate } from '../../../shared/domain/dates';
import { periodRange } from '../../../shared/domain/targets';
import { DeskFailure } from '../errors';

/** A free range is at most a quarter: the dashboard stays a glance, not a report. */
export const MAX_RANGE_DAYS = 92;

/** The local dates a dashboard period covers (weeks from Monday, calendar months). */
export function dashboardRange(period: DashboardPeriod, today: string, date?: string, to?: string): { from: string; to: string } {
  const anchor = date ?? today;
  if (!isValidLocalDate(anchor)) throw new DeskFailure('VALIDATION', `date: not a calendar date ${anchor}`, { field: 'date' });
  if (period !== 'range') return periodRange(period, anchor);
  const end = to ?? today;
  if (!isValidLocalDate(end)) throw new DeskFailure('VALIDATION', `to: not a calendar date ${end}`, { field: 'to' });
  if (end < anchor) throw new DeskFailure('VALIDATION', `to: ${end} is before ${anchor}`, { field: 'to' });
  if (daysBetween(anchor, end) >= MAX_RANGE_DAYS) throw new DeskFailure('VALIDATION', `to: a range spans at most ${MAX_RANGE_DAYS} days`, { field: 'to' });
  return { from: anchor, to: end };
}

/** Every local date from `from` to `to`. */
export function datesOf(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}
