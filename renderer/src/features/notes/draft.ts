import { useEffect } from 'react';
import type { NoteDraft } from '../../../../shared/contract';
import { invoke } from '../../api';
import { registerBeforeCaseSwitch, useWorkspace } from '../../lib/workspace';
import { amountFen, useNote } from './store';

/** The draft autosaves this long after the last keystroke (a crash loses at most this much). */
const AUTOSAVE_MS = 1000;

export function buildDraft(): NoteDraft {
  const n = useNote.getState();
  const ws = useWorkspace.getState();
  const fen = amountFen(n.ptpAmountText);
  return {
    outcomeCode: n.outcomeCode,
    party: n.party,
    phoneId: n.phoneId,
    note: n.note.slice(0, 4000),
    ptpAmountFen: typeof fen === 'number' ? fen : null,
    ptpDate: n.ptpDate,
    followUpAt: n.followUpAt,
    claimedPaidDate: n.claimedPaidDate,
    stepsDone: ws.stepsDone.slice(0, 50),
    scenario: ws.scenario,
    call: n.caseId ? ws.draftCall(n.caseId) : null,
    channel: n.channel,
    visitAddress: n.visitAddress ? n.visitAddress.slice(0, 400) : null,
  };
}

let flushing: Promise<void> = Promise.resolve();
/** Save the draft now if it changed since the last save (one save at a time, in order). */
export function flushDraft(): Promise<void> {
  flushing = flushing.then(flushOnce, flushOnce);
  return flushing;
}

async function flushOnce(): Promise<void> {
  const n = useNote.getState();
  if (!n.caseId || n.version === n.savedVersion || n.saving) return;
  const version = n.version;
  const caseId = n.caseId;
  useNote.setState({ draftSaving: true });
  const res = await invoke('draft.save', { caseId, draft: buildDraft() });
  if (res.ok) useWorkspace.getState().setHasDraft(caseId, true);
  if (useNote.getState().caseId !== caseId) return;
  useNote.setState((s) => ({
    draftSaving: false,
    ...(res.ok ? { draftSavedAt: res.value.savedAt, savedVersion: Math.max(s.savedVersion, version) } : {}),
  }));
}

/** A call started or stopped is stored in its case's draft at once: a reload or crash mid-call keeps its start. */
export function watchCallForDraft(): () => void {
  return useWorkspace.subscribe((s, prev) => {
    if (s.callSeq === prev.callSeq || !s.call.caseId || s.call.caseId !== useNote.getState().caseId) return;
    useNote.getState().markDirty();
    void flushDraft();
  });
}

/** Autosave the note draft (debounced), and flush it on case switch, tab hide and unload. */
export function useDraftAutosave(): void {
  const n = useNote();
  // autosave, debounced
  useEffect(() => {
    if (n.version === n.savedVersion || !n.caseId) return;
    const id = window.setTimeout(() => void flushDraft(), AUTOSAVE_MS);
    return () => window.clearTimeout(id);
  }, [n.version, n.savedVersion, n.caseId]);

  // flush on case switch and when the window goes away
  useEffect(() => registerBeforeCaseSwitch(flushDraft), []);
  useEffect(() => watchCallForDraft(), []);
  useEffect(() => {
    const onHide = () => {
      if (document.visibilityState === 'hidden') void flushDraft();
    };
    const onUnload = () => void flushDraft();
    document.addEventListener('visibilitychange', onHide);
    window.addEventListener('beforeunload', onUnload);
    return () => {
      document.removeEventListener('visibilitychange', onHide);
      window.removeEventListener('beforeunload', onUnload);
    };
  }, []);
}
