/**
 * Checks on an outbound SMS or letter (issue 11), the same on the desk before sending and on the
 * hub when the message is pushed: banned wording (phrase and place, to highlight), amounts that
 * do not match the case, a third party told of the debt, an SMS over its length, a letter that
 * does not fit one page, a merge field left unfilled.
 */
import { findBannedPhrases, type BannedCategory, type BannedPhrasesSetting } from './banned-phrases';
import { stripInvisible } from './text-safety';
import { partyMayHearOfDebt, type MessageChannel, type MessageParty } from './message-templates';

export const MESSAGE_RULE_IDS = [
  'message.bannedPhrase',
  'message.amountMismatch',
  'message.thirdPartyDisclosure',
  'message.smsTooLong',
  'message.letterTooLong',
  'message.unfilledField',
  'message.empty',
  'message.templateAudience',
  'message.noDestination',
  'message.gatewayFailed',
  'message.contactRule',
] as const;
export type MessageRuleId = (typeof MESSAGE_RULE_IDS)[number];

/** Four long-SMS segments of 70 characters: what Chinese carriers join into one message reliably. */
export const SMS_MAX_CHARS = 280;
/** One A4 page at the letter's type size (11 pt, 2 cm margins, title and signature lines kept free). */
export const LETTER_LINE_WIDTH = 40; // full-width characters per line
export const LETTER_MAX_LINES = 38;

export interface MessageProblem {
  rule: MessageRuleId;
  params: Record<string, string | number>;
  /** A span of the text to highlight (banned phrase, odd amount, unfilled field). */
  start?: number;
  end?: number;
}

export interface MessageCheckInput {
  channel: MessageChannel;
  text: string;
  party: MessageParty;
  /** Amounts the case allows in a message (overdue, minimum due, balance, an open promise), in fen. */
  caseAmountsFen: readonly number[];
  bannedPhrases: BannedPhrasesSetting;
}

/** A character's width on a line: CJK and full-width forms 1, the rest half. */
function width(ch: string): number {
  return /[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]|[\u{20000}-\u{3FFFD}]/u.test(ch) ? 1 : 0.5;
}

/** Lines a letter body takes, wrapped at LETTER_LINE_WIDTH (each paragraph starts a line). */
export function letterLines(text: string): number {
  let lines = 0;
  for (const para of text.split('\n')) {
    let w = 0;
    for (const ch of para) w += width(ch);
    lines += Math.max(1, Math.ceil(w / LETTER_LINE_WIDTH));
  }
  return lines;
}

/** SMS length as carriers count it: code points. */
export const smsLength = (text: string): number => [...text].length;

/** Money written in a message: ¥1,234.56 / ￥1234 / 1234.56元 / RMB 1,234.56 / 1,234.56 yuan. */
const AMOUNT = /(?:[¥￥]|RMB\s?)\s?(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?|(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?\s?(?:元|yuan)/giu;

export interface AmountInText { fen: number; start: number; end: number; text: string }

export function amountsIn(text: string): AmountInText[] {
  const out: AmountInText[] = [];
  for (const m of text.normalize('NFKC').matchAll(AMOUNT)) {
    const int = (m[1] ?? m[3] ?? '0').replace(/,/g, '');
    const dec = (m[2] ?? m[4] ?? '').padEnd(2, '0');
    const fen = Number(int) * 100 + Number(dec || '0');
    if (!Number.isSafeInteger(fen)) continue;
    out.push({ fen, start: m.index, end: m.index + m[0].length, text: m[0] });
  }
  return out;
}

/** Every problem with the message, in a stable order; none means it may be sent. */
export function checkMessage(i: MessageCheckInput): MessageProblem[] {
  const out: MessageProblem[] = [];
  const text = stripInvisible(i.text);
  if (text.trim() === '') return [{ rule: 'message.empty', params: {} }];
  for (const h of findBannedPhrases(text, i.bannedPhrases)) {
    out.push({ rule: 'message.bannedPhrase', params: { phrase: h.phrase, category: h.category satisfies BannedCategory }, start: h.start, end: h.end });
  }
  const amounts = amountsIn(text);
  if (!partyMayHearOfDebt(i.party)) {
    const first = amounts[0];
    if (first) out.push({ rule: 'message.thirdPartyDisclosure', params: { amount: first.text }, start: first.start, end: first.end });
  } else {
    const allowed = new Set(i.caseAmountsFen);
    for (const a of amounts) {
      if (!allowed.has(a.fen)) out.push({ rule: 'message.amountMismatch', params: { amount: a.text, amountFen: a.fen }, start: a.start, end: a.end });
    }
  }
  for (const m of text.matchAll(/\{\{[^}]*\}\}/g)) out.push({ rule: 'message.unfilledField', params: { field: m[0] }, start: m.index, end: m.index + m[0].length });
  if (i.channel === 'sms' && smsLength(text) > SMS_MAX_CHARS) out.push({ rule: 'message.smsTooLong', params: { length: smsLength(text), max: SMS_MAX_CHARS } });
  if (i.channel === 'letter' && letterLines(text) > LETTER_MAX_LINES) out.push({ rule: 'message.letterTooLong', params: { lines: letterLines(text), max: LETTER_MAX_LINES } });
  return out;
}
