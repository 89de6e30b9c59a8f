import { describe, expect, it } from 'vitest';
import type { OutcomeCode } from '../contract';
import codesJson from '../../resources/outcome-codes.json';
import { outcomeEffects } from './outcome-effects';

const codes = codesJson as OutcomeCode[];
const code = (c: string): OutcomeCode => {
  const found = codes.find((x) => x.code === c);
  if (!found) throw new Error(c);
  return found;
};
const open = { status: 'open', tags: [] };

describe('outcomeEffects', () => {
  it('status and tags from the code; a held case stays on hold', () => {
    expect(outcomeEffects(code('PTP'), open, null)).toMatchObject({ status: 'ptp', tags: [], refusals: 0, phoneLock: null });
    expect(outcomeEffects(code('DISPUTE'), open, null)).toMatchObject({ status: 'hold', tags: ['complaint_risk'] });
    expect(outcomeEffects(code('PTP'), { status: 'hold', tags: ['complaint_risk'] }, null)).toMatchObject({ status: 'hold', tags: ['complaint_risk'] });
    expect(outcomeEffects(code('NO_ANSWER'), { status: 'ptp', tags: [] }, null).status).toBe('ptp');
  });
  it('a refusal counts every time, its tag once', () => {
    const once = outcomeEffects(code('REFUSES'), open, null);
    expect(once).toMatchObject({ tags: ['refuses'], refusals: 1 });
    expect(outcomeEffects(code('REFUSES'), { status: 'open', tags: once.tags }, null)).toMatchObject({ tags: ['refuses'], refusals: 1 });
  });
  it('phone locks: invalid when not connected, do-not-call (and the contact refused) when connected; none without a number', () => {
    expect(outcomeEffects(code('INVALID_NUMBER'), open, { status: 'valid' })).toMatchObject({ phoneLock: 'invalid', phoneStatus: 'invalid', contactRefused: false });
    expect(outcomeEffects(code('STOP_CONTACT'), open, { status: 'valid' })).toMatchObject({ phoneLock: 'do_not_call', phoneStatus: 'do_not_call', contactRefused: true });
    expect(outcomeEffects(code('STOP_CONTACT'), open, null)).toMatchObject({ phoneLock: null, phoneStatus: null, contactRefused: false, lockAllOf: null });
  });
  it('要求停止联系 by the debtor: all their numbers locked, the case on hold (complaint risk); by a contact: that contact\'s numbers, the case unchanged', () => {
    expect(outcomeEffects(code('STOP_CONTACT'), open, { status: 'valid', owner: 'self' })).toMatchObject({ lockAllOf: 'self', status: 'hold', tags: ['complaint_risk'] });
    expect(outcomeEffects(code('STOP_CONTACT'), { status: 'paid', tags: [] }, { status: 'valid', owner: 'self' })).toMatchObject({ status: 'paid' });
    expect(outcomeEffects(code('STOP_CONTACT'), open, { status: 'valid', owner: 'third_party' })).toMatchObject({ lockAllOf: 'contact', status: 'open', tags: [] });
    expect(outcomeEffects(code('INVALID_NUMBER'), open, { status: 'valid', owner: 'self' })).toMatchObject({ lockAllOf: null, status: 'open' });
    expect(outcomeEffects(code('NO_ANSWER'), open, { status: 'valid' })).toMatchObject({ phoneLock: null, phoneStatus: null });
  });
  it('a do-not-call number never becomes merely invalid', () => {
    expect(outcomeEffects(code('INVALID_NUMBER'), open, { status: 'do_not_call' })).toMatchObject({ phoneLock: 'invalid', phoneStatus: null });
  });
  it('leaves its input alone', () => {
    const tags = ['deceased'];
    outcomeEffects(code('REFUSES'), { status: 'open', tags }, null);
    expect(tags).toEqual(['deceased']);
  });
});
