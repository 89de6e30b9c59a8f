/**
 * The hub's HTTP API as a fastify instance (built, not listening: `startHub` in server.ts
 * listens). Each feature is a plugin under its prefix; its file lists its routes:
 *
 *   routes/health.ts     /v1/health     public
 *   routes/auth.ts       /v1/auth       login (public), logout
 *   routes/sync.ts       /v1/sync       push, pull
 *   routes/events.ts     /v1/sync       events (the desk's poke stream, ../pokes.ts)
 *   routes/conflicts.ts  /v1/conflicts  leads and admins
 *   routes/admin.ts      /v1/admin      leads and admins
 *   routes/distribution.ts /v1/distribution  leads and admins (分案: preview, apply, recall)
 *
 * Every route states who may call it in `config.access` ('public' | 'session' | 'lead'; a route
 * without one fails at startup); the one preHandler below checks it and sets `req.session`.
 * Errors always come in the HubError shape.
 */
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyReply, type FastifyRequest, type FastifyServerOptions } from 'fastify';
import { jsonBoundsProblem } from '../shared/json-bounds';
import { BODY_BOUNDS, MAX_BODY_BYTES, type HubError } from '../shared/sync';
import { authenticate, type Session } from './auth';
import { HubFailure } from './errors';
import { importRoutes } from './routes/import';
import { adminRoutes } from './routes/admin';
import type { LoginThrottleOptions } from './login-throttle';
import { authRoutes } from './routes/auth';
import { Pokes } from './pokes';
import { Presence } from './presence';
import { teamRoutes } from './routes/team';
import { conflictRoutes } from './routes/conflicts';
import { distributionRoutes } from './routes/distribution';
import { reportRoutes } from './routes/reports';
import { DEFAULT_HEARTBEAT_MS, eventRoutes } from './routes/events';
import { healthRoutes } from './routes/health';
import { syncRoutes } from './routes/sync';
import type { Store } from './store/types';

/** Who may call a route: anyone; any logged-in user; leads and admins. */
export type Access = 'public' | 'session' | 'lead';

declare module 'fastify' {
  interface FastifyInstance {
    store: Store;
    clock: () => Date;
    /** Connected desks' event streams, told to pull when their feed moves. */
    pokes: Pokes;
    presence: Presence;
  }
  interface FastifyRequest {
    /** The caller; only on routes whose access is 'session' or 'lead'. */
    readonly session: Session;
  }
  interface FastifyContextConfig {
    access?: Access;
  }
}

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

export interface HubAppOptions {
  store: Store;
  clock: () => Date;
  /** false = silent; options (level, stream) or a pino-compatible logger. Default: info to stdout. */
  log?: false | HubLogOptions | FastifyBaseLogger | undefined;
  tokenTtlMs: number;
  /** Login throttling (hub/login-throttle.ts); tests tune it. */
  loginThrottle?: Partial<LoginThrottleOptions> | undefined;
  /** Event streams: heartbeat (default 2 s) and how often writes by other processes are looked for (default 1 s). */
  events?: { heartbeatMs?: number; pollMs?: number };
}

const isLogger = (l: unknown): l is FastifyBaseLogger =>
  typeof l === 'object' && l !== null && 'child' in l && typeof l.child === 'function' && 'info' in l && typeof l.info === 'function';

function logging(log: HubAppOptions['log']): { loggerInstance: FastifyBaseLogger } | Pick<FastifyServerOptions, 'logger'> {
  if (isLogger(log)) return { loggerInstance: log };
  if (log === false) return { logger: false };
  return {
    logger: {
      level: log?.level ?? 'info',
      redact: { paths: LOG_REDACT, censor: '[redacted]' },
      ...(log?.stream ? { stream: log.stream } : {}),
    },
  };
}

export function buildHubApp(opts: HubAppOptions): FastifyInstance {
  const app = Fastify({ bodyLimit: MAX_BODY_BYTES, ...logging(opts.log) });
  app.decorate('store', opts.store);
  app.decorate('clock', opts.clock);
  app.decorate('pokes', new Pokes(opts.store, { pollMs: opts.events?.pollMs ?? 1000 }));
  app.decorate('presence', new Presence());
  // After a write request has answered its transaction has committed: look for moved feeds.
  app.addHook('onResponse', async (req) => {
    if (req.method !== 'GET' && !req.url.startsWith('/v1/sync/pull')) app.pokes.changed();
  });
  // Open event streams would hold close() forever.
  app.addHook('preClose', async () => app.pokes.close());
  boundedJson(app);
  guardAccess(app);
  app.setErrorHandler(answerError);
  app.setNotFoundHandler((_req, reply) => {
    void reply.status(404).send({ error: { code: 'NOT_FOUND', message: 'No such route.' } } satisfies HubError);
  });

  void app.register(healthRoutes, { prefix: '/v1' });
  void app.register(authRoutes, { prefix: '/v1/auth', tokenTtlMs: opts.tokenTtlMs, loginThrottle: opts.loginThrottle });
  void app.register(syncRoutes, { prefix: '/v1/sync' });
  void app.register(eventRoutes, { prefix: '/v1/sync', heartbeatMs: opts.events?.heartbeatMs ?? DEFAULT_HEARTBEAT_MS });
  void app.register(conflictRoutes, { prefix: '/v1/conflicts' });
  void app.register(teamRoutes, { prefix: '/v1/team' });
  void app.register(adminRoutes, { prefix: '/v1/admin' });
  void app.register(distributionRoutes, { prefix: '/v1/distribution' });
  void app.register(importRoutes, { prefix: '/v1' });
  void app.register(reportRoutes, { prefix: '/v1/reports' });
  return app;
}

/**
 * The access check, in one place. A preHandler (not onRequest) so a bad or oversized body is
 * still answered 400/413 before 401, as it always was.
 */
function guardAccess(app: FastifyInstance): void {
  const sessions = new WeakMap<FastifyRequest, Session>();
  app.decorateRequest('session', {
    getter(this: FastifyRequest): Session {
      const s = sessions.get(this);
      if (!s) throw new Error(`${this.method} ${this.url}: the route reads req.session but its access is not 'session' or 'lead'.`);
      return s;
    },
  });
  app.addHook('onRoute', (route) => {
    if (!route.config?.access) throw new Error(`Hub route ${String(route.method)} ${route.url} has no config.access.`);
  });
  app.addHook('preHandler', async (req) => {
    const access = req.routeOptions.config.access;
    if (access === undefined || access === 'public') return; // undefined: the not-found handler
    const s = await app.store.read((q) => authenticate(q, req.headers.authorization, app.clock()));
    if (access === 'lead' && s.role === 'agent') throw new HubFailure('FORBIDDEN', 'Leads and admins only.');
    sessions.set(req, s);
  });
}

/**
 * JSON bodies as fastify parses them, then bounded (BODY_BOUNDS) before any route, log line or
 * store sees them. Parsing itself survives any depth a body limit allows; the danger is later
 * recursion (JSON.stringify overflows the stack at about 10,000 levels), so a body deeper than any
 * desk writes is a 400 at the door. Prototype poisoning (`__proto__`, `constructor.prototype`) is
 * refused by the same walk (shared/json-bounds.ts) instead of fastify's two regular-expression
 * scans of the whole text: on a push of 500 attempts those cost more than parsing it.
 */
function boundedJson(app: FastifyInstance): void {
  const parseJson = app.getDefaultJsonParser('ignore', 'ignore');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (req, body, done) => {
    parseJson(req, typeof body === 'string' ? body : body.toString('utf8'), (err: Error | null, value?: unknown) => {
      if (err) return done(err, undefined);
      const problem = jsonBoundsProblem(value, BODY_BOUNDS);
      if (problem !== null) return done(new HubFailure('BAD_REQUEST', `The body is refused: ${problem}.`, { maxDepth: BODY_BOUNDS.depth }), undefined);
      done(null, value);
    });
  });
}

/** Whatever a handler, hook or fastify itself threw (fastify's own errors carry statusCode and code). */
type Thrown = Error & { statusCode?: number; code?: string };

function answerError(err: Thrown, req: FastifyRequest, reply: FastifyReply): void {
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
}
