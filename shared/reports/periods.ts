import { addDays, daysBetween, weekdayOf } from '../domain/dates';
import type { LocalDate } from '../domain/enums';
import type { PeriodKind } from './model';

/** Weeks start on Monday (the Chinese working week); months are calendar months. */
export function periodOf(kind: Exclude<PeriodKind, 'range'>, date: LocalDate): { from: LocalDate; to: LocalDate } {
  if (kind === 'day') return { from: date, to: date };
  if (kind === 'week') {
    const from = addDays(date, -((weekdayOf(date) + 6) % 7));
    return { from, to: addDays(from, 6) };
  }
  const from = `${date.slice(0, 8)}01`;
  return { from, to: lastOfMonth(from) };
}

function lastOfMonth(first: LocalDate): LocalDate {
  const y = Number(first.slice(0, 4));
  const m = Number(first.slice(5, 7));
  const next = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
  return addDays(next, -1);
}

/** What a from..to range is: one day, a Monday-to-Sunday week, a calendar month, or any range. */
export function periodKindOf(from: LocalDate, to: LocalDate): PeriodKind {
  if (from === to) return 'day';
  const w = periodOf('week', from);
  if (w.from === from && w.to === to) return 'week';
  const m = periodOf('month', from);
  if (m.from === from && m.to === to) return 'month';
  return 'range';
}

/** The period after this one, of the same kind (a range: the same number of days after it). */
export function nextPeriod(from: LocalDate, to: LocalDate): { from: LocalDate; to: LocalDate } {
  const kind = periodKindOf(from, to);
  if (kind === 'month') return periodOf('month', addDays(to, 1));
  const days = daysBetween(from, to) + 1;
  return { from: addDays(to, 1), to: addDays(to, days) };
}
