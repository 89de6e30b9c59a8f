/**
 * Instants on screen: formatted from the shared dates' wall clock (the zone's offset kept per
 * hour) instead of dayjs-timezone's `.tz()`, which builds a formatter per call. The old way is
 * the oracle here, over zones with and without daylight saving and across their changes.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dayjs, instant, shortInstant, wallClockOf } from './format';

const ZONES = ['Asia/Shanghai', 'Asia/Urumqi', 'Asia/Hong_Kong', 'America/New_York', 'Europe/London', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'UTC'];
const PATTERNS = ['YYYY-MM-DD HH:mm', 'YYYY-MM-DD HH:mm:ss', 'MM-DD HH:mm', 'HH:mm', 'HH:mm:ss', 'YYYY-MM-DD'];
// 2020..2030, and around New York's and London's 2026 changes at the minute
const instants = fc.oneof(
  fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2030, 11, 31) }),
  fc.integer({ min: Date.UTC(2026, 2, 8, 5), max: Date.UTC(2026, 2, 8, 9) }),
  fc.integer({ min: Date.UTC(2026, 10, 1, 4), max: Date.UTC(2026, 10, 1, 8) }),
  fc.integer({ min: Date.UTC(2026, 2, 29, 0), max: Date.UTC(2026, 2, 29, 2) }),
);

describe('instants in the desk zone', () => {
  it('format as dayjs-timezone did, for every zone and pattern', () => {
    fc.assert(
      fc.property(instants, fc.constantFrom(...ZONES), fc.constantFrom(...PATTERNS), (ms, zone, pattern) => {
        const iso = new Date(ms).toISOString();
        expect(instant(iso, zone, pattern)).toBe(dayjs(iso).tz(zone).format(pattern));
      }),
      { numRuns: 2000 },
    );
  });

  it('the short form says HH:mm on the same local day, MM-DD HH:mm otherwise', () => {
    fc.assert(
      fc.property(instants, fc.integer({ min: -3 * 86_400_000, max: 3 * 86_400_000 }), fc.constantFrom(...ZONES), (ms, ahead, zone) => {
        const iso = new Date(ms).toISOString();
        const now = new Date(ms + ahead);
        const d = dayjs(iso).tz(zone);
        const want = d.format('YYYY-MM-DD') === dayjs(now).tz(zone).format('YYYY-MM-DD') ? d.format('HH:mm') : d.format('MM-DD HH:mm');
        expect(shortInstant(iso, zone, now)).toBe(want);
      }),
      { numRuns: 1000 },
    );
    expect(shortInstant('2026-03-02T01:30:00.000Z', 'Asia/Shanghai', new Date('2026-03-02T10:00:00.000Z'))).toBe('09:30');
    expect(shortInstant('2026-03-01T15:30:00.000Z', 'Asia/Shanghai', new Date('2026-03-02T10:00:00.000Z'))).toBe('03-01 23:30');
  });

  it('the date pickers get the same wall clock', () => {
    fc.assert(
      fc.property(instants, fc.constantFrom(...ZONES), (ms, zone) => {
        const iso = new Date(ms).toISOString();
        expect(wallClockOf(iso, zone).format('YYYY-MM-DD HH:mm:ss')).toBe(dayjs(iso).tz(zone).format('YYYY-MM-DD HH:mm:ss'));
      }),
      { numRuns: 500 },
    );
  });

  it('no instant shows as a dash, and garbage too (never "Invalid Date")', () => {
    expect(instant(null, 'Asia/Shanghai')).toBe('—');
    expect(instant('', 'Asia/Shanghai')).toBe('—');
    expect(instant('not a time', 'Asia/Shanghai')).toBe('—');
    expect(shortInstant(undefined, 'Asia/Shanghai')).toBe('—');
  });
});
