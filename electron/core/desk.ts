import fs from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import {
  isRouteName, parseInput, type AgentInfo, type Contract, type DeskSettings, type Result, type RouteName, type RouteOutput, type SyncStatus,
} from '../../shared/contract';
import { localDateOf } from '../../shared/domain/dates';
import { Role } from '../../shared/domain/enums';
import type { LoginResponse } from '../../shared/sync';
import { appendAudit } from './audit/audit';
import { login, logout, session } from './auth/auth';
import { hashPasswordSync, verifyPassword } from './auth/password';
import { getCase, revealField } from './cases/case-get';
import { setPreferredPhone } from './cases/preferred-phone';
import { statementCache, type Ctx, type Log } from './context';
import { migrate } from './db/migrate';
import { openDb, type Db, type Synchronous } from './db/open';
import { seedDemo } from './demo/seed';
import { DeskFailure, forbidden } from './errors';
import { DeskEvents } from './events/emitter';
import { FollowUpScheduler, followUpNext } from './followups/followups';
import { leadConflicts, storeConflict } from './lead/conflicts';
import { leadAgents, leadAssign, leadCases, requireLead } from './lead/lead';
import { recordAttempt } from './notes/attempt';
import { saveDraft } from './notes/draft';
import { recordPayment } from './payments/payments';
import { DayWatcher } from './promises/day-watcher';
import { listQueue } from './queue/queue';
import { OutcomeCodeCache, seedOutcomeCodes } from './reference/outcome-codes';
import { ScriptStore, scriptForCase } from './scripts/scripts';
import { isValidTimeZone, loadSettings, saveSettings } from './settings/settings';
import { DEFAULT_SYNC_TIMING, SyncEngine } from './sync/engine';
import { HubClient, HubRequestError } from './sync/hub-client';
import { pendingOutboxCount } from './sync/outbox';
import { findAccount, hubDbDir, normalizeHubUrl, readProfile, rememberAccount, writeProfile, type DeskProfile } from './sync/profile';
import { exportUnsynced, rejectionCount, rejectionViews, unsyncedItems } from './sync/views';
import type { Desk, DeskFetch, DeskOptions, HostedHub } from './types';

/** Routes that work without a logged-in agent. */
const PUBLIC_ROUTES: ReadonlySet<RouteName> = new Set<RouteName>(['auth.login', 'auth.session', 'settings.get', 'sync.status', 'sync.connect']);

type Handlers = {
  [R in RouteName]: (input: z.output<Contract[R]['input']>) => RouteOutput<R> | Promise<RouteOutput<R>>;
};

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
  /** Stops timers, the sync loop and a hosted hub; closes the database. */
  closeAsync(): Promise<void>;
}

export interface CoreDeskOptions extends DeskOptions {
  /** Follow-up scheduler poll interval in ms (default 1000; 0 = no timer, call tick()). */
  pollMs?: number;
  /** PRAGMA synchronous (default FULL: a returned save survives power loss). */
  synchronous?: Synchronous;
}

const defaultLog: Log = (level, msg, extra) => {
  if (level === 'debug') return;
  const line = `[desk] ${level}: ${msg}${extra ? ` ${JSON.stringify(extra)}` : ''}`;
  if (level === 'error' || level === 'warn') console.error(line);
};

/** One open database with everything bound to it (caches, timers). Replaced whole when the desk switches database. */
interface Core {
  ctx: Ctx;
  hub: boolean;
  dir: string;
  codes: OutcomeCodeCache;
  scripts: ScriptStore;
  days: DayWatcher;
  scheduler: FollowUpScheduler;
  today(): string;
  invalidate(): void;
  close(): void;
}

interface SyncStateRow {
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

const defaultFetch: DeskFetch = (url, init) => fetch(url, init);

export async function createDesk(opts: CoreDeskOptions): Promise<CoreDesk> {
  const clock = opts.clock ?? (() => new Date());
  const log = opts.log ?? defaultLog;
  const dataDir = opts.dataDir;
  const fetchImpl = opts.fetch ?? defaultFetch;
  const timing = { ...DEFAULT_SYNC_TIMING, ...opts.syncTiming };
  const events = new DeskEvents((event, err) => log('error', `listener for ${event} threw`, { err: String(err) }));
  let closed = false;

  function openCore(dir: string, hub: boolean): Core {
    const db: Db = openDb(dir, { synchronous: opts.synchronous ?? 'FULL' });
    try {
      const { from } = migrate(db);
      let settingsCache: DeskSettings | null = null;
      const ctx: Ctx = {
        db,
        clock,
        log,
        prep: statementCache(db),
        settings: () => (settingsCache ??= loadSettings(db)),
        session: { agent: null, agentId: null },
        emit: (event, payload) => events.emit(event, payload),
      };
      const today = (): string => localDateOf(clock(), ctx.settings().timeZone);
      const codes = new OutcomeCodeCache(ctx);
      const scripts = new ScriptStore(ctx);
      if (!hub) {
        // A hub desk's reference data comes only from its pulls.
        db.transaction(() => {
          if ((ctx.prep<{ n: number }>('SELECT count(*) AS n FROM outcome_codes').get()?.n ?? 0) === 0) seedOutcomeCodes(ctx);
          scripts.seedIfEmpty();
        })();
        if (from === 0 && opts.seedDemo) {
          const t0 = performance.now();
          const n = seedDemo(ctx, { cases: opts.demoCases ?? 300, today: today() });
          log('info', `seeded ${n} demo cases in ${Math.round(performance.now() - t0)} ms`);
        }
      }
      const days = new DayWatcher(ctx, today, log);
      days.start(); // sweeps promises now (sync) and re-scores in the background when the day changed
      const scheduler = new FollowUpScheduler(ctx, () => days.check());
      const pollMs = opts.pollMs ?? 1000;
      const timer = pollMs > 0 ? setInterval(() => scheduler.tick(), pollMs) : null;
      timer?.unref?.();
      return {
        ctx, hub, dir, codes, scripts, days, scheduler, today,
        invalidate() {
          settingsCache = null;
          codes.invalidate();
          scripts.invalidate();
        },
        close() {
          if (timer) clearInterval(timer);
          days.stop();
          db.close();
        },
      };
    } catch (e) {
      db.close();
      throw e;
    }
  }

  // ---------- which database: the profile ----------
  let profile: DeskProfile = readProfile(dataDir, (m) => log('warn', m));
  const hubDir = (dbDir: string): string => path.join(dataDir, dbDir);
  let core: Core;
  if (profile.mode === 'hub' && profile.dbDir && fs.existsSync(hubDir(profile.dbDir))) {
    core = openCore(hubDir(profile.dbDir), true);
  } else {
    if (profile.mode === 'hub') log('warn', 'the hub database of the profile is missing; starting in local mode');
    profile = { ...profile, mode: 'local', hubUrl: null, dbDir: null, username: null };
    core = openCore(dataDir, false);
  }
  let engine: SyncEngine | null = null;
  let hosting: HostedHub | null = null;
  let lastStatusJson = '';
  /** The live engine (a function, so control-flow narrowing never pins it). */
  const eng = (): SyncEngine | null => engine;

  const syncState = (): SyncStateRow =>
    core.ctx.prep<SyncStateRow>(
      'SELECT device_id, hub_url, hub_username, hub_agent_id, hub_display_name, hub_role, token, offline_verifier, last_sync_at FROM sync_state WHERE id = 1',
    ).get() as SyncStateRow;

  function status(): SyncStatus {
    const st = syncState();
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
      hosting: hosting ? { port: hosting.port, urls: hosting.urls } : null,
    };
  }

  function emitStatus(): void {
    if (closed) return;
    let s: SyncStatus;
    try {
      s = status();
    } catch (err) {
      log('warn', 'sync status unavailable', { err: String(err) });
      return;
    }
    const json = JSON.stringify(s);
    if (json === lastStatusJson) return;
    lastStatusJson = json;
    events.emit('sync.status', s);
  }

  function startEngine(): void {
    if (!core.hub || engine) return;
    const url = syncState().hub_url;
    if (!url) return;
    const bound = core;
    const e = new SyncEngine({
      ctx: bound.ctx,
      client: new HubClient({ baseUrl: url, fetch: fetchImpl }),
      log,
      timing,
      today: () => bound.today(),
      settingsChanged: () => bound.invalidate(),
      applied: (r) => {
        if (r.applied > 0) bound.ctx.emit('queue.changed', { reason: 'sync.pulled' });
      },
      changed: emitStatus,
    });
    engine = e;
    e.start();
  }

  async function stopEngine(): Promise<void> {
    const e = engine;
    engine = null;
    if (!e) return;
    e.stop();
    await e.idle();
  }

  /** Close the open database (timers, statement caches, sync loop) and open another. The new one opens first: a failure keeps the old. */
  async function switchCore(dir: string, hub: boolean): Promise<void> {
    if (path.resolve(core.dir) === path.resolve(dir) && core.hub === hub) return;
    await stopEngine();
    const next = openCore(dir, hub);
    const old = core;
    core = next;
    old.close();
    events.emit('queue.changed', { reason: 'sync.databaseSwitched' });
  }

  /** The device id of a hub database (created if new) without keeping it open. */
  function deviceIdOf(dir: string): string {
    if (path.resolve(core.dir) === path.resolve(dir)) return syncState().device_id;
    const db = openDb(dir, { synchronous: opts.synchronous ?? 'FULL' });
    try {
      migrate(db);
      return (db.prepare('SELECT device_id FROM sync_state WHERE id = 1').get() as { device_id: string }).device_id;
    } finally {
      db.close();
    }
  }

  function loginFailure(err: unknown): DeskFailure {
    if (!(err instanceof HubRequestError)) return new DeskFailure('VALIDATION', 'The hub gave an answer the desk cannot read.', { field: 'hubUrl', rule: 'sync.badResponse' });
    switch (err.kind) {
      case 'unauthenticated':
        return new DeskFailure('BAD_CREDENTIALS', 'Wrong hub username or password.', { rule: 'sync.badCredentials' });
      case 'forbidden':
        return new DeskFailure('FORBIDDEN', 'The hub refused this account.', { rule: 'sync.forbidden' });
      case 'updateRequired':
        return new DeskFailure('VALIDATION', 'The hub needs a newer CollectDesk.', { field: 'hubUrl', rule: 'sync.updateRequired' });
      case 'offline':
        return new DeskFailure('VALIDATION', 'The hub cannot be reached.', { field: 'hubUrl', rule: 'sync.unreachable' });
      case 'hubError':
        return new DeskFailure('VALIDATION', 'The hub had an error; try again.', { field: 'hubUrl', rule: 'sync.hubError' });
      case 'badResponse': case 'gap': case 'tooLarge':
        if (err.status === 400) return new DeskFailure('BAD_CREDENTIALS', 'Wrong hub username or password.', { rule: 'sync.badCredentials' });
        return new DeskFailure('VALIDATION', 'The hub gave an answer the desk cannot read.', { field: 'hubUrl', rule: 'sync.badResponse' });
    }
  }

  /** Log the desk in as a hub user, in that user's own database. Online: the hub checks the password and issues a token; offline (allowOffline): the local verifier. */
  async function hubLogin(hubUrlRaw: string, username: string, password: string, allowOffline: boolean): Promise<AgentInfo> {
    let hubUrl: string;
    try {
      hubUrl = normalizeHubUrl(hubUrlRaw);
    } catch {
      throw new DeskFailure('VALIDATION', 'Not a hub address.', { field: 'hubUrl', rule: 'sync.badUrl' });
    }
    const client = new HubClient({ baseUrl: hubUrl, fetch: fetchImpl });
    const known = findAccount(profile, hubUrl, username);
    let deviceId = known ? deviceIdOf(hubDir(known.dbDir)) : undefined;
    let res: LoginResponse;
    try {
      res = await client.login(deviceId ? { username, password, deviceId } : { username, password });
    } catch (err) {
      const offline = err instanceof HubRequestError && (err.kind === 'offline' || err.kind === 'hubError');
      if (offline && allowOffline && known) return offlineLogin(hubDir(known.dbDir), username, password);
      throw loginFailure(err);
    }
    let dbDir = known && known.agentId === res.agentId ? known.dbDir : hubDbDir(hubUrl, res.agentId);
    if (!deviceId || dbDir !== known?.dbDir) {
      // a first login on this desk: the database (and its device id) exists now; bind the token to it
      const first = res;
      deviceId = deviceIdOf(hubDir(dbDir));
      try {
        res = await client.login({ username, password, deviceId });
        void client.logout(first.token);
      } catch {
        res = first;
      }
      dbDir = hubDbDir(hubUrl, res.agentId);
    }
    const verifier = hashPasswordSync(password);
    await switchCore(hubDir(dbDir), true);
    const ctx = core.ctx;
    const agent: AgentInfo = { id: res.agentId, username, displayName: res.displayName, agentNo: res.agentNo, role: res.role };
    const id = Number(res.agentId);
    ctx.db.transaction(() => {
      ctx.prep(
        `UPDATE sync_state SET hub_url = ?, hub_username = ?, hub_agent_id = ?, hub_display_name = ?, hub_role = ?, token = ?, token_expires_at = ?,
           offline_verifier = ? WHERE id = 1`,
      ).run(hubUrl, username, id, res.displayName, res.role, res.token, res.expiresAt, verifier);
      ctx.prep("UPDATE agents SET username = '~' || id || '~' || username, agent_no = '~' || id || '~' || agent_no WHERE (username = ? OR agent_no = ?) AND id != ?")
        .run(username, res.agentNo, id);
      ctx.prep(
        `INSERT INTO agents (id, username, display_name, agent_no, role, password_hash, disabled, created_at) VALUES (?, ?, ?, ?, ?, 'scrypt$hub-managed', 0, ?)
         ON CONFLICT (id) DO UPDATE SET username = excluded.username, display_name = excluded.display_name, agent_no = excluded.agent_no, role = excluded.role`,
      ).run(id, username, res.displayName, res.agentNo, res.role, clock().toISOString());
      appendAudit(ctx, { action: 'auth.login', agentId: id, entity: 'agent', entityId: id, detail: { hub: hubUrl, online: true } });
    })();
    ctx.session.agent = agent;
    ctx.session.agentId = id;
    profile = rememberAccount({ ...profile, mode: 'hub', hubUrl, dbDir, username }, { hubUrl, username, agentId: res.agentId, dbDir });
    writeProfile(dataDir, profile);
    startEngine();
    eng()?.reauthenticated();
    emitStatus();
    return agent;
  }

  /** The hub is unreachable: the hub user's password is checked against the verifier kept from the last online login. */
  async function offlineLogin(dir: string, username: string, password: string): Promise<AgentInfo> {
    await switchCore(dir, true);
    const ctx = core.ctx;
    const st = syncState();
    const good = await verifyPassword(password, st.offline_verifier);
    const role = Role.safeParse(st.hub_role);
    if (!good || st.hub_agent_id === null || !role.success || st.hub_username?.toLowerCase() !== username.toLowerCase()) {
      ctx.db.transaction(() => appendAudit(ctx, { action: 'auth.login_failed', agentId: null, detail: { username, offline: true } }))();
      throw new DeskFailure('BAD_CREDENTIALS', 'Wrong username or password.', { rule: 'sync.badCredentials' });
    }
    const agentNo = ctx.prep<{ agent_no: string }>('SELECT agent_no FROM agents WHERE id = ?').get(st.hub_agent_id)?.agent_no ?? '';
    const agent: AgentInfo = { id: String(st.hub_agent_id), username: st.hub_username, displayName: st.hub_display_name ?? st.hub_username, agentNo, role: role.data };
    ctx.db.transaction(() => appendAudit(ctx, { action: 'auth.login', agentId: st.hub_agent_id, entity: 'agent', entityId: st.hub_agent_id, detail: { hub: st.hub_url, online: false } }))();
    ctx.session.agent = agent;
    ctx.session.agentId = st.hub_agent_id;
    const account = findAccount(profile, st.hub_url ?? '', username);
    if (account) {
      profile = { ...profile, mode: 'hub', hubUrl: account.hubUrl, dbDir: account.dbDir, username: account.username };
      writeProfile(dataDir, profile);
    }
    startEngine();
    emitStatus();
    return agent;
  }

  /** A lead's decision on a conflict: recorded on the hub, kept here at once. */
  async function resolveConflict(i: { conflictId: string; resolution: string }): Promise<RouteOutput<'lead.resolveConflict'>> {
    requireLead(core.ctx);
    const st = syncState();
    if (!core.hub || !st.hub_url || !st.token) throw new DeskFailure('VALIDATION', 'Resolving a conflict needs the team hub.', { rule: 'conflict.needsHub' });
    let row;
    try {
      row = (await new HubClient({ baseUrl: st.hub_url, fetch: fetchImpl }).resolveConflict(i.conflictId, i.resolution, st.token)).conflict;
    } catch (err) {
      if (!(err instanceof HubRequestError)) throw err;
      if (err.code === 'NOT_FOUND') throw new DeskFailure('NOT_FOUND', `No conflict ${i.conflictId} in this team.`, { rule: 'conflict.notFound' });
      if (err.kind === 'unauthenticated') throw new DeskFailure('VALIDATION', 'Log in to the hub again.', { rule: 'sync.needsLogin' });
      if (err.kind === 'forbidden') throw forbidden('The hub refused this account.', 'sync.forbidden');
      throw new DeskFailure('VALIDATION', 'The hub cannot be reached; try again when the desk is online.', { rule: 'conflict.hubUnreachable' });
    }
    const ctx = core.ctx;
    const resolved = row;
    ctx.db.transaction(() => {
      storeConflict(ctx, resolved);
      appendAudit(ctx, { action: 'lead.resolveConflict', entity: 'conflict', entityId: resolved.id, detail: { resolution: i.resolution } });
    })();
    const view = leadConflicts(ctx).find((c) => c.id === resolved.id);
    if (!view) throw new DeskFailure('INTERNAL', 'The resolved conflict could not be read back.');
    return { conflict: view };
  }

  async function disconnect(): Promise<SyncStatus> {
    if (!core.hub) return status();
    const pending = pendingOutboxCount(core.ctx);
    if (pending > 0) {
      throw new DeskFailure('VALIDATION', `${pending} change(s) have not reached the hub yet.`, { rule: 'sync.pendingWork', params: { pending } });
    }
    const st = syncState();
    await stopEngine();
    if (st.token && st.hub_url) void new HubClient({ baseUrl: st.hub_url, fetch: fetchImpl }).logout(st.token);
    core.ctx.db.transaction(() => {
      core.ctx.prep('UPDATE sync_state SET token = NULL, token_expires_at = NULL WHERE id = 1').run();
      appendAudit(core.ctx, { action: 'sync.disconnect', entity: 'hub', entityId: st.hub_url, detail: {} });
    })();
    await switchCore(dataDir, false);
    profile = { ...profile, mode: 'local', hubUrl: null, dbDir: null, username: null };
    writeProfile(dataDir, profile);
    emitStatus();
    return status();
  }

  async function hostHub(input: { enabled: boolean; port?: number | undefined; password?: string | undefined }): Promise<SyncStatus> {
    const agent = core.ctx.session.agent;
    if (agent?.role !== 'lead' && agent?.role !== 'admin') throw forbidden('Only a team lead can host the team hub.', 'hub.leadOnly');
    if (!input.enabled) {
      if (hosting) {
        if (core.hub && syncState().hub_url?.startsWith(`http://127.0.0.1:${hosting.port}`) && pendingOutboxCount(core.ctx) > 0) {
          throw new DeskFailure('VALIDATION', 'This desk still has work for its hub.', { rule: 'sync.pendingWork', params: { pending: pendingOutboxCount(core.ctx) } });
        }
        const h = hosting;
        hosting = null;
        await h.close();
        emitStatus();
      }
      return status();
    }
    if (!opts.hostHub) throw new DeskFailure('VALIDATION', 'This desk cannot host the team hub.', { rule: 'hub.hostUnavailable' });
    if (!hosting) {
      try {
        hosting = await opts.hostHub({
          dataDir: path.join(dataDir, 'team-hub'),
          port: input.port ?? 7420,
          ...(input.password ? { admin: { username: agent.username, password: input.password, displayName: agent.displayName, agentNo: agent.agentNo } } : {}),
        });
      } catch (err) {
        log('error', 'hosting the team hub failed', { err: String(err) });
        throw new DeskFailure('VALIDATION', 'The team hub could not start (is the port in use?).', { field: 'port', rule: 'hub.startFailed', params: { port: input.port ?? 7420 } });
      }
      log('info', 'hosting the team hub', { port: hosting.port, urls: hosting.urls });
    }
    // The lead's own desk uses its own hub.
    if (input.password) {
      await hubLogin(`http://127.0.0.1:${hosting.port}`, agent.username, input.password, false);
      await engine?.run();
    }
    emitStatus();
    return status();
  }

  const handlers: Handlers = {
    'auth.login': async (i) => {
      if (!core.hub) return login(core.ctx, i);
      const url = syncState().hub_url ?? profile.hubUrl;
      if (!url) return login(core.ctx, i);
      return { agent: await hubLogin(url, i.username, i.password, true) };
    },
    'auth.logout': () => logout(core.ctx),
    'auth.session': () => session(core.ctx),
    'settings.get': () => core.ctx.settings(),
    'settings.update': (i) => {
      if (i.timeZone !== undefined && !isValidTimeZone(i.timeZone)) {
        throw new DeskFailure('VALIDATION', `unknown time zone ${i.timeZone}`, { field: 'timeZone', rule: 'settings.timeZoneUnknown', params: { timeZone: i.timeZone } });
      }
      core.ctx.db.transaction(() => saveSettings(core.ctx, i))();
      core.invalidate();
      core.days.check();
      return core.ctx.settings();
    },
    'reference.get': () => ({ outcomeCodes: core.codes.all() }),
    'queue.list': (i) => listQueue(core.ctx, agentId(), i, core.today()),
    'case.get': (i) => getCase(core.ctx, i.caseId, core.today()),
    'case.reveal': (i) => revealField(core.ctx, i),
    'case.setPreferredPhone': (i) => setPreferredPhone(core.ctx, i),
    'script.forCase': (i) => scriptForCase(core.ctx, core.scripts, i.caseId, i.locale, core.today()),
    'draft.save': (i) => saveDraft(core.ctx, i.caseId, i.draft),
    'attempt.save': (i) => recordAttempt(core.ctx, { codes: core.codes, scripts: core.scripts }, i, core.today()),
    'payment.record': (i) => recordPayment(core.ctx, i, core.today()),
    'followup.next': () => followUpNext(core.ctx, agentId()),
    'sync.status': () => status(),
    'sync.connect': async (i) => {
      await hubLogin(i.hubUrl, i.username, i.password, false);
      await engine?.run(); // the first pull: the queue is there when this returns
      return status();
    },
    'sync.disconnect': () => disconnect(),
    'sync.now': async () => {
      if (engine) await engine.run();
      return status();
    },
    'sync.unsynced': () => ({ items: unsyncedItems(core.ctx) }),
    'sync.exportUnsynced': () => {
      const out = exportUnsynced(core.ctx);
      core.ctx.db.transaction(() => appendAudit(core.ctx, { action: 'sync.exportUnsynced', detail: { fileName: out.fileName, count: pendingOutboxCount(core.ctx) } }))();
      return out;
    },
    'sync.rejections': () => ({ items: rejectionViews(core.ctx) }),
    'hub.host': (i) => hostHub(i),
    'lead.agents': () => leadAgents(core.ctx),
    'lead.cases': (i) => leadCases(core.ctx, i, core.today()),
    'lead.assign': (i) => leadAssign(core.ctx, i),
    'lead.conflicts': () => {
      requireLead(core.ctx);
      const items = leadConflicts(core.ctx);
      return { items, open: items.filter((c) => !c.resolvedAt).length };
    },
    'lead.resolveConflict': (i) => resolveConflict(i),
  };

  function agentId(): number {
    const id = core.ctx.session.agentId;
    if (id === null) throw new DeskFailure('UNAUTHENTICATED', 'Log in first.');
    return id;
  }

  async function invoke(route: string, input: unknown): Promise<Result<unknown>> {
    if (closed) return { ok: false, error: { code: 'INTERNAL', message: 'The desk is closed.' } };
    if (!isRouteName(route)) {
      return { ok: false, error: { code: 'UNKNOWN_ROUTE', message: `Unknown route: ${String(route).slice(0, 64)}` } };
    }
    const parsed = parseInput(route, input);
    if (!parsed.ok) return parsed;
    if (!PUBLIC_ROUTES.has(route) && core.ctx.session.agentId === null) {
      return { ok: false, error: { code: 'UNAUTHENTICATED', message: 'Log in first.' } };
    }
    try {
      const handler = handlers[route] as (i: unknown) => unknown;
      const value = await handler(parsed.value);
      return { ok: true, value };
    } catch (err) {
      if (err instanceof DeskFailure) return { ok: false, error: err.toError() };
      log('error', `${route} failed`, { err: err instanceof Error ? (err.stack ?? err.message) : String(err) });
      return { ok: false, error: { code: 'INTERNAL', message: 'Something went wrong in the desk; it has been logged.' } };
    }
  }

  // Local changes (and the pending count with them): sync soon, tell the top bar.
  events.on('queue.changed', ({ reason }) => {
    if (!reason.startsWith('sync.')) engine?.poke();
    emitStatus();
  });
  startEngine();
  eng()?.run().catch(() => undefined); // catch up at start

  function closeSync(): HostedHub | null {
    if (closed) return null;
    closed = true;
    const e = engine;
    engine = null;
    e?.stop();
    events.clear();
    core.close();
    const h = hosting;
    hosting = null;
    return h;
  }

  return {
    get ctx() {
      return core.ctx;
    },
    get mode() {
      return core.hub ? ('hub' as const) : ('local' as const);
    },
    get dbDir() {
      return core.dir;
    },
    get sync() {
      return engine;
    },
    invoke,
    on: (event, cb) => events.on(event, cb),
    idle: async () => {
      await core.days.idle();
      await engine?.idle();
    },
    tick: () => core.scheduler.tick(),
    close() {
      const h = closeSync();
      if (h) void h.close().catch((err: unknown) => log('error', 'closing the hosted hub failed', { err: String(err) }));
    },
    async closeAsync() {
      const e = engine;
      e?.stop();
      await e?.idle();
      const h = closeSync();
      await h?.close();
    },
  };
}
