import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';
import timezone from 'dayjs/plugin/timezone';
import type { LocalDate } from './enums';

dayjs.extend(utc);
dayjs.extend(timezone);

/**
 * Calendar and zone math. Instants are UTC `Date`s; calendar dates are 'YYYY-MM-DD' strings in
 * the desk's zone (default Asia/Shanghai, UTC+8, no DST: 16:00 UTC is local midnight).
 * Pure calendar arithmetic (daysBetween, addDays, weekday) runs on UTC midnights and needs no
 * zone; anything that turns an instant into a wall clock or back goes through dayjs-timezone.
 */
export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

const DAY_MS = 86_400_000;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Dates seen lately -> their UTC midnight: scoring a queue or a pulled page turns the same few
 * hundred dates (overdue since, expiry, today) into day numbers thousands of times.
 */
const dayMsCache = new Map<string, number>();

/** UTC midnight (ms) of a calendar date; throws RangeError for anything that is not a real date. */
function dayNumberMs(date: LocalDate): number {
  const hit = dayMsCache.get(date);
  if (hit !== undefined) return hit;
  const ms = parseDayMs(date);
  if (dayMsCache.size >= 4096) dayMsCache.clear();
  dayMsCache.set(date, ms);
  return ms;
}

function parseDayMs(date: LocalDate): number {
  const m = DATE_RE.exec(date);
  if (!m) throw new RangeError(`not a date YYYY-MM-DD: ${date}`);
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) {
    throw new RangeError(`not a calendar date: ${date}`);
  }
  return ms;
}

/** Day numbers seen lately -> their date (promise deadlines over a month's promises: the same few days). */
const dayOfMsCache = new Map<number, LocalDate>();

function fromDayMs(ms: number): LocalDate {
  const hit = dayOfMsCache.get(ms);
  if (hit !== undefined) return hit;
  const date = new Date(ms).toISOString().slice(0, 10);
  if (dayOfMsCache.size >= 4096) dayOfMsCache.clear();
  dayOfMsCache.set(ms, date);
  return date;
}

/** True for a real calendar date in 'YYYY-MM-DD' form ('2026-02-29' is false, '2028-02-29' true). */
export function isValidLocalDate(date: string): boolean {
  try {
    dayNumberMs(date);
    return true;
  } catch {
    return false;
  }
}

const formatters = new Map<string, Intl.DateTimeFormat>();
const HOUR_MS = 3_600_000;
/** Per zone: hour (ms / HOUR_MS) -> the zone's UTC offset in ms for that whole hour, or null when it changes inside it. */
const hourOffsets = new Map<string, Map<number, number | null>>();

/** The zone's exact UTC offset (ms) at an instant, from one formatToParts (seconds included: old LMT offsets have them). */
function exactOffset(ms: number, timeZone: string): number {
  let fmt = formatters.get(timeZone);
  if (!fmt) {
    fmt = new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', era: 'short', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
    });
    formatters.set(timeZone, fmt);
  }
  const p: Record<string, string> = {};
  for (const part of fmt.formatToParts(ms)) p[part.type] = part.value;
  const year = p.era === 'BC' || p.era === 'B' ? 1 - Number(p.year) : Number(p.year);
  const wall = new Date(0);
  wall.setUTCFullYear(year, Number(p.month) - 1, Number(p.day));
  wall.setUTCHours(Number(p.hour), Number(p.minute), Number(p.second), 0);
  return wall.getTime() - Math.floor(ms / 1000) * 1000;
}

/**
 * The zone's UTC offset at an instant. This is the hot path (every queue row, every pushed
 * attempt), and formatToParts costs microseconds, so the offset is remembered per zone and hour:
 * an hour whose first and last millisecond share an offset has no transition inside it (zones
 * change offset at most once in an hour), so every instant in it has that offset.
 */
function offsetAt(ms: number, timeZone: string): number {
  const hour = Math.floor(ms / HOUR_MS);
  let hours = hourOffsets.get(timeZone);
  if (!hours) hourOffsets.set(timeZone, (hours = new Map()));
  let off = hours.get(hour);
  if (off === undefined) {
    const first = exactOffset(hour * HOUR_MS, timeZone);
    off = first === exactOffset(hour * HOUR_MS + HOUR_MS - 1, timeZone) ? first : null;
    if (hours.size >= 50_000) hours.clear(); // bounded: a hub sees a few days' hours per zone
    hours.set(hour, off);
  }
  return off ?? exactOffset(ms, timeZone);
}

/** Wall-clock parts of an instant in a zone (the same zone data dayjs-timezone reads). */
function wallClock(instant: Date, timeZone: string): { date: LocalDate; time: string } {
  // Offsets with seconds (before ~1900) shift the wall clock by those seconds too: floored to the second first, like formatToParts.
  const wall = new Date(wallClockMs(instant, timeZone));
  const y = wall.getUTCFullYear();
  const year = y < 0 ? `-${String(-y).padStart(4, '0')}` : String(y).padStart(4, '0');
  return { date: `${year}-${two(wall.getUTCMonth() + 1)}-${two(wall.getUTCDate())}`, time: `${two(wall.getUTCHours())}:${two(wall.getUTCMinutes())}` };
}

const two = (n: number): string => (n < 10 ? `0${n}` : String(n));

/**
 * The zone's wall clock at an instant as epoch ms read in UTC (seconds floored, as wall clocks
 * show them): `new Date(wallClockMs(i, z)).getUTCHours()` is the hour in zone z. Screens format
 * it; the zone's offset comes from the per-hour memo above, not a formatter per call.
 */
export function wallClockMs(instant: Date, timeZone: string = DEFAULT_TIME_ZONE): number {
  const ms = instant.getTime();
  if (Number.isNaN(ms)) throw new RangeError('invalid instant');
  return Math.floor(ms / 1000) * 1000 + offsetAt(ms, timeZone);
}

/** The calendar date of an instant in a zone. */
export function localDateOf(instant: Date, timeZone: string = DEFAULT_TIME_ZONE): LocalDate {
  return wallClock(instant, timeZone).date;
}

/** Wall-clock 'HH:mm' of an instant in a zone. */
export function localTimeOf(instant: Date, timeZone: string = DEFAULT_TIME_ZONE): string {
  return wallClock(instant, timeZone).time;
}

/** Days between two calendar dates (b - a): daysBetween('2026-02-28', '2026-03-01') === 1. */
export function daysBetween(a: LocalDate, b: LocalDate): number {
  return Math.round((dayNumberMs(b) - dayNumberMs(a)) / DAY_MS);
}

export function addDays(date: LocalDate, days: number): LocalDate {
  if (!Number.isInteger(days)) throw new RangeError(`days must be an integer: ${days}`);
  return fromDayMs(dayNumberMs(date) + days * DAY_MS);
}

/** 0 = Sunday ... 6 = Saturday. */
export function weekdayOf(date: LocalDate): number {
  return new Date(dayNumberMs(date)).getUTCDay();
}

/**
 * Days past due (逾期天数). overdueSince is the first overdue day (the day after the due
 * date), and it counts as DPD 1:
 *   DPD = daysBetween(overdueSince, today) + 1  when today >= overdueSince, else 0.
 * So the due date itself (overdueSince - 1) is DPD 0 and any earlier day is 0 too.
 */
export function dpd(overdueSince: LocalDate, today: LocalDate): number {
  const diff = daysBetween(overdueSince, today);
  return diff >= 0 ? diff + 1 : 0;
}

const TIME_RE = /^([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d))?$/;

/**
 * Wall clocks turned into instants lately (zone, date, time -> epoch ms). dayjs-timezone takes
 * about 20 µs a call, and a pulled page or a re-scored queue asks for the same few promise due
 * dates over and over (ptpDueInstant per case).
 */
const zonedMsCache = new Map<string, number>();

/**
 * A wall-clock time in a zone ("2026-11-23", "09:00" or "09:00:30") -> the UTC instant.
 * In a DST gap or overlap the zone rules of dayjs-timezone apply (China has no DST).
 */
export function zonedToUtc(date: LocalDate, time: string, timeZone: string = DEFAULT_TIME_ZONE): Date {
  const key = `${timeZone}\u0001${date}\u0001${time}`;
  const hit = zonedMsCache.get(key);
  if (hit !== undefined) return new Date(hit); // a fresh Date: callers may change theirs
  dayNumberMs(date); // validates
  const t = TIME_RE.exec(time);
  if (!t) throw new RangeError(`not a time HH:mm[:ss]: ${time}`);
  const hms = `${t[1]}:${t[2]}:${t[3] ?? '00'}`;
  const ms = dayjs.tz(`${date} ${hms}`, timeZone).toDate().getTime();
  if (zonedMsCache.size >= 4096) zonedMsCache.clear();
  zonedMsCache.set(key, ms);
  return new Date(ms);
}

export type FollowUpPreset = '30m' | '1h' | '2h' | 'today18' | 'tomorrow9' | 'tomorrow14' | 'nextWorkday9';
export const FOLLOW_UP_PRESETS: readonly FollowUpPreset[] = ['30m', '1h', '2h', 'today18', 'tomorrow9', 'tomorrow14', 'nextWorkday9'];

/**
 * Resolve a follow-up preset against now in the desk's zone:
 * - '30m' / '1h' / '2h': now plus that duration.
 * - 'today18': 18:00 today; when it is already 18:00 or later, 18:00 tomorrow (the next 18:00,
 *   never a time in the past).
 * - 'tomorrow9' / 'tomorrow14': 09:00 / 14:00 on the next calendar day.
 * - 'nextWorkday9': 09:00 on the next Monday-Friday after today (Friday, Saturday and Sunday
 *   all give Monday). Public holidays and 调休 make-up days are not known here.
 */
export function followUpPresetAt(preset: FollowUpPreset, now: Date, timeZone: string = DEFAULT_TIME_ZONE): Date {
  const nowMs = now.getTime();
  if (Number.isNaN(nowMs)) throw new RangeError('invalid instant');
  const today = localDateOf(now, timeZone);
  switch (preset) {
    case '30m':
      return new Date(nowMs + 30 * 60_000);
    case '1h':
      return new Date(nowMs + 60 * 60_000);
    case '2h':
      return new Date(nowMs + 120 * 60_000);
    case 'today18': {
      const at = zonedToUtc(today, '18:00', timeZone);
      return at.getTime() > nowMs ? at : zonedToUtc(addDays(today, 1), '18:00', timeZone);
    }
    case 'tomorrow9':
      return zonedToUtc(addDays(today, 1), '09:00', timeZone);
    case 'tomorrow14':
      return zonedToUtc(addDays(today, 1), '14:00', timeZone);
    case 'nextWorkday9': {
      let day = addDays(today, 1);
      while (weekdayOf(day) === 0 || weekdayOf(day) === 6) day = addDays(day, 1);
      return zonedToUtc(day, '09:00', timeZone);
    }
    default: {
      const never: never = preset;
      throw new RangeError(`unknown follow-up preset: ${String(never)}`);
    }
  }
}

/**
 * "03:12" below an hour, "1:02:03" from an hour up, for a duration in seconds (call timer,
 * countdowns). Fractions are floored; a negative duration (an overdue countdown) keeps a
 * leading "-": -5 -> "-00:05".
 */
export function formatDuration(totalSeconds: number): string {
  if (!Number.isFinite(totalSeconds)) throw new RangeError(`not a duration: ${totalSeconds}`);
  const s = Math.floor(Math.abs(totalSeconds));
  const sign = totalSeconds < 0 && s > 0 ? '-' : '';
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  const mm = String(m).padStart(2, '0');
  const ss = String(sec).padStart(2, '0');
  return h > 0 ? `${sign}${h}:${mm}:${ss}` : `${sign}${mm}:${ss}`;
}
