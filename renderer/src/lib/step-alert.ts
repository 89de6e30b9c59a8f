/**
 * A save was refused with required script steps unticked: the note pane says how many, and the
 * script panel marks those steps and scrolls the first into view (issue 9 #5). Features meet
 * here because one feature never imports another.
 */
import { create } from 'zustand';

interface StepAlertState {
  /** the case the alert is about; the marks show only there */
  caseId: string | null;
  /** bumped on every refused save: the script panel scrolls again */
  seq: number;
  flag(caseId: string): void;
  /** the note was saved: no marks on the next one */
  clear(): void;
}

export const useStepAlert = create<StepAlertState>((set) => ({
  caseId: null,
  seq: 0,
  flag: (caseId) => set((s) => ({ caseId, seq: s.seq + 1 })),
  clear: () => set((s) => (s.caseId === null ? s : { caseId: null })),
}));
