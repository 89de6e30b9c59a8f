/**
 * The Electron shell: app lifecycle, one secure window, IPC binding, menu, notifications,
 * settings and logging. Everything the desk does lives in electron/core; this file only
 * hosts it.
 */
import { app, BrowserWindow, dialog, ipcMain, Menu, Notification, screen, session, shell } from 'electron';
import type { Event as ElectronEvent, WebContents } from 'electron';
import log from 'electron-log/main';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { EventPayload } from '../../shared/contract';
import type { Locale } from '../../shared/domain/enums';
import { maskPersonalText } from '../../shared/domain/masking';
import { createDesk } from '../core/desk';
import { hostHubWith } from '../core/sync/host-hub';
import type { Desk } from '../core/types';
import { appDbKeys } from './db-keys';
import { createTrustedSenderCheck, register, sendEvent } from './ipc';
import { buildMenuTemplate, menuStrings } from './menu';
import { openSettingsStore, type SettingsStore } from './settings';
import { contentSecurityPolicy, createWindowOptions, isPermissionAllowed } from './window-options';

const APP_ID = 'com.collectdesk.desk';
const devServerUrl = !app.isPackaged ? (process.env.ELECTRON_RENDERER_URL ?? null) : null;
const isDev = devServerUrl !== null;
const indexPath = join(__dirname, '../renderer/index.html');
const preloadPath = join(__dirname, '../preload/index.js');

const NOTIFY = {
  'zh-CN': { followUpDue: '跟进到期', alsoDue: (n: number) => `（另有 ${n} 个跟进到期）`, startFailed: '催收工作台无法启动', startFailedDetail: '本地数据库无法打开。详情见日志：' },
  en: { followUpDue: 'Follow-up due', alsoDue: (n: number) => ` (and ${n} more due)`, startFailed: 'CollectDesk could not start', startFailedDetail: 'The local database could not be opened. Details in the log: ' },
} as const;

log.transports.file.level = 'info';
log.transports.console.level = isDev ? 'debug' : 'warn';
log.errorHandler.startCatching({ showDialog: false });
// Whatever a line carries (an error text quoting input), ID, card and mobile numbers are written masked.
log.hooks.push((message) => ({ ...message, data: message.data.map((d: unknown) => (typeof d === 'string' ? maskPersonalText(d) : d instanceof Error ? maskPersonalText(d.stack ?? d.message) : d)) }));

let mainWindow: BrowserWindow | null = null;
let desk: Desk | null = null;
let settings: SettingsStore | null = null;
let disposeIpc: (() => void) | null = null;
/** Shown notifications, referenced so their click handlers are not garbage-collected. */
const liveNotifications = new Set<Notification>();

const isTrustedSender = createTrustedSenderCheck({
  indexUrl: pathToFileURL(indexPath).href,
  devServerUrl,
  caseInsensitive: process.platform === 'win32',
});

function currentLocale(): Locale {
  return settings?.get().locale ?? 'zh-CN';
}

function focusWindow(): void {
  const win = mainWindow;
  if (!win || win.isDestroyed()) return;
  if (win.isMinimized()) win.restore();
  win.show();
  win.focus();
}

function webContents(): WebContents | null {
  return mainWindow && !mainWindow.isDestroyed() ? mainWindow.webContents : null;
}

function applyMenu(): void {
  const locale = currentLocale();
  const template = buildMenuTemplate(
    locale,
    {
      setLocale: (next) => {
        settings?.update({ locale: next });
        applyMenu();
        sendEvent(webContents(), 'locale.changed', { locale: next } satisfies EventPayload<'locale.changed'>);
      },
      openLogs: () => void shell.openPath(dirname(log.transports.file.getFile().path)),
      openData: () => void shell.openPath(app.getPath('userData')),
      about: () =>
        void dialog.showMessageBox({
          type: 'info',
          title: menuStrings(currentLocale()).about,
          message: `CollectDesk 催收工作台 ${app.getVersion()}`,
          detail: `Electron ${process.versions.electron} · Chromium ${process.versions.chrome} · Node ${process.versions.node}`,
        }),
    },
    { dev: isDev, platform: process.platform },
  );
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

function saveWindowState(win: BrowserWindow): void {
  if (win.isDestroyed() || !settings) return;
  const b = win.getNormalBounds();
  settings.update({ window: { x: b.x, y: b.y, width: b.width, height: b.height, maximized: win.isMaximized() } });
}

function createWindow(): BrowserWindow {
  const saved = settings?.get().window ?? null;
  const win = new BrowserWindow(
    createWindowOptions({
      preloadPath,
      title: menuStrings(currentLocale()).app,
      bounds: saved,
      workAreas: screen.getAllDisplays().map((d) => d.workArea),
      dev: isDev,
    }),
  );
  win.once('ready-to-show', () => {
    if (saved?.maximized) win.maximize();
    win.show();
  });
  let saveTimer: NodeJS.Timeout | null = null;
  const saveSoon = (): void => {
    if (saveTimer) clearTimeout(saveTimer);
    saveTimer = setTimeout(() => saveWindowState(win), 500);
  };
  win.on('resize', saveSoon);
  win.on('move', saveSoon);
  win.on('close', () => {
    if (saveTimer) clearTimeout(saveTimer);
    saveWindowState(win);
  });
  win.on('closed', () => {
    if (mainWindow === win) mainWindow = null;
  });
  let lastReload = 0;
  win.webContents.on('render-process-gone', (_e, details) => {
    log.error('renderer gone', details);
    // Reload after a crash (drafts are autosaved in the core), but never in a tight loop.
    if (details.reason !== 'clean-exit' && !win.isDestroyed() && Date.now() - lastReload > 10_000) {
      lastReload = Date.now();
      win.webContents.reload();
    }
  });
  if (devServerUrl) void win.loadURL(devServerUrl);
  else void win.loadFile(indexPath);
  return win;
}

/** Locks down every web contents: no navigation, no new windows, no webviews. */
function hardenWebContents(contents: WebContents): void {
  const deny = (e: ElectronEvent, url: string): void => {
    e.preventDefault();
    log.warn('navigation blocked', { url: url.slice(0, 200) });
  };
  contents.on('will-navigate', deny);
  contents.on('will-redirect', deny);
  contents.on('will-attach-webview', (e) => e.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    log.warn('window.open blocked', { url: url.slice(0, 200) });
    return { action: 'deny' };
  });
}

function hardenSession(): void {
  const ses = session.defaultSession;
  const csp = contentSecurityPolicy({ dev: isDev, delivery: 'header' });
  // Applies to http(s) responses (the dev server); the built index.html loaded from file://
  // carries the same policy as a <meta> tag injected at build time (electron.vite.config.ts).
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: {
        ...details.responseHeaders,
        'Content-Security-Policy': [csp],
        'X-Content-Type-Options': ['nosniff'],
      },
    });
  });
  ses.setPermissionRequestHandler((_wc, permission, callback) => callback(isPermissionAllowed(permission)));
  ses.setPermissionCheckHandler((_wc, permission) => isPermissionAllowed(permission));
}

function notifyFollowUpDue(payload: EventPayload<'followup.due'>): void {
  if (!Notification.isSupported()) return;
  const n = new Notification({
    title: NOTIFY[currentLocale()].followUpDue,
    // a backlog (hundreds due at the first sign-in of the day) is this one notification
    body: (payload.reason ? `${payload.debtorName} · ${payload.reason}` : payload.debtorName) + (payload.alsoDue > 0 ? NOTIFY[currentLocale()].alsoDue(payload.alsoDue) : ''),
  });
  liveNotifications.add(n);
  const forget = (): void => void liveNotifications.delete(n);
  n.on('click', () => {
    forget();
    if (!mainWindow || mainWindow.isDestroyed()) mainWindow = createWindow();
    focusWindow();
    sendEvent(webContents(), 'case.open', { caseId: payload.caseId } satisfies EventPayload<'case.open'>);
  });
  n.on('close', forget);
  n.show();
}

async function start(): Promise<void> {
  settings = await openSettingsStore();
  hardenSession();
  applyMenu();

  const dataDir = app.getPath('userData');
  try {
    desk = await createDesk({
      dataDir,
      seedDemo: true,
      dbKeys: appDbKeys((msg) => log.warn(msg)),
      log: (level, msg, extra) => log[level](`[core] ${msg}`, ...(extra ? [extra] : [])),
      // A lead's desk may host the team hub in this process (loaded only when asked for).
      hostHub: hostHubWith(() => import('../../hub/server')),
      // click-to-dial: a tel:/sip: link the core built goes to the system's dialler
      openExternal: (url) => (/^(tel|sip):\+?\d+$/.test(url) ? shell.openExternal(url) : Promise.reject(new Error('not a dial link'))),
    });
  } catch (error) {
    log.error('desk failed to start', error);
    const t = NOTIFY[currentLocale()];
    dialog.showErrorBox(t.startFailed, `${t.startFailedDetail}${log.transports.file.getFile().path}\n\n${String(error)}`);
    app.exit(1);
    return;
  }
  log.info('desk started', { dataDir, version: app.getVersion() });

  const openDesk = desk;
  disposeIpc = register(ipcMain, openDesk, {
    isTrustedSender,
    getWebContents: webContents,
    onProblem: (kind, detail) => (kind === 'forbidden' ? log.warn : log.error)(`ipc ${kind}`, detail),
    onResult: (route, result) => {
      // Keep the shell's locale (menu, notifications) in step with the renderer's choice.
      if (route === 'settings.update' && result.ok) {
        const locale = (result.value as { locale?: Locale }).locale;
        if (locale && locale !== currentLocale()) {
          settings?.update({ locale });
          applyMenu();
        }
      }
    },
  });
  openDesk.on('followup.due', notifyFollowUpDue);

  mainWindow = createWindow();
}

function shutdown(): void {
  disposeIpc?.();
  disposeIpc = null;
  for (const n of liveNotifications) n.close();
  liveNotifications.clear();
  if (desk) {
    try {
      desk.close();
    } catch (error) {
      log.error('desk close failed', error);
    }
    desk = null;
  }
}

if (!app.requestSingleInstanceLock()) {
  // A desk is already running on this machine and profile: it gets focus (second-instance).
  app.quit();
} else {
  // Windows toasts need an AppUserModelID: the installer's shortcut carries APP_ID; an
  // unpackaged development run is identified by its executable (Electron's advice).
  app.setAppUserModelId(app.isPackaged ? APP_ID : process.execPath);
  app.enableSandbox();
  app.on('second-instance', () => {
    if (!mainWindow || mainWindow.isDestroyed()) {
      if (desk) mainWindow = createWindow();
    }
    focusWindow();
  });
  app.on('web-contents-created', (_e, contents) => hardenWebContents(contents));
  app.on('window-all-closed', () => app.quit());
  app.on('activate', () => {
    if (desk && BrowserWindow.getAllWindows().length === 0) mainWindow = createWindow();
  });
  app.on('will-quit', shutdown);
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      log.error('startup failed', error);
      app.exit(1);
    });
}
