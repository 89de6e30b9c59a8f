import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { OutcomeCode } from '../contract';
import codesJson from '../../resources/outcome-codes.json';

const codes = z.array(OutcomeCode).parse(codesJson);
const get = (c: string) => codes.find((x) => x.code === c)!;

describe('resources/outcome-codes.json', () => {
  it('matches the OutcomeCode schema, with unique codes, hotkeys and sort keys', () => {
    expect(codes).toHaveLength(13);
    expect(new Set(codes.map((c) => c.code)).size).toBe(codes.length);
    const hotkeys = codes.map((c) => c.hotkey).filter((h) => h !== null);
    expect(new Set(hotkeys).size).toBe(hotkeys.length);
    expect(new Set(codes.map((c) => c.sort)).size).toBe(codes.length);
    for (const c of codes) {
      expect(c.label['zh-CN'].length).toBeGreaterThan(0);
      expect(c.label.en.length).toBeGreaterThan(0);
      if (c.isRpc) expect(c.isContact).toBe(true);
      if (c.needsPtp) expect(c.isRpc).toBe(true);
    }
  });

  it('hotkeys as agents expect them (docs/domain.md)', () => {
    const byKey = Object.fromEntries(codes.filter((c) => c.hotkey).map((c) => [c.hotkey, c.code]));
    expect(byKey).toEqual({
      1: 'PTP', 2: 'CLAIMS_PAID', 3: 'PLAN_REQUESTED', 4: 'UNABLE', 5: 'REFUSES',
      6: 'DISPUTE', 7: 'NO_ANSWER', 8: 'SWITCHED_OFF', 9: 'INVALID_NUMBER', 0: 'THIRD_PARTY_MESSAGE',
    });
    for (const c of ['DECEASED', 'LOST_CONTACT', 'STOP_CONTACT']) expect(get(c).hotkey).toBeNull();
  });

  it('effects', () => {
    expect(get('PTP')).toMatchObject({ needsPtp: true, isContact: true, isRpc: true, setsStatus: 'ptp' });
    expect(get('CLAIMS_PAID')).toMatchObject({ needsPaidDate: true, needsFollowUp: true });
    expect(get('PLAN_REQUESTED')).toMatchObject({ needsFollowUp: true });
    expect(get('UNABLE').addsTag).toBe('unable_to_pay');
    expect(get('REFUSES').addsTag).toBe('refuses');
    expect(get('DISPUTE')).toMatchObject({ setsStatus: 'hold', addsTag: 'complaint_risk' });
    expect(get('INVALID_NUMBER').locksPhone).toBe(true);
    expect(get('STOP_CONTACT').locksPhone).toBe(true);
    expect(get('THIRD_PARTY_MESSAGE')).toMatchObject({ isContact: true, isRpc: false });
    expect(get('DECEASED')).toMatchObject({ addsTag: 'deceased', needsFollowUp: true });
    expect(get('LOST_CONTACT').addsTag).toBe('lost_contact');
    for (const c of ['NO_ANSWER', 'SWITCHED_OFF', 'INVALID_NUMBER']) expect(get(c)).toMatchObject({ isContact: false, isRpc: false });
    expect(codes.filter((c) => c.needsPtp).map((c) => c.code)).toEqual(['PTP']);
  });
});
