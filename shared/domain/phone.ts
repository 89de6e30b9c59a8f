/**
 * Mainland China phone numbers. Mobile: 11 digits, 1[3-9]xxxxxxxxx. Landline: a trunk 0,
 * an area code (2 digits after the 0 for 010 / 020-029, 3 for the rest) and a 7-8 digit
 * local number, e.g. 010-12345678, 0755-1234567.
 */

const SEPARATORS = /[\s\u3000\-\u2010-\u2015().（）]/g;

/**
 * Strip spaces (also the full-width one), dashes, dots and brackets, and a +86 / 0086 / 86
 * country prefix. After the country prefix a landline has lost its trunk 0
 * ("+86 10 1234 5678"), which is put back ("01012345678"). Anything else is returned as the
 * stripped string (it will fail the validators).
 */
export function normalizePhone(input: string): string {
  let s = input.trim().replace(SEPARATORS, '');
  let international = false;
  if (s.startsWith('+86')) {
    s = s.slice(3);
    international = true;
  } else if (s.startsWith('0086')) {
    s = s.slice(4);
    international = true;
  } else if (/^861[3-9]\d{9}$/.test(s)) {
    s = s.slice(2);
  }
  if (international && /^[1-9]/.test(s) && !/^1[3-9]/.test(s)) s = `0${s}`;
  return s;
}

const MOBILE = /^1[3-9]\d{9}$/;
const LANDLINE = /^0([12]\d|[3-9]\d{2})(\d{7,8})$/;

/** Mainland mobile: 11 digits starting 1[3-9]. */
export function isValidCnMobile(input: string): boolean {
  return MOBILE.test(normalizePhone(input));
}

/** The area code (with its 0) and local number of a landline, or null. */
export function splitLandline(input: string): { areaCode: string; local: string } | null {
  const m = LANDLINE.exec(normalizePhone(input));
  return m ? { areaCode: `0${m[1] ?? ''}`, local: m[2] ?? '' } : null;
}

export function phoneTypeOf(input: string): 'mobile' | 'landline' | null {
  if (isValidCnMobile(input)) return 'mobile';
  return splitLandline(input) ? 'landline' : null;
}

/** Mobile or landline (0 + area code + 7-8 digits). */
export function isValidCnPhone(input: string): boolean {
  return phoneTypeOf(input) !== null;
}
