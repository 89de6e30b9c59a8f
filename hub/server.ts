/**
 * The sync hub (DESIGN.md "Sync"): a fastify service over the hub store. Public entry: the
 * Electron hosts import `startHub` from here to host the team hub in-process on a lead's desk.
 *
 *   GET  /v1/health                      {ok, version, store, time}
 *   POST /v1/auth/login                  LoginRequest -> LoginResponse (401 bad credentials, 403 disabled)
 *   POST /v1/auth/logout                 revokes the caller's token -> {ok}
 *   POST /v1/sync/push                   PushRequest -> PushResponse (409 MUTATION_GAP, 413, 426)
 *   POST /v1/sync/pull                   PullRequest -> PullResponse (426)
 *   GET  /v1/conflicts                   lead/admin: the team's unresolved conflicts
 *   POST /v1/conflicts/:id/resolve       lead/admin {resolution} -> {conflict}
 *   POST /v1/admin/cases                 lead/admin: bulk upsert of a team's rows (CaseUpsert)
 *   GET  /v1/admin/reference[?teamId=]  lead/admin: the team's outcome codes, scripts, settings, targets
 *   PUT  /v1/admin/reference[?teamId=]  lead/admin: change them (ReferenceUpdate); desks get it on their next pull
 *
 * Errors always come in the HubError shape. Host: '127.0.0.1' unless given; a lead's desk hosting
 * the team hub on the LAN passes host '0.0.0.0'.
 */
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { z } from 'zod';
import pkg from '../package.json';
import {
  LoginRequest, MAX_BODY_BYTES, MAX_PULL_CHANGES, MAX_PUSH_MUTATIONS, PullRequest, PushRequest, SUPPORTED_SCHEMA_VERSIONS,
  type HubError, type LoginResponse, type PullResponse, type PushResponse,
} from '../shared/sync';
import { addTeam, addUser, CaseUpsert, setPassword, upsertCases } from './admin';
import { DEFAULT_TOKEN_TTL_MS, authenticate, login, type Session } from './auth';
import { HubFailure } from './errors';
import { ReferenceDataError, ReferenceUpdate, readReference, writeReference } from './reference';
import { Fanout, readPage, teamLeads } from './feed';
import { applyMutations, type PushOutcome } from './push';
import { TO_WIRE } from './rows';
import { openPgStore } from './store/pg';
import { openSqliteStore } from './store/sqlite';
import type { Store } from './store/types';

export const HUB_VERSION: string = pkg.version;
export const DEFAULT_HUB_PORT = 7420;
export const ADMIN_BODY_BYTES = 64 * 1024 * 1024;

/** Never logged: passwords, tokens, Authorization headers, ID numbers, bodies. */
export const LOG_REDACT = [
  'req.headers.authorization', 'req.headers.cookie', 'headers.authorization', 'authorization',
  'password', '*.password', 'token', '*.token', 'idNumber', '*.idNumber', '*.*.idNumber', 'body', '*.body', 'args', '*.args',
];

export interface HubLogOptions {
  level?: string;
  /** A pino destination (anything with write(string)); default stdout. */
  stream?: { write(msg: string): void };
}

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
  /** A store opened by the caller (tests); closed with the hub. */
  store?: Store;
}

export interface RunningHub {
  url: string;
  port: number;
  store: Store;
  app: FastifyInstance;
  close(): Promise<void>;
}

export function openStore(opts: Pick<StartHubOptions, 'dataDir' | 'pgUrl' | 'pgSchema'>): Store {
  return opts.pgUrl
    ? openPgStore({ url: opts.pgUrl, ...(opts.pgSchema ? { schema: opts.pgSchema } : {}) })
    : openSqliteStore({ dataDir: opts.dataDir ?? '.data/hub' });
}

function parse<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  const r = schema.safeParse(body);
  if (!r.success) {
    const msg = r.error.issues.slice(0, 5).map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`).join('; ');
    throw new HubFailure('BAD_REQUEST', `Invalid request: ${msg}`.slice(0, 500));
  }
  return r.data;
}

function checkVersion(body: unknown): void {
  const v = (body as { schemaVersion?: unknown } | null)?.schemaVersion;
  if (typeof v === 'number' && !SUPPORTED_SCHEMA_VERSIONS.includes(v)) {
    throw new HubFailure('UPDATE_REQUIRED', 'This desk speaks an unsupported sync version; update the app.', {
      supported: SUPPORTED_SCHEMA_VERSIONS.join(','), got: v,
    });
  }
}

const isLogger = (l: unknown): l is FastifyBaseLogger => typeof (l as { child?: unknown })?.child === 'function' && typeof (l as { info?: unknown }).info === 'function';

export async function startHub(opts: StartHubOptions = {}): Promise<RunningHub> {
  const clock = opts.clock ?? (() => new Date());
  const ttl = opts.tokenTtlMs ?? DEFAULT_TOKEN_TTL_MS;
  const store = opts.store ?? openStore(opts);
  await store.migrate();

  const log = opts.log;
  const app: FastifyInstance = isLogger(log)
    ? (Fastify({ loggerInstance: log, bodyLimit: MAX_BODY_BYTES }) as unknown as FastifyInstance)
    : Fastify({
        bodyLimit: MAX_BODY_BYTES,
        logger: log === false ? false : {
          level: log?.level ?? 'info',
          redact: { paths: LOG_REDACT, censor: '[redacted]' },
          ...(log?.stream ? { stream: log.stream } : {}),
        },
      });

  app.setErrorHandler((err: Error & { statusCode?: number; code?: string }, req, reply) => {
    let status: number;
    let body: HubError;
    if (err instanceof HubFailure) {
      status = err.status;
      body = { error: { code: err.code, message: err.message, ...(err.params ? { params: err.params } : {}) } };
    } else if (err.statusCode === 413) {
      status = 413;
      body = { error: { code: 'TOO_LARGE', message: `The body is larger than ${MAX_BODY_BYTES} bytes.`, params: { maxBytes: MAX_BODY_BYTES } } };
    } else if (err.statusCode !== undefined && err.statusCode >= 400 && err.statusCode < 500) {
      status = 400;
      body = { error: { code: 'BAD_REQUEST', message: err.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || err instanceof SyntaxError ? 'The body is not valid JSON.' : err.message.slice(0, 300) } };
    } else {
      status = 500;
      req.log.error({ err: { message: err.message, code: err.code, stack: err.stack } }, 'hub request failed');
      body = { error: { code: 'INTERNAL', message: 'The hub failed; retry later.' } };
    }
    void reply.status(status).send(body);
  });
  app.setNotFoundHandler((_req, reply) => {
    void reply.status(404).send({ error: { code: 'NOT_FOUND', message: 'No such route.' } } satisfies HubError);
  });

  const session = (req: FastifyRequest): Promise<Session> => store.read((q) => authenticate(q, req.headers.authorization, clock()));
  const lead = (s: Session): void => {
    if (s.role === 'agent') throw new HubFailure('FORBIDDEN', 'Leads and admins only.');
  };

  app.get('/v1/health', async () => ({ ok: true, version: HUB_VERSION, store: store.kind, time: clock().toISOString() }));

  app.post('/v1/auth/login', async (req): Promise<LoginResponse> => {
    const body = parse(LoginRequest, req.body);
    const r = await login(store, body, clock(), ttl);
    if (body.deviceId) {
      const dev = await store.read((q) => q.get<{ user_id: number }>('SELECT user_id FROM devices WHERE device_id = ?', [body.deviceId ?? '']));
      if (dev && Number(dev.user_id) !== Number(r.user.id)) throw new HubFailure('FORBIDDEN', 'This device is registered to another user.');
    }
    req.log.info({ userId: Number(r.user.id) }, 'login');
    return {
      token: r.token, expiresAt: r.expiresAt, role: r.user.role, agentId: String(r.user.id), displayName: r.user.display_name,
      agentNo: r.user.agent_no, teamId: r.user.team_id === null ? null : String(r.user.team_id),
    };
  });

  app.post('/v1/auth/logout', async (req) => {
    const s = await session(req);
    await store.write((q) => q.run('UPDATE tokens SET revoked_at = ? WHERE hash = ? AND revoked_at IS NULL', [clock().toISOString(), s.tokenHash]));
    return { ok: true };
  });

  app.post('/v1/sync/push', async (req, reply: FastifyReply): Promise<PushResponse> => {
    const s = await session(req);
    const raw = req.body as { mutations?: unknown } | null;
    if (raw && Array.isArray(raw.mutations) && raw.mutations.length > MAX_PUSH_MUTATIONS) {
      throw new HubFailure('TOO_LARGE', `At most ${MAX_PUSH_MUTATIONS} mutations a request.`, { maxMutations: MAX_PUSH_MUTATIONS });
    }
    checkVersion(raw);
    const body = parse(PushRequest, raw);
    const now = clock();
    let out: PushOutcome;
    try {
      out = await store.write((q) => applyMutations(q, s, body.deviceId, body.mutations, now));
    } catch (e) {
      if (e instanceof HubFailure) throw e;
      // Something unexpected in one mutation: commit those before it one by one, then answer 500.
      req.log.warn({ err: { message: (e as Error).message } }, 'push batch failed; applying one by one');
      out = { lastMutationId: 0, rejected: [], gapExpected: null, applied: 0 };
      for (const m of body.mutations) {
        const r = await store.write((q) => applyMutations(q, s, body.deviceId, [m], now));
        out = { ...r, rejected: [...out.rejected, ...r.rejected], applied: out.applied + r.applied };
        if (r.gapExpected !== null) break;
      }
    }
    req.log.info({ userId: s.userId, deviceId: body.deviceId, n: body.mutations.length, applied: out.applied, rejected: out.rejected.length, last: out.lastMutationId }, 'push');
    if (out.gapExpected !== null) {
      throw new HubFailure('MUTATION_GAP', `Mutation ${out.gapExpected} is missing; send from there.`, { expected: out.gapExpected, lastMutationId: out.lastMutationId });
    }
    void reply;
    return { lastMutationId: out.lastMutationId, rejected: out.rejected };
  });

  app.post('/v1/sync/pull', async (req): Promise<PullResponse> => {
    const s = await session(req);
    checkVersion(req.body);
    const body = parse(PullRequest, req.body);
    return store.read(async (q) => {
      const dev = await q.get<{ user_id: number; last_mutation_id: number }>('SELECT user_id, last_mutation_id FROM devices WHERE device_id = ?', [body.deviceId]);
      if (dev && Number(dev.user_id) !== s.userId) throw new HubFailure('FORBIDDEN', 'This device is registered to another user.');
      const page = await readPage(q, s, body.cursor, body.limit ?? MAX_PULL_CHANGES);
      return { ...page, lastMutationId: dev ? Number(dev.last_mutation_id) : 0 };
    });
  });

  app.get('/v1/conflicts', async (req) => {
    const s = await session(req);
    lead(s);
    const rows = await store.read((q) => q.all<Record<string, unknown>>('SELECT * FROM conflicts WHERE team_id = ? AND resolved_at IS NULL ORDER BY id', [s.teamId ?? -1]));
    return { conflicts: rows.map(TO_WIRE.conflict) };
  });

  app.post('/v1/conflicts/:id/resolve', async (req) => {
    const s = await session(req);
    lead(s);
    const { id } = parse(z.object({ id: z.string().regex(/^[1-9]\d{0,15}$/) }), req.params);
    const { resolution } = parse(z.object({ resolution: z.string().trim().min(1).max(1000) }), req.body);
    const row = await store.write(async (q) => {
      const c = await q.get<{ id: number; resolved_at: string | null }>(`SELECT id, resolved_at FROM conflicts WHERE id = ? AND team_id = ?${q.forUpdate}`, [Number(id), s.teamId ?? -1]);
      if (!c) throw new HubFailure('NOT_FOUND', `No conflict ${id} in your team.`);
      if (c.resolved_at === null) {
        await q.run('UPDATE conflicts SET resolved_at = ?, resolved_by = ?, resolution = ? WHERE id = ?', [clock().toISOString(), s.userId, resolution, c.id]);
        const fan = new Fanout();
        fan.add(await teamLeads(q, s.teamId ?? -1), 'conflict', Number(c.id));
        await fan.flush(q);
      }
      return q.get<Record<string, unknown>>('SELECT * FROM conflicts WHERE id = ?', [c.id]);
    });
    return { conflict: TO_WIRE.conflict(row ?? {}) };
  });

  /** The team an admin route works on: a lead's own; an admin's own or any named one. */
  const teamOf = async (s: Session, requested: string | number | undefined): Promise<number> => {
    let teamId = s.teamId;
    if (requested !== undefined) {
      if (s.role !== 'admin' && Number(requested) !== s.teamId) throw new HubFailure('FORBIDDEN', 'A lead works on their own team only.');
      teamId = Number(requested);
    }
    if (teamId === null) throw new HubFailure('BAD_REQUEST', 'teamId is required for an admin without a team.');
    const team = teamId;
    if (!(await store.read((q) => q.get('SELECT 1 AS x FROM teams WHERE id = ?', [team])))) throw new HubFailure('NOT_FOUND', `No team ${team}.`);
    return team;
  };
  const TeamQuery = z.object({ teamId: z.string().regex(/^[1-9]\d{0,15}$/).optional() });

  app.post('/v1/admin/cases', { bodyLimit: ADMIN_BODY_BYTES }, async (req) => {
    const s = await session(req);
    lead(s);
    const body = parse(CaseUpsert, req.body);
    const team = await teamOf(s, body.teamId);
    const r = await store.write((q) => upsertCases(q, team, body, clock()));
    req.log.info({ userId: s.userId, teamId: team, cases: r.cases }, 'admin upsert');
    return r;
  });

  app.get('/v1/admin/reference', async (req) => {
    const s = await session(req);
    lead(s);
    const team = await teamOf(s, parse(TeamQuery, req.query).teamId);
    return store.read((q) => readReference(q, team));
  });

  app.put('/v1/admin/reference', { bodyLimit: ADMIN_BODY_BYTES }, async (req) => {
    const s = await session(req);
    lead(s);
    const team = await teamOf(s, parse(TeamQuery, req.query).teamId);
    const doc = parse(ReferenceUpdate, req.body);
    let changed;
    try {
      changed = await store.write((q) => writeReference(q, team, doc, clock()));
    } catch (err) {
      if (err instanceof ReferenceDataError) throw new HubFailure('BAD_REQUEST', `Invalid request: ${err.message}`, { field: err.path });
      throw err;
    }
    req.log.info({ userId: s.userId, teamId: team, changed }, 'reference data changed');
    return { changed };
  });

  let port: number;
  try {
    await app.listen({ port: opts.port ?? DEFAULT_HUB_PORT, host: opts.host ?? '127.0.0.1' });
    const addr = app.server.address();
    port = typeof addr === 'object' && addr ? addr.port : (opts.port ?? DEFAULT_HUB_PORT);
  } catch (e) {
    await app.close().catch(() => undefined);
    await store.close().catch(() => undefined);
    throw e;
  }
  const host = opts.host ?? '127.0.0.1';
  const shown = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  let closed = false;
  return {
    url: `http://${shown}:${port}`,
    port,
    store,
    app,
    close: async () => {
      if (closed) return;
      closed = true;
      await app.close();
      await store.close();
    },
  };
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
  const { store } = hub as Pick<RunningHub, 'store'>;
  const existing = await store.read((q) => q.get<{ role: string }>('SELECT role FROM users WHERE username = ?', [admin.username.trim().toLowerCase()]));
  if (existing) {
    if (existing.role !== 'lead' && existing.role !== 'admin') throw new Error(`"${admin.username}" is not a lead on this hub.`);
    await setPassword(store, admin.username, admin.password, now);
    return;
  }
  const team = admin.team ?? '本组';
  const hasTeam = await store.read((q) => q.get('SELECT 1 AS x FROM teams WHERE name = ?', [team]));
  if (!hasTeam) await addTeam(store, team, now);
  await addUser(store, { username: admin.username, password: admin.password, role: 'lead', team, displayName: admin.displayName, agentNo: admin.agentNo }, now);
}

