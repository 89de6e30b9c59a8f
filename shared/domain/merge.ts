import type { Locale } from './enums';
import { stripInvisible } from './text-safety';

/** Values a script or template can merge; {{name}} in the text. */
export interface MergeFields {
  debtorName: string;
  debtorTitle: string; // 先生 / 女士 (Mr. / Ms.)
  overdueAmount: string; // already formatted money
  minDue: string;
  balance: string;
  dpd: string;
  creditor: string;
  institution: string; // 机构全称
  agentName: string;
  agentNo: string;
  ptpDate: string; // formatted, or a placeholder when no promise yet
  ptpAmount: string;
}

/** Every MergeFields key, for validating templates and scripts. */
export const MERGE_FIELD_KEYS = [
  'debtorName', 'debtorTitle', 'overdueAmount', 'minDue', 'balance', 'dpd', 'creditor',
  'institution', 'agentName', 'agentNo', 'ptpDate', 'ptpAmount',
] as const satisfies readonly (keyof MergeFields)[];

const KEYS: ReadonlySet<string> = new Set(MERGE_FIELD_KEYS);

export function isMergeField(name: string): name is keyof MergeFields {
  return KEYS.has(name);
}

/** 先生 / 女士 in Chinese, Mr. / Ms. in English; '' when the gender is unknown. */
export function titleFor(gender: 'M' | 'F' | null, locale: Locale): string {
  if (gender === null) return '';
  if (locale === 'zh-CN') return gender === 'M' ? '先生' : '女士';
  return gender === 'M' ? 'Mr.' : 'Ms.';
}

/**
 * How a debtor is addressed: 刘思琪女士 in Chinese (the title follows the name), "Ms. 刘思琪" in
 * English (it goes before); the bare name when the gender is unknown.
 */
export function politeName(name: string, gender: 'M' | 'F' | null, locale: Locale): { name: string; title: string; titleFirst: boolean; text: string } {
  name = stripInvisible(name); // an RLO in a name would reverse the rest of the line
  const title = titleFor(gender, locale);
  const titleFirst = locale === 'en';
  const text = !title ? name : titleFirst ? `${title} ${name}` : `${name}${title}`;
  return { name, title, titleFirst, text };
}

const FIELD = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

/**
 * Replace {{field}} (spaces inside the braces allowed). An unknown field, or a known one
 * without a value, stays visible as written so a broken template shows. One pass: a value
 * that itself contains {{...}} is not expanded again.
 */
export function renderTemplate(text: string, fields: Partial<MergeFields>): string {
  return text.replace(FIELD, (whole, name: string) => {
    if (!isMergeField(name)) return whole;
    const value = fields[name];
    // A merged value never carries bidi controls or zero-width characters into the line (issue 11).
    return value === undefined ? whole : stripInvisible(value);
  });
}

/** Field names a template uses, known or not, each once in order of first use (for validating templates on import). */
export function templateFields(text: string): string[] {
  const seen = new Set<string>();
  for (const m of text.matchAll(FIELD)) if (m[1] !== undefined) seen.add(m[1]);
  return [...seen];
}

const MONTHS_EN = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** A promise date as it is read out on a call: 3月5日 / 5 March (the year only when it is not this year's). */
export function spokenDate(date: string, today: string, locale: Locale): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return date;
  const [, y, mo, d] = m;
  const month = Number(mo);
  const day = Number(d);
  const otherYear = y !== today.slice(0, 4);
  if (locale === 'zh-CN') return `${otherYear ? `${y}年` : ''}${month}月${day}日`;
  return `${day} ${MONTHS_EN[month - 1] ?? mo}${otherYear ? ` ${y}` : ''}`;
}

/**
 * The merge fields of the promise being entered in the note pane (never the case's earlier
 * promise: the agent confirms the new terms on a recorded call). A part not entered yet, or not
 * valid, reads as a placeholder the agent sees is missing.
 */
export function enteredPtpFields(
  entered: { amountFen: number | null; date: string | null },
  today: string,
  locale: Locale,
  formatAmount: (fen: number) => string,
): Pick<MergeFields, 'ptpDate' | 'ptpAmount'> {
  const zh = locale === 'zh-CN';
  const dateOk = entered.date !== null && /^\d{4}-\d{2}-\d{2}$/.test(entered.date);
  const amountOk = entered.amountFen !== null && Number.isSafeInteger(entered.amountFen) && entered.amountFen > 0;
  return {
    ptpDate: dateOk && entered.date ? spokenDate(entered.date, today, locale) : zh ? '（约定日期）' : '(agreed date)',
    ptpAmount: amountOk && entered.amountFen !== null ? formatAmount(entered.amountFen) : zh ? '（约定金额）' : '(agreed amount)',
  };
}
