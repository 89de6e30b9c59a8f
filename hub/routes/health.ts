/**
 * Health, for probes and the desk's "test connection":
 *
 *   GET  /v1/health                      {ok, version, store, time}
 */
import type { FastifyPluginAsync } from 'fastify';
import pkg from '../../package.json';

export const HUB_VERSION: string = pkg.version;

export const healthRoutes: FastifyPluginAsync = async (app) => {
  app.get('/health', { config: { access: 'public' } }, async () => ({ ok: true, version: HUB_VERSION, store: app.store.kind, time: app.clock().toISOString() }));
};
