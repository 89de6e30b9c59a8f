/** A desk logging in as a hub user, in that user's own database: online against the hub, or offline against the kept verifier. */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { AgentInfo, SyncStatus } from '../../../shared/contract';
import { Role } from '../../../shared/domain/enums';
import { SYNC_SCHEMA_VERSION, type LoginResponse } from '../../../shared/sync';
import { appendAudit } from '../audit/audit';
import { hashPassword, verifyPassword } from '../auth/password';
import { DB_FILE } from '../db/open';
import { DeskFailure } from '../errors';
import type { DeskRuntime } from '../runtime';
import { yieldToIo, type EarlyPull } from './engine';
import { adoptDeviceId, adoptDeviceIdOpened, deviceIdOf, emitStatus, holdRequests, startEngine, stopEngine, switchCore, syncState, syncStatus } from './connection';
import { HubClient, HubRequestError } from './hub-client';
import { pendingOutboxCount } from './outbox';
import { findAccount, hubDbDir, normalizeHubUrl, rememberAccount, writeProfile } from './profile';

const hubDir = (rt: DeskRuntime, dbDir: string): string => path.join(rt.dataDir, dbDir);

function loginFailure(err: unknown): DeskFailure {
  if (!(err instanceof HubRequestError)) return new DeskFailure('VALIDATION', 'The hub gave an answer the desk cannot read.', { field: 'hubUrl', rule: 'sync.badResponse' });
  if (err.status === 429) {
    const seconds = Number(err.params.retryAfterSec ?? 60);
    return new DeskFailure('FORBIDDEN', `Too many failed logins on the hub; try again in ${seconds} s.`, { rule: 'sync.throttled', params: { seconds } });
  }
  switch (err.kind) {
    case 'unauthenticated':
      return new DeskFailure('BAD_CREDENTIALS', 'Wrong hub username or password.', { rule: 'sync.badCredentials' });
    case 'forbidden':
      return new DeskFailure('FORBIDDEN', 'The hub refused this account.', { rule: 'sync.forbidden' });
    case 'updateRequired':
      return new DeskFailure('VALIDATION', 'The hub needs a newer CollectDesk.', { field: 'hubUrl', rule: 'sync.updateRequired' });
    case 'offline':
      return new DeskFailure('HUB_UNREACHABLE', 'The hub cannot be reached.', { field: 'hubUrl', rule: 'sync.unreachable' });
    case 'hubError':
      return new DeskFailure('VALIDATION', 'The hub had an error; try again.', { field: 'hubUrl', rule: 'sync.hubError' });
    case 'badResponse':
    case 'gap':
    case 'tooLarge':
      if (err.status === 400) return new DeskFailure('BAD_CREDENTIALS', 'Wrong hub username or password.', { rule: 'sync.badCredentials' });
      return new DeskFailure('VALIDATION', 'The hub gave an answer the desk cannot read.', { field: 'hubUrl', rule: 'sync.badResponse' });
  }
}

/** Log the desk in as a hub user, in that user's own database. Online: the hub checks the password and issues a token; offline (allowOffline): the local verifier. */
export async function hubLogin(rt: DeskRuntime, hubUrlRaw: string, username: string, password: string, allowOffline: boolean): Promise<AgentInfo> {
  let hubUrl: string;
  try {
    // "192.168.1.20:7420" as typed means http://
    const typed = hubUrlRaw.trim();
    hubUrl = normalizeHubUrl(/^[a-z][a-z0-9+.-]*:\/\//i.test(typed) ? typed : `http://${typed}`);
    if (!/^https?:\/\/[^/]+/.test(hubUrl) || typed.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '').includes('//')) throw new Error('not http'); // "http//host": a mistyped scheme
  } catch {
    throw new DeskFailure('VALIDATION', 'Not a hub address: use http://address:port.', { field: 'hubUrl', rule: 'sync.badUrl' });
  }
  const client = new HubClient({ baseUrl: hubUrl, fetch: rt.fetch });
  const known = findAccount(rt.profile, hubUrl, username);
  // A first login on this desk names a new device id, which its new database then takes (adoptDeviceId).
  let deviceId = known ? deviceIdOf(rt, hubDir(rt, known.dbDir)) : randomUUID();
  // The offline verifier is hashed while the hub checks the password (scrypt, off this thread).
  const verifying = hashPassword(password);
  verifying.catch(() => undefined); // awaited below; a failed login drops it
  let res: LoginResponse;
  try {
    res = await client.login({ username, password, deviceId });
  } catch (err) {
    const offline = err instanceof HubRequestError && (err.kind === 'offline' || err.kind === 'hubError');
    if (offline && allowOffline && known) return offlineLogin(rt, hubDir(rt, known.dbDir), username, password);
    // an answer that is no login answer: is anything there a hub at all?
    if (err instanceof HubRequestError && err.reached && err.status !== 429 && !['unauthenticated', 'forbidden', 'updateRequired'].includes(err.kind) && !(await client.isHub())) {
      throw new DeskFailure('VALIDATION', 'The server at that address is not a CollectDesk hub.', { field: 'hubUrl', rule: 'sync.notAHub' });
    }
    throw loginFailure(err);
  }
  let dbDir = known && known.agentId === res.agentId ? known.dbDir : hubDbDir(hubUrl, res.agentId);
  // A database created now starts at cursor 0 with nothing queued, under this device id: its first
  // page is asked for at once, so the hub builds it while the desk creates (migrates) the database.
  // A full page: creating the database gives the hub the time to build one.
  let early: EarlyPull | null = null;
  if (!known && !fs.existsSync(path.join(hubDir(rt, dbDir), DB_FILE))) {
    const page = client.pull({ deviceId, schemaVersion: SYNC_SCHEMA_VERSION, cursor: 0, queuedThrough: 0 }, res.token);
    page.catch(() => undefined); // awaited by the engine's first run, or dropped
    early = { deviceId, token: res.token, cursor: 0, page };
  }
  const release = holdRequests(rt);
  try {
    let bound: boolean;
    if (early) {
      await yieldToIo(); // the page's request leaves now, not after the synchronous database creation below
      // The new database is created as the working one and takes this device id there (one open, one migration).
      await switchCore(rt, hubDir(rt, dbDir), true);
      bound = adoptDeviceIdOpened(rt, deviceId);
    } else bound = dbDir === known?.dbDir || (!known && adoptDeviceId(rt, hubDir(rt, dbDir), deviceId));
    if (!bound) {
      // The database of this user (new here, or one that already has its own device id): bind a token to that id.
      const first = res;
      deviceId = deviceIdOf(rt, hubDir(rt, dbDir));
      try {
        res = await client.login({ username, password, deviceId });
        void client.logout(first.token);
      } catch {
        res = first;
      }
      dbDir = hubDbDir(hubUrl, res.agentId);
    }
    await switchCore(rt, hubDir(rt, dbDir), true); // no-op when already open
    const verifier = await verifying; // hashed meanwhile
    const ctx = rt.core.ctx;
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
      ).run(id, username, res.displayName, res.agentNo, res.role, rt.clock().toISOString());
      appendAudit(ctx, { action: 'auth.login', agentId: id, entity: 'agent', entityId: id, detail: { hub: hubUrl, online: true } });
    })();
    ctx.session.locked = false;
    ctx.session.agent = agent;
    ctx.session.agentId = id;
    rt.profile = rememberAccount({ ...rt.profile, mode: 'hub', hubUrl, dbDir, username }, { hubUrl, username, agentId: res.agentId, dbDir });
    writeProfile(rt.dataDir, rt.profile);
    // the engine takes the early page only for the request it would make (this device and token, cursor 0)
    startEngine(rt)?.reauthenticated(early ?? undefined);
    emitStatus(rt);
    return agent;
  } finally {
    release();
  }
}

/** The hub is unreachable: the hub user's password is checked against the verifier kept from the last online login. */
async function offlineLogin(rt: DeskRuntime, dir: string, username: string, password: string): Promise<AgentInfo> {
  const release = holdRequests(rt);
  try {
    await switchCore(rt, dir, true);
    const ctx = rt.core.ctx;
    const st = syncState(rt);
    const good = await verifyPassword(password, st.offline_verifier);
    const role = Role.safeParse(st.hub_role);
    if (!good || st.hub_agent_id === null || !role.success || st.hub_username?.toLowerCase() !== username.toLowerCase()) {
      ctx.db.transaction(() => appendAudit(ctx, { action: 'auth.login_failed', agentId: null, detail: { username, offline: true } }))();
      throw new DeskFailure('BAD_CREDENTIALS', 'Wrong username or password.', { rule: 'sync.badCredentials' });
    }
    const agentNo = ctx.prep<{ agent_no: string }>('SELECT agent_no FROM agents WHERE id = ?').get(st.hub_agent_id)?.agent_no ?? '';
    const agent: AgentInfo = { id: String(st.hub_agent_id), username: st.hub_username, displayName: st.hub_display_name ?? st.hub_username, agentNo, role: role.data };
    ctx.db.transaction(() => appendAudit(ctx, { action: 'auth.login', agentId: st.hub_agent_id, entity: 'agent', entityId: st.hub_agent_id, detail: { hub: st.hub_url, online: false } }))();
    ctx.session.locked = false;
    ctx.session.agent = agent;
    ctx.session.agentId = st.hub_agent_id;
    const account = findAccount(rt.profile, st.hub_url ?? '', username);
    if (account) {
      rt.profile = { ...rt.profile, mode: 'hub', hubUrl: account.hubUrl, dbDir: account.dbDir, username: account.username };
      writeProfile(rt.dataDir, rt.profile);
    }
    startEngine(rt);
    emitStatus(rt);
    return agent;
  } finally {
    release();
  }
}

/** Back to the local database; refused while work has not reached the hub. */
export async function disconnect(rt: DeskRuntime): Promise<SyncStatus> {
  if (!rt.core.hub) return syncStatus(rt);
  const pending = pendingOutboxCount(rt.core.ctx);
  if (pending > 0) {
    throw new DeskFailure('VALIDATION', `${pending} change(s) have not reached the hub yet.`, { rule: 'sync.pendingWork', params: { pending } });
  }
  const st = syncState(rt);
  await stopEngine(rt);
  if (st.token && st.hub_url) void new HubClient({ baseUrl: st.hub_url, fetch: rt.fetch }).logout(st.token);
  const ctx = rt.core.ctx;
  ctx.db.transaction(() => {
    ctx.prep('UPDATE sync_state SET token = NULL, token_expires_at = NULL WHERE id = 1').run();
    appendAudit(ctx, { action: 'sync.disconnect', entity: 'hub', entityId: st.hub_url, detail: {} });
  })();
  await switchCore(rt, rt.dataDir, false);
  rt.profile = { ...rt.profile, mode: 'local', hubUrl: null, dbDir: null, username: null };
  writeProfile(rt.dataDir, rt.profile);
  emitStatus(rt);
  return syncStatus(rt);
}
