/**
 * One cell to one typed value, per column kind. Each returns `{ ok: value }` or `{ code, reason }`.
 * A cell whose type makes no sense for its column (a date cell in an amount column) is an error,
 * never a guess. ID, phone and account numbers stay strings end to end.
 */
import { isValidLocalDate } from '../domain/dates';
import { idCheckDigit, isValidChineseId } from '../domain/idcard';
import type { LocalDate, PhoneKind, Product, Relation } from '../domain/enums';
import { parseYuanToFen } from '../domain/money';
import { isValidTimeZone } from '../domain/settings';
import { normalizePhone, phoneTypeOf } from '../domain/phone';
import { cellText, halfWidth, type Cell } from './text';
import type { RejectCode } from './types';

export type Norm<T> = { ok: T } | { code: RejectCode; reason: string };
const bad = (code: RejectCode, reason: string): { code: RejectCode; reason: string } => ({ code, reason });

const looksLikeDate = (s: string): boolean => /^\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}/.test(s) || /^\d{1,2}\.\d{1,2}\.\d{1,4}$/.test(s);

/** `1,234.50`, `¥2,000`, `3000元`, `１０００`, a number cell -> fen. */
export function amountFen(cell: Cell): Norm<number> {
  if (cell instanceof Date) return bad('wrongType', 'a date in an amount column');
  if (typeof cell === 'boolean') return bad('wrongType', 'a true/false cell in an amount column');
  if (typeof cell === 'number') {
    if (!Number.isFinite(cell) || cell < 0) return bad('badAmount', `${cell} is not an amount (negative or not finite)`);
    const fen = Math.round(cell * 100);
    if (Math.abs(fen - cell * 100) > 1e-6 * Math.max(1, cell)) return bad('badAmount', `${cell} has more than 2 decimals`);
    if (!Number.isSafeInteger(fen)) return bad('badAmount', `${cell} is too large`);
    return { ok: fen };
  }
  const s = cellText(cell).replace(/\s+/g, '').replace(/^(RMB|CNY)/i, '');
  if (looksLikeDate(s)) return bad('wrongType', `"${s}" is a date, not an amount`);
  const fen = parseYuanToFen(s);
  return fen === null ? bad('badAmount', `"${s}" is not an amount (e.g. 1,234.50 / ¥2,000 / 3000元)`) : { ok: fen };
}

const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;
const pad = (n: number): string => String(n).padStart(2, '0');

function ymd(y: number, m: number, d: number): LocalDate | null {
  const s = `${String(y).padStart(4, '0')}-${pad(m)}-${pad(d)}`;
  return y >= 1900 && y <= 2099 && isValidLocalDate(s) ? s : null;
}

/** Excel's day serial (1900 system; 61 = 1900-03-01, after Lotus's phantom 1900-02-29). */
function fromSerial(serial: number): LocalDate | null {
  if (serial < 61 || serial > 73050) return null; // 1900-03-01 .. 2099-12-31
  const d = new Date(EXCEL_EPOCH_MS + Math.floor(serial) * DAY_MS);
  return d.toISOString().slice(0, 10);
}

/**
 * `2024/3/2`, `2024-03-02`, `2024.3.2`, `20240302` (text or number), `2024年3月2日`, a trailing
 * time `00:00:00`, Excel day serials (number or 5-digit text) and real date cells.
 */
export function localDate(cell: Cell): Norm<LocalDate> {
  if (cell instanceof Date) {
    // exceljs hands date cells over as wall-clock time held in UTC: read the UTC parts
    const r = ymd(cell.getUTCFullYear(), cell.getUTCMonth() + 1, cell.getUTCDate());
    return r ? { ok: r } : bad('badDate', 'a date cell outside 1900-2099');
  }
  if (typeof cell === 'boolean') return bad('wrongType', 'a true/false cell in a date column');
  if (typeof cell === 'number') {
    if (Number.isInteger(cell) && cell >= 19000101 && cell <= 20991231) {
      const r = ymd(Math.floor(cell / 10000), Math.floor(cell / 100) % 100, cell % 100);
      return r ? { ok: r } : bad('badDate', `${cell} is not a calendar date`);
    }
    const r = fromSerial(cell);
    return r ? { ok: r } : bad('wrongType', `the number ${cell} in a date column is neither yyyymmdd nor a spreadsheet date`);
  }
  const s = cellText(cell).replace(/\s+\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?$/, '');
  let m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(s) ?? /^(\d{4})年(\d{1,2})月(\d{1,2})日?$/.exec(s) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (m) {
    const r = ymd(Number(m[1]), Number(m[2]), Number(m[3]));
    return r ? { ok: r } : bad('badDate', `"${s}" is not a calendar date`);
  }
  m = /^(\d{5})(\.\d+)?$/.exec(s);
  if (m) {
    const r = fromSerial(Number(m[1]));
    if (r) return { ok: r };
  }
  if (/^[¥￥]|元$|,\d{3}/.test(s)) return bad('wrongType', `"${s}" is an amount, not a date`);
  return bad('badDate', `"${s}" is not a date (e.g. 2024-03-02 / 2024/3/2 / 20240302 / 2024年3月2日)`);
}

/** Whole days overdue, 0..36500 (`45`, `45天`, a number cell). */
export function wholeDays(cell: Cell): Norm<number> {
  if (cell instanceof Date) return bad('wrongType', 'a date in a days column');
  const n = typeof cell === 'number' ? cell : /^\d+(\.0+)?\s*天?$/.test(cellText(cell)) ? Number.parseInt(cellText(cell), 10) : Number.NaN;
  return Number.isInteger(n) && n >= 0 && n <= 36500 ? { ok: n } : bad('badInteger', `"${cellText(cell)}" is not a whole number of days`);
}

/** Digits a spreadsheet may have turned into a number cell: keep them only when no digit can have been lost. */
function digitString(cell: Cell, what: string, maxSafeDigits: number): Norm<string> {
  if (cell instanceof Date) return bad('wrongType', `a date in the ${what} column`);
  if (typeof cell === 'number') {
    if (!Number.isSafeInteger(cell) || cell < 0 || String(cell).length > maxSafeDigits) {
      return bad('storedAsNumber', `the ${what} is stored as a number and has lost digits: format the column as text`);
    }
    return { ok: String(cell) };
  }
  return { ok: cellText(cell).replace(/\s+/g, '') };
}

/** 18-character 居民身份证号 with its check digit; a lowercase x is read as X. */
export function idNumber(cell: Cell): Norm<string> {
  if (typeof cell === 'number') return bad('storedAsNumber', 'the ID number is stored as a number and has lost digits: format the column as text');
  const r = digitString(cell, 'ID number', 0);
  if (!('ok' in r)) return r;
  const s = r.ok.toUpperCase();
  if (!/^\d{17}[\dX]$/.test(s)) return bad('badIdNumber', `"${s}" is not an 18-character ID number`);
  if (isValidChineseId(s)) return { ok: s };
  if (isValidChineseId(s.slice(0, 17) + idCheckDigit(s.slice(0, 17)))) return bad('idCheckDigit', `the check digit of ${s} should be ${idCheckDigit(s.slice(0, 17))}`);
  return bad('badIdNumber', `${s} has no valid region code or birth date`);
}

/** A mainland mobile or landline: +86, 86-, 0086, spaces and dashes removed. */
export function phone(cell: Cell, landlineKind: PhoneKind): Norm<{ kind: PhoneKind; number: string }> {
  const r = digitString(cell, 'phone', 15);
  if (!('ok' in r)) return r;
  const number = normalizePhone(r.ok);
  const type = phoneTypeOf(number);
  if (type === null) return bad('badPhone', `"${r.ok}" is not a mainland mobile or landline number`);
  return { ok: { kind: type === 'mobile' ? 'mobile' : landlineKind, number } };
}

/** A card, contract or account number: text, spaces removed; a number cell only when exact. */
export function accountNo(cell: Cell): Norm<string> {
  const r = digitString(cell, 'account number', 15);
  if (!('ok' in r)) return r;
  return r.ok.length > 64 ? bad('tooLong', 'longer than 64 characters') : r;
}

/** Free text (names, addresses): numbers and dates make no sense for a name. */
export function text(cell: Cell, max: number, kind: 'name' | 'text'): Norm<string> {
  if (cell instanceof Date || (kind === 'name' && typeof cell === 'number')) return bad('wrongType', `a ${cell instanceof Date ? 'date' : 'number'} in a ${kind} column`);
  const s = cellText(cell).replace(/\s+/g, ' ');
  return s.length > max ? bad('tooLong', `longer than ${max} characters`) : { ok: s };
}

const PRODUCTS: [RegExp, Product][] = [
  [/信用卡|贷记卡|credit ?card|^card$/i, 'credit_card'],
  [/现金贷|cash/i, 'cash_loan'],
  [/消费|消金|分期|consumer/i, 'consumer_loan'],
  [/个人|个贷|信贷|贷款|loan/i, 'personal_loan'],
];

/** 信用卡 / 个人贷款 / 消费贷 / 现金贷 (and English); blank is a credit card, the common bank batch. */
export function product(cell: Cell): Norm<Product> {
  const s = cellText(cell);
  if (s === '') return { ok: 'credit_card' };
  const hit = PRODUCTS.find(([re]) => re.test(s));
  return hit ? { ok: hit[1] } : bad('unknownProduct', `"${s}" is not a product we know (信用卡, 个人贷款, 消费贷, 现金贷)`);
}

const RELATIONS: [RegExp, Relation][] = [
  [/配偶|夫|妻|老公|老婆|爱人|spouse|wife|husband/i, 'spouse'],
  [/父|母|爸|妈|parent|father|mother/i, 'parent'],
  [/子|女|儿|child|son|daughter/i, 'child'],
  [/兄|弟|姐|妹|哥|sibling|brother|sister/i, 'sibling'],
  [/同事|colleague/i, 'colleague'],
  [/朋友|友|friend/i, 'friend'],
  [/共借|共同借款|co.?borrower/i, 'co_borrower'],
  [/担保|guarantor/i, 'guarantor'],
];

/** A relation word as the file writes it; anything else is 'other' (never a reject: it only words the call). */
export function relation(cell: Cell): Relation {
  const s = halfWidth(cellText(cell));
  return RELATIONS.find(([re]) => re.test(s))?.[1] ?? 'other';
}

/** The debtor's own zone: an IANA name `Intl` knows (Asia/Urumqi), as the team settings check it. */
export function timeZone(cell: Cell): Norm<string> {
  const t = (cellText(cell) ?? '').trim();
  return t.length <= 64 && isValidTimeZone(t) ? { ok: t } : bad('badTimeZone', 'not a time zone (use an IANA name such as Asia/Urumqi)');
}
