/**
 * The desk's connection to its hub: which database is open, the sync loop bound to it, and the
 * status the top bar shows. Functions over the shared DeskRuntime (see ../runtime.ts).
 */
import path from 'node:path';
import type { SyncStatus } from '../../../shared/contract';
import { Role } from '../../../shared/domain/enums';
import { migrate } from '../db/migrate';
import { openDb } from '../db/open';
import { openCore } from '../open-core';
import type { DeskRuntime } from '../runtime';
import { settingWarnings } from '../settings/warnings';
import { SyncEngine } from './engine';
import { HubClient } from './hub-client';
import { pendingOutboxCount } from './outbox';
import { rejectionCount } from './views';

export interface SyncStateRow {
  device_id: string;
  hub_url: string | null;
  hub_username: string | null;
  hub_agent_id: number | null;
  hub_display_name: string | null;
  hub_role: string | null;
  token: string | null;
  offline_verifier: string | null;
  last_sync_at: string | null;
}

export function syncState(rt: DeskRuntime): SyncStateRow {
  const row = rt.core.ctx
    .prep<SyncStateRow>(
      'SELECT device_id, hub_url, hub_username, hub_agent_id, hub_display_name, hub_role, token, offline_verifier, last_sync_at FROM sync_state WHERE id = 1',
    )
    .get();
  if (!row) throw new Error('sync_state row missing'); // migration 001 creates it
  return row;
}

export function syncStatus(rt: DeskRuntime): SyncStatus {
  const { core, engine, hosting } = rt;
  const st = syncState(rt);
  const role = Role.safeParse(st.hub_role);
  return {
    mode: core.hub ? 'hub' : 'local',
    hubUrl: core.hub ? st.hub_url : null,
    hubUser: core.hub && st.hub_username && role.success ? { username: st.hub_username, displayName: st.hub_display_name ?? st.hub_username, role: role.data } : null,
    online: engine?.state.online ?? false,
    syncing: engine?.state.syncing ?? false,
    pending: pendingOutboxCount(core.ctx),
    lastSyncAt: core.hub ? st.last_sync_at : null,
    lastError: engine?.state.lastError ?? null,
    rejections: rejectionCount(core.ctx),
    settingsWarnings: core.hub ? settingWarnings(core.ctx) : [],
    hosting: hosting ? { port: hosting.port, urls: hosting.urls } : null,
  };
}

/** Tell the renderer the sync status, when it changed. */
export function emitStatus(rt: DeskRuntime): void {
  if (rt.closed) return;
  let s: SyncStatus;
  try {
    s = syncStatus(rt);
  } catch (err) {
    rt.log('warn', 'sync status unavailable', { err: String(err) });
    return;
  }
  const json = JSON.stringify(s);
  if (json === rt.lastStatusJson) return;
  rt.lastStatusJson = json;
  rt.events.emit('sync.status', s);
}

/** Start the sync loop for the open hub database (no-op in local mode or when running). */
export function startEngine(rt: DeskRuntime): SyncEngine | null {
  if (!rt.core.hub || rt.engine) return rt.engine;
  const url = syncState(rt).hub_url;
  if (!url) return null;
  const bound = rt.core;
  // The signed-in agent's working cases, to tell them when a pull brings new ones (分案).
  const mine = (): number | null => {
    const agentId = bound.ctx.session.agentId;
    if (agentId === null) return null;
    return bound.ctx.prep<{ n: number }>("SELECT coalesce(sum(n), 0) AS n FROM case_counts WHERE agent_id = ? AND status IN ('open', 'ptp', 'hold')").get(agentId)?.n ?? 0;
  };
  // Set by the first pull of this run: a new desk's first pull (or a restart's) is the baseline, not news.
  let known: number | null = null;
  const e = new SyncEngine({
    ctx: bound.ctx,
    client: new HubClient({ baseUrl: url, fetch: rt.fetch }),
    log: rt.log,
    timing: rt.timing,
    today: () => bound.today(),
    settingsChanged: () => bound.invalidate(),
    applied: (r) => {
      if (r.applied > 0) {
        bound.ctx.emit('queue.changed', { reason: 'sync.pulled' });
        const now = mine();
        // A net rise in the agent's working cases: cases assigned to them.
        if (now !== null && known !== null && now > known) bound.ctx.emit('cases.assigned', { count: now - known });
        known = now;
      }
      if (r.movedAway.length > 0) bound.ctx.emit('cases.movedAway', { cases: r.movedAway });
    },
    changed: () => emitStatus(rt),
    listen: { baseUrl: url, stream: rt.stream },
  });
  rt.engine = e;
  e.start();
  return e;
}

export async function stopEngine(rt: DeskRuntime): Promise<void> {
  const e = rt.engine;
  rt.engine = null;
  if (!e) return;
  e.stop();
  await e.idle();
}

/**
 * Hold the desk's other requests until the returned release is called: from switching database to
 * someone being signed in there. The new database opens with no one signed in, and the switch
 * itself tells the screen to reload its queue.
 */
export function holdRequests(rt: DeskRuntime): () => void {
  let release = (): void => undefined;
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  rt.switching = held;
  return () => {
    if (rt.switching === held) rt.switching = null;
    release();
  };
}

/** Close the open database (timers, statement caches, sync loop) and open another. The new one opens first: a failure keeps the old. */
export async function switchCore(rt: DeskRuntime, dir: string, hub: boolean): Promise<void> {
  if (path.resolve(rt.core.dir) === path.resolve(dir) && rt.core.hub === hub) return;
  await stopEngine(rt);
  const next = openCore(rt.opts, rt, dir, hub);
  const old = rt.core;
  rt.core = next;
  old.close();
  rt.events.emit('queue.changed', { reason: 'sync.databaseSwitched' });
}

/** The device id of a hub database (created if new) without keeping it open. */
export function deviceIdOf(rt: DeskRuntime, dir: string): string {
  if (path.resolve(rt.core.dir) === path.resolve(dir)) return syncState(rt).device_id;
  const db = openDb(dir, { synchronous: rt.opts.synchronous ?? 'FULL', keys: rt.opts.dbKeys, plain: rt.opts.plainDatabase === true, log: (level, msg) => rt.log(level, msg) });
  try {
    migrate(db);
    const row = db.prepare<[], { device_id: string }>('SELECT device_id FROM sync_state WHERE id = 1').get();
    if (!row) throw new Error('sync_state row missing');
    return row.device_id;
  } finally {
    db.close();
  }
}

/**
 * Give the database in `dir` the device id a first login was made with, when that database has
 * never synced (no hub, no outbox, nothing acknowledged or pulled): the hub then knows this desk
 * by the id its token names, without a second login. False when the database is in use; its own
 * id stays (the hub may already hold work under it).
 */
export function adoptDeviceId(rt: DeskRuntime, dir: string, deviceId: string): boolean {
  if (path.resolve(rt.core.dir) === path.resolve(dir)) return false;
  const db = openDb(dir, { synchronous: rt.opts.synchronous ?? 'FULL', keys: rt.opts.dbKeys, plain: rt.opts.plainDatabase === true, log: (level, msg) => rt.log(level, msg) });
  try {
    migrate(db);
    return db.prepare(ADOPT_DEVICE_ID).run(deviceId).changes === 1;
  } finally {
    db.close();
  }
}

/** Only a database that has never synced takes another device id. */
const ADOPT_DEVICE_ID = `UPDATE sync_state SET device_id = ? WHERE id = 1 AND hub_url IS NULL AND pull_cursor IS NULL AND acked_mutation_id = 0
  AND last_mutation_id = 0 AND NOT EXISTS (SELECT 1 FROM outbox)`;

/**
 * adoptDeviceId for the hub database just created and opened as the working one (a first login
 * opens it once, not once to adopt and again to work in). False when it has ever synced.
 */
export function adoptDeviceIdOpened(rt: DeskRuntime, deviceId: string): boolean {
  return rt.core.hub && rt.core.ctx.prep(ADOPT_DEVICE_ID).run(deviceId).changes === 1;
}

/** A client for the connected hub and the token, or null when this desk has none. */
export function hubSession(rt: DeskRuntime): { client: HubClient; token: string } | null {
  const st = syncState(rt);
  if (!rt.core.hub || !st.hub_url || !st.token) return null;
  return { client: new HubClient({ baseUrl: st.hub_url, fetch: rt.fetch }), token: st.token };
}
