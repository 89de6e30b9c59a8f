/**
 * The ONLY module that touches window.desk. Callers name the route and pass its input, both
 * typed by shared/contract: every call resolves to a Result and never throws (a broken bridge
 * becomes an INTERNAL error).
 */
import type { DeskApi, DeskError, EventName, EventPayload, Result, RouteInput, RouteName, RouteOutput } from '../../shared/contract';

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
