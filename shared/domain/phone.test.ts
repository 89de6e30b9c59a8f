import { describe, expect, it } from 'vitest';
import { isValidCnMobile, isValidCnPhone, normalizePhone, phoneTypeOf, splitLandline } from './phone';

describe('normalizePhone', () => {
  it.each([
    ['138 1234 5678', '13812345678'],
    ['138-1234-5678', '13812345678'],
    ['+86 138 1234 5678', '13812345678'],
    ['+86-13812345678', '13812345678'],
    ['0086 13812345678', '13812345678'],
    ['8613812345678', '13812345678'],
    ['(010) 1234-5678', '01012345678'],
    ['（0755）1234 5678', '075512345678'],
    ['+86 10 1234 5678', '01012345678'],
    ['+86 (0)10 1234 5678', '01012345678'],
    ['+86 755 1234567', '07551234567'],
    ['\u3000139\u30000000\u30000000 ', '13900000000'],
  ])('%j -> %s', (input, out) => {
    expect(normalizePhone(input)).toBe(out);
  });
});

describe('validators', () => {
  it.each(['13812345678', '+86 199 0000 1111', '0086-17712345678', '15000000000'])('mobile %s', (n) => {
    expect(isValidCnMobile(n)).toBe(true);
    expect(isValidCnPhone(n)).toBe(true);
    expect(phoneTypeOf(n)).toBe('mobile');
  });
  it.each(['12812345678', '1381234567', '138123456789', '23812345678', '', 'abc', '1381234567x'])('not a mobile %j', (n) => {
    expect(isValidCnMobile(n)).toBe(false);
  });
  it.each([
    ['010-12345678', '010', '12345678'],
    ['021 6123 4567', '021', '61234567'],
    ['0755-1234567', '0755', '1234567'],
    ['0571-87654321', '0571', '87654321'],
    ['+86 20 8888 6666', '020', '88886666'],
  ])('landline %s', (n, areaCode, local) => {
    expect(isValidCnPhone(n)).toBe(true);
    expect(isValidCnMobile(n)).toBe(false);
    expect(splitLandline(n)).toEqual({ areaCode, local });
    expect(phoneTypeOf(n)).toBe('landline');
  });
  it.each(['010-123456', '0755-123456789', '12345678', '0-12345678', '00-12345678', '4008123123'])('not a phone %j', (n) => {
    expect(isValidCnPhone(n)).toBe(false);
    expect(phoneTypeOf(n)).toBeNull();
  });
});
