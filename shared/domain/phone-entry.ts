/**
 * A number or a contact the debtor gives on the call, added by hand, and a number marked bad by
 * hand (issue 9). The desk checks an entry before it stores it and the hub checks the pushed
 * mutation again with the same rules; rule ids are i18n keys (`rules.<id>`).
 *
 *   rule id               field          params
 *   phone.numberInvalid   number                  not a mainland mobile or landline (shared/domain/phone)
 *   phone.duplicate       number                  the debtor already has this number
 *   phone.pending         phoneId                 a number added here that the hub has not confirmed yet
 *   contact.nameRequired  contact.name
 *   contact.nameTooLong   contact.name   max
 *   contact.nameInvalid   contact.name            markup or control characters
 */
import { z } from 'zod';
import type { PhoneKind, PhoneOwner, Relation } from './enums';
import type { RuleViolation } from './outcome-rules';
import { isValidCnMobile, isValidCnPhone, normalizePhone } from './phone';
import { stripInvisible } from './text-safety';

export const PHONE_ENTRY_RULE_IDS = [
  'phone.numberInvalid',
  'phone.duplicate',
  'phone.pending',
  'contact.nameRequired',
  'contact.nameTooLong',
  'contact.nameInvalid',
] as const;

/** Why an agent marked a number bad: 空号, 停机 (both invalid) or 非本人 (a wrong number). */
export const PhoneMark = z.enum(['empty', 'suspended', 'wrong_person']);
export type PhoneMark = z.infer<typeof PhoneMark>;

/** What typing may carry: a number is at most 32 characters typed (spaces and +86 included). */
export const PHONE_INPUT_MAX = 32;
export const CONTACT_NAME_MAX = 40;

/** A family member or a co-obligor is 'related'; a colleague, a friend or anyone else a third party (as an import decides). */
export const contactPartyOf = (r: Relation): 'related' | 'third_party' =>
  r === 'colleague' || r === 'friend' || r === 'other' ? 'third_party' : 'related';

/** The phone's owner column for a contact of relation `r`, or the debtor's own number. */
export const phoneOwnerOf = (r: Relation | null): PhoneOwner => (r === null ? 'self' : contactPartyOf(r));

/** A mobile number is a mobile whatever the agent picked; a landline is home or work (home unless said). */
export const phoneKindOf = (normalized: string, asked: PhoneKind | null | undefined): PhoneKind =>
  isValidCnMobile(normalized) ? 'mobile' : asked === 'work' ? 'work' : 'home';

/** The contact's name as stored: invisible characters out, spaces trimmed. */
export const cleanContactName = (name: string): string => stripInvisible(name).trim();

export interface PhoneEntry {
  number: string;
  contact: { name: string; relation: Relation } | null;
}

/**
 * The rules an entry breaks (empty: it may be stored) and its number normalised (as stored).
 * `existing` are the debtor's numbers as stored (normalised before comparing).
 */
export function checkPhoneEntry(e: PhoneEntry, existing: readonly string[]): { violations: RuleViolation[]; normalized: string } {
  const out: RuleViolation[] = [];
  const normalized = e.number.length > PHONE_INPUT_MAX ? '' : normalizePhone(e.number);
  if (!isValidCnPhone(normalized)) out.push({ field: 'number', rule: 'phone.numberInvalid' });
  else if (existing.some((n) => normalizePhone(n) === normalized)) out.push({ field: 'number', rule: 'phone.duplicate' });
  if (e.contact) {
    const name = cleanContactName(e.contact.name);
    if (name === '') out.push({ field: 'contact.name', rule: 'contact.nameRequired' });
    else if ([...name].length > CONTACT_NAME_MAX) out.push({ field: 'contact.name', rule: 'contact.nameTooLong', params: { max: CONTACT_NAME_MAX } });
    // eslint-disable-next-line no-control-regex -- control characters are what is refused
    else if (/[<>\u0000-\u001f\u007f]/.test(name)) out.push({ field: 'contact.name', rule: 'contact.nameInvalid' });
  }
  return { violations: out, normalized };
}

/** A number's status after a mark: invalid, but a do-not-call number stays do-not-call. */
export const statusAfterMark = (status: string): 'invalid' | 'do_not_call' => (status === 'do_not_call' ? 'do_not_call' : 'invalid');

/**
 * A number after a hand mark (`mark`) or its withdrawal (null: 标错了): withdrawing makes a
 * hand-marked invalid number valid again; a do-not-call number stays do-not-call (a refusal is
 * for good). Withdrawing from a number nobody marked is refused: its status came from elsewhere.
 */
export function phoneAfterMark(phone: { status: string; mark?: string | null }, mark: PhoneMark | null): { status: string; mark: PhoneMark | null } | RuleViolation {
  if (mark !== null) return { status: statusAfterMark(phone.status), mark };
  if ((phone.mark ?? null) === null) return { field: 'phoneId', rule: 'phone.notMarked' };
  return { status: phone.status === 'invalid' ? 'valid' : phone.status, mark: null };
}
