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
