import { CHANNEL_NEEDS, checkChannel, type ChannelFacts } from '../../../../shared/domain/channel-rules';
import type { RuleLike } from '../../lib/errors';
import type { NoteFields } from './store';

/**
 * What the record will say about its channel: the number only where the channel names one, the
 * call's timer only on a call, the address only on a visit (shared/domain/channel-rules). The
 * save sends exactly these facts and the inline checks judge them, so both agree.
 */
export function channelFacts(
  n: Pick<NoteFields, 'channel' | 'phoneId' | 'visitAddress'>,
  call: { callStartedAt: string | null; durationSec: number },
): ChannelFacts {
  const need = CHANNEL_NEEDS[n.channel];
  return {
    channel: n.channel,
    phoneId: need.phone === 'none' ? null : n.phoneId,
    callStartedAt: need.call ? call.callStartedAt : null,
    durationSec: need.call ? call.durationSec : 0,
    visitAddress: need.address ? n.visitAddress : null,
  };
}

/** The channel's rules the note pane breaks now (the timer never counts against it: it is left out). */
export const channelViolations = (n: Pick<NoteFields, 'channel' | 'phoneId' | 'visitAddress'>): RuleLike[] =>
  checkChannel(channelFacts(n, { callStartedAt: null, durationSec: 0 }));
