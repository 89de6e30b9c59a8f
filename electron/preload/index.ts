/**
 * The sandboxed preload: exposes window.desk = { invoke, on } typed by shared/contract.ts and
 * nothing else. A sandboxed preload may only require 'electron'; everything else here is
 * bundled by electron-vite (type imports are erased).
 */
import { contextBridge, ipcRenderer } from 'electron';
import type { DeskApi, EventName, EventPayload, Result, RouteName, RouteOutput } from '../../shared/contract';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from '../main/channels';

type Listener = (payload: unknown) => void;
const listeners = new Map<string, Set<Listener>>();

ipcRenderer.on(EVENT_CHANNEL, (_event, name: unknown, payload: unknown) => {
  if (typeof name !== 'string') return;
  for (const cb of [...(listeners.get(name) ?? [])]) {
    try {
      cb(payload);
    } catch (error) {
      console.error(`desk event ${name} listener failed`, error);
    }
  }
});

const desk: DeskApi = {
  invoke<R extends RouteName>(route: R, input: unknown): Promise<Result<RouteOutput<R>>> {
    return ipcRenderer.invoke(INVOKE_CHANNEL, route, input) as Promise<Result<RouteOutput<R>>>;
  },
  on<E extends EventName>(event: E, cb: (payload: EventPayload<E>) => void): () => void {
    if (typeof event !== 'string' || typeof cb !== 'function') throw new TypeError('desk.on(event, callback)');
    const set = listeners.get(event) ?? new Set<Listener>();
    listeners.set(event, set);
    const listener = cb as Listener;
    set.add(listener);
    return () => {
      set.delete(listener);
    };
  },
};

contextBridge.exposeInMainWorld('desk', desk);
