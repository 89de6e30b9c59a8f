/**
 * May this number be dialled now? The contact rules (docs/domain.md, "Rules for contacting
 * people"), applied alike by the desk before a call starts (offline too) and by the hub to each
 * pushed attempt. Pure: the caller counts the day's attempts and passes the facts; every number
 * comes from the team's ContactRulesSetting.
 */
import { addDays, localDateOf, localTimeOf, zonedToUtc } from './dates';
import type { LocalDate } from './enums';
import { isRestDay } from './rest-days';
import { isValidTimeZone, type ContactRulesSetting } from './settings';

export const CONTACT_RULE_IDS = [
  'contact.quietHours', // 22:00–08:00 in the debtor's local time (or the team's stricter window)
  'contact.restDay', // a day the team marked as a rest day
  'contact.unansweredCap', // ≤ 6 unanswered dial attempts per number a day
  'contact.conversationCap', // ≤ 3 effective conversations per debtor a day
  'contact.thirdPartyLocked', // an unrelated contact before the debtor is unreachable
  'contact.refused', // 要求停止联系: locked for good
  'contact.caseOnHold', // dispute/complaint: until a lead clears it
] as const;
export type ContactRuleId = (typeof CONTACT_RULE_IDS)[number];

/** Rules a lead's one-call override cannot lift: a refusal is for good, a hold is cleared by a lead on the case. */
export const NOT_OVERRIDABLE: ReadonlySet<ContactRuleId> = new Set<ContactRuleId>(['contact.refused', 'contact.caseOnHold']);

/**
 * The zone the quiet window is read in: the case's own (the debtor's, imported or set by a lead)
 * when it is a zone `Intl` knows, else the team's. A bad stored value never blocks a check.
 */
export function debtorZone(caseZone: string | null | undefined, teamZone: string): string {
  return caseZone && isValidTimeZone(caseZone) ? caseZone : teamZone;
}

export interface ContactReason {
  rule: ContactRuleId;
  params: Record<string, string | number>;
}

export interface ContactFacts {
  now: Date;
  /** The debtor's zone (the team's zone when the debtor's is unknown). */
  zone: string;
  caseStatus: string;
  caseTags: readonly string[];
  phone: { owner: 'self' | 'related' | 'third_party'; status: string; contactRefused: boolean };
  /** Unanswered dial attempts on this number so far on the debtor's local day of `now`. */
  unansweredToday: number;
  /** Effective conversations (connected) with this debtor so far on that day. */
  conversationsToday: number;
  /** Every own number of the debtor is invalid (空号/停机). */
  ownNumbersAllInvalid: boolean;
  /** Failed attempts on the debtor's own numbers since the last connected one. */
  ownConsecutiveFailures: number;
  /** A lead's override for one call is waiting on this case and number. */
  override: boolean;
}

export interface ContactCheck {
  allowed: boolean;
  reasons: ContactReason[];
  /** When a call may next happen, if only time stands in the way; null when now, or never by time alone. */
  nextAllowedAt: string | null;
  /** Allowed only because a lead's override lifts the reasons listed. */
  overridden: boolean;
}

/** The day's caps for a case: the lower sensitive ones when it carries a sensitive tag. */
export function capsFor(tags: readonly string[], r: ContactRulesSetting): { unanswered: number; conversations: number; sensitive: boolean } {
  const sensitive = tags.some((t) => r.sensitiveTags.includes(t));
  return sensitive
    ? { unanswered: Math.min(r.maxUnansweredPerPhone, r.sensitiveMaxUnansweredPerPhone), conversations: Math.min(r.maxConversationsPerDebtor, r.sensitiveMaxConversationsPerDebtor), sensitive }
    : { unanswered: r.maxUnansweredPerPhone, conversations: r.maxConversationsPerDebtor, sensitive };
}

/** Inside the quiet window (it crosses midnight: quietStart in the evening, quietEnd in the morning). */
export function inQuietHours(now: Date, zone: string, r: Pick<ContactRulesSetting, 'quietStart' | 'quietEnd'>): boolean {
  const t = localTimeOf(now, zone);
  return t >= r.quietStart || t < r.quietEnd;
}

/** The time-based reasons at an instant, given the counts that hold on its day. */
function timeReasons(at: Date, zone: string, r: ContactRulesSetting, caps: ReturnType<typeof capsFor>, counts: { unanswered: number; conversations: number }): ContactReason[] {
  const out: ContactReason[] = [];
  if (inQuietHours(at, zone, r)) out.push({ rule: 'contact.quietHours', params: { from: r.quietStart, to: r.quietEnd, zone } });
  const day = localDateOf(at, zone);
  if (isRestDay(day, r)) out.push({ rule: 'contact.restDay', params: { date: day } });
  if (counts.unanswered >= caps.unanswered) out.push({ rule: 'contact.unansweredCap', params: { count: counts.unanswered, max: caps.unanswered } });
  if (counts.conversations >= caps.conversations) out.push({ rule: 'contact.conversationCap', params: { count: counts.conversations, max: caps.conversations } });
  return out;
}

/**
 * The first instant from `now` at which no time rule blocks: the end of a quiet window, the
 * first working day's window opening, the next day for a reached cap (counts start again).
 * Bounded: a team that marks every day a rest day gets null.
 */
function nextFree(now: Date, zone: string, r: ContactRulesSetting, caps: ReturnType<typeof capsFor>, counts: { unanswered: number; conversations: number }): Date | null {
  const today: LocalDate = localDateOf(now, zone);
  let at = now;
  for (let i = 0; i < 400; i++) {
    const day = localDateOf(at, zone);
    const c = day === today ? counts : { unanswered: 0, conversations: 0 };
    const reasons = timeReasons(at, zone, r, caps, c);
    if (reasons.length === 0) return at;
    const onlyMorning = reasons.every((x) => x.rule === 'contact.quietHours') && localTimeOf(at, zone) < r.quietEnd;
    // Before the morning opening of the same day: wait for it; otherwise the next day's opening.
    at = zonedToUtc(onlyMorning ? day : addDays(day, 1), r.quietEnd, zone);
  }
  return null;
}

/**
 * An unrelated third party may be contacted (call or SMS) only once the debtor is unreachable:
 * every own number invalid (when the team allows that), or enough failed attempts in a row on them.
 */
export function thirdPartyLock(f: Pick<ContactFacts, 'ownNumbersAllInvalid' | 'ownConsecutiveFailures'>, r: ContactRulesSetting): ContactReason | null {
  const unlocked = (r.thirdPartyWhenOwnInvalid && f.ownNumbersAllInvalid) || f.ownConsecutiveFailures >= r.thirdPartyAfterFailures;
  return unlocked ? null : { rule: 'contact.thirdPartyLocked', params: { failures: f.ownConsecutiveFailures, needed: r.thirdPartyAfterFailures } };
}

/** The contact rules for one dial: every reason that blocks it now, and when it may next happen. */
export function checkContact(f: ContactFacts, r: ContactRulesSetting): ContactCheck {
  const caps = capsFor(f.caseTags, r);
  const counts = { unanswered: f.unansweredToday, conversations: f.conversationsToday };
  const reasons: ContactReason[] = [];
  if (f.phone.status === 'do_not_call' || f.phone.contactRefused) reasons.push({ rule: 'contact.refused', params: {} });
  if (f.caseStatus === 'hold') reasons.push({ rule: 'contact.caseOnHold', params: {} });
  if (f.phone.owner === 'third_party') {
    const locked = thirdPartyLock(f, r);
    if (locked) reasons.push(locked);
  }
  const timed = timeReasons(f.now, f.zone, r, caps, counts);
  reasons.push(...timed);
  if (caps.sensitive) for (const x of reasons) if (x.rule === 'contact.unansweredCap' || x.rule === 'contact.conversationCap') x.params.sensitive = 1;

  const onlyTime = reasons.length > 0 && reasons.length === timed.length;
  const next = onlyTime ? nextFree(f.now, f.zone, r, caps, counts) : null;
  const overridable = reasons.length > 0 && reasons.every((x) => !NOT_OVERRIDABLE.has(x.rule));
  const overridden = f.override && overridable;
  return { allowed: reasons.length === 0 || overridden, reasons, nextAllowedAt: next ? next.toISOString() : null, overridden };
}

/** The rules an attempt broke when it was made (never a refusal: the record is the truth). */
export const violatedRules = (c: ContactCheck): ContactRuleId[] => (c.overridden ? [] : c.reasons.map((x) => x.rule));
