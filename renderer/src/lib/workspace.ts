/**
 * The open case and the state several features share about it: the loaded detail, the
 * script steps ticked (they flow into the note draft) and the call timer. Features talk to
 * each other only through here; lists refresh on the core's 'queue.changed' event.
 */
import { create } from 'zustand';
import type { CaseDetail, DeskError } from '../../../shared/contract';
import type { ScenarioId } from '../../../shared/domain/enums';
import { invoke, subscribe } from '../api';

export interface CallState {
  /** ms epoch while a call is running */
  startedAt: number | null;
  /** the last finished call, until a save consumes it */
  last: { startedAt: string; durationSec: number } | null;
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
  openCase(caseId: string): Promise<void>;
  refreshCase(): Promise<void>;
  closeCase(): void;
  setStepDone(id: string, done: boolean): void;
  setScenario(s: ScenarioId | null): void;
  setScriptSteps(required: string[], texts: Record<string, string>): void;
  resetNoteContext(): void;
  startCall(): void;
  stopCall(): void;
  toggleCall(): void;
  /** The call facts for an attempt (a running call is stopped first). */
  callFacts(): { callStartedAt: string | null; durationSec: number };
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
  call: { startedAt: null, last: null },

  async openCase(caseId) {
    const token = ++openToken;
    await runBeforeCaseSwitch();
    set({ caseId, loading: true, error: null });
    const res = await invoke('case.get', { caseId });
    if (token !== openToken) return;
    if (!res.ok) {
      set({ loading: false, error: res.error, detail: null });
      return;
    }
    const draft = res.value.draft;
    set((s) => ({
      detail: res.value,
      loading: false,
      openSeq: s.openSeq + 1,
      stepsDone: draft?.stepsDone ?? [],
      scenario: draft?.scenario ?? null,
    }));
  },
  async refreshCase() {
    const caseId = get().caseId;
    if (!caseId) return;
    const token = openToken;
    const res = await invoke('case.get', { caseId });
    if (token !== openToken || get().caseId !== caseId) return;
    if (res.ok) set({ detail: res.value });
  },
  closeCase: () => {
    openToken++;
    set({ caseId: null, detail: null, stepsDone: [], scenario: null, error: null, loading: false });
  },
  setStepDone: (id, done) =>
    set((s) => ({
      stepsDone: done ? [...new Set([...s.stepsDone, id])] : s.stepsDone.filter((x) => x !== id),
      ctxSeq: s.ctxSeq + 1,
    })),
  setScenario: (scenario) => set((s) => ({ scenario, ctxSeq: s.ctxSeq + 1 })),
  setScriptSteps: (requiredStepIds, stepTexts) => set({ requiredStepIds, stepTexts }),
  resetNoteContext: () => set({ stepsDone: [], scenario: null }),

  startCall: () => set((s) => (s.call.startedAt ? s : { call: { startedAt: Date.now(), last: null } })),
  stopCall: () =>
    set((s) => {
      const startedAt = s.call.startedAt;
      if (!startedAt) return s;
      const durationSec = Math.max(0, Math.round((Date.now() - startedAt) / 1000));
      return { call: { startedAt: null, last: { startedAt: new Date(startedAt).toISOString(), durationSec } } };
    }),
  toggleCall: () => (get().call.startedAt ? get().stopCall() : get().startCall()),
  callFacts() {
    if (get().call.startedAt) get().stopCall();
    const last = get().call.last;
    return last ? { callStartedAt: last.startedAt, durationSec: last.durationSec } : { callStartedAt: null, durationSec: 0 };
  },
  clearCall: () => set((s) => (s.call.startedAt ? s : { call: { startedAt: null, last: null } })),
}));

/**
 * The open case follows the database: when a pull changed the desk's data (the core says
 * 'queue.changed' with a sync.* reason), the open case is read again, so its balance and promise
 * states are the ones the queue row shows. The agent's own saves refresh it themselves.
 */
export function watchOpenCase(): () => void {
  return subscribe('queue.changed', ({ reason }) => {
    if (reason.startsWith('sync.')) void useWorkspace.getState().refreshCase();
  });
}
