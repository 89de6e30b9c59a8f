import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fenToPlainYuan, formatFen, normalizeDigits, parseYuanToFen } from './money';

describe('formatFen', () => {
  it.each([
    [1234560, '¥12,345.60'],
    [0, '¥0.00'],
    [1, '¥0.01'],
    [99, '¥0.99'],
    [100, '¥1.00'],
    [100000, '¥1,000.00'],
    [-1230, '-¥12.30'],
    [-5, '-¥0.05'],
    [123456789012, '¥1,234,567,890.12'],
    [Number.MAX_SAFE_INTEGER, '¥90,071,992,547,409.91'],
  ])('%d fen -> %s', (fen, text) => {
    expect(formatFen(fen)).toBe(text);
    expect(formatFen(fen, 'en')).toBe(text);
  });

  it('refuses non-integer and unsafe amounts', () => {
    expect(() => formatFen(1.5)).toThrow(RangeError);
    expect(() => formatFen(Number.NaN)).toThrow(RangeError);
    expect(() => formatFen(2 ** 53)).toThrow(RangeError);
  });

  it('plain yuan', () => {
    expect(fenToPlainYuan(1234560)).toBe('12345.60');
    expect(fenToPlainYuan(-7)).toBe('-0.07');
  });
});

describe('parseYuanToFen', () => {
  it.each([
    ['12345.6', 1234560],
    ['12,345.60', 1234560],
    ['¥1,000', 100000],
    ['￥88元', 8800],
    ['  ¥ 0.05 ', 5],
    ['0', 0],
    ['007', 700],
    ['1,234,567.89', 123456789],
    ['90071992547409.91', Number.MAX_SAFE_INTEGER],
  ])('%s -> %d', (text, fen) => {
    expect(parseYuanToFen(text)).toBe(fen);
  });

  it.each(['1.234', 'abc', '', '  ', '-5', '-¥5', '¥', '1,23', '12,3456', '1.', '.5', '1e3', '1 000', '90071992547409.92', '1' + '0'.repeat(20)])(
    'rejects %j',
    (text) => {
      expect(parseYuanToFen(text)).toBeNull();
    },
  );

  it('round-trips formatFen for every non-negative safe amount', () => {
    fc.assert(
      fc.property(fc.maxSafeNat(), (fen) => {
        expect(parseYuanToFen(formatFen(fen))).toBe(fen);
        expect(parseYuanToFen(fenToPlainYuan(fen))).toBe(fen);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('full-width digits (Chinese input methods)', () => {
  it.each([
    ['１０００', 100_000],
    ['１０００．５', 100_050],
    ['￥１，０００元', 100_000],
    ['１２３。４５', 12_345],
  ])('%s -> %i fen', (text, fen) => {
    expect(parseYuanToFen(text)).toBe(fen);
  });
  it('normalizeDigits changes only full-width digits and marks', () => {
    expect(normalizeDigits('¥１２，３４５．６元 abc')).toBe('¥12,345.6元 abc');
    expect(parseYuanToFen('１ａ')).toBeNull();
  });
});
