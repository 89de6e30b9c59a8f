/**
 * The open case and the state several features share about it: the loaded detail, the
 * script steps ticked (they flow into the note draft) and the call timer. Features talk to
 * each other only through here; lists refresh on the core's 'queue.changed' event.
 */
import { create } from 'zustand';
import type { CaseDetail, DeskError, MovedCase } from '../../../shared/contract';
import type { ScenarioId } from '../../../shared/domain/enums';
import { invoke, subscribe } from '../api';
import { useSession } from './session';

/**
 * The call being timed. It belongs to one agent and one case: it is kept in that case's draft
 * (a reload or crash keeps its start), stopped when the agent leaves the case or signs out,
 * and only that case's next saved attempt records it.
 */
export interface CallState {
  /** ms epoch while a call is running */
  startedAt: number | null;
  /** the last finished call, until a save consumes it */
  last: { startedAt: string; durationSec: number } | null;
  /** the case and agent the call was timed for */
  caseId: string | null;
  agentId: string | null;
}

/** The draft's form of a call (NoteDraft.call). */
export type DraftCall = { startedAt: string; durationSec: number | null } | null;

const NO_CALL: CallState = { startedAt: null, last: null, caseId: null, agentId: null };

/** A call stopped because the agent left its case: the renderer says so once. */
export interface CallNotice {
  seq: number;
  debtorName: string;
  durationSec: number;
}

const OPEN_CASE_KEY = 'collectdesk.openCase.';
/** The open case per agent, so a reload (or a crash) of the window reopens it. */
function rememberOpenCase(caseId: string | null): void {
  const agentId = useSession.getState().agent?.id;
  if (!agentId || typeof localStorage === 'undefined') return;
  try {
    if (caseId) localStorage.setItem(OPEN_CASE_KEY + agentId, caseId);
    else localStorage.removeItem(OPEN_CASE_KEY + agentId);
  } catch {
    // storage full or disabled: the case is simply not reopened
  }
}
export function rememberedOpenCase(): string | null {
  const agentId = useSession.getState().agent?.id;
  if (!agentId || typeof localStorage === 'undefined') return null;
  try {
    return localStorage.getItem(OPEN_CASE_KEY + agentId);
  } catch {
    return null;
  }
}

interface WorkspaceState {
  caseId: string | null;
  detail: CaseDetail | null;
  loading: boolean;
  error: DeskError | null;
  /** bumped when a case is opened (not on refresh): the note pane restores the draft then */
  openSeq: number;
  stepsDone: string[];
  scenario: ScenarioId | null;
  /** bumped when the agent ticks a step or picks a scenario (the draft is dirty then) */
  ctxSeq: number;
  requiredStepIds: string[];
  /** required step id -> its text, for messages */
  stepTexts: Record<string, string>;
  call: CallState;
  /** bumped when the agent starts or stops the call (the draft stores it at once) */
  callSeq: number;
  callNotice: CallNotice | null;
  /** cases holding a note draft (the queue marks them) */
  draftCaseIds: ReadonlySet<string>;
  /**
   * The open case moved to another agent (a pull took it off this desk, #16): who has it now.
   * The screen stays, the note can still be saved (as history); null otherwise.
   */
  moved: MovedCase | null;
  /** Ask the core whether the open case moved away (after a pull, or when it can no longer be read). */
  checkMoved(): Promise<void>;
  openCase(caseId: string): Promise<void>;
  /** After a reload: reopen the case this agent had open, if none is open. */
  restoreOpenCase(): Promise<void>;
  loadDraftCases(): Promise<void>;
  setHasDraft(caseId: string, has: boolean): void;
  refreshCase(): Promise<void>;
  closeCase(): void;
  setStepDone(id: string, done: boolean): void;
  setScenario(s: ScenarioId | null): void;
  setScriptSteps(required: string[], texts: Record<string, string>): void;
  resetNoteContext(): void;
  startCall(): void;
  stopCall(): void;
  toggleCall(): void;
  /** The call facts for an attempt on this case (a running call is stopped first); none from another case or agent. */
  callFacts(caseId: string): { callStartedAt: string | null; durationSec: number };
  /** The call in the draft's form, when it belongs to this case. */
  draftCall(caseId: string): DraftCall;
  /** Forget the finished call once its attempt is saved. */
  clearCall(): void;
}

type Hook = () => Promise<void> | void;
const beforeSwitch = new Set<Hook>();
/** Run before another case opens (the note pane flushes its draft). */
export function registerBeforeCaseSwitch(hook: Hook): () => void {
  beforeSwitch.add(hook);
  return () => beforeSwitch.delete(hook);
}

/** Run the before-switch hooks now (logout, window close). */
export async function runBeforeCaseSwitch(): Promise<void> {
  await Promise.all([...beforeSwitch].map((h) => h()));
}

/**
 * Sign out: a running call stops first and stays in its case's draft (it is never recorded on
 * the next agent's attempt), the draft is stored, then the session ends and the case closes.
 */
export async function endSession(): Promise<void> {
  useWorkspace.getState().stopCall();
  await runBeforeCaseSwitch();
  await invoke('auth.logout', {});
  useWorkspace.getState().closeCase();
}

let openToken = 0;

export const useWorkspace = create<WorkspaceState>((set, get) => ({
  caseId: null,
  detail: null,
  loading: false,
  error: null,
  openSeq: 0,
  stepsDone: [],
  scenario: null,
  ctxSeq: 0,
  requiredStepIds: [],
  stepTexts: {},
  call: NO_CALL,
  callSeq: 0,
  callNotice: null,
  draftCaseIds: new Set<string>(),
  moved: null,

  async openCase(caseId) {
    const prev = get();
    // The case on screen again (its row clicked, a notification): refresh what it shows but keep
    // the note pane as typed; reloading it from the draft would drop up to a second of typing.
    if (prev.caseId === caseId && prev.detail && !prev.loading && !prev.error) return get().refreshCase();
    const token = ++openToken;
    // leaving a case ends its call: it stays in that case's draft (flushed just below)
    if (prev.caseId !== caseId && prev.call.startedAt !== null) stopOnLeave(prev, set, get);
    await runBeforeCaseSwitch();
    // Another open started meanwhile (the first screen's top case, then a click at once): it wins.
    // Its flush may end first, so this one must not set its case afterwards.
    if (token !== openToken) return;
    set({ caseId, loading: true, error: null, moved: null });
    rememberOpenCase(caseId);
    const res = await invoke('case.get', { caseId });
    if (token !== openToken) return;
    if (!res.ok) {
      set({ loading: false, error: res.error, detail: null });
      if (res.error.code === 'NOT_FOUND') void get().checkMoved();
      return;
    }
    const draft = res.value.draft;
    set((s) => ({
      detail: res.value,
      loading: false,
      openSeq: s.openSeq + 1,
      stepsDone: draft?.stepsDone ?? [],
      scenario: draft?.scenario ?? null,
      call: s.call.caseId === caseId ? s.call : callFromDraft(caseId, draft?.call ?? null),
    }));
  },
  async restoreOpenCase() {
    const remembered = rememberedOpenCase();
    if (remembered && !get().caseId) await get().openCase(remembered);
  },
  async loadDraftCases() {
    const res = await invoke('draft.cases', {});
    if (res.ok) set({ draftCaseIds: new Set(res.value.caseIds) });
  },
  setHasDraft: (caseId, has) =>
    set((s) => {
      if (s.draftCaseIds.has(caseId) === has) return s;
      const next = new Set(s.draftCaseIds);
      if (has) next.add(caseId);
      else next.delete(caseId);
      return { draftCaseIds: next };
    }),
  async refreshCase() {
    const caseId = get().caseId;
    if (!caseId) return;
    const token = openToken;
    const res = await invoke('case.get', { caseId });
    if (token !== openToken || get().caseId !== caseId) return;
    if (res.ok) set({ detail: res.value, moved: null });
    // gone from the desk: the last detail stays on screen (the agent may be mid-call) and says where it went
    else if (res.error.code === 'NOT_FOUND') await get().checkMoved();
  },
  async checkMoved() {
    const caseId = get().caseId;
    if (!caseId) return;
    const res = await invoke('case.moved', { caseId });
    if (get().caseId !== caseId || !res.ok) return;
    set({ moved: res.value.moved });
  },
  closeCase: () => {
    openToken++;
    rememberOpenCase(null);
    set({ caseId: null, detail: null, stepsDone: [], scenario: null, error: null, loading: false, call: NO_CALL, moved: null });
  },
  setStepDone: (id, done) =>
    set((s) => ({
      stepsDone: done ? [...new Set([...s.stepsDone, id])] : s.stepsDone.filter((x) => x !== id),
      ctxSeq: s.ctxSeq + 1,
    })),
  setScenario: (scenario) => set((s) => ({ scenario, ctxSeq: s.ctxSeq + 1 })),
  setScriptSteps: (requiredStepIds, stepTexts) => set({ requiredStepIds, stepTexts }),
  resetNoteContext: () => set({ stepsDone: [], scenario: null }),

  startCall: () =>
    set((s) => {
      const agentId = useSession.getState().agent?.id ?? null;
      // a call is timed for the open case only
      if (s.call.startedAt || !s.caseId || !s.detail || !agentId) return s;
      return { call: { startedAt: Date.now(), last: null, caseId: s.caseId, agentId }, callSeq: s.callSeq + 1 };
    }),
  stopCall: () =>
    set((s) => {
      const startedAt = s.call.startedAt;
      if (!startedAt) return s;
      return { call: { ...s.call, startedAt: null, last: finished(startedAt) }, callSeq: s.callSeq + 1 };
    }),
  toggleCall: () => (get().call.startedAt ? get().stopCall() : get().startCall()),
  callFacts(caseId) {
    const call = get().call;
    const agentId = useSession.getState().agent?.id ?? null;
    if (call.caseId !== caseId || call.agentId !== agentId) return { callStartedAt: null, durationSec: 0 };
    if (call.startedAt) get().stopCall();
    const last = get().call.last;
    return last ? { callStartedAt: last.startedAt, durationSec: last.durationSec } : { callStartedAt: null, durationSec: 0 };
  },
  draftCall(caseId) {
    const call = get().call;
    if (call.caseId !== caseId) return null;
    if (call.startedAt) return { startedAt: new Date(call.startedAt).toISOString(), durationSec: null };
    return call.last ? { startedAt: call.last.startedAt, durationSec: call.last.durationSec } : null;
  },
  clearCall: () => set((s) => (s.call.startedAt ? s : { call: NO_CALL })),
}));

function finished(startedAt: number): { startedAt: string; durationSec: number } {
  const durationSec = Math.min(86_400, Math.max(0, Math.round((Date.now() - startedAt) / 1000)));
  return { startedAt: new Date(startedAt).toISOString(), durationSec };
}

/** The call of a case as its draft keeps it (running, finished, or none). */
function callFromDraft(caseId: string, c: DraftCall): CallState {
  const agentId = useSession.getState().agent?.id ?? null;
  if (!c || !agentId) return NO_CALL;
  if (c.durationSec === null) {
    const ms = Date.parse(c.startedAt);
    return Number.isFinite(ms) ? { startedAt: ms, last: null, caseId, agentId } : NO_CALL;
  }
  return { startedAt: null, last: { startedAt: c.startedAt, durationSec: c.durationSec }, caseId, agentId };
}

type Set_ = (fn: (s: WorkspaceState) => Partial<WorkspaceState>) => void;
/** Stop the running call because its case is being left; the renderer tells the agent. */
function stopOnLeave(prev: WorkspaceState, set: Set_, get: () => WorkspaceState): void {
  prev.stopCall();
  const last = get().call.last;
  set((s) => ({
    callNotice: { seq: (s.callNotice?.seq ?? 0) + 1, debtorName: prev.detail?.debtor.name ?? '', durationSec: last?.durationSec ?? 0 },
  }));
}

/**
 * The open case follows the database: when a pull changed the desk's data (the core says
 * 'queue.changed' with a sync.* reason), the open case is read again, so its balance and promise
 * states are the ones the queue row shows. The agent's own saves refresh it themselves.
 */
export function watchOpenCase(): () => void {
  const offChanged = subscribe('queue.changed', ({ reason }) => {
    if (reason.startsWith('sync.')) void useWorkspace.getState().refreshCase();
  });
  // the open case was reassigned away: say so at once (#16)
  const offMoved = subscribe('cases.movedAway', ({ cases }) => {
    const open = useWorkspace.getState().caseId;
    if (open && cases.some((c) => c.caseId === open)) void useWorkspace.getState().checkMoved();
  });
  return () => {
    offChanged();
    offMoved();
  };
}
