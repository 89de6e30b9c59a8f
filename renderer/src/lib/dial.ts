/**
 * The contact rules before a dial (issue 11): the number the note pane has picked, and the desk's
 * answer when the call timer (F9) asks whether it may start. Lives in lib because the note pane
 * (features/notes) sets the number and the call timer (features/timers) asks.
 */
import { create } from 'zustand';
import type { CaseDetail, ContactCheckResult } from '../../../shared/contract';
import { invoke } from '../api';

interface DialState {
  /** The number picked in the note pane for the open case (null: none picked). */
  phoneId: string | null;
  /** The last refused dial, shown until the agent closes it. */
  blocked: { caseId: string; phoneId: string; result: ContactCheckResult } | null;
  /** The softphone's recording reference of the last dial (click-to-dial), kept for that case's next call record. */
  recording: { caseId: string; ref: string } | null;
  setPhone(phoneId: string | null): void;
  clearBlocked(): void;
}

/** The recording reference for a call record on `caseId`, if the last dial there returned one. */
export const recordingFor = (caseId: string): string | null => {
  const r = useDial.getState().recording;
  return r && r.caseId === caseId ? r.ref : null;
};

export const useDial = create<DialState>((set) => ({
  phoneId: null,
  blocked: null,
  recording: null,
  setPhone: (phoneId) => set({ phoneId }),
  clearBlocked: () => set({ blocked: null }),
}));

/** The number a call on this case dials: the note pane's pick, else the preferred one, else the first callable own number. */
export function dialPhoneOf(detail: CaseDetail, picked: string | null): string | null {
  const ids = new Set(detail.phones.map((p) => p.id));
  if (picked && ids.has(picked)) return picked;
  if (detail.case.preferredPhoneId && ids.has(detail.case.preferredPhoneId)) return detail.case.preferredPhoneId;
  return detail.phones.find((p) => p.owner === 'self' && p.status === 'valid')?.id ?? null;
}

/**
 * Ask the desk whether the dial may happen. True: go ahead (allowed, or no number to check);
 * false: refused, and the reasons are in `blocked`. A failed check lets the call start: the save
 * flags a broken rule anyway, and the agent is never stuck.
 */
export async function mayDial(detail: CaseDetail): Promise<{ go: boolean; overridden: boolean }> {
  const caseId = detail.case.id;
  const phoneId = dialPhoneOf(detail, useDial.getState().phoneId);
  if (!phoneId) return { go: true, overridden: false };
  const res = await invoke('contact.check', { caseId, phoneId });
  if (!res.ok) return { go: true, overridden: false };
  if (res.value.allowed) return { go: true, overridden: res.value.overridden };
  useDial.setState({ blocked: { caseId, phoneId, result: res.value } });
  return { go: false, overridden: false };
}
