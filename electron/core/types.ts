import type { EventName, EventPayload, Result } from '../../shared/contract';
import type { DbKeySource } from './db/key';

/** Injected time source: tests and benchmarks drive time; the app uses the wall clock. */
export type Clock = () => Date;

/** The part of fetch the sync client uses (tests inject one that fails to cut the network). */
export type DeskFetch = (url: string, init: { method: string; headers: Record<string, string>; body?: string; signal?: AbortSignal }) => Promise<{
  status: number;
  text(): Promise<string>;
}>;

/** A streamed GET (the hub's event stream): the body arrives chunk by chunk. */
export type DeskStream = (url: string, init: { headers: Record<string, string>; signal: AbortSignal }) => Promise<{
  status: number;
  body: AsyncIterable<Uint8Array> | null;
}>;

/** A team hub running in this process (a lead's desk hosting it for a small team). */
export interface HostedHub {
  port: number;
  /** Where agents point their desks: http://<LAN IPv4>:<port> for every non-internal interface. */
  urls: string[];
  close(): Promise<void>;
}

export interface HostHubOptions {
  /** The hub's own data folder (`<desk dataDir>/team-hub`). */
  dataDir: string;
  port: number;
  /** The hosting lead's account, created on the hub if it has no such user yet (so the lead's desk can log in to it). */
  admin?: { username: string; password: string; displayName: string; agentNo: string };
}

export interface DeskOptions {
  /** Folder holding collectdesk.db (and its -wal/-shm); created if missing. */
  dataDir: string;
  clock?: Clock;
  /** Seed the demo agents and cases when the database is new (the app's first run). */
  seedDemo?: boolean;
  /** How many demo cases to seed on first run (default a few hundred). */
  demoCases?: number;
  log?: (level: 'debug' | 'info' | 'warn' | 'error', msg: string, extra?: Record<string, unknown>) => void;
  /** HTTP to the hub (default: the global fetch). */
  fetch?: DeskFetch;
  /** The hub's event stream (default: the global fetch); pokes start a sync at once. */
  stream?: DeskStream;
  /** Sync loop timing (defaults: 30 s timer, 500 ms debounce, backoff 1 s -> 60 s, event stream on). */
  syncTiming?: Partial<{ intervalMs: number; debounceMs: number; backoffBaseMs: number; backoffMaxMs: number; pokes: boolean }>;
  /**
   * Optional capability injected by the hosts (Electron main, web-host): start the team hub in
   * this process. The core never imports the hub; without it `hub.host` answers a clear error.
   */
  hostHub?: (opts: HostHubOptions) => Promise<HostedHub>;
  /**
   * Click-to-dial (issue 9), injected by the Electron host: hand a tel:/sip: link to the system
   * (shell.openExternal). Without it the link goes back to the renderer, which opens it (web-host).
   */
  openExternal?: (url: string) => Promise<void>;
  /** Click-to-dial's HTTP adapter (default: the global fetch); tests inject a failing one. */
  dialFetch?: (url: string, init: { method: string; headers: Record<string, string>; body: string; signal: AbortSignal }) => Promise<{ status: number; text(): Promise<string> }>;
  /**
   * Where the database keys are kept. The Electron app passes keys wrapped by the OS
   * (safeStorage); the default is COLLECTDESK_DB_KEY, else a development key file beside the database.
   */
  dbKeys?: DbKeySource;
}

/**
 * The desk core as both hosts (Electron main, web-host) see it: one validated entry point
 * per contract route, and events. Hosts add transport and sender checks, nothing else.
 */
export interface Desk {
  /** Validates `input` against shared/contract.ts and runs the route; never throws. */
  invoke(route: string, input: unknown): Promise<Result<unknown>>;
  on<E extends EventName>(event: E, cb: (payload: EventPayload<E>) => void): () => void;
  /** Stops timers and closes the database. */
  close(): void;
}
