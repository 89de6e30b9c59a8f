import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  addDays, daysBetween, dpd, followUpPresetAt, formatDuration, isValidLocalDate, localDateOf, localTimeOf, weekdayOf, zonedToUtc,
} from './dates';

const SH = 'Asia/Shanghai';
const at = (iso: string) => new Date(iso);

describe('localDateOf', () => {
  it('16:00 UTC is midnight in Shanghai', () => {
    expect(localDateOf(at('2026-03-01T15:59:59.999Z'), SH)).toBe('2026-03-01');
    expect(localDateOf(at('2026-03-01T16:00:00.000Z'), SH)).toBe('2026-03-02');
    expect(localDateOf(at('2026-03-01T16:00:00.000Z'))).toBe('2026-03-02'); // default zone
  });
  it('year end and leap day', () => {
    expect(localDateOf(at('2027-12-31T16:00:00Z'), SH)).toBe('2028-01-01');
    expect(localDateOf(at('2028-02-28T16:30:00Z'), SH)).toBe('2028-02-29');
  });
  it('other zones', () => {
    expect(localDateOf(at('2026-03-01T03:00:00Z'), 'America/New_York')).toBe('2026-02-28');
    expect(localDateOf(at('2026-03-01T03:00:00Z'), 'UTC')).toBe('2026-03-01');
  });
  it('local time', () => {
    expect(localTimeOf(at('2026-03-01T10:05:00Z'), SH)).toBe('18:05');
  });
  it('rejects an invalid instant', () => {
    expect(() => localDateOf(new Date(Number.NaN), SH)).toThrow(RangeError);
  });
});

describe('calendar arithmetic', () => {
  it('daysBetween across month, leap and non-leap Februaries', () => {
    expect(daysBetween('2026-02-28', '2026-03-01')).toBe(1);
    expect(daysBetween('2028-02-28', '2028-03-01')).toBe(2);
    expect(daysBetween('2026-01-01', '2027-01-01')).toBe(365);
    expect(daysBetween('2028-01-01', '2029-01-01')).toBe(366);
    expect(daysBetween('2026-03-10', '2026-03-01')).toBe(-9);
  });
  it('addDays', () => {
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
    expect(addDays('2026-05-05', 0)).toBe('2026-05-05');
  });
  it('rejects dates that do not exist', () => {
    expect(() => addDays('2026-02-29', 1)).toThrow(RangeError);
    expect(() => daysBetween('2026-13-01', '2026-01-01')).toThrow(RangeError);
    expect(() => addDays('2026-1-1', 1)).toThrow(RangeError);
    expect(isValidLocalDate('2028-02-29')).toBe(true);
    expect(isValidLocalDate('2100-02-29')).toBe(false);
    expect(isValidLocalDate('2000-02-29')).toBe(true);
  });
  it('weekday', () => {
    expect(weekdayOf('2026-11-23')).toBe(1); // Monday
    expect(weekdayOf('2026-11-22')).toBe(0);
  });
  it('addDays and daysBetween are inverse (property)', () => {
    const date = fc.date({ min: new Date('1950-01-01T00:00:00Z'), max: new Date('2090-12-31T00:00:00Z'), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10));
    fc.assert(
      fc.property(date, fc.integer({ min: -4000, max: 4000 }), (d, n) => {
        const e = addDays(d, n);
        expect(isValidLocalDate(e)).toBe(true);
        expect(daysBetween(d, e)).toBe(n);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('dpd', () => {
  it('overdueSince is DPD 1, the due date before it DPD 0', () => {
    expect(dpd('2026-03-01', '2026-02-28')).toBe(0);
    expect(dpd('2026-03-01', '2026-01-01')).toBe(0);
    expect(dpd('2026-03-01', '2026-03-01')).toBe(1);
    expect(dpd('2026-03-01', '2026-03-05')).toBe(5);
    expect(dpd('2028-02-01', '2028-03-01')).toBe(30); // leap February
    expect(dpd('2026-02-01', '2026-03-01')).toBe(29);
  });
  it('moves at Shanghai midnight, not UTC midnight', () => {
    const since = '2026-03-01';
    expect(dpd(since, localDateOf(at('2026-03-01T15:59:00Z'), SH))).toBe(1);
    expect(dpd(since, localDateOf(at('2026-03-01T16:00:00Z'), SH))).toBe(2);
  });
});

describe('zonedToUtc', () => {
  it('Shanghai is UTC+8', () => {
    expect(zonedToUtc('2026-11-23', '09:00', SH).toISOString()).toBe('2026-11-23T01:00:00.000Z');
    expect(zonedToUtc('2026-11-23', '00:00', SH).toISOString()).toBe('2026-11-22T16:00:00.000Z');
    expect(zonedToUtc('2026-11-23', '23:59:30', SH).toISOString()).toBe('2026-11-23T15:59:30.000Z');
  });
  it('follows DST where there is one', () => {
    expect(zonedToUtc('2026-01-15', '09:00', 'America/New_York').toISOString()).toBe('2026-01-15T14:00:00.000Z');
    expect(zonedToUtc('2026-07-15', '09:00', 'America/New_York').toISOString()).toBe('2026-07-15T13:00:00.000Z');
  });
  it('round-trips with localDateOf / localTimeOf (property)', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2080-01-01T00:00:00Z'), noInvalidDate: true }),
        (d) => {
          const minute = new Date(Math.floor(d.getTime() / 60_000) * 60_000);
          expect(zonedToUtc(localDateOf(minute, SH), localTimeOf(minute, SH), SH).getTime()).toBe(minute.getTime());
        },
      ),
      { numRuns: 500 },
    );
  });
  it('answers a repeated question from its memo: the same instant in a fresh Date, per zone', () => {
    const first = zonedToUtc('2026-12-20', '00:00', SH);
    first.setUTCFullYear(1999); // a caller changing its Date changes no later answer
    const again = zonedToUtc('2026-12-20', '00:00', SH);
    expect(again.toISOString()).toBe('2026-12-19T16:00:00.000Z');
    expect(again).not.toBe(zonedToUtc('2026-12-20', '00:00', SH));
    expect(zonedToUtc('2026-12-20', '00:00', 'America/New_York').toISOString()).toBe('2026-12-20T05:00:00.000Z');
    expect(zonedToUtc('2026-12-20', '00:00', 'UTC').toISOString()).toBe('2026-12-20T00:00:00.000Z');
  });
  it('rejects bad input, also when asked again', () => {
    for (let i = 0; i < 2; i++) expect(() => zonedToUtc('2026-11-31', '00:00', SH)).toThrow(RangeError);
    expect(() => zonedToUtc('2026-11-23', '24:00', SH)).toThrow(RangeError);
    expect(() => zonedToUtc('2026-11-23', '9:00', SH)).toThrow(RangeError);
    expect(() => zonedToUtc('2026-11-31', '09:00', SH)).toThrow(RangeError);
  });
});

describe('followUpPresetAt', () => {
  // 2026-11-20 is a Friday; 10:00 Shanghai = 02:00 UTC
  const fri10 = at('2026-11-20T02:00:00Z');
  const iso = (d: Date) => d.toISOString();

  it('relative presets add to now', () => {
    expect(iso(followUpPresetAt('30m', fri10, SH))).toBe('2026-11-20T02:30:00.000Z');
    expect(iso(followUpPresetAt('1h', fri10, SH))).toBe('2026-11-20T03:00:00.000Z');
    expect(iso(followUpPresetAt('2h', fri10, SH))).toBe('2026-11-20T04:00:00.000Z');
  });
  it('today18 before and after 18:00', () => {
    expect(iso(followUpPresetAt('today18', fri10, SH))).toBe('2026-11-20T10:00:00.000Z');
    expect(iso(followUpPresetAt('today18', at('2026-11-20T09:59:59Z'), SH))).toBe('2026-11-20T10:00:00.000Z');
    expect(iso(followUpPresetAt('today18', at('2026-11-20T10:00:00Z'), SH))).toBe('2026-11-21T10:00:00.000Z');
    expect(iso(followUpPresetAt('today18', at('2026-11-20T14:00:00Z'), SH))).toBe('2026-11-21T10:00:00.000Z');
  });
  it('tomorrow uses the Shanghai calendar day, also just after local midnight', () => {
    expect(iso(followUpPresetAt('tomorrow9', fri10, SH))).toBe('2026-11-21T01:00:00.000Z');
    expect(iso(followUpPresetAt('tomorrow14', fri10, SH))).toBe('2026-11-21T06:00:00.000Z');
    // 16:30 UTC on the 20th is already 00:30 on Saturday the 21st in Shanghai
    expect(iso(followUpPresetAt('tomorrow9', at('2026-11-20T16:30:00Z'), SH))).toBe('2026-11-22T01:00:00.000Z');
  });
  it('nextWorkday9 skips the weekend', () => {
    const mon9 = '2026-11-23T01:00:00.000Z';
    expect(iso(followUpPresetAt('nextWorkday9', fri10, SH))).toBe(mon9);
    expect(iso(followUpPresetAt('nextWorkday9', at('2026-11-21T02:00:00Z'), SH))).toBe(mon9); // Saturday
    expect(iso(followUpPresetAt('nextWorkday9', at('2026-11-22T02:00:00Z'), SH))).toBe(mon9); // Sunday
    expect(iso(followUpPresetAt('nextWorkday9', at('2026-11-23T02:00:00Z'), SH))).toBe('2026-11-24T01:00:00.000Z'); // Monday -> Tuesday
    expect(iso(followUpPresetAt('nextWorkday9', at('2026-11-19T23:00:00Z'), SH))).toBe(mon9); // Fri 07:00 local
  });
  it('every preset lies in the future (property)', () => {
    const presets = ['30m', '1h', '2h', 'today18', 'tomorrow9', 'tomorrow14', 'nextWorkday9'] as const;
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2040-01-01T00:00:00Z'), noInvalidDate: true }),
        fc.constantFrom(...presets),
        (now, p) => {
          const t = followUpPresetAt(p, now, SH).getTime();
          expect(t).toBeGreaterThan(now.getTime());
          expect(t - now.getTime()).toBeLessThanOrEqual(4 * 86_400_000);
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe('formatDuration', () => {
  it.each([
    [0, '00:00'],
    [5, '00:05'],
    [192, '03:12'],
    [3599, '59:59'],
    [3600, '1:00:00'],
    [3723, '1:02:03'],
    [90061, '25:01:01'],
    [59.9, '00:59'],
    [-5, '-00:05'],
    [-0.4, '00:00'],
  ])('%d s -> %s', (s, text) => {
    expect(formatDuration(s)).toBe(text);
  });
});

describe('wall clock through the per-hour offset cache', () => {
  /** The reference: one formatToParts per instant, no cache. */
  const refs = new Map<string, Intl.DateTimeFormat>();
  const reference = (ms: number, timeZone: string): string => {
    let f = refs.get(timeZone);
    if (!f) refs.set(timeZone, (f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' })));
    const p: Record<string, string> = {};
    for (const part of f.formatToParts(ms)) p[part.type] = part.value;
    return `${(p.year ?? '').padStart(4, '0')}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
  };
  const ZONES = ['Asia/Shanghai', 'America/New_York', 'Europe/London', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'America/St_Johns', 'Pacific/Chatham', 'UTC', 'Asia/Urumqi'];

  it('agrees with formatToParts around every DST change of 2026 and at random instants 1900-2100', () => {
    const check = (ms: number, zone: string) => expect(`${localDateOf(new Date(ms), zone)} ${localTimeOf(new Date(ms), zone)}`).toBe(reference(ms, zone));
    for (const zone of ZONES) {
      // Every minute across the spring and autumn changes (both hemispheres), plus the last ms of each minute.
      for (const day of ['2026-03-08', '2026-03-29', '2026-04-05', '2026-09-27', '2026-10-04', '2026-10-25', '2026-11-01']) {
        const base = Date.parse(`${day}T00:00:00Z`) - 14 * 3_600_000;
        for (let m = 0; m < 40 * 60; m += 13) {
          check(base + m * 60_000, zone);
          check(base + m * 60_000 + 59_999, zone);
        }
      }
    }
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2100, 0, 1) }), fc.constantFrom(...ZONES), (ms, zone) => {
        check(ms, zone);
      }),
      { numRuns: 3000 },
    );
  });
});
