/**
 * The one pure invoke pipeline both hosts use: Electron IPC (electron/main/ipc.ts) and the
 * web-host (electron/web-host/server.ts). It lives in shared/ because it depends only on the
 * contract and a structural view of the desk, and the two hosts must not import each other.
 *
 *   sender check -> known route -> zod input -> desk.invoke -> Result (never throws)
 */
import { events, isRouteName, parseInput, type DeskError, type EventName, type Result, type RouteName } from './contract';

/** Events a host raises itself (the Electron shell); the core never emits them. */
export const HOST_EVENTS: ReadonlySet<EventName> = new Set<EventName>(['case.open', 'locale.changed']);
/** The events a host forwards from the core to the page. */
export const CORE_EVENTS: readonly EventName[] = (Object.keys(events) as EventName[]).filter((e) => !HOST_EVENTS.has(e));

/** The part of electron/core's Desk that the hosts call (structural, so shared/ stays pure). */
export interface InvokeTarget {
  invoke(route: string, input: unknown): Promise<Result<unknown>>;
}

export type InvokeHandler<S> = (sender: S, route: unknown, input: unknown) => Promise<Result<unknown>>;

export interface InvokeHandlerOptions {
  /** Called for refused senders and for exceptions escaping the desk (for the host's log). */
  onProblem?: (kind: 'forbidden' | 'internal', detail: { route: string; error?: unknown }) => void;
}

const fail = (code: DeskError['code'], message: string, extra: Partial<DeskError> = {}): Result<never> => ({
  ok: false,
  error: { code, message, ...extra },
});

/** Route names come from untrusted callers: keep them short and printable in messages. */
const printable = (route: unknown): string =>
  typeof route === 'string' ? route.replace(/[^\w.-]/g, '?').slice(0, 64) : typeof route;

const isResult = (v: unknown): v is Result<unknown> =>
  typeof v === 'object' && v !== null && typeof (v as { ok?: unknown }).ok === 'boolean' &&
  ((v as { ok: boolean }).ok ? 'value' in v : typeof (v as { error?: unknown }).error === 'object');

export function createInvokeHandler<S>(
  desk: InvokeTarget,
  isTrustedSender: (sender: S) => boolean,
  options: InvokeHandlerOptions = {},
): InvokeHandler<S> {
  return async (sender, route, input) => {
    let trusted: boolean;
    try {
      trusted = isTrustedSender(sender) === true;
    } catch {
      trusted = false;
    }
    if (!trusted) {
      options.onProblem?.('forbidden', { route: printable(route) });
      return fail('FORBIDDEN', 'The request did not come from the desk window.');
    }
    if (!isRouteName(route)) return fail('UNKNOWN_ROUTE', `Unknown route: ${printable(route)}`);
    const parsed = parseInput(route as RouteName, input);
    if (!parsed.ok) return parsed;
    try {
      const result = await desk.invoke(route, parsed.value);
      if (isResult(result)) return result;
      options.onProblem?.('internal', { route, error: new Error('desk returned a non-Result value') });
      return fail('INTERNAL', 'Internal error.');
    } catch (error) {
      options.onProblem?.('internal', { route, error });
      return fail('INTERNAL', 'Internal error.');
    }
  };
}
