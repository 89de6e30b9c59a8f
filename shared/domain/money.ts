import type { Locale } from './enums';

/**
 * Money is integer fen (分) everywhere. These helpers never do float arithmetic on amounts:
 * formatting splits with `%` (exact for safe integers) and parsing builds the fen value from
 * the digit string.
 */

const GROUPED = /\B(?=(\d{3})+(?!\d))/g;

function assertFen(fen: number): void {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`not an integer fen amount: ${fen}`);
}

/**
 * ¥12,345.60 from 1234560 fen; negative amounts keep their sign (-¥12.30). Integer arithmetic
 * only. Both locales show renminbi the same way (¥, comma groups, two decimals): the
 * English UI is used by the same Chinese teams, and the amount must read identically.
 */
export function formatFen(fen: number, _locale: Locale = 'zh-CN'): string {
  assertFen(fen);
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const cents = abs % 100;
  const yuan = (abs - cents) / 100; // exact: abs - cents is a multiple of 100
  return `${sign}¥${String(yuan).replace(GROUPED, ',')}.${String(cents).padStart(2, '0')}`;
}

/** 12345.6 -> "12345.60" without the currency sign or groups (inputs, CSV export). */
export function fenToPlainYuan(fen: number): string {
  assertFen(fen);
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const cents = abs % 100;
  return `${sign}${(abs - cents) / 100}.${String(cents).padStart(2, '0')}`;
}

/**
 * Full-width digits and marks a Chinese input method types (１０００．５０, ，) as ASCII, so an
 * amount reads the same however it was typed; every other character is left as it is.
 */
export function normalizeDigits(text: string): string {
  return text.replace(/[\uFF10-\uFF19\uFF0E\uFF0C\u3002]/g, (ch) => {
    if (ch === '\uFF0E' || ch === '\u3002') return '.';
    if (ch === '\uFF0C') return ',';
    return String.fromCharCode(ch.charCodeAt(0) - 0xff10 + 0x30);
  });
}

// optional ¥/￥, then either plain digits or correctly grouped digits, then up to 2 decimals, optional 元
const MONEY = /^[¥￥]?\s*(\d+|\d{1,3}(?:,\d{3})+)(?:\.(\d{1,2}))?\s*元?$/;

/**
 * "12345.6" / "12,345.60" / "¥1,000" / "￥88元" / "１０００" -> fen; null when it is not a money amount:
 * empty, negative, more than 2 decimals ("1.234"), misplaced group commas ("1,23"), or
 * beyond Number.MAX_SAFE_INTEGER fen.
 */
export function parseYuanToFen(text: string): number | null {
  const m = MONEY.exec(normalizeDigits(text).trim());
  if (!m) return null;
  const intDigits = (m[1] ?? '').replace(/,/g, '');
  const frac = (m[2] ?? '').padEnd(2, '0');
  const digits = (intDigits + frac).replace(/^0+(?=\d)/, '');
  const fen = Number(digits);
  // a digit string longer than 16 can round silently; check exactness via the string form
  if (!Number.isSafeInteger(fen) || String(fen) !== digits) return null;
  return fen;
}
