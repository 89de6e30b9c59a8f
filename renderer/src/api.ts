/**
 * The ONLY module that touches window.desk. Typed wrappers over shared/contract.ts:
 * every call resolves to a Result and never throws (a broken bridge becomes an INTERNAL error).
 */
import type {
  DeskApi, DeskError, EventName, EventPayload, NoteDraft, QueueFilter, Result, RouteInput, RouteName, RouteOutput,
} from '../../shared/contract';
import type { Locale } from '../../shared/domain/enums';

declare global {
  interface Window {
    desk?: DeskApi;
  }
}

let onUnauthenticated: (() => void) | null = null;
/** Called when any route (other than the login ones) answers UNAUTHENTICATED. */
export function setUnauthenticatedHandler(fn: (() => void) | null): void {
  onUnauthenticated = fn;
}

export function hasBridge(): boolean {
  return typeof window !== 'undefined' && !!window.desk;
}

const bridgeError = (message: string): DeskError => ({ code: 'INTERNAL', message });

export async function invoke<R extends RouteName>(route: R, input: RouteInput<R>): Promise<Result<RouteOutput<R>>> {
  const desk = window.desk;
  if (!desk) return { ok: false, error: bridgeError('window.desk is not available') };
  try {
    const res = await desk.invoke(route, input);
    if (!res.ok && res.error.code === 'UNAUTHENTICATED' && route !== 'auth.login' && route !== 'auth.session') {
      onUnauthenticated?.();
    }
    return res;
  } catch (e) {
    return { ok: false, error: bridgeError(e instanceof Error ? e.message : String(e)) };
  }
}

export function subscribe<E extends EventName>(event: E, cb: (payload: EventPayload<E>) => void): () => void {
  const desk = window.desk;
  if (!desk) return () => undefined;
  try {
    return desk.on(event, cb);
  } catch {
    return () => undefined;
  }
}

export const api = {
  session: () => invoke('auth.session', {}),
  login: (username: string, password: string) => invoke('auth.login', { username, password }),
  logout: () => invoke('auth.logout', {}),

  settings: () => invoke('settings.get', {}),
  updateSettings: (patch: RouteInput<'settings.update'>) => invoke('settings.update', patch),
  reference: () => invoke('reference.get', {}),

  queue: (filter: QueueFilter, offset: number, limit: number) => invoke('queue.list', { filter, offset, limit }),

  getCase: (caseId: string) => invoke('case.get', { caseId }),
  reveal: (caseId: string, field: 'idNumber' | 'account' | 'phone', phoneId?: string) =>
    invoke('case.reveal', phoneId ? { caseId, field, phoneId } : { caseId, field }),

  script: (caseId: string, locale: Locale) => invoke('script.forCase', { caseId, locale }),

  saveDraft: (caseId: string, draft: NoteDraft) => invoke('draft.save', { caseId, draft }),
  saveAttempt: (input: RouteInput<'attempt.save'>) => invoke('attempt.save', input),
  recordPayment: (caseId: string, amountFen: number, paidDate: string) =>
    invoke('payment.record', { caseId, amountFen, paidDate }),

  followUpNext: () => invoke('followup.next', {}),

  syncStatus: () => invoke('sync.status', {}),
  syncConnect: (hubUrl: string, username: string, password: string) => invoke('sync.connect', { hubUrl, username, password }),
  syncDisconnect: () => invoke('sync.disconnect', {}),
  syncNow: () => invoke('sync.now', {}),
  syncUnsynced: () => invoke('sync.unsynced', {}),
  syncExportUnsynced: () => invoke('sync.exportUnsynced', {}),
  syncRejections: () => invoke('sync.rejections', {}),
  hostHub: (input: RouteInput<'hub.host'>) => invoke('hub.host', input),

  leadAgents: () => invoke('lead.agents', {}),
  leadCases: (input: RouteInput<'lead.cases'>) => invoke('lead.cases', input),
  leadAssign: (caseIds: string[], agentId: string | null) => invoke('lead.assign', { caseIds, agentId }),
  leadConflicts: () => invoke('lead.conflicts', {}),
  leadResolveConflict: (conflictId: string, resolution: string) => invoke('lead.resolveConflict', { conflictId, resolution }),
};
