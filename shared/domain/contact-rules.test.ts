import { describe, expect, it } from 'vitest';
import { checkContact, debtorZone, type ContactFacts } from './contact-rules';
import { isRestDay } from './rest-days';
import { ContactRulesSetting, DEFAULT_CONTACT_RULES, settingProblem } from './settings';

const R = DEFAULT_CONTACT_RULES;
/** Facts at a wall-clock time in Shanghai (UTC+8), nothing else in the way. */
function facts(local: string, over: Partial<ContactFacts> = {}): ContactFacts {
  return {
    now: new Date(`${local}+08:00`),
    zone: 'Asia/Shanghai',
    caseStatus: 'open',
    caseTags: [],
    phone: { owner: 'self', status: 'valid', contactRefused: false },
    unansweredToday: 0,
    conversationsToday: 0,
    ownNumbersAllInvalid: false,
    ownConsecutiveFailures: 0,
    override: false,
    ...over,
  };
}
const rules = (c: ReturnType<typeof checkContact>) => c.reasons.map((r) => r.rule);

describe('quiet hours 22:00–08:00 in the debtor’s zone', () => {
  it('21:59:59 is allowed, 22:00:00 is not, and the next time is 08:00 the next morning', () => {
    expect(checkContact(facts('2026-03-10T21:59:59'), R)).toMatchObject({ allowed: true, reasons: [], nextAllowedAt: null });
    const c = checkContact(facts('2026-03-10T22:00:00'), R);
    expect(c.allowed).toBe(false);
    expect(c.reasons).toEqual([{ rule: 'contact.quietHours', params: { from: '22:00', to: '08:00', zone: 'Asia/Shanghai' } }]);
    expect(c.nextAllowedAt).toBe('2026-03-11T00:00:00.000Z'); // 08:00 Shanghai
  });
  it('07:59:59 is blocked until 08:00 the same morning; 08:00:00 is allowed', () => {
    const c = checkContact(facts('2026-03-11T07:59:59'), R);
    expect(rules(c)).toEqual(['contact.quietHours']);
    expect(c.nextAllowedAt).toBe('2026-03-11T00:00:00.000Z');
    expect(checkContact(facts('2026-03-11T08:00:00'), R).allowed).toBe(true);
  });
  it('is the debtor’s local time, not the desk’s: 21:30 in Shanghai is 22:30 in Tokyo', () => {
    const tokyo = { ...facts('2026-03-10T21:30:00'), zone: 'Asia/Tokyo' };
    expect(rules(checkContact(tokyo, R))).toEqual(['contact.quietHours']);
    expect(checkContact(tokyo, R).nextAllowedAt).toBe('2026-03-10T23:00:00.000Z'); // 08:00 Tokyo
  });
  it('a stricter window (21:00–09:00) applies; a looser one is not a valid setting', () => {
    const strict = { ...R, quietStart: '21:00', quietEnd: '09:00' };
    expect(rules(checkContact(facts('2026-03-10T21:00:00'), strict))).toEqual(['contact.quietHours']);
    expect(rules(checkContact(facts('2026-03-11T08:30:00'), strict))).toEqual(['contact.quietHours']);
    expect(ContactRulesSetting.safeParse(strict).success).toBe(true);
    expect(settingProblem('contactRules', { ...R, quietStart: '23:00' })).toMatch(/^contactRules\.quietStart: /);
    expect(settingProblem('contactRules', { ...R, quietEnd: '07:00' })).toMatch(/^contactRules\.quietEnd: /);
    expect(settingProblem('contactRules', { ...R, maxUnansweredPerPhone: 7 })).toMatch(/^contactRules\.maxUnansweredPerPhone: /);
    expect(settingProblem('contactRules', { ...R, maxConversationsPerDebtor: 4 })).toMatch(/maxConversationsPerDebtor/);
  });
});

describe('daily caps', () => {
  it('the 6th unanswered attempt on a number is allowed, the 7th is not (until tomorrow 08:00)', () => {
    expect(checkContact(facts('2026-03-10T15:00:00', { unansweredToday: 5 }), R).allowed).toBe(true);
    const c = checkContact(facts('2026-03-10T15:00:00', { unansweredToday: 6 }), R);
    expect(c.reasons).toEqual([{ rule: 'contact.unansweredCap', params: { count: 6, max: 6 } }]);
    expect(c.nextAllowedAt).toBe('2026-03-11T00:00:00.000Z');
  });
  it('the 3rd conversation with a debtor is allowed, the 4th is not', () => {
    expect(checkContact(facts('2026-03-10T15:00:00', { conversationsToday: 2 }), R).allowed).toBe(true);
    expect(rules(checkContact(facts('2026-03-10T15:00:00', { conversationsToday: 3 }), R))).toEqual(['contact.conversationCap']);
  });
  it('a sensitive-tagged case gets the lower caps', () => {
    const c = checkContact(facts('2026-03-10T15:00:00', { caseTags: ['complaint_risk'], conversationsToday: 1, unansweredToday: 3 }), R);
    expect(c.reasons).toEqual([
      { rule: 'contact.unansweredCap', params: { count: 3, max: 3, sensitive: 1 } },
      { rule: 'contact.conversationCap', params: { count: 1, max: 1, sensitive: 1 } },
    ]);
    expect(checkContact(facts('2026-03-10T15:00:00', { caseTags: ['litigation'], conversationsToday: 1, unansweredToday: 3 }), R).allowed).toBe(true);
  });
});

describe('third parties', () => {
  const third = { owner: 'third_party' as const, status: 'valid', contactRefused: false };
  it('an unrelated contact is locked until 3 consecutive failed attempts on the debtor’s own numbers', () => {
    const c = checkContact(facts('2026-03-10T15:00:00', { phone: third, ownConsecutiveFailures: 2 }), R);
    expect(c.reasons).toEqual([{ rule: 'contact.thirdPartyLocked', params: { failures: 2, needed: 3 } }]);
    expect(c.nextAllowedAt).toBeNull();
    expect(checkContact(facts('2026-03-10T15:00:00', { phone: third, ownConsecutiveFailures: 3 }), R).allowed).toBe(true);
  });
  it('or once every own number is invalid (a setting)', () => {
    expect(checkContact(facts('2026-03-10T15:00:00', { phone: third, ownNumbersAllInvalid: true }), R).allowed).toBe(true);
    expect(checkContact(facts('2026-03-10T15:00:00', { phone: third, ownNumbersAllInvalid: true }), { ...R, thirdPartyWhenOwnInvalid: false }).allowed).toBe(false);
  });
  it('debt-related parties (co-borrower, guarantor) are callable like the debtor', () => {
    expect(checkContact(facts('2026-03-10T15:00:00', { phone: { owner: 'related', status: 'valid', contactRefused: false } }), R).allowed).toBe(true);
  });
  it('a refusal locks the contact for good, override or not', () => {
    const c = checkContact(facts('2026-03-10T15:00:00', { phone: { ...third, contactRefused: true }, ownConsecutiveFailures: 9, override: true }), R);
    expect(c).toMatchObject({ allowed: false, overridden: false, nextAllowedAt: null });
    expect(rules(c)).toEqual(['contact.refused']);
  });
});

describe('hold, rest days, overrides', () => {
  it('a case on hold (dispute) is blocked with no time to wait for', () => {
    expect(checkContact(facts('2026-03-10T15:00:00', { caseStatus: 'hold' }), R)).toMatchObject({ allowed: false, nextAllowedAt: null });
  });
  it('rest days: weekdays, China’s statutory holidays with make-up workdays, the team’s own dates', () => {
    const chinese = { ...R, chinaHolidays: true };
    expect(isRestDay('2026-10-01', chinese)).toBe(true); // 国庆
    expect(isRestDay('2026-10-10', chinese)).toBe(false); // 调休 Saturday, a workday
    expect(isRestDay('2026-10-01', R)).toBe(false); // off unless the team opts in
    expect(isRestDay('2027-02-06', { ...R, extraRestDates: ['2027-02-06'] })).toBe(true);
    const c = checkContact(facts('2026-09-30T21:00:00'), chinese);
    expect(c.allowed).toBe(true);
    const holiday = checkContact(facts('2026-10-01T10:00:00'), chinese);
    expect(rules(holiday)).toEqual(['contact.restDay']);
    expect(holiday.nextAllowedAt).toBe('2026-10-08T00:00:00.000Z'); // 国庆 10-01..10-07
    expect(rules(checkContact(facts('2026-03-08T10:00:00'), { ...R, restWeekdays: [0] }))).toEqual(['contact.restDay']); // a Sunday
  });
  it('a lead’s override lets one call through a time or third-party block, keeping the reasons', () => {
    const c = checkContact(facts('2026-03-10T22:30:00', { unansweredToday: 6, override: true }), R);
    expect(c).toMatchObject({ allowed: true, overridden: true });
    expect(rules(c)).toEqual(['contact.quietHours', 'contact.unansweredCap']);
    expect(checkContact(facts('2026-03-10T15:00:00', { caseStatus: 'hold', override: true }), R).allowed).toBe(false);
  });
});

describe('the debtor’s own zone (a case may carry one; the team’s by default)', () => {
  const TEAM = 'Asia/Shanghai'; // UTC+8
  const DEBTOR = 'Asia/Urumqi'; // UTC+6: two hours behind the team
  const at = (utc: string, zone: string) => ({ ...facts('2026-03-10T12:00:00'), now: new Date(utc), zone });
  it('debtorZone takes the case’s zone when Intl knows it, else the team’s', () => {
    expect(debtorZone(DEBTOR, TEAM)).toBe(DEBTOR);
    expect(debtorZone(null, TEAM)).toBe(TEAM);
    expect(debtorZone(undefined, TEAM)).toBe(TEAM);
    expect(debtorZone('Mars/Olympus', TEAM)).toBe(TEAM);
  });
  it('21:59:59 in the debtor’s zone is allowed, 22:00:00 is not — while it is already past midnight for the team', () => {
    // 15:59:59Z = 21:59:59 Urumqi = 23:59:59 Shanghai
    expect(checkContact(at('2026-03-10T15:59:59Z', debtorZone(DEBTOR, TEAM)), R).allowed).toBe(true);
    expect(rules(checkContact(at('2026-03-10T15:59:59Z', debtorZone(null, TEAM)), R))).toEqual(['contact.quietHours']);
    const c = checkContact(at('2026-03-10T16:00:00Z', debtorZone(DEBTOR, TEAM)), R);
    expect(c.reasons).toEqual([{ rule: 'contact.quietHours', params: { from: '22:00', to: '08:00', zone: DEBTOR } }]);
    expect(c.nextAllowedAt).toBe('2026-03-11T02:00:00.000Z'); // 08:00 Urumqi
  });
  it('at 22:00:00 for the team it is 20:00 for the debtor: allowed; 07:59:59 / 08:00:00 in the debtor’s morning', () => {
    expect(rules(checkContact(at('2026-03-10T14:00:00Z', TEAM), R))).toEqual(['contact.quietHours']);
    expect(checkContact(at('2026-03-10T14:00:00Z', debtorZone(DEBTOR, TEAM)), R).allowed).toBe(true);
    // 01:59:59Z = 07:59:59 Urumqi (09:59:59 Shanghai, open for the team)
    expect(rules(checkContact(at('2026-03-11T01:59:59Z', debtorZone(DEBTOR, TEAM)), R))).toEqual(['contact.quietHours']);
    expect(checkContact(at('2026-03-11T01:59:59Z', TEAM), R).allowed).toBe(true);
    expect(checkContact(at('2026-03-11T02:00:00Z', debtorZone(DEBTOR, TEAM)), R).allowed).toBe(true);
  });
});
