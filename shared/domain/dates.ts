import type { LocalDate } from './enums';

export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

/** The calendar date of an instant in a zone. */
export function localDateOf(instant: Date, timeZone: string): LocalDate {
  throw new Error('not implemented');
}

/** Days between two calendar dates (b - a). */
export function daysBetween(a: LocalDate, b: LocalDate): number {
  throw new Error('not implemented');
}

export function addDays(date: LocalDate, days: number): LocalDate {
  throw new Error('not implemented');
}

/** Days past due (逾期天数): 0 on the due date itself, 1 the day after overdueSince... overdueSince is the first overdue day, so DPD = today - overdueSince + 1, never below 0. */
export function dpd(overdueSince: LocalDate, today: LocalDate): number {
  throw new Error('not implemented');
}

/** A wall-clock time in a zone ("2026-11-23", "09:00") -> the UTC instant. */
export function zonedToUtc(date: LocalDate, time: string, timeZone: string): Date {
  throw new Error('not implemented');
}

export type FollowUpPreset = '30m' | '1h' | '2h' | 'today18' | 'tomorrow9' | 'tomorrow14' | 'nextWorkday9';

/** Resolve a follow-up preset against now in the desk's zone. */
export function followUpPresetAt(preset: FollowUpPreset, now: Date, timeZone: string): Date {
  throw new Error('not implemented');
}

/** "03:12" / "1:02:03" for a duration in seconds (call timer, countdowns). */
export function formatDuration(totalSeconds: number): string {
  throw new Error('not implemented');
}
