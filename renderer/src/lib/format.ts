import dayjs, { type Dayjs } from 'dayjs';
import utc from 'dayjs/plugin/utc';
import timezone from 'dayjs/plugin/timezone';
import 'dayjs/locale/zh-cn';
import { formatFen } from '../../../shared/domain/money';
import { formatDuration, localDateOf, wallClockMs, zonedToUtc } from '../../../shared/domain/dates';
import type { Locale } from '../../../shared/domain/enums';

dayjs.extend(utc);
dayjs.extend(timezone);

export { dayjs };
export type { Dayjs };

export function money(fen: number | null | undefined, locale: Locale): string {
  if (fen === null || fen === undefined) return '—';
  return formatFen(fen, locale);
}

export function duration(seconds: number): string {
  return formatDuration(Math.max(0, Math.floor(seconds)));
}

/**
 * An instant's wall clock in a zone, as a UTC dayjs to format (numeric patterns: no 'Z' token);
 * null for no valid instant. Lists format hundreds of these: dayjs's own `.tz()` builds a new
 * Intl formatter on every call, the shared dates keep the zone's offset per hour.
 */
function wallIn(iso: string | null | undefined, timeZone: string): Dayjs | null {
  const ms = iso ? Date.parse(iso) : NaN;
  return Number.isNaN(ms) ? null : dayjs.utc(wallClockMs(new Date(ms), timeZone));
}

/** An instant shown in the desk's zone. */
export function instant(iso: string | null | undefined, timeZone: string, pattern = 'YYYY-MM-DD HH:mm'): string {
  return wallIn(iso, timeZone)?.format(pattern) ?? '—';
}

/** Short form for lists: HH:mm today, MM-DD HH:mm otherwise. */
export function shortInstant(iso: string | null | undefined, timeZone: string, now = new Date()): string {
  const d = wallIn(iso, timeZone);
  if (!d) return '—';
  return d.format('YYYY-MM-DD') === localDateOf(now, timeZone) ? d.format('HH:mm') : d.format('MM-DD HH:mm');
}

/** A calendar date (YYYY-MM-DD) as MM-DD, for a date near today. */
export function monthDay(date: string | null | undefined): string {
  return date && /^\d{4}-\d{2}-\d{2}$/.test(date) ? date.slice(5) : '—';
}

export function todayIn(timeZone: string, now = new Date()): string {
  return localDateOf(now, timeZone);
}

/**
 * A browser-local dayjs holding the desk zone's wall-clock time of an instant: what the
 * date pickers show (they work in the browser's zone).
 */
export function wallClockOf(iso: string, timeZone: string): Dayjs {
  const wall = wallIn(iso, timeZone);
  return wall ? dayjs(wall.format('YYYY-MM-DDTHH:mm:ss')) : dayjs(NaN);
}

/** A picker's wall-clock value read as a time in the desk's zone -> ISO instant. */
export function instantFromWallClock(value: Dayjs, timeZone: string): string {
  return zonedToUtc(value.format('YYYY-MM-DD'), value.format('HH:mm'), timeZone).toISOString();
}

/** A LocalDate (YYYY-MM-DD) as a browser-local dayjs for a date picker. */
export function dateValue(date: string | null): Dayjs | null {
  return date ? dayjs(date, 'YYYY-MM-DD') : null;
}

export function dayjsLocale(locale: Locale): string {
  return locale === 'en' ? 'en' : 'zh-cn';
}
