import { describe, expect, it } from 'vitest';
import { readTypedDate } from './typed-date';

describe('readTypedDate', () => {
  it('reads the ways dates are typed', () => {
    for (const t of ['2026-03-05', '2026/3/5', '2026.3.5', '20260305', '2026年3月5日', '２０２６－０３－０５', '２０２６／３／５', ' 2026-3-05 ']) {
      expect(readTypedDate(t), t).toEqual({ kind: 'date', date: '2026-03-05' });
    }
  });
  it('empty is empty; garbage and impossible days are invalid, with what was typed', () => {
    expect(readTypedDate('  ')).toEqual({ kind: 'empty' });
    expect(readTypedDate('abc')).toEqual({ kind: 'invalid', text: 'abc' });
    expect(readTypedDate('2026-02-30')).toEqual({ kind: 'invalid', text: '2026-02-30' });
    expect(readTypedDate('2026-13-01')).toEqual({ kind: 'invalid', text: '2026-13-01' });
  });
  it('a date out of range is still a date (the field keeps it and names the range)', () => {
    expect(readTypedDate('2020-01-01')).toEqual({ kind: 'date', date: '2020-01-01' });
  });
});
