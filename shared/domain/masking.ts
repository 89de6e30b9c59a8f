import { normalizePhone, splitLandline } from './phone';

/**
 * Masked forms shown by default on the desk (PIPL: minimum necessary; revealing the clear
 * value is a logged action). Masks never reveal more than the stated parts, also for odd input.
 */

const stars = (n: number): string => '*'.repeat(Math.max(0, n));

/** 110105********1234: keep the first 6 (region) and the last 4, one '*' per hidden char. Short junk keeps only the last 4 at most. */
export function maskIdNumber(id: string): string {
  const s = id.trim().toUpperCase();
  if (s.length >= 11) return s.slice(0, 6) + stars(s.length - 10) + s.slice(-4);
  if (s.length > 4) return stars(s.length - 4) + s.slice(-4);
  return stars(s.length);
}

/**
 * 138****5678 for mobiles; landlines keep the area code and the last 4 (010-****5678,
 * 0755-***4567); anything else keeps only the last 4.
 */
export function maskPhone(phone: string): string {
  const s = normalizePhone(phone);
  if (/^1[3-9]\d{9}$/.test(s)) return `${s.slice(0, 3)}****${s.slice(-4)}`;
  const land = splitLandline(s);
  if (land) return `${land.areaCode}-${stars(land.local.length - 4)}${land.local.slice(-4)}`;
  if (s.length > 4) return `****${s.slice(-4)}`;
  return stars(s.length);
}

/**
 * Card / contract / account numbers: keep the last 4. A 16-19 digit card number also keeps
 * its first 4 (the issuer): 6222 **** **** 1234. Other numbers: ****1234.
 */
export function maskAccount(account: string): string {
  const s = account.trim().replace(/[\s-]/g, '');
  if (/^\d{16,19}$/.test(s)) return `${s.slice(0, 4)} **** **** ${s.slice(-4)}`;
  if (s.length > 4) return `****${s.slice(-4)}`;
  return stars(s.length);
}

const NOT_ALNUM_BEFORE = '(?<![0-9A-Za-z])';
const NOT_ALNUM_AFTER = '(?![0-9A-Za-z])';
const ID_IN_TEXT = new RegExp(`${NOT_ALNUM_BEFORE}\\d{17}[\\dXx]${NOT_ALNUM_AFTER}`, 'g');
const CARD_IN_TEXT = new RegExp(`${NOT_ALNUM_BEFORE}\\d{16,19}${NOT_ALNUM_AFTER}`, 'g');
const MOBILE_IN_TEXT = new RegExp(`${NOT_ALNUM_BEFORE}(?:\\+?86[- ]?)?1[3-9]\\d{9}${NOT_ALNUM_AFTER}`, 'g');

/**
 * Mask ID numbers, card/account numbers and mobile numbers wherever they appear in free text
 * (log lines, error messages, exported notes): the same masks as on the screen.
 */
export function maskPersonalText(text: string): string {
  return text
    .replace(ID_IN_TEXT, (m) => maskIdNumber(m))
    .replace(CARD_IN_TEXT, (m) => maskAccount(m))
    .replace(MOBILE_IN_TEXT, (m) => maskPhone(m.replace(/^\+?86[- ]?/, '')));
}
