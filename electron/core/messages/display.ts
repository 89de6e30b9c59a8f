/** How a stored message's destination shows: always masked (issue 11). */
import { maskPhone } from '../../../shared/domain/masking';
import { maskAddress } from '../../../shared/domain/message-party';

export interface DestinationOf {
  channel: 'sms' | 'letter';
  destination: string;
  /** 'hub': a copy pulled from the hub, stored masked already (masking it again would garble it). */
  origin?: 'desk' | 'hub' | null;
}

export const shownDestination = (r: DestinationOf): string =>
  r.origin === 'hub' ? r.destination : r.channel === 'sms' ? maskPhone(r.destination) : maskAddress(r.destination);
