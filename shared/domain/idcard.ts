import type { LocalDate } from './enums';

/**
 * 居民身份证号码 (GB 11643-1999): 6-digit region code, 8-digit birth date, 3-digit sequence
 * (the last of which is odd for men, even for women), 1 check character.
 */

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_MAP = '10X98765432';

/** Province-level codes (first two digits). */
const PROVINCES = new Set([
  '11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37',
  '41', '42', '43', '44', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65',
  '71', '81', '82', '83', '91',
]);

/** GB 11643 check digit of the first 17 digits: '0'-'9' or 'X'. Throws RangeError unless given exactly 17 digits. */
export function idCheckDigit(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError('expected 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17.charCodeAt(i) - 48) * (WEIGHTS[i] ?? 0);
  return CHECK_MAP.charAt(sum % 11);
}

function birthDatePart(id: string): LocalDate | null {
  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  if (y < 1900 || y > 2099 || m < 1 || m > 12 || d < 1) return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
}

/**
 * 18 chars (a lowercase x is accepted as X), a known province code, a real birth date in
 * 1900-2099, and the correct check digit. The 15-digit pre-1999 form is not accepted.
 */
export function isValidChineseId(id: string): boolean {
  const s = id.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(s)) return false;
  if (!PROVINCES.has(s.slice(0, 2))) return false;
  if (birthDatePart(s) === null) return false;
  return idCheckDigit(s.slice(0, 17)) === s.charAt(17);
}

/** 'YYYY-MM-DD' of a valid ID, else null. */
export function birthDateFromId(id: string): string | null {
  const s = id.trim().toUpperCase();
  return isValidChineseId(s) ? birthDatePart(s) : null;
}

/** 17th digit odd = male; null for an invalid ID. */
export function genderFromId(id: string): 'M' | 'F' | null {
  const s = id.trim().toUpperCase();
  if (!isValidChineseId(s)) return null;
  return Number(s.charAt(16)) % 2 === 1 ? 'M' : 'F';
}

/** Age in whole years on `today` (a birthday on 02-29 counts from 03-01 in other years), or null for an invalid ID or a future birth date. */
export function ageFromId(id: string, today: LocalDate): number | null {
  const birth = birthDateFromId(id);
  if (!birth) return null;
  let age = Number(today.slice(0, 4)) - Number(birth.slice(0, 4));
  if (today.slice(5) < birth.slice(5)) age -= 1;
  return age >= 0 ? age : null;
}
