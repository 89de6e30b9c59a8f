import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ageFromId, birthDateFromId, genderFromId, idCheckDigit, isValidChineseId } from './idcard';

describe('idCheckDigit (GB 11643)', () => {
  it.each([
    ['11010519491231002', 'X'], // the standard's own example
    ['44030419900307123', 'X'],
    ['32010820000229001', '1'],
    ['31011519851115251', '6'],
    ['11010119900101001', '5'],
  ])('%s -> %s', (first17, check) => {
    expect(idCheckDigit(first17)).toBe(check);
  });
  it('refuses anything but 17 digits', () => {
    expect(() => idCheckDigit('1101051949123100')).toThrow(RangeError);
    expect(() => idCheckDigit('1101051949123100X')).toThrow(RangeError);
  });
});

describe('isValidChineseId', () => {
  it.each(['11010519491231002X', '11010519491231002x', '440304199003071234'.slice(0, 17) + 'X', '320108200002290011', '310115198511152516', ' 110101199001010015 '])(
    'accepts %s',
    (id) => expect(isValidChineseId(id)).toBe(true),
  );
  it.each([
    ['wrong check digit', '110105194912310021'],
    ['X where a digit belongs', '11010519491231002Y'],
    ['17 chars', '11010519491231002'],
    ['19 chars', '11010519491231002X1'],
    ['letters', '1101051949123A002X'],
    ['29 Feb in a common year', '11010520010229001' + idCheckDigit('11010520010229001')],
    ['month 13', '11010519901301001' + idCheckDigit('11010519901301001')],
    ['day 00', '11010519900100001' + idCheckDigit('11010519900100001')],
    ['year 1850', '11010518500101001' + idCheckDigit('11010518500101001')],
    ['unknown province 99', '99010519491231002' + idCheckDigit('99010519491231002')],
    ['15-digit legacy form', '110105491231002'],
    ['empty', ''],
  ])('rejects %s', (_why, id) => expect(isValidChineseId(id)).toBe(false));

  it('a valid ID is rejected when any one digit changes (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 16 }), fc.integer({ min: 1, max: 9 }), (pos, delta) => {
        const id = '11010519491231002X';
        const digit = (Number(id[pos]) + delta) % 10;
        const changed = id.slice(0, pos) + String(digit) + id.slice(pos + 1);
        expect(isValidChineseId(changed)).toBe(false);
      }),
    );
  });
});

describe('birth date, gender, age', () => {
  it('reads the birth date and gender', () => {
    expect(birthDateFromId('11010519491231002X')).toBe('1949-12-31');
    expect(genderFromId('11010519491231002X')).toBe('F'); // 17th digit 2
    expect(genderFromId('320108200002290011')).toBe('M'); // 17th digit 1
    expect(birthDateFromId('320108200002290011')).toBe('2000-02-29');
  });
  it('null for invalid IDs', () => {
    expect(birthDateFromId('110105194912310021')).toBeNull();
    expect(genderFromId('abc')).toBeNull();
    expect(ageFromId('abc', '2026-01-01')).toBeNull();
  });
  it('age in whole years, a 29 Feb birthday counting from 1 March', () => {
    expect(ageFromId('11010519491231002X', '2026-12-30')).toBe(76);
    expect(ageFromId('11010519491231002X', '2026-12-31')).toBe(77);
    expect(ageFromId('320108200002290011', '2026-02-28')).toBe(25);
    expect(ageFromId('320108200002290011', '2026-03-01')).toBe(26);
    expect(ageFromId('320108200002290011', '1999-01-01')).toBeNull();
  });
});
