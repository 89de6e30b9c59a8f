/**
 * The desk core's composition root: open the database the profile names, build the runtime,
 * merge the feature handler maps (the mapped type forces a handler for every contract route)
 * and dispatch through the one invoke pipeline. Feature logic lives in its folder.
 */
import { maskPersonalText } from '../../shared/domain/masking';
import fs from 'node:fs';
import path from 'node:path';
import { authHandlers } from './auth/routes';
import { caseHandlers } from './cases/routes';
import type { Ctx, Log } from './context';
import { DeskEvents } from './events/emitter';
import { contactHandlers } from './contact/routes';
import { messageHandlers } from './messages/routes';
import { followupHandlers } from './followups/routes';
import { createInvoke } from './invoke';
import { targetHandlers } from './targets/routes';
import { dashboardHandlers } from './dashboard/routes';
import { importerHandlers } from './import/routes';
import { leadHandlers } from './lead/routes';
import { distributionHandlers } from './distribution/routes';
import { reportHandlers } from './reports/routes';
import { teamHandlers } from './team/routes';
import { resumeHosting } from './sync/hosting';
import { privacyHandlers } from './privacy/routes';
import { notesHandlers } from './notes/routes';
import { phoneHandlers } from './phones/routes';
import { openCore } from './open-core';
import { paymentHandlers } from './payments/routes';
import { dialHandlers } from './dial/routes';
import { queueHandlers } from './queue/routes';
import { referenceHandlers } from './reference/routes';
import type { Core, CoreDeskOptions, DeskRuntime, Handlers } from './runtime';
import { scriptHandlers } from './scripts/routes';
import { settingsHandlers } from './settings/routes';
import { emitStatus, startEngine } from './sync/connection';
import { DEFAULT_SYNC_TIMING, type SyncEngine } from './sync/engine';
import { readProfile, type DeskProfile } from './sync/profile';
import { syncHandlers } from './sync/routes';
import type { Desk, DeskFetch, DeskStream, HostedHub } from './types';

export type { CoreDeskOptions } from './runtime';

export interface CoreDesk extends Desk {
  /** For tests, the bench and the demo CLI: the live context (database, clock, session). Changes when the desk switches database. */
  readonly ctx: Ctx;
  /** 'local' or 'hub', and the folder of the open database. */
  readonly mode: 'local' | 'hub';
  readonly dbDir: string;
  /** The sync loop (hub mode only), for tests and diagnostics. */
  readonly sync: SyncEngine | null;
  /** Resolves when start-up background work (the day's re-scoring) and any running sync have finished. */
  idle(): Promise<void>;
  /** Run the scheduler's checks now (tests drive time with an injected clock). */
  tick(): void;
  /** The WAL checkpoint worker's tick now (tests, the bench): true when it copied frames back. */
  checkpointTick(): Promise<boolean>;
  /** Stops timers, the sync loop and a hosted hub; closes the database. */
  closeAsync(): Promise<void>;
}

const defaultLog: Log = (level, msg, extra) => {
  if (level === 'debug') return;
  const line = `[desk] ${level}: ${msg}${extra ? ` ${JSON.stringify(extra)}` : ''}`;
  if (level === 'error' || level === 'warn') console.error(line);
};

/** Every log line of the core goes out masked (ID, card and mobile numbers), whatever a message or error text carried. */
function maskingLog(log: Log): Log {
  return (level, msg, extra) => {
    const safe = extra ? (JSON.parse(maskPersonalText(JSON.stringify(extra))) as Record<string, unknown>) : undefined;
    log(level, maskPersonalText(msg), safe);
  };
}

const defaultFetch: DeskFetch = (url, init) => fetch(url, init);
const defaultStream: DeskStream = async (url, init) => {
  const res = await fetch(url, { method: 'GET', ...init });
  return { status: res.status, body: res.body };
};

const handlersOf = (rt: DeskRuntime): Handlers => ({
  ...authHandlers(rt),
  ...settingsHandlers(rt),
  ...referenceHandlers(rt),
  ...queueHandlers(rt),
  ...caseHandlers(rt),
  ...scriptHandlers(rt),
  ...notesHandlers(rt),
  ...phoneHandlers(rt),
  ...paymentHandlers(rt),
  ...dialHandlers(rt),
  ...followupHandlers(rt),
  ...syncHandlers(rt),
  ...leadHandlers(rt),
  ...targetHandlers(rt),
  ...dashboardHandlers(rt),
  ...distributionHandlers(rt),
  ...reportHandlers(rt),
  ...teamHandlers(rt),
  ...importerHandlers(rt),
  ...privacyHandlers(rt),
  ...contactHandlers(rt),
  ...messageHandlers(rt),
});

/** The database the profile names: a hub user's own, or the local one when that is missing. */
function firstCore(opts: CoreDeskOptions, env: Parameters<typeof openCore>[1]): { core: Core; profile: DeskProfile } {
  let profile = readProfile(opts.dataDir, (m) => env.log('warn', m));
  const hubDir = profile.mode === 'hub' && profile.dbDir ? path.join(opts.dataDir, profile.dbDir) : null;
  if (hubDir && fs.existsSync(hubDir)) return { core: openCore(opts, env, hubDir, true), profile };
  if (profile.mode === 'hub') env.log('warn', 'the hub database of the profile is missing; starting in local mode');
  profile = { ...profile, mode: 'local', hubUrl: null, dbDir: null, username: null };
  return { core: openCore(opts, env, opts.dataDir, false), profile };
}

export async function createDesk(opts: CoreDeskOptions): Promise<CoreDesk> {
  const clock = opts.clock ?? (() => new Date());
  const log = maskingLog(opts.log ?? defaultLog);
  const events = new DeskEvents((event, err) => log('error', `listener for ${event} threw`, { err: String(err) }));
  const { core, profile } = firstCore(opts, { clock, log, events });
  const rt: DeskRuntime = {
    opts, dataDir: opts.dataDir, clock, log, events, core, profile,
    fetch: opts.fetch ?? defaultFetch,
    stream: opts.stream ?? defaultStream,
    timing: { ...DEFAULT_SYNC_TIMING, ...opts.syncTiming },
    engine: null, hosting: null, closed: false, lastStatusJson: '', switching: null,
  };
  const invoke = createInvoke(rt, handlersOf(rt));

  // Local changes (and the pending count with them): sync soon, tell the top bar.
  events.on('queue.changed', ({ reason }) => {
    if (!reason.startsWith('sync.')) rt.engine?.poke();
    emitStatus(rt);
  });
  // a hub this lead's desk hosted comes back by itself (same port; the desk's kept token works again)
  await resumeHosting(rt);
  startEngine(rt)?.run().catch(() => undefined); // catch up at start

  function closeSync(): HostedHub | null {
    if (rt.closed) return null;
    rt.closed = true;
    const e = rt.engine;
    rt.engine = null;
    e?.stop();
    events.clear();
    rt.core.close();
    const h = rt.hosting;
    rt.hosting = null;
    return h;
  }

  return {
    get ctx() {
      return rt.core.ctx;
    },
    get mode() {
      return rt.core.hub ? ('hub' as const) : ('local' as const);
    },
    get dbDir() {
      return rt.core.dir;
    },
    get sync() {
      return rt.engine;
    },
    invoke,
    on: (event, cb) => events.on(event, cb),
    idle: async () => {
      await rt.core.days.idle();
      await rt.engine?.idle();
    },
    tick: () => rt.core.scheduler.tick(),
    checkpointTick: () => rt.core.checkpointer.tick(),
    close() {
      const h = closeSync();
      if (h) void h.close().catch((err: unknown) => log('error', 'closing the hosted hub failed', { err: String(err) }));
    },
    async closeAsync() {
      const e = rt.engine;
      e?.stop();
      await e?.idle();
      const h = closeSync();
      await h?.close();
    },
  };
}
