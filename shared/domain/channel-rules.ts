/**
 * What each channel of a 催记 needs (issue 9). The desk applies it when the agent saves, the hub
 * re-checks every pushed attempt with it; rule ids are i18n keys (`rules.<id>`).
 *
 *   channel  number        call timer   visit address
 *   phone    optional      yes          no
 *   sms      required      no           no
 *   letter   none          no           no
 *   visit    none          no           required (外访地址)
 *   email    none          no           no
 *
 *   rule id                  field
 *   channel.phoneRequired    phoneId        an SMS goes to a number
 *   channel.noPhone          phoneId        a letter, visit or email names no number
 *   channel.noCall           durationSec    only a phone call has a start and a duration
 *   channel.addressRequired  visitAddress   a visit says where it went
 *   channel.addressTooLong   visitAddress   max (characters)
 *   channel.noAddress        visitAddress   only a visit has an address
 */
import type { Channel } from './enums';
import type { RuleViolation } from './outcome-rules';
import { stripInvisible } from './text-safety';

export const CHANNEL_RULE_IDS = [
  'channel.phoneRequired',
  'channel.noPhone',
  'channel.noCall',
  'channel.addressRequired',
  'channel.addressTooLong',
  'channel.noAddress',
] as const;

export const VISIT_ADDRESS_MAX = 200;

export interface ChannelNeeds {
  /** the number the record names: picked (optional / required) or none at all */
  phone: 'optional' | 'required' | 'none';
  /** a call start and duration (the call timer) */
  call: boolean;
  /** the address visited (外访地址) */
  address: boolean;
}

export const CHANNEL_NEEDS: Readonly<Record<Channel, ChannelNeeds>> = {
  phone: { phone: 'optional', call: true, address: false },
  sms: { phone: 'required', call: false, address: false },
  letter: { phone: 'none', call: false, address: false },
  visit: { phone: 'none', call: false, address: true },
  email: { phone: 'none', call: false, address: false },
};

/** The channel facts of one record, as the desk's route and the pushed mutation carry them. */
export interface ChannelFacts {
  channel: Channel;
  phoneId: string | null;
  callStartedAt: string | null;
  durationSec: number;
  visitAddress?: string | null | undefined;
}

/** The address as stored: invisible characters out, spaces trimmed; empty is none. */
export function cleanVisitAddress(a: string | null | undefined): string | null {
  if (a === null || a === undefined) return null;
  const s = stripInvisible(a).trim();
  return s === '' ? null : s;
}

/** Every rule of the channel the record breaks (empty: it may be saved). */
export function checkChannel(f: ChannelFacts): RuleViolation[] {
  const need = CHANNEL_NEEDS[f.channel];
  const out: RuleViolation[] = [];
  if (need.phone === 'required' && f.phoneId === null) out.push({ field: 'phoneId', rule: 'channel.phoneRequired' });
  if (need.phone === 'none' && f.phoneId !== null) out.push({ field: 'phoneId', rule: 'channel.noPhone' });
  if (!need.call && (f.durationSec !== 0 || f.callStartedAt !== null)) out.push({ field: 'durationSec', rule: 'channel.noCall' });
  const address = cleanVisitAddress(f.visitAddress);
  if (need.address) {
    if (address === null) out.push({ field: 'visitAddress', rule: 'channel.addressRequired' });
    else if ([...address].length > VISIT_ADDRESS_MAX) out.push({ field: 'visitAddress', rule: 'channel.addressTooLong', params: { max: VISIT_ADDRESS_MAX } });
  } else if (address !== null) {
    out.push({ field: 'visitAddress', rule: 'channel.noAddress' });
  }
  return out;
}
