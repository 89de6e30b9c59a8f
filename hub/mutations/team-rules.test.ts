import { DEFAULT_CONTACT_RULES } from '../../shared/domain/settings';
import { describe, expect, it } from 'vitest';
import { DEFAULT_BUCKET_BOUNDS } from '../../shared/domain/buckets';
import { rulesFrom } from './team-rules';

const row = (key: string, value: unknown) => ({ key, value: JSON.stringify(value) });
const DEFAULTS = { timeZone: 'Asia/Shanghai', ptpMaxDays: 30, ptpGraceDays: 1, bucketBounds: DEFAULT_BUCKET_BOUNDS, contactRules: DEFAULT_CONTACT_RULES, bannedPhrases: expect.any(Array) };

describe('rulesFrom (team settings as the hub applies them)', () => {
  it('no rows: the desk defaults', () => {
    expect(rulesFrom([])).toEqual(DEFAULTS);
  });
  it('valid rows win, other keys are ignored', () => {
    const bounds = { earlyMax: 3, midMax: 10, m1Max: 28, m2Max: 60, m3Max: 90 };
    expect(rulesFrom([row('timeZone', 'Asia/Urumqi'), row('ptpMaxDays', 7), row('ptpGraceDays', 0), row('bucketBounds', bounds), row('institutionName', 'x')]))
      .toEqual({ timeZone: 'Asia/Urumqi', ptpMaxDays: 7, ptpGraceDays: 0, bucketBounds: bounds, contactRules: DEFAULT_CONTACT_RULES, bannedPhrases: expect.any(Array) });
  });
  it('a value that does not validate falls back to its default, key by key (never a failed push)', () => {
    expect(rulesFrom([row('timeZone', 'Mars/Olympus'), row('ptpMaxDays', 0), row('ptpGraceDays', 99), row('bucketBounds', { earlyMax: 'x' })])).toEqual(DEFAULTS);
    expect(rulesFrom([{ key: 'ptpMaxDays', value: '{not json' }, row('timeZone', 42), row('ptpMaxDays', 9999)])).toEqual(DEFAULTS);
    expect(rulesFrom([row('ptpMaxDays', 10), row('timeZone', '')])).toEqual({ ...DEFAULTS, ptpMaxDays: 10 });
  });
});
