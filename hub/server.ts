/**
 * The sync hub's public entry: `startHub` opens the store, builds the fastify app (app.ts, which
 * lists the routes) and listens. The Electron hosts import it from here to host the team hub
 * in-process on a lead's desk; host '127.0.0.1' unless given, a lead's desk serving the LAN
 * passes '0.0.0.0'.
 */
import type { LoginThrottleOptions } from './login-throttle';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import { ensureLeadAccount } from './admin';
import { buildHubApp, type HubLogOptions } from './app';
import { DEFAULT_TOKEN_TTL_MS } from './auth';
import { startPromiseSweep, type PromiseSweeper } from './promise-sweep';
import { openPgStore } from './store/pg';
import { openSqliteStore } from './store/sqlite';
import type { Store } from './store/types';

export { LOG_REDACT, type HubLogOptions } from './app';
export { ADMIN_BODY_BYTES } from './routes/admin';
export { HUB_VERSION } from './routes/health';

export const DEFAULT_HUB_PORT = 7420;

export interface StartHubOptions {
  /** SQLite data folder (default ./.data/hub); ignored with pgUrl. */
  dataDir?: string;
  /** PostgreSQL connection string: many teams, several hub processes. */
  pgUrl?: string;
  /** PostgreSQL schema (search_path) for the hub's tables; created when missing. */
  pgSchema?: string;
  /** Default 7420; 0 = a free port. */
  port?: number;
  /** Default '127.0.0.1'; '0.0.0.0' to serve the LAN. */
  host?: string;
  clock?: () => Date;
  /** false = silent; options (level, stream) or a pino-compatible logger. Default: info to stdout. */
  log?: false | HubLogOptions | FastifyBaseLogger;
  tokenTtlMs?: number;
  /** Login throttling: free failures per user name and per address, backoff (defaults in hub/login-throttle.ts). */
  loginThrottle?: Partial<LoginThrottleOptions>;
  /** Desks' event streams: heartbeat and poll (tests shorten them). */
  events?: { heartbeatMs?: number; pollMs?: number };
  /** A store opened by the caller (tests); closed with the hub. */
  store?: Store;
  /** The promise sweep (hub/promise-sweep.ts): its period (default 5 min); false = off. */
  promiseSweep?: { intervalMs?: number } | false;
}

export interface RunningHub {
  url: string;
  port: number;
  store: Store;
  app: FastifyInstance;
  /** The promise sweep (null when off): `run()` sweeps now. */
  sweeper: PromiseSweeper | null;
  close(): Promise<void>;
}

export function openStore(opts: Pick<StartHubOptions, 'dataDir' | 'pgUrl' | 'pgSchema'>): Store {
  return opts.pgUrl
    ? openPgStore({ url: opts.pgUrl, ...(opts.pgSchema ? { schema: opts.pgSchema } : {}) })
    : openSqliteStore({ dataDir: opts.dataDir ?? '.data/hub' });
}

/** The store of each hub startHub returned, for ensureLead (whose caller holds the hub untyped). */
const stores = new WeakMap<object, Store>();

export async function startHub(opts: StartHubOptions = {}): Promise<RunningHub> {
  const store = opts.store ?? openStore(opts);
  await store.migrate();
  const app = buildHubApp({ store, clock: opts.clock ?? (() => new Date()), log: opts.log, tokenTtlMs: opts.tokenTtlMs ?? DEFAULT_TOKEN_TTL_MS, loginThrottle: opts.loginThrottle, ...(opts.events ? { events: opts.events } : {}) });

  const host = opts.host ?? '127.0.0.1';
  let port: number;
  try {
    await app.listen({ port: opts.port ?? DEFAULT_HUB_PORT, host });
    const addr = app.server.address();
    port = typeof addr === 'object' && addr ? addr.port : (opts.port ?? DEFAULT_HUB_PORT);
  } catch (e) {
    await app.close().catch(() => undefined);
    await store.close().catch(() => undefined);
    throw e;
  }
  const shown = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  const clock = opts.clock ?? (() => new Date());
  const sweeper =
    opts.promiseSweep === false
      ? null
      : startPromiseSweep(store, clock, {
          ...(opts.promiseSweep?.intervalMs ? { intervalMs: opts.promiseSweep.intervalMs } : {}),
          onChanged: () => app.pokes.changed(),
          onError: (err) => app.log.error({ err }, 'promise sweep failed'),
        });
  let closed = false;
  const hub: RunningHub = {
    url: `http://${shown}:${port}`,
    port,
    store,
    app,
    sweeper,
    close: async () => {
      if (closed) return;
      closed = true;
      await sweeper?.stop();
      await app.close();
      await store.close();
    },
  };
  stores.set(hub, store);
  return hub;
}

/**
 * Bootstrap the hosting lead on a hub a lead's desk runs in-process ("host the team hub on
 * this computer"): on a new hub, create the team and the lead; on an existing one, make sure
 * the lead exists and the password just typed on this desk is theirs. Idempotent.
 */
export async function ensureLead(
  /** The RunningHub from startHub (typed loosely: the desk's hosting wrapper only passes it through). */
  hub: unknown,
  admin: { username: string; password: string; displayName: string; agentNo: string; team?: string },
  now: Date = new Date(),
): Promise<void> {
  const store = typeof hub === 'object' && hub !== null ? stores.get(hub) : undefined;
  if (!store) throw new Error('ensureLead takes a hub that startHub returned.');
  await ensureLeadAccount(store, admin, now);
}
