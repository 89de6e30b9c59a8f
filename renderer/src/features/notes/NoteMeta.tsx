import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { duration, instant } from '../../lib/format';
import { useTimeZone } from '../../lib/session';
import { useNow } from '../../lib/useNow';
import { useWorkspace } from '../../lib/workspace';
import { useNote } from './store';
import { CHANNEL_NEEDS } from '../../../../shared/domain/channel-rules';

/** The pane head's right side: the call's duration (ticking while it runs) and the draft's state. */
export function NoteMeta({ helpButton }: { helpButton?: ReactNode }) {
  const { t } = useTranslation();
  const tz = useTimeZone();
  const call = useWorkspace((s) => s.call);
  const draftSaving = useNote((s) => s.draftSaving);
  const draftSavedAt = useNote((s) => s.draftSavedAt);
  const channel = useNote((s) => s.channel);
  const now = useNow(1000, call.startedAt !== null);
  // Only a call has a duration: another channel says so instead of showing the timer.
  const callText = !CHANNEL_NEEDS[channel].call
    ? t('note.noCallChannel')
    : call.startedAt
    ? t('note.callRunning', { d: duration((now - call.startedAt) / 1000) })
    : call.last
      ? t('note.call', { d: duration(call.last.durationSec) })
      : t('note.noCall');
  return (
    <span className="note-meta">
      <span className={`call-chip num${call.startedAt && CHANNEL_NEEDS[channel].call ? ' running' : ''}`} data-testid="note-call">
        {callText}
      </span>
      <span className="draft-state" data-testid="draft-state">
        {draftSaving ? t('note.draftSaving') : draftSavedAt ? t('note.draftSaved', { time: instant(draftSavedAt, tz, 'HH:mm:ss') }) : ''}
      </span>
      {helpButton}
    </span>
  );
}
