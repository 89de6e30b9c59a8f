/**
 * Saving the note as a contact attempt (with the call's facts), then starting the pane afresh
 * and, when asked, opening the queue's next case. No UI here: the caller words the result.
 */
import type { DeskError, OutcomeCode } from '../../../../shared/contract';
import { invoke } from '../../api';
import { recordingFor, useDial } from '../../lib/dial';
import { useSession } from '../../lib/session';
import { useWorkspace } from '../../lib/workspace';
import { amountFen, useNote } from './store';
import { channelFacts } from './channel';

export type SaveResult =
  /** no case open, a save already running, or no outcome/party chosen */
  | { kind: 'skipped' }
  /** the inline checks refuse: every field error shows now */
  | { kind: 'invalid' }
  | { kind: 'failed'; error: DeskError }
  /** opened: the next case is open; none: there was no next case; stay: saved, same case */
  | { kind: 'saved'; next: 'opened' | 'none' | 'stay' };

export interface SaveOptions {
  /** open the queue's next case after saving */
  next: boolean;
  /** the inline checks found problems */
  invalid: boolean;
  /** the follow-up's reason, worded for the outcome in the agent's language */
  followUpReason(code: OutcomeCode): string;
}

export async function saveNote({ next, invalid, followUpReason }: SaveOptions): Promise<SaveResult> {
  const st = useNote.getState();
  const ws = useWorkspace.getState();
  if (!ws.caseId || !ws.detail || st.saving) return { kind: 'skipped' };
  if (invalid) {
    useNote.setState({ showAll: true });
    return { kind: 'invalid' };
  }
  const c = useSession.getState().outcomeCodes.find((x) => x.code === st.outcomeCode);
  if (!c || !st.party) return { kind: 'skipped' };
  const fen = amountFen(st.ptpAmountText);
  // The timer belongs to a call only: an SMS, letter, visit or email saves none (shared/domain/channel-rules).
  const facts = channelFacts(st, ws.callFacts(ws.caseId));
  useNote.setState({ saving: true });
  const caseIdAtSave = ws.caseId;
  const res = await invoke('attempt.save', {
    clientRequestId: st.requestId,
    caseId: caseIdAtSave,
    phoneId: facts.phoneId,
    channel: facts.channel,
    visitAddress: facts.visitAddress ?? null,
    party: st.party,
    outcomeCode: c.code,
    note: st.note,
    callStartedAt: facts.callStartedAt,
    durationSec: facts.durationSec,
    ptp: c.needsPtp && typeof fen === 'number' && st.ptpDate ? { amountFen: fen, dueDate: st.ptpDate } : null,
    followUp: st.followUpAt ? { dueAt: st.followUpAt, reason: followUpReason(c).slice(0, 200) } : null,
    claimedPaidDate: c.needsPaidDate ? st.claimedPaidDate : null,
    stepsDone: ws.stepsDone.slice(0, 50),
    scenario: ws.scenario,
    recordingRef: recordingFor(caseIdAtSave),
  });
  if (!res.ok) {
    const e = res.error;
    useNote.setState({ saving: false, showAll: true, serverErrors: e.field ? [e] : [] });
    return { kind: 'failed', error: e };
  }
  ws.clearCall();
  if (recordingFor(caseIdAtSave)) useDial.setState({ recording: null }); // kept on this record, not the next
  ws.setHasDraft(caseIdAtSave, false); // the save cleared the case's draft
  useNote.getState().reset(caseIdAtSave);
  ws.resetNoteContext();
  if (next && res.value.nextCaseId) {
    await ws.openCase(res.value.nextCaseId);
    return { kind: 'saved', next: 'opened' };
  }
  await ws.refreshCase();
  return { kind: 'saved', next: next ? 'none' : 'stay' };
}
