import { useEffect, useRef, type ReactNode } from 'react';
import Empty from 'antd/es/empty';
import Typography from 'antd/es/typography';
import { useTranslation } from 'react-i18next';
import { isMod, isTypingTarget, useKeydown } from '../../lib/hotkeys';
import { fieldGroup } from '../../lib/errors';
import { useSession } from '../../lib/session';
import { useWorkspace } from '../../lib/workspace';
import { useNote } from './store';
import { useOutcomeChecks } from './checks';
import { useDraftAutosave } from './draft';
import { selectOutcome } from './outcome';
import { useNoteSave } from './useNoteSave';
import { usePublishEnteredPtp } from './publish-ptp';
import { NoteMeta } from './NoteMeta';
import { OutcomeButtons } from './OutcomeButtons';
import { ContactFields } from './ContactFields';
import { ChannelPicker, VisitAddressField } from './ChannelPicker';
import { PtpFields } from './PtpFields';
import { PaidDateField } from './PaidDateField';
import { FollowUpFields } from './FollowUpFields';
import { NoteText } from './NoteText';
import { BannedPhrases } from './BannedPhrases';
import { PaneErrors, StepsMissing } from './PaneErrors';
import { SaveBar } from './SaveBar';

/**
 * The note pane: the open case's contact attempt being written (channel, outcome, party and phone or visit address, PTP,
 * claimed payment date, follow-up, note text), its draft autosaved, saved with Ctrl+S or
 * Ctrl+Enter (save and next). This file composes the parts and owns the pane-wide hotkeys.
 */
export function NotePane({ helpButton }: { helpButton?: ReactNode }) {
  const { t } = useTranslation();
  const codes = useSession((s) => s.outcomeCodes);
  const caseId = useWorkspace((s) => s.caseId);
  const detail = useWorkspace((s) => s.detail);
  const openSeq = useWorkspace((s) => s.openSeq);
  const ctxSeq = useWorkspace((s) => s.ctxSeq);

  const scrollRef = useRef<HTMLDivElement>(null);
  // restore the draft when a case opens
  useEffect(() => {
    scrollRef.current?.scrollTo({ top: 0 });
    const ws = useWorkspace.getState();
    if (!ws.caseId || !ws.detail) {
      useNote.getState().reset(null);
      return;
    }
    useNote.getState().load(ws.caseId, ws.detail.draft, ws.detail.draftSavedAt);
  }, [openSeq]);

  // a ticked step or a scenario is part of the draft
  const firstCtx = useRef(ctxSeq);
  useEffect(() => {
    if (ctxSeq !== firstCtx.current) useNote.getState().markDirty();
  }, [ctxSeq]);

  useDraftAutosave();

  const { code, violations, errorsFor, today, maxDate } = useOutcomeChecks();
  const isSteps = (v: { field?: string }) => fieldGroup(v.field) === 'stepsDone';
  const save = useNoteSave(violations.length > 0, violations.some(isSteps), violations.some((v) => !isSteps(v)));
  usePublishEnteredPtp(caseId !== null && code?.needsPtp === true);

  useKeydown((e) => {
    if (!useWorkspace.getState().caseId) return;
    if (isMod(e) && e.key.toLowerCase() === 's') {
      e.preventDefault();
      void save(false);
      return;
    }
    if (isMod(e) && e.key === 'Enter') {
      e.preventDefault();
      void save(true);
      return;
    }
    if (!isMod(e) && !e.altKey && !e.shiftKey && /^[0-9]$/.test(e.key) && !isTypingTarget(e.target)) {
      const c = codes.find((x) => x.hotkey === e.key);
      if (c) {
        e.preventDefault();
        selectOutcome(c);
      }
    }
  });

  if (!caseId || !detail) {
    return (
      <section className="panel note-panel" data-testid="note-pane">
        <div className="panel-head">
          <Typography.Text strong>{t('note.title')}</Typography.Text>
          {helpButton}
        </div>
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('profile.empty')} />
      </section>
    );
  }

  return (
    <section className="panel note-panel" data-testid="note-pane">
      <div className="panel-head">
        <Typography.Text strong>{t('note.title')}</Typography.Text>
        <ChannelPicker />
        <NoteMeta helpButton={helpButton} />
      </div>
      <div className="note-scroll" ref={scrollRef}>
        <OutcomeButtons errors={errorsFor('outcomeCode', ['outcomeCode'])} />
        <ContactFields detail={detail} partyErrors={errorsFor('party', ['party'])} phoneErrors={errorsFor('phoneId', ['phoneId', 'channel'])} />
        <VisitAddressField detail={detail} errors={errorsFor('visitAddress', ['visitAddress', 'channel'])} />
        {code?.needsPtp && (
          <PtpFields
            detail={detail}
            amountErrors={errorsFor('ptpAmount', ['ptpAmountText'])}
            dateErrors={errorsFor('ptpDate', ['ptpDate'])}
            today={today}
            maxDate={maxDate}
          />
        )}
        {code?.needsPaidDate && <PaidDateField errors={errorsFor('claimedPaidDate', ['claimedPaidDate'])} today={today} />}
        <FollowUpFields errors={errorsFor('followUp', ['followUpAt', 'followUpPreset', 'outcomeCode'])} today={today} />
        <BannedPhrases />
        <NoteText errors={errorsFor('note', ['note'])} />
        <PaneErrors />
      </div>
      <StepsMissing violations={violations} />
      <SaveBar save={save} />
    </section>
  );
}
