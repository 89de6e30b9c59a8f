/** buildHubApp without a listener (fastify inject): who may call which route, checked in one place. */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addTeam, addUser } from '../../../hub/admin';
import { buildHubApp } from '../../../hub/app';
import { openSqliteStore } from '../../../hub/store/sqlite';
import type { Store } from '../../../hub/store/types';
import { tempDir } from '../../fixtures/desk';

const now = new Date('2026-03-10T02:00:00.000Z');
const LEAD_ROUTES = [
  ['GET', '/v1/conflicts'], ['POST', '/v1/conflicts/1/resolve'], ['POST', '/v1/admin/cases'],
  ['GET', '/v1/admin/reference'], ['PUT', '/v1/admin/reference'],
] as const;
const SESSION_ROUTES = [['POST', '/v1/auth/logout'], ['POST', '/v1/sync/push'], ['POST', '/v1/sync/pull'], ...LEAD_ROUTES] as const;

let store: Store;
let app: FastifyInstance;
let agentToken: string;

beforeAll(async () => {
  store = openSqliteStore({ dataDir: tempDir('hub-app-') });
  await store.migrate();
  await addTeam(store, 'T1', now);
  await addUser(store, { username: 'agent', password: 'secret-123', role: 'agent', team: 'T1', displayName: '甲', agentNo: 'A1' }, now);
  app = buildHubApp({ store, clock: () => now, log: false, tokenTtlMs: 60_000 });
  const r = await app.inject({ method: 'POST', url: '/v1/auth/login', payload: { username: 'agent', password: 'secret-123' } });
  agentToken = r.json<{ token: string }>().token;
});
afterAll(async () => {
  await app.close();
  await store.close();
});

describe('buildHubApp', () => {
  it('answers 401 without a token on every route that needs a session, after the body is read (bad JSON stays 400)', async () => {
    for (const [method, url] of SESSION_ROUTES) {
      const r = await app.inject({ method, url, payload: {} });
      expect([method, url, r.statusCode, r.json()]).toEqual([method, url, 401, { error: { code: 'UNAUTHENTICATED', message: 'A Bearer token is required.' } }]);
      if (method === 'GET') continue; // a GET's body is never read
      const bad = await app.inject({ method, url, payload: '{bad', headers: { 'content-type': 'application/json' } });
      expect([method, url, bad.statusCode, bad.json()]).toEqual([method, url, 400, { error: { code: 'BAD_REQUEST', message: 'The body is not valid JSON.' } }]);
    }
  });

  it('answers 403 to an agent on every lead route, before the request is validated', async () => {
    for (const [method, url] of LEAD_ROUTES) {
      const r = await app.inject({ method, url, payload: {}, headers: { authorization: `Bearer ${agentToken}` } });
      expect([method, url, r.statusCode, r.json()]).toEqual([method, url, 403, { error: { code: 'FORBIDDEN', message: 'Leads and admins only.' } }]);
    }
  });

  it('serves the routes at their exact paths (no trailing-slash twins)', async () => {
    expect((await app.inject({ method: 'GET', url: '/v1/health' })).statusCode).toBe(200);
    for (const url of ['/v1/health/', '/v1/conflicts/', '/v1/admin/reference/']) {
      const r = await app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${agentToken}` } });
      expect([url, r.statusCode, r.json()]).toEqual([url, 404, { error: { code: 'NOT_FOUND', message: 'No such route.' } }]);
    }
  });

  it('refuses to start with a route that does not say who may call it', async () => {
    const bare = buildHubApp({ store, clock: () => now, log: false, tokenTtlMs: 60_000 });
    void bare.register(async (plugin) => {
      plugin.get('/oops', async () => ({}));
    }, { prefix: '/v1' });
    await expect(bare.ready()).rejects.toThrow(/no config\.access/);
    await bare.close().catch(() => undefined);
  });

  it('a public route that reads req.session fails loudly (500), never runs as nobody', async () => {
    const leaky = buildHubApp({ store, clock: () => now, log: false, tokenTtlMs: 60_000 });
    leaky.get('/v1/leaky', { config: { access: 'public' } }, async (req) => ({ user: req.session.userId }));
    const r = await leaky.inject({ method: 'GET', url: '/v1/leaky', headers: { authorization: `Bearer ${agentToken}` } });
    expect([r.statusCode, r.json()]).toEqual([500, { error: { code: 'INTERNAL', message: 'The hub failed; retry later.' } }]);
    await leaky.close();
  });
});
