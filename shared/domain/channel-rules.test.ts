import { describe, expect, it } from 'vitest';
import { CHANNEL_NEEDS, checkChannel, cleanVisitAddress, VISIT_ADDRESS_MAX, type ChannelFacts } from './channel-rules';
import { Channel } from './enums';

const facts = (o: Partial<ChannelFacts>): ChannelFacts => ({ channel: 'phone', phoneId: null, callStartedAt: null, durationSec: 0, visitAddress: null, ...o });
const rules = (o: Partial<ChannelFacts>): string[] => checkChannel(facts(o)).map((v) => `${v.field}:${v.rule}`);

describe('channel rules', () => {
  it('knows every channel', () => {
    expect(Object.keys(CHANNEL_NEEDS).sort()).toEqual([...Channel.options].sort());
  });

  it('a call may name a number and carry its timer, but no address', () => {
    expect(rules({ phoneId: '7', callStartedAt: '2026-03-01T01:00:00.000Z', durationSec: 95 })).toEqual([]);
    expect(rules({})).toEqual([]); // a call without a picked number (as before issue 9)
    expect(rules({ visitAddress: '北京市朝阳区' })).toEqual(['visitAddress:channel.noAddress']);
  });

  it('an SMS needs a number and has no call timer', () => {
    expect(rules({ channel: 'sms', phoneId: '7' })).toEqual([]);
    expect(rules({ channel: 'sms' })).toEqual(['phoneId:channel.phoneRequired']);
    expect(rules({ channel: 'sms', phoneId: '7', durationSec: 30 })).toEqual(['durationSec:channel.noCall']);
    expect(rules({ channel: 'sms', phoneId: '7', callStartedAt: '2026-03-01T01:00:00.000Z' })).toEqual(['durationSec:channel.noCall']);
  });

  it('a letter or an email names no number and no timer', () => {
    for (const channel of ['letter', 'email'] as const) {
      expect(rules({ channel })).toEqual([]);
      expect(rules({ channel, phoneId: '7', durationSec: 5 })).toEqual(['phoneId:channel.noPhone', 'durationSec:channel.noCall']);
      expect(rules({ channel, visitAddress: 'x' })).toEqual(['visitAddress:channel.noAddress']);
    }
  });

  it('a visit needs its address, not blank and not too long', () => {
    expect(rules({ channel: 'visit', visitAddress: '上海市浦东新区世纪大道 100 号' })).toEqual([]);
    expect(rules({ channel: 'visit' })).toEqual(['visitAddress:channel.addressRequired']);
    expect(rules({ channel: 'visit', visitAddress: ' \u3000 ' })).toEqual(['visitAddress:channel.addressRequired']);
    expect(rules({ channel: 'visit', visitAddress: '\u200b' })).toEqual(['visitAddress:channel.addressRequired']);
    expect(rules({ channel: 'visit', visitAddress: '路'.repeat(VISIT_ADDRESS_MAX) })).toEqual([]);
    expect(checkChannel(facts({ channel: 'visit', visitAddress: '路'.repeat(VISIT_ADDRESS_MAX + 1) }))).toEqual([
      { field: 'visitAddress', rule: 'channel.addressTooLong', params: { max: VISIT_ADDRESS_MAX } },
    ]);
    expect(rules({ channel: 'visit', visitAddress: 'x', phoneId: '3', durationSec: 60 })).toEqual(['phoneId:channel.noPhone', 'durationSec:channel.noCall']);
  });

  it('cleans an address of invisible characters and spaces', () => {
    expect(cleanVisitAddress('  北京\u202e市 ')).toBe('北京市');
    expect(cleanVisitAddress('')).toBeNull();
    expect(cleanVisitAddress(undefined)).toBeNull();
  });
});
