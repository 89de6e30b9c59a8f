import { describe, expect, it, vi } from 'vitest';
import type { EventName, EventPayload, Result } from '../../shared/contract';
import { CORE_EVENTS } from '../../shared/invoke-handler';
import { createInvokeHandler, createTrustedSenderCheck, EVENT_CHANNEL, INVOKE_CHANNEL, register, type IpcDesk } from './ipc';

type Listener = (payload: unknown) => void;

function fakeDesk(answer: (route: string, input: unknown) => Promise<Result<unknown>> = async (_r, input) => ({ ok: true, value: { echo: input } })) {
  const listeners = new Map<string, Set<Listener>>();
  const invoke = vi.fn(answer);
  const desk: IpcDesk & { emit(name: string, payload: unknown): void } = {
    invoke,
    on<E extends EventName>(event: E, cb: (payload: EventPayload<E>) => void) {
      const set = listeners.get(event) ?? new Set<Listener>();
      listeners.set(event, set);
      set.add(cb as Listener);
      return () => set.delete(cb as Listener);
    },
    emit(name, payload) {
      for (const cb of listeners.get(name) ?? []) cb(payload);
    },
  };
  return { desk, invoke, listeners };
}

const INDEX = 'file:///opt/CollectDesk/resources/app.asar/out/renderer/index.html';

describe('createTrustedSenderCheck', () => {
  const trusted = createTrustedSenderCheck({ indexUrl: INDEX });

  it('trusts only our own index.html (any hash or query)', () => {
    expect(trusted(INDEX)).toBe(true);
    expect(trusted(`${INDEX}#/case/42`)).toBe(true);
    expect(trusted(`${INDEX}?x=1`)).toBe(true);
    expect(trusted('file:///opt/CollectDesk/resources/app.asar/out/renderer/other.html')).toBe(false);
    expect(trusted('file:///tmp/evil/index.html')).toBe(false);
    expect(trusted('file://server/opt/CollectDesk/resources/app.asar/out/renderer/index.html')).toBe(false);
    expect(trusted('https://example.com/')).toBe(false);
    expect(trusted('http://localhost:5173/')).toBe(false); // no dev server configured
    expect(trusted('about:blank')).toBe(false);
    expect(trusted('')).toBe(false);
    expect(trusted(null)).toBe(false);
    expect(trusted(undefined)).toBe(false);
    expect(trusted('not a url')).toBe(false);
  });

  it('compares Windows file URLs case-insensitively and percent-decoded', () => {
    const win = createTrustedSenderCheck({
      indexUrl: 'file:///C:/Program%20Files/CollectDesk/resources/app.asar/out/renderer/index.html',
      caseInsensitive: true,
    });
    expect(win('file:///c:/program files/collectdesk/resources/app.asar/out/renderer/index.html')).toBe(true);
    expect(win('file:///C:/Program%20Files/CollectDesk/resources/app.asar/out/renderer/index.html#x')).toBe(true);
    expect(win('file:///D:/Program%20Files/CollectDesk/resources/app.asar/out/renderer/index.html')).toBe(false);
  });

  it('trusts the dev server origin only when one is given', () => {
    const dev = createTrustedSenderCheck({ indexUrl: INDEX, devServerUrl: 'http://localhost:5173/' });
    expect(dev('http://localhost:5173/')).toBe(true);
    expect(dev('http://localhost:5173/#/queue')).toBe(true);
    expect(dev('http://localhost:5174/')).toBe(false);
    expect(dev('https://localhost:5173/')).toBe(false);
    expect(dev('http://127.0.0.1:5173/')).toBe(false);
  });

  it('refuses a non-file index URL', () => {
    expect(() => createTrustedSenderCheck({ indexUrl: 'http://localhost/' })).toThrow();
  });
});

describe('createInvokeHandler (pure, shared by IPC and the web-host)', () => {
  const trusted = createTrustedSenderCheck({ indexUrl: INDEX });

  it('runs a known route with parsed input for a trusted sender', async () => {
    const { desk, invoke } = fakeDesk();
    const handle = createInvokeHandler<string>(desk, trusted);
    const r = await handle(INDEX, 'auth.login', { username: '  demo ', password: 'demo123' });
    expect(r).toEqual({ ok: true, value: { echo: { username: 'demo', password: 'demo123' } } });
    expect(invoke).toHaveBeenCalledWith('auth.login', { username: 'demo', password: 'demo123' });
  });

  it('applies contract defaults (queue.list with no input)', async () => {
    const { desk, invoke } = fakeDesk();
    await createInvokeHandler<string>(desk, trusted)(INDEX, 'queue.list', undefined);
    expect(invoke).toHaveBeenCalledWith('queue.list', { filter: {}, offset: 0, limit: 100 });
  });

  it('refuses untrusted senders with FORBIDDEN before anything else', async () => {
    const { desk, invoke } = fakeDesk();
    const onProblem = vi.fn();
    const handle = createInvokeHandler<string>(desk, trusted, { onProblem });
    const r = await handle('https://evil.example/', 'auth.session', {});
    expect(r).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(invoke).not.toHaveBeenCalled();
    expect(onProblem).toHaveBeenCalledWith('forbidden', { route: 'auth.session' });
  });

  it('treats a throwing sender check as untrusted', async () => {
    const { desk } = fakeDesk();
    const handle = createInvokeHandler<string>(desk, () => {
      throw new Error('boom');
    });
    expect(await handle(INDEX, 'auth.session', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('refuses unknown routes, including prototype keys and non-strings', async () => {
    const { desk, invoke } = fakeDesk();
    const handle = createInvokeHandler<string>(desk, trusted);
    for (const route of ['nope', 'toString', '__proto__', 'constructor', 42, null, { a: 1 }]) {
      const r = await handle(INDEX, route, {});
      expect(r).toMatchObject({ ok: false, error: { code: 'UNKNOWN_ROUTE' } });
    }
    const long = await handle(INDEX, `x<script>${'a'.repeat(500)}`, {});
    expect(!long.ok && long.error.message.length).toBeLessThan(100);
    expect(!long.ok && long.error.message).not.toContain('<');
    expect(invoke).not.toHaveBeenCalled();
  });

  it('refuses malformed input with INVALID_INPUT naming the field', async () => {
    const { desk, invoke } = fakeDesk();
    const handle = createInvokeHandler<string>(desk, trusted);
    const r = await handle(INDEX, 'auth.login', { username: 'demo' });
    expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'password' } });
    const r2 = await handle(INDEX, 'queue.list', { limit: 100_000 });
    expect(r2).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'limit' } });
    const r3 = await handle(INDEX, 'auth.logout', { extra: 1 }); // strict empty input
    expect(r3).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(invoke).not.toHaveBeenCalled();
  });

  it('passes the desk\'s own errors through and turns throws or garbage into INTERNAL', async () => {
    const onProblem = vi.fn();
    const denied = createInvokeHandler<string>(
      fakeDesk(async () => ({ ok: false, error: { code: 'BAD_CREDENTIALS', message: 'no' } })).desk,
      trusted,
    );
    expect(await denied(INDEX, 'auth.login', { username: 'a', password: 'b' })).toEqual({
      ok: false,
      error: { code: 'BAD_CREDENTIALS', message: 'no' },
    });
    const throwing = createInvokeHandler<string>(
      fakeDesk(async () => {
        throw new Error('db is gone');
      }).desk,
      trusted,
      { onProblem },
    );
    const r = await throwing(INDEX, 'auth.session', {});
    expect(r).toEqual({ ok: false, error: { code: 'INTERNAL', message: 'Internal error.' } });
    expect(onProblem).toHaveBeenCalledWith('internal', expect.objectContaining({ route: 'auth.session' }));
    const garbage = createInvokeHandler<string>(fakeDesk(async () => 'oops' as unknown as Result<unknown>).desk, trusted);
    expect(await garbage(INDEX, 'auth.session', {})).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });
});

describe('register', () => {
  function fakeIpcMain() {
    const handlers = new Map<string, (...args: unknown[]) => unknown>();
    return {
      handlers,
      handle: vi.fn((channel: string, fn: (...args: unknown[]) => unknown) => void handlers.set(channel, fn)),
      removeHandler: vi.fn((channel: string) => void handlers.delete(channel)),
    };
  }
  function fakeWebContents() {
    return { send: vi.fn(), isDestroyed: () => false };
  }

  it('binds desk:invoke through the checked handler and reports results', async () => {
    const ipc = fakeIpcMain();
    const { desk } = fakeDesk();
    const onResult = vi.fn();
    register(ipc as never, desk, {
      isTrustedSender: createTrustedSenderCheck({ indexUrl: INDEX }),
      getWebContents: () => null,
      onResult,
    });
    const fn = ipc.handlers.get(INVOKE_CHANNEL);
    expect(fn).toBeTypeOf('function');
    const ok = await fn!({ senderFrame: { url: INDEX } }, 'auth.session', {});
    expect(ok).toMatchObject({ ok: true });
    expect(onResult).toHaveBeenCalledWith('auth.session', ok);
    expect(await fn!({ senderFrame: { url: 'https://evil/' } }, 'auth.session', {})).toMatchObject({ error: { code: 'FORBIDDEN' } });
    expect(await fn!({ senderFrame: null }, 'auth.session', {})).toMatchObject({ error: { code: 'FORBIDDEN' } });
  });

  it('forwards core events to the window and stops on dispose', () => {
    const ipc = fakeIpcMain();
    const { desk, listeners } = fakeDesk();
    const wc = fakeWebContents();
    const dispose = register(ipc as never, desk, {
      isTrustedSender: () => true,
      getWebContents: () => wc as never,
    });
    expect([...listeners.keys()].sort()).toEqual([...CORE_EVENTS].sort());
    expect(listeners.has('case.open')).toBe(false); // host-only: raised by main itself
    desk.emit('queue.changed', { reason: 'test' });
    expect(wc.send).toHaveBeenCalledWith(EVENT_CHANNEL, 'queue.changed', { reason: 'test' });
    dispose();
    expect(ipc.removeHandler).toHaveBeenCalledWith(INVOKE_CHANNEL);
    desk.emit('queue.changed', { reason: 'after' });
    expect(wc.send).toHaveBeenCalledTimes(1);
  });

  it('does not send to a destroyed or missing window', () => {
    const ipc = fakeIpcMain();
    const { desk } = fakeDesk();
    const wc = { send: vi.fn(), isDestroyed: () => true };
    register(ipc as never, desk, { isTrustedSender: () => true, getWebContents: () => wc as never });
    desk.emit('queue.changed', { reason: 'x' });
    expect(wc.send).not.toHaveBeenCalled();
  });
});
