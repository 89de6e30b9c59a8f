/**
 * The desk's live state, shared by the composition root (desk.ts) and the feature handlers.
 * `core` is the open database with everything bound to it; it is replaced whole when the desk
 * switches database (hub login, disconnect), so handlers read `rt.core` on every call.
 */
import type { RouteName, RouteOutput, RouteParsed } from '../../shared/contract';
import type { Ctx, Log } from './context';
import type { Checkpointer } from '../../node-shared/sqlite/checkpointer';
import type { Synchronous } from './db/open';
import type { DeskEvents } from './events/emitter';
import type { FollowUpScheduler } from './followups/followups';
import type { DayWatcher } from './promises/day-watcher';
import type { OutcomeCodeCache } from './reference/outcome-codes';
import type { ScriptStore } from './scripts/scripts';
import type { SyncEngine, SyncTiming } from './sync/engine';
import type { DeskProfile } from './sync/profile';
import type { Clock, DeskFetch, DeskOptions, DeskStream, HostedHub } from './types';

/** One open database with everything bound to it (caches, timers). */
export interface Core {
  ctx: Ctx;
  /** A hub user's database (its reference data comes from pulls) rather than the local one. */
  hub: boolean;
  dir: string;
  codes: OutcomeCodeCache;
  scripts: ScriptStore;
  days: DayWatcher;
  scheduler: FollowUpScheduler;
  today(): string;
  /** The database's WAL checkpoint worker. */
  checkpointer: Checkpointer;
  /** Drop caches after settings or reference data changed. */
  invalidate(): void;
  close(): void;
}

export interface CoreDeskOptions extends DeskOptions {
  /** Follow-up scheduler poll interval in ms (default 1000; 0 = no timer, call tick()). */
  pollMs?: number;
  /** PRAGMA synchronous (default FULL: a returned save survives power loss). */
  synchronous?: Synchronous;
  /** Benchmarks only: a plain database, no encryption (see OpenDbOptions.plain). */
  plainDatabase?: boolean;
}

export interface DeskRuntime {
  readonly opts: CoreDeskOptions;
  readonly dataDir: string;
  readonly clock: Clock;
  readonly log: Log;
  readonly fetch: DeskFetch;
  readonly stream: DeskStream;
  readonly timing: SyncTiming;
  readonly events: DeskEvents;
  core: Core;
  /** Which database the desk opens on start (desk-profile.json). */
  profile: DeskProfile;
  /** The sync loop, in hub mode. */
  engine: SyncEngine | null;
  /** The team hub this desk hosts in-process, if any. */
  hosting: HostedHub | null;
  closed: boolean;
  /** The last sync status sent to the renderer (sent again only when it changes). */
  lastStatusJson: string;
  /** Set while the desk switches database and signs in there (holdRequests): other requests wait for it. */
  switching: Promise<void> | null;
}

/** One handler per route: input already parsed by the contract, output checked by the types. */
export type Handler<R extends RouteName> = (input: RouteParsed<R>) => RouteOutput<R> | Promise<RouteOutput<R>>;
/** A feature's handlers: exactly the routes of its contract file. */
export type Handlers<R extends RouteName = RouteName> = { [K in R]: Handler<K> };
