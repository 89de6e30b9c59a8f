import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { maskAccount, maskIdNumber, maskPhone } from './masking';

describe('maskIdNumber', () => {
  it('keeps the first 6 and last 4', () => {
    expect(maskIdNumber('110105194912311234')).toBe('110105********1234');
    expect(maskIdNumber('11010519491231002x')).toBe('110105********002X');
    expect(maskIdNumber('110105491231002')).toBe('110105*****1002'); // 15-digit legacy
  });
  it('short junk reveals little', () => {
    expect(maskIdNumber('1234567')).toBe('***4567');
    expect(maskIdNumber('123')).toBe('***');
    expect(maskIdNumber('')).toBe('');
  });
  it('never shows the birth date of an 18-char ID (property)', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{17}[\dX]$/), (id) => {
        const m = maskIdNumber(id);
        expect(m).toHaveLength(18);
        expect(m.slice(6, 14)).toBe('********');
        expect(m.slice(0, 6) + m.slice(14)).toBe(id.slice(0, 6) + id.slice(14));
      }),
    );
  });
});

describe('maskPhone', () => {
  it.each([
    ['13812345678', '138****5678'],
    ['+86 138 1234 5678', '138****5678'],
    ['010-12345678', '010-****5678'],
    ['0755-1234567', '0755-***4567'],
    ['075512345678', '0755-****5678'],
    ['12345', '****2345'],
    ['110', '***'],
  ])('%s -> %s', (input, masked) => {
    expect(maskPhone(input)).toBe(masked);
  });
});

describe('maskAccount', () => {
  it.each([
    ['6222021234561234', '6222 **** **** 1234'],
    ['6222 0212 3456 1234', '6222 **** **** 1234'],
    ['6217000010001234567', '6217 **** **** 4567'],
    ['HT-2024-0001234', '****1234'],
    ['123456789012345', '****2345'],
    ['1234', '****'],
    ['', ''],
  ])('%s -> %s', (input, masked) => {
    expect(maskAccount(input)).toBe(masked);
  });
  it('shows at most 8 digits of a card (property)', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{16,19}$/), (card) => {
        expect(maskAccount(card).replace(/\D/g, '')).toBe(card.slice(0, 4) + card.slice(-4));
      }),
    );
  });
});
