/**
 * The promise the agent is entering in the note pane, published for the script panel: its
 * confirmation lines merge these terms live (issue 9 #2), not the case's earlier promise.
 * Features meet here because one feature never imports another.
 */
import { create } from 'zustand';

export interface EnteredPtp {
  /** null when empty or not money */
  amountFen: number | null;
  /** YYYY-MM-DD, or null when empty or not a date */
  date: string | null;
}

interface EnteredPtpState extends EnteredPtp {
  set(p: EnteredPtp): void;
}

export const useEnteredPtp = create<EnteredPtpState>((set) => ({
  amountFen: null,
  date: null,
  set: (p) => set((s) => (s.amountFen === p.amountFen && s.date === p.date ? s : { ...p })),
}));
