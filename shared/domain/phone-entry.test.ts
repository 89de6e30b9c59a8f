import { describe, expect, it } from 'vitest';
import { checkPhoneEntry, contactPartyOf, phoneKindOf, phoneOwnerOf, statusAfterMark, CONTACT_NAME_MAX } from './phone-entry';

const rules = (number: string, contact: { name: string; relation: 'spouse' | 'friend' } | null = null, existing: string[] = []) =>
  checkPhoneEntry({ number, contact }, existing).violations.map((v) => `${v.field}:${v.rule}`);

describe('phone entry rules', () => {
  it('normalises a typed number', () => {
    expect(checkPhoneEntry({ number: '+86 139 0013 9000', contact: null }, [])).toEqual({ violations: [], normalized: '13900139000' });
    expect(checkPhoneEntry({ number: '(010) 1234-5678', contact: null }, []).normalized).toBe('01012345678');
  });

  it('refuses what is no mainland number: letters, markup, too long', () => {
    expect(rules('12345')).toEqual(['number:phone.numberInvalid']);
    expect(rules('<b>13900139000</b>')).toEqual(['number:phone.numberInvalid']);
    expect(rules('<script>alert(1)</script>')).toEqual(['number:phone.numberInvalid']);
    expect(rules(`13900139000${' '.repeat(40)}`)).toEqual(['number:phone.numberInvalid']);
    expect(rules('')).toEqual(['number:phone.numberInvalid']);
  });

  it('refuses a number the debtor already has, however it was typed', () => {
    expect(rules('139-0013-9000', null, ['13900139000'])).toEqual(['number:phone.duplicate']);
    expect(rules('+86 10 1234 5678', null, ['010-12345678'])).toEqual(['number:phone.duplicate']);
    expect(rules('13900139001', null, ['13900139000'])).toEqual([]);
  });

  it("checks a new contact's name", () => {
    expect(rules('13900139000', { name: '李四', relation: 'spouse' })).toEqual([]);
    expect(rules('13900139000', { name: '  ', relation: 'spouse' })).toEqual(['contact.name:contact.nameRequired']);
    expect(rules('13900139000', { name: '李'.repeat(CONTACT_NAME_MAX + 1), relation: 'spouse' })).toEqual(['contact.name:contact.nameTooLong']);
    expect(rules('13900139000', { name: '<img src=x onerror=alert(1)>', relation: 'friend' })).toEqual(['contact.name:contact.nameInvalid']);
    expect(rules('13900139000', { name: '李\u0007四', relation: 'friend' })).toEqual(['contact.name:contact.nameInvalid']);
  });

  it('derives owner, party and kind', () => {
    expect(phoneOwnerOf(null)).toBe('self');
    expect(phoneOwnerOf('spouse')).toBe('related');
    expect(phoneOwnerOf('colleague')).toBe('third_party');
    expect(contactPartyOf('guarantor')).toBe('related');
    expect(phoneKindOf('13900139000', 'work')).toBe('mobile');
    expect(phoneKindOf('01012345678', 'work')).toBe('work');
    expect(phoneKindOf('01012345678', 'mobile')).toBe('home');
  });

  it('a mark makes a number invalid but never lifts do-not-call', () => {
    expect(statusAfterMark('valid')).toBe('invalid');
    expect(statusAfterMark('invalid')).toBe('invalid');
    expect(statusAfterMark('do_not_call')).toBe('do_not_call');
  });
});
