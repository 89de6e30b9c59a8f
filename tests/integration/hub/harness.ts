/** Test helpers: a hub on SQLite (temp folder) or PostgreSQL (a fresh schema), with HTTP helpers. */
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { addTeam, addUser } from '../../../hub/admin';
import { startHub, type RunningHub, type StartHubOptions } from '../../../hub/server';
import { openSqliteStore } from '../../../hub/store/sqlite';
import { REQUIRED_OPENING_STEP_IDS } from '../../../shared/domain/script-schema';
import { SYNC_SCHEMA_VERSION, type Change, type Mutation } from '../../../shared/sync';

export const PG_URL = process.env.HUB_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

let pgProbe: Promise<boolean> | null = null;
export function pgAvailable(): Promise<boolean> {
  pgProbe ??= (async () => {
    const c = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 2000 });
    try {
      await c.connect();
      await c.query('SELECT 1');
      return true;
    } catch {
      return false;
    } finally {
      await c.end().catch(() => undefined);
    }
  })();
  return pgProbe;
}

export type Kind = 'sqlite' | 'postgres';

export interface StoreSpot {
  opts: Pick<StartHubOptions, 'dataDir' | 'pgUrl' | 'pgSchema'>;
  drop(): Promise<void>;
}

/** A SQLite hub database in `dir`, as the server's first start leaves it: the hub CLI manages only an existing one. */
export async function sqliteHubIn(dir: string): Promise<void> {
  const store = openSqliteStore({ dataDir: dir });
  try {
    await store.migrate();
  } finally {
    await store.close();
  }
}

export function newSpot(kind: Kind): StoreSpot {
  if (kind === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-test-'));
    return { opts: { dataDir: dir }, drop: async () => fs.rmSync(dir, { recursive: true, force: true }) };
  }
  const schema = `hub_test_${randomBytes(6).toString('hex')}`;
  return {
    opts: { pgUrl: PG_URL, pgSchema: schema },
    drop: async () => {
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      try {
        await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      } finally {
        await c.end();
      }
    },
  };
}

export interface Http {
  status: number;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

export async function call(hub: { url: string }, method: string, url: string, body?: unknown, token?: string, raw?: string): Promise<Http> {
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined || raw !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(hub.url + url, { method, headers, body: raw ?? (body === undefined ? undefined : JSON.stringify(body)) });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    /* not JSON */
  }
  return { status: res.status, body: parsed };
}

export interface World {
  hub: RunningHub;
  spot: StoreSpot;
  teamId: number;
  otherTeamId: number;
  ids: Record<string, number>;
  now: { t: Date };
  tokenOf(username: string, deviceId?: string): Promise<string>;
  close(): Promise<void>;
}

export const PASSWORD = 'secret-123';

/** A hub with team T1 (lead1, agentA, agentB), team T2 (lead2, agentC) and 2 demo cases per agent. */
export async function makeWorld(kind: Kind, extra: Partial<StartHubOptions> = {}): Promise<World> {
  const spot = newSpot(kind);
  const now = { t: new Date('2026-03-10T02:00:00.000Z') };
  const hub = await startHub({ ...spot.opts, port: 0, log: false, clock: () => now.t, ...extra });
  const teamId = await addTeam(hub.store, 'T1', now.t);
  const otherTeamId = await addTeam(hub.store, 'T2', now.t);
  const ids: Record<string, number> = {};
  for (const [u, role, team] of [['lead1', 'lead', 'T1'], ['agentA', 'agent', 'T1'], ['agentB', 'agent', 'T1'], ['lead2', 'lead', 'T2'], ['agentC', 'agent', 'T2'], ['admin', 'admin', null]] as const) {
    ids[u] = await addUser(hub.store, { username: u, password: PASSWORD, role, team, displayName: `名${u}`, agentNo: `N-${u}` }, now.t);
  }
  const tokens = new Map<string, string>();
  return {
    hub, spot, teamId, otherTeamId, ids, now,
    async tokenOf(username, deviceId) {
      const key = `${username}|${deviceId ?? ''}`;
      const have = tokens.get(key);
      if (have) return have;
      const r = await call(hub, 'POST', '/v1/auth/login', { username, password: PASSWORD, ...(deviceId ? { deviceId } : {}) });
      if (r.status !== 200) throw new Error(`login ${username}: ${r.status} ${JSON.stringify(r.body)}`);
      tokens.set(key, r.body.token);
      return r.body.token as string;
    },
    async close() {
      await hub.close();
      await spot.drop();
    },
  };
}

/** A desk's view of the protocol: device id, mutation counter, cursor; its mutations carry `clock`'s time. */
export class Desk {
  readonly deviceId = `dev-${randomUUID()}`;
  nextId = 1;
  cursor = 0;
  constructor(readonly world: { hub: { url: string } }, readonly token: string, private readonly clock: () => Date = () => new Date()) {}

  m(name: string, args: unknown, clientTime = this.clock().toISOString()): Mutation {
    return { id: this.nextId++, name, args, clientTime };
  }
  push(mutations: Mutation[]): Promise<Http> {
    return call(this.world.hub, 'POST', '/v1/sync/push', { deviceId: this.deviceId, schemaVersion: SYNC_SCHEMA_VERSION, mutations }, this.token);
  }
  async pullAll(limit?: number): Promise<{ changes: Change[]; pages: number; lastMutationId: number }> {
    const changes: Change[] = [];
    let pages = 0;
    let lastMutationId: number;
    for (;;) {
      const r = await call(this.world.hub, 'POST', '/v1/sync/pull', { deviceId: this.deviceId, schemaVersion: SYNC_SCHEMA_VERSION, cursor: this.cursor, ...(limit ? { limit } : {}) }, this.token);
      if (r.status !== 200) throw new Error(`pull: ${r.status} ${JSON.stringify(r.body)}`);
      pages += 1;
      changes.push(...(r.body.changes as Change[]));
      this.cursor = r.body.cursor;
      lastMutationId = r.body.lastMutationId;
      if (!r.body.more) break;
    }
    return { changes, pages, lastMutationId };
  }
}

/** A count(*) AS n query on a hub's store (tests assert what was or was not written). */
export const countRows = (hub: { store: RunningHub['store'] }, sql: string, params: (string | number)[] = []): Promise<number> =>
  hub.store.read(async (q) => Number((await q.get<{ n: number }>(sql, params))?.n ?? 0));

/** A desk of `user` in `w`, on the world's clock. */
export const deskOf = async (w: World, user: string): Promise<Desk> => new Desk(w, await w.tokenOf(user), () => w.now.t);

/** Every step of the default script's stages: a right-party outcome (a promise) on any stage has the steps it needs. */
export const ALL_STEPS = [...REQUIRED_OPENING_STEP_IDS, 'early.account', 'early.askDate', 'mid.account', 'mid.reason', 'mid.agree', 'late.account', 'late.reason',
  'late.consequence', 'late.agree', 'm2.account', 'm2.reason', 'm2.consequence', 'm2.agree'];

/** attempt.save args as a desk sends them: a no-answer call at `at` (nobody reached), with `extra` over it. */
export const attemptArgs = (caseId: string, at: Date, extra: Record<string, unknown> = {}) => ({
  attemptId: randomUUID(), clientRequestId: `crid-${randomUUID()}`, caseId, phoneId: null, channel: 'phone', party: 'none',
  outcomeCode: 'NO_ANSWER', note: '无人接听', callStartedAt: null, durationSec: 0, claimedPaidDate: null, stepsDone: [], scenario: null,
  at: at.toISOString(), promise: null, followUp: null, phoneLock: null, ...extra,
});

/** Fold changes into a map entity -> id -> row (a desk's state, minus the cascade of a case del). */
export function fold(changes: Change[], into = new Map<string, Map<string, Record<string, unknown>>>()): Map<string, Map<string, Record<string, unknown>>> {
  const key = (e: string, row: Record<string, unknown>) => String(e === 'outcomeCode' ? row.code : e === 'script' ? row.locale : e === 'setting' ? row.key : row.id);
  for (const c of changes) {
    let m = into.get(c.entity);
    if (!m) into.set(c.entity, (m = new Map()));
    if (c.op === 'put') m.set(key(c.entity, c.row), c.row);
    else {
      m.delete(c.id);
      if (c.entity === 'case') {
        for (const e of ['attempt', 'promise', 'payment', 'followUp']) for (const [id, row] of into.get(e) ?? []) if (row.caseId === c.id) into.get(e)?.delete(id);
      }
    }
  }
  return into;
}
