// The Electron main process (electron/main/index.ts) run in Node against a fake 'electron'
// module and the real core: no Electron binary can be downloaded here, but the lifecycle,
// window security, IPC binding, notifications and shutdown are still exercised.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type * as DeskModule from '../../electron/core/desk';
import type { CoreDesk } from '../../electron/core/desk';

type Fn = (...args: any[]) => any; // eslint-disable-line @typescript-eslint/no-explicit-any

const h = vi.hoisted(() => {
  const state = {
    userData: '',
    appHandlers: new Map<string, Fn[]>(),
    ipcHandlers: new Map<string, Fn>(),
    windows: [] as any[], // eslint-disable-line @typescript-eslint/no-explicit-any
    notifications: [] as any[], // eslint-disable-line @typescript-eslint/no-explicit-any
    menus: [] as unknown[],
    permissionRequest: null as Fn | null,
    permissionCheck: null as Fn | null,
    headers: null as Fn | null,
    desk: null as unknown,
    exitCode: null as number | null,
    quit: 0,
  };
  return { state };
});

vi.mock('electron', () => {
  const { state } = h;
  const emitter = () => {
    const handlers = new Map<string, Fn[]>();
    return {
      handlers,
      on(event: string, cb: Fn) {
        handlers.set(event, [...(handlers.get(event) ?? []), cb]);
        return this;
      },
      once(event: string, cb: Fn) {
        return this.on(event, cb);
      },
      emit(event: string, ...args: unknown[]) {
        for (const cb of handlers.get(event) ?? []) cb(...args);
      },
    };
  };
  class BrowserWindow {
    static getAllWindows = () => state.windows.filter((w) => !w.destroyed);
    options: unknown;
    destroyed = false;
    loaded: string | null = null;
    shown = 0;
    focused = 0;
    events = emitter();
    webContents = Object.assign(emitter(), {
      sent: [] as unknown[][],
      openHandler: null as Fn | null,
      send: (...args: unknown[]) => this.webContents.sent.push(args),
      isDestroyed: () => this.destroyed,
      setWindowOpenHandler: (fn: Fn) => void (this.webContents.openHandler = fn),
      reload: vi.fn(),
    });
    constructor(options: unknown) {
      this.options = options;
      state.windows.push(this);
      for (const cb of state.appHandlers.get('web-contents-created') ?? []) cb({}, this.webContents);
    }
    on(e: string, cb: Fn) {
      this.events.on(e, cb);
      return this;
    }
    once(e: string, cb: Fn) {
      this.events.on(e, cb);
      return this;
    }
    loadFile(p: string) {
      this.loaded = p;
      return Promise.resolve();
    }
    loadURL(u: string) {
      this.loaded = u;
      return Promise.resolve();
    }
    isDestroyed = () => this.destroyed;
    isMinimized = () => false;
    restore() {}
    show() {
      this.shown++;
    }
    focus() {
      this.focused++;
    }
    maximize() {}
    isMaximized = () => false;
    getNormalBounds = () => ({ x: 10, y: 20, width: 1400, height: 850 });
  }
  class Notification {
    static isSupported = () => true;
    events = emitter();
    shown = false;
    constructor(public options: { title: string; body: string }) {
      state.notifications.push(this);
    }
    on(e: string, cb: Fn) {
      this.events.on(e, cb);
      return this;
    }
    show() {
      this.shown = true;
    }
    close() {}
  }
  const app = {
    isPackaged: false,
    requestSingleInstanceLock: () => true,
    setAppUserModelId: vi.fn(),
    enableSandbox: vi.fn(),
    on(event: string, cb: Fn) {
      state.appHandlers.set(event, [...(state.appHandlers.get(event) ?? []), cb]);
      return app;
    },
    whenReady: () => Promise.resolve(),
    getPath: () => state.userData,
    getVersion: () => '0.1.0',
    quit: () => void state.quit++,
    exit: (code: number) => void (state.exitCode = code),
  };
  const electron = {
    app,
    BrowserWindow,
    Notification,
    dialog: { showErrorBox: vi.fn(), showMessageBox: vi.fn() },
    ipcMain: {
      handle: (ch: string, fn: Fn) => void state.ipcHandlers.set(ch, fn),
      removeHandler: (ch: string) => void state.ipcHandlers.delete(ch),
    },
    Menu: { buildFromTemplate: (t: unknown) => t, setApplicationMenu: (m: unknown) => void state.menus.push(m) },
    screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1040 } }] },
    session: {
      defaultSession: {
        webRequest: { onHeadersReceived: (fn: Fn) => void (state.headers = fn) },
        setPermissionRequestHandler: (fn: Fn) => void (state.permissionRequest = fn),
        setPermissionCheckHandler: (fn: Fn) => void (state.permissionCheck = fn),
      },
    },
    shell: { openPath: vi.fn() },
    // A stand-in for DPAPI: reversible, but never the key in clear.
    safeStorage: {
      isEncryptionAvailable: () => true,
      encryptString: (plain: string) => Buffer.from(`wrapped:${Buffer.from(plain).toString('base64')}`),
      decryptString: (b: Buffer) => Buffer.from(b.toString().replace(/^wrapped:/, ''), 'base64').toString(),
    },
  };
  return { ...electron, default: electron };
});

vi.mock('electron-log/main', () => {
  const log = {
    transports: { file: { level: 'info', getFile: () => ({ path: join(h.state.userData, 'logs', 'main.log') }) }, console: { level: 'warn' } },
    errorHandler: { startCatching: vi.fn() },
    hooks: [] as ((m: { data: unknown[] }) => { data: unknown[] })[],
    debug: vi.fn(),
    info: vi.fn(),
    warn: vi.fn(),
    error: vi.fn(),
  };
  return { default: log };
});

vi.mock('electron-store', () => ({
  default: class {
    store: Record<string, unknown> = {};
    set(k: string, v: unknown) {
      this.store[k] = v;
    }
  },
}));

vi.mock('../../electron/core/desk', async (importOriginal) => {
  const real = await importOriginal<typeof DeskModule>();
  return {
    ...real,
    createDesk: async (opts: Parameters<typeof real.createDesk>[0]) => {
      const desk = await real.createDesk({ ...opts, demoCases: 30 });
      h.state.desk = desk;
      return desk;
    },
  };
});

const { state } = h;
const mainDir = resolve(__dirname, '../../electron/main');
const indexUrl = pathToFileURL(join(mainDir, '../renderer/index.html')).href;
const invoke = (url: string | null, route: string, input: unknown) =>
  state.ipcHandlers.get('desk:invoke')!({ senderFrame: url === null ? null : { url } }, route, input);

beforeAll(async () => {
  state.userData = mkdtempSync(join(tmpdir(), 'cd-main-'));
  await import('../../electron/main/index');
  await vi.waitFor(() => expect(state.windows).toHaveLength(1), { timeout: 30_000 });
}, 60_000);

afterAll(() => {
  for (const cb of state.appHandlers.get('will-quit') ?? []) cb();
  rmSync(state.userData, { recursive: true, force: true });
});

describe('electron main (fake electron, real core)', () => {
  it('takes the single-instance lock, sets the AUMID and enables the sandbox', async () => {
    const { app } = await import('electron');
    expect(app.setAppUserModelId).toHaveBeenCalledWith(process.execPath); // unpackaged; packaged: com.collectdesk.desk
    expect(app.enableSandbox).toHaveBeenCalled();
    expect(state.appHandlers.has('second-instance')).toBe(true);
  });

  it('keeps the database key wrapped by safeStorage beside the encrypted database', () => {
    const files = readdirSync(state.userData);
    expect(files).toContain('collectdesk.key.wrapped');
    expect(files).not.toContain('collectdesk.key');
    expect(readFileSync(join(state.userData, 'collectdesk.key.wrapped')).toString()).toMatch(/^wrapped:/);
    expect(readFileSync(join(state.userData, 'collectdesk.db')).subarray(0, 15).toString()).not.toBe('SQLite format 3');
  });

  it('opens one secure window on the built index.html', () => {
    const win = state.windows[0];
    expect(win.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true });
    expect(win.options.webPreferences.preload).toBe(join(mainDir, '../preload/index.js'));
    expect(win.options.minWidth).toBe(1280);
    expect(win.loaded).toBe(join(mainDir, '../renderer/index.html'));
    win.events.emit('ready-to-show');
    expect(win.shown).toBe(1);
  });

  it('blocks navigation, window.open and permissions except notifications; sets CSP headers', () => {
    const wc = state.windows[0].webContents;
    const e = { preventDefault: vi.fn() };
    wc.emit('will-navigate', e, 'https://evil.example/');
    expect(e.preventDefault).toHaveBeenCalled();
    expect(wc.openHandler!({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    const cb = vi.fn();
    state.permissionRequest!(wc, 'media', cb);
    expect(cb).toHaveBeenLastCalledWith(false);
    state.permissionRequest!(wc, 'notifications', cb);
    expect(cb).toHaveBeenLastCalledWith(true);
    expect(state.permissionCheck!(wc, 'geolocation')).toBe(false);
    const headers = vi.fn();
    state.headers!({ responseHeaders: { a: ['b'] } }, headers);
    expect(headers.mock.calls[0]![0].responseHeaders['Content-Security-Policy'][0]).toContain("script-src 'self'");
  });

  it('binds the contract over IPC for our page only', async () => {
    expect(await invoke('https://evil.example/', 'auth.session', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await invoke(null, 'auth.session', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await invoke(indexUrl, 'nope', {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_ROUTE' } });
    expect(await invoke(indexUrl, 'auth.login', { username: 'demo' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'password' } });
    expect(await invoke(indexUrl, 'auth.login', { username: 'demo', password: 'demo123' })).toMatchObject({ ok: true });
    const q = await invoke(indexUrl, 'queue.list', { limit: 3 });
    expect(q.ok).toBe(true);
    expect(q.value.items.length).toBeGreaterThan(0);
  });

  it('keeps the menu locale in step with settings.update and forwards core events', async () => {
    const menusBefore = state.menus.length;
    expect(await invoke(indexUrl, 'settings.update', { locale: 'en' })).toMatchObject({ ok: true, value: { locale: 'en' } });
    expect(state.menus.length).toBe(menusBefore + 1);
    expect((state.menus.at(-1) as { label: string }[])[0]!.label).toBe('File');
    const desk = state.desk as CoreDesk;
    desk.ctx.emit('queue.changed', { reason: 'sync.pulled' });
    expect(state.windows[0].webContents.sent).toContainEqual(['desk:event', 'queue.changed', { reason: 'sync.pulled' }]);
  });

  it('raises a desktop notification for a due follow-up; clicking it focuses and opens the case', () => {
    const desk = state.desk as CoreDesk;
    desk.ctx.emit('followup.due', { followUpId: 'f1', caseId: '7', dueAt: new Date().toISOString(), debtorName: '张三', reason: '回电', alsoDue: 0 });
    const n = state.notifications.at(-1);
    expect(n.shown).toBe(true);
    expect(n.options).toEqual({ title: 'Follow-up due', body: '张三 · 回电' });
    // a backlog that fell due together is one notification that says how many more
    const before = state.notifications.length;
    desk.ctx.emit('followup.due', { followUpId: 'f2', caseId: '8', dueAt: new Date().toISOString(), debtorName: '李四', reason: null, alsoDue: 41 });
    expect(state.notifications.length).toBe(before + 1);
    expect(state.notifications.at(-1).options).toEqual({ title: 'Follow-up due', body: '李四 (and 41 more due)' });
    const win = state.windows[0];
    const focused = win.focused;
    n.events.emit('click');
    expect(win.focused).toBe(focused + 1);
    expect(win.webContents.sent).toContainEqual(['desk:event', 'case.open', { caseId: '7' }]);
    expect(win.webContents.sent).toContainEqual(['desk:event', 'followup.due', expect.objectContaining({ caseId: '7' })]);
  });

  it('saves window bounds on close and closes the desk on quit', () => {
    const win = state.windows[0];
    win.events.emit('close');
    for (const cb of state.appHandlers.get('will-quit') ?? []) cb();
    expect(state.ipcHandlers.has('desk:invoke')).toBe(false);
    // the desk is closed: its database no longer answers
    expect(() => (state.desk as CoreDesk).ctx.db.prepare('select 1').get()).toThrow();
  });
});
