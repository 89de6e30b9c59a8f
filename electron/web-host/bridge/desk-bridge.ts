/**
 * window.desk for the browser: the same DeskApi as the Electron preload, carried over
 * `POST /api/invoke/<route>` (header X-Desk-Token) and `GET /api/events?token=` (server-sent
 * events; EventSource cannot set headers). Served compiled as /desk-bridge.js by the web-host.
 *
 * Browser globals are typed structurally here (BridgeEnv) so the file type-checks in the
 * Node project and unit tests can drive it with fakes.
 */
import type { DeskApi, DeskError, EventName, EventPayload, Result, RouteName, RouteOutput } from '../../../shared/contract';

export const TOKEN_STORAGE_KEY = 'collectdesk.webHostToken';
export const TOKEN_HEADER = 'X-Desk-Token';

interface FetchResponseLike {
  status: number;
  json(): Promise<unknown>;
}
interface EventSourceLike {
  onmessage: ((ev: { data: unknown }) => void) | null;
  close(): void;
}
export interface BridgeEnv {
  location: { hash: string; pathname: string; search: string };
  history: { replaceState(data: unknown, unused: string, url?: string): void };
  sessionStorage: { getItem(key: string): string | null; setItem(key: string, value: string): void };
  fetch(url: string, init: { method: string; headers: Record<string, string>; body: string; cache?: string }): Promise<FetchResponseLike>;
  EventSource: new (url: string) => EventSourceLike;
}

/**
 * Reads `token=` from the URL hash on first load, keeps it in sessionStorage (survives
 * reloads of this tab, not other tabs) and strips it from the address bar.
 */
export function takeToken(env: Pick<BridgeEnv, 'location' | 'history' | 'sessionStorage'>): string | null {
  const hash = env.location.hash.replace(/^#/, '');
  const parts = hash.split('&');
  const found = parts.find((p) => p.startsWith('token='));
  if (found) {
    const token = decodeURIComponent(found.slice('token='.length));
    if (token) env.sessionStorage.setItem(TOKEN_STORAGE_KEY, token);
    const rest = parts.filter((p) => p !== found).join('&');
    env.history.replaceState(null, '', env.location.pathname + env.location.search + (rest ? `#${rest}` : ''));
  }
  return env.sessionStorage.getItem(TOKEN_STORAGE_KEY);
}

const failure = (code: DeskError['code'], message: string): Result<never> => ({ ok: false, error: { code, message } });

const isResult = (v: unknown): v is Result<unknown> =>
  typeof v === 'object' && v !== null && typeof (v as { ok?: unknown }).ok === 'boolean';

export function createDeskBridge(env: BridgeEnv): DeskApi {
  const token = takeToken(env);
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  let source: EventSourceLike | null = null;

  const ensureEvents = (): void => {
    if (source || !token) return;
    source = new env.EventSource(`/api/events?token=${encodeURIComponent(token)}`);
    source.onmessage = (ev) => {
      let msg: { name?: unknown; payload?: unknown };
      try {
        msg = JSON.parse(String(ev.data)) as typeof msg;
      } catch {
        return;
      }
      if (typeof msg.name !== 'string') return;
      for (const cb of [...(listeners.get(msg.name) ?? [])]) {
        try {
          cb(msg.payload);
        } catch (error) {
          console.error(`desk event ${msg.name} listener failed`, error);
        }
      }
    };
  };

  return {
    async invoke<R extends RouteName>(route: R, input: unknown): Promise<Result<RouteOutput<R>>> {
      if (!token) {
        return failure('FORBIDDEN', 'No web-host session token: open the URL printed by `npm run web` (it ends with #token=...).');
      }
      let res: FetchResponseLike;
      try {
        res = await env.fetch(`/api/invoke/${encodeURIComponent(route)}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', [TOKEN_HEADER]: token },
          body: JSON.stringify(input ?? {}),
          cache: 'no-store',
        });
      } catch {
        return failure('INTERNAL', 'The desk web-host is not reachable.');
      }
      let body: unknown;
      try {
        body = await res.json();
      } catch {
        return failure('INTERNAL', `The desk web-host answered HTTP ${res.status} without a result.`);
      }
      return isResult(body) ? (body as Result<RouteOutput<R>>) : failure('INTERNAL', `Unexpected answer (HTTP ${res.status}).`);
    },
    on<E extends EventName>(event: E, cb: (payload: EventPayload<E>) => void): () => void {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      const listener = cb as (payload: unknown) => void;
      set.add(listener);
      ensureEvents();
      return () => {
        set.delete(listener);
      };
    },
  };
}

/** Defines window.desk once, read-only, like the Electron preload's contextBridge. */
export function installDeskBridge(win: BridgeEnv & { desk?: DeskApi }): void {
  if (win.desk) return;
  const api = Object.freeze(createDeskBridge(win));
  Object.defineProperty(win, 'desk', { value: api, writable: false, configurable: false, enumerable: true });
}
