/**
 * Binds the contract to Electron IPC. Every route goes through one handler
 * (shared/invoke-handler.ts): sender frame check -> known route -> zod input -> desk.
 * Only type imports from 'electron', so this file is unit-testable without the binary.
 */
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import type { EventName, EventPayload, Result } from '../../shared/contract';
import { CORE_EVENTS, createInvokeHandler, type InvokeHandler, type InvokeHandlerOptions, type InvokeTarget } from '../../shared/invoke-handler';

import { EVENT_CHANNEL, INVOKE_CHANNEL } from './channels';

export { EVENT_CHANNEL, INVOKE_CHANNEL };

export { createInvokeHandler };
export type { InvokeHandler };

export interface TrustedOrigin {
  /** file:// URL of the packaged/built renderer's index.html. */
  indexUrl: string;
  /** electron-vite dev server (ELECTRON_RENDERER_URL) in development only. */
  devServerUrl?: string | null;
  /** Windows paths are case-insensitive (C:\ vs c:\ in file URLs). */
  caseInsensitive?: boolean;
}

const filePath = (u: URL, caseInsensitive: boolean): string => {
  let p: string;
  try {
    p = decodeURIComponent(u.pathname);
  } catch {
    return '\0invalid';
  }
  return caseInsensitive ? p.toLowerCase() : p;
};

/**
 * A sender is trusted when its frame shows our own index.html (any hash/query: the renderer
 * may route by hash) or, in development, a page of the dev server's origin.
 */
export function createTrustedSenderCheck(trusted: TrustedOrigin): (frameUrl: string | null | undefined) => boolean {
  const ci = trusted.caseInsensitive === true;
  const index = new URL(trusted.indexUrl);
  if (index.protocol !== 'file:') throw new Error('indexUrl must be a file:// URL');
  const indexPath = filePath(index, ci);
  const dev = trusted.devServerUrl ? new URL(trusted.devServerUrl) : null;
  return (frameUrl) => {
    if (typeof frameUrl !== 'string' || frameUrl.length === 0) return false;
    let u: URL;
    try {
      u = new URL(frameUrl);
    } catch {
      return false;
    }
    if (u.protocol === 'file:') return u.host === index.host && filePath(u, ci) === indexPath;
    if (dev && (dev.protocol === 'http:' || dev.protocol === 'https:')) {
      return u.protocol === dev.protocol && u.host === dev.host;
    }
    return false;
  };
}

/** Structural view of the desk the hosts need: invoke and events. */
export interface IpcDesk extends InvokeTarget {
  on<E extends EventName>(event: E, cb: (payload: EventPayload<E>) => void): () => void;
}

export interface RegisterOptions extends InvokeHandlerOptions {
  isTrustedSender: (frameUrl: string | null | undefined) => boolean;
  /** The window's webContents to push events to (null while no window is open). */
  getWebContents: () => WebContents | null;
  /** Observes every completed call (e.g. main keeps the menu locale in step with settings.update). */
  onResult?: (route: string, result: Result<unknown>) => void;
}

/** Push one contract event to the renderer, if a live window exists. */
export function sendEvent(wc: WebContents | null, name: string, payload: unknown): void {
  if (wc && !wc.isDestroyed()) wc.send(EVENT_CHANNEL, name, payload);
}

/**
 * Wires `desk:invoke` and forwards every contract event of the desk as `desk:event`.
 * Returns a disposer (removes the handler and the event subscriptions).
 */
export function register(ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>, desk: IpcDesk, options: RegisterOptions): () => void {
  const handle = createInvokeHandler<IpcMainInvokeEvent>(
    desk,
    (event) => options.isTrustedSender(event.senderFrame?.url),
    options,
  );
  ipcMain.handle(INVOKE_CHANNEL, async (event, route: unknown, input: unknown) => {
    const result = await handle(event, route, input);
    if (typeof route === 'string') options.onResult?.(route, result);
    return result;
  });
  const unsubscribe = CORE_EVENTS.map((name) =>
    desk.on(name, (payload) => sendEvent(options.getWebContents(), name, payload)),
  );
  return () => {
    ipcMain.removeHandler(INVOKE_CHANNEL);
    for (const off of unsubscribe) off();
  };
}
