import { describe, expect, it, vi } from 'vitest';
import type { DeskApi } from '../../../shared/contract';
import { createDeskBridge, installDeskBridge, takeToken, TOKEN_STORAGE_KEY, type BridgeEnv } from './desk-bridge';

function env(hash: string, answer: (url: string, init: { headers: Record<string, string>; body: string }) => unknown = () => ({ ok: true, value: 1 })) {
  const storage = new Map<string, string>();
  const sources: { url: string; onmessage: ((ev: { data: unknown }) => void) | null; close: () => void }[] = [];
  const e = {
    location: { hash, pathname: '/', search: '' },
    history: { replaceState: vi.fn() },
    sessionStorage: { getItem: (k: string) => storage.get(k) ?? null, setItem: (k: string, v: string) => void storage.set(k, v) },
    fetch: vi.fn(async (url: string, init: { headers: Record<string, string>; body: string }) => {
      const body = answer(url, init);
      return { status: 200, json: async () => (body instanceof Error ? Promise.reject(body) : body) };
    }),
    EventSource: class {
      onmessage: ((ev: { data: unknown }) => void) | null = null;
      close = vi.fn();
      constructor(public url: string) {
        sources.push(this);
      }
    },
  };
  return { env: e as unknown as BridgeEnv & typeof e, storage, sources };
}

describe('takeToken', () => {
  it('moves the token from the hash to sessionStorage and strips it from the URL', () => {
    const { env: e, storage } = env('#token=abc%2Bdef');
    expect(takeToken(e)).toBe('abc+def');
    expect(storage.get(TOKEN_STORAGE_KEY)).toBe('abc+def');
    expect(e.history.replaceState).toHaveBeenCalledWith(null, '', '/');
  });

  it('keeps other hash parts', () => {
    const { env: e } = env('#token=t1&/queue');
    expect(takeToken(e)).toBe('t1');
    expect(e.history.replaceState).toHaveBeenCalledWith(null, '', '/#/queue');
  });

  it('falls back to the stored token after a reload', () => {
    const { env: e, storage } = env('');
    storage.set(TOKEN_STORAGE_KEY, 'kept');
    expect(takeToken(e)).toBe('kept');
    expect(e.history.replaceState).not.toHaveBeenCalled();
  });
});

describe('createDeskBridge', () => {
  it('POSTs to /api/invoke/<route> with the token header and returns the Result', async () => {
    const { env: e } = env('#token=tok', () => ({ ok: true, value: { agent: null } }));
    const desk = createDeskBridge(e);
    expect(await desk.invoke('auth.session', {})).toEqual({ ok: true, value: { agent: null } });
    const [url, init] = e.fetch.mock.calls[0]!;
    expect(url).toBe('/api/invoke/auth.session');
    expect(init).toMatchObject({ method: 'POST', headers: { 'X-Desk-Token': 'tok', 'Content-Type': 'application/json' }, body: '{}' });
  });

  it('never rejects: no token, network down, non-JSON answers become error Results', async () => {
    expect(await createDeskBridge(env('').env).invoke('auth.session', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const down = env('#token=t').env;
    down.fetch.mockRejectedValueOnce(new TypeError('Failed to fetch'));
    expect(await createDeskBridge(down).invoke('auth.session', {})).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    const html = env('#token=t', () => new SyntaxError('bad json')).env;
    expect(await createDeskBridge(html).invoke('auth.session', {})).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    const odd = env('#token=t', () => ({ hello: 1 })).env;
    expect(await createDeskBridge(odd).invoke('auth.session', {})).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });

  it('opens one EventSource on first on(), dispatches by name, unsubscribes', () => {
    const { env: e, sources } = env('#token=t k');
    const desk = createDeskBridge(e);
    const a = vi.fn();
    const b = vi.fn();
    const offA = desk.on('queue.changed', a);
    desk.on('followup.due', b);
    expect(sources).toHaveLength(1);
    expect(sources[0]!.url).toBe('/api/events?token=t%20k');
    sources[0]!.onmessage!({ data: JSON.stringify({ name: 'queue.changed', payload: { reason: 'r' } }) });
    sources[0]!.onmessage!({ data: 'not json' });
    expect(a).toHaveBeenCalledWith({ reason: 'r' });
    expect(b).not.toHaveBeenCalled();
    offA();
    sources[0]!.onmessage!({ data: JSON.stringify({ name: 'queue.changed', payload: { reason: 'again' } }) });
    expect(a).toHaveBeenCalledTimes(1);
  });
});

describe('installDeskBridge', () => {
  it('defines a frozen, non-writable window.desk once', () => {
    const { env: e } = env('#token=t');
    const win = e as BridgeEnv & { desk?: DeskApi };
    installDeskBridge(win);
    const first = win.desk;
    expect(Object.isFrozen(first)).toBe(true);
    expect(() => {
      'use strict';
      win.desk = {} as DeskApi;
    }).toThrow();
    installDeskBridge(win);
    expect(win.desk).toBe(first);
  });
});
