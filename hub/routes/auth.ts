/**
 * Logging in and out:
 *
 *   POST /v1/auth/login                  LoginRequest -> LoginResponse (401 bad credentials, 403 disabled
 *                                        or the device is another user's)
 *   POST /v1/auth/logout                 revokes the caller's token -> {ok}
 */
import type { FastifyPluginAsync } from 'fastify';
import { LoginRequest, type LoginResponse } from '../../shared/sync';
import { login, revokeToken } from '../auth';
import { deviceProgress } from '../devices';
import { parse } from './parse';

export interface AuthRoutesOptions {
  tokenTtlMs: number;
}

export const authRoutes: FastifyPluginAsync<AuthRoutesOptions> = async (app, { tokenTtlMs }) => {
  app.post('/login', { config: { access: 'public' } }, async (req): Promise<LoginResponse> => {
    const body = parse(LoginRequest, req.body);
    const r = await login(app.store, body, app.clock(), tokenTtlMs);
    const { deviceId } = body;
    if (deviceId) await app.store.read((q) => deviceProgress(q, deviceId, Number(r.user.id)));
    req.log.info({ userId: Number(r.user.id) }, 'login');
    return {
      token: r.token, expiresAt: r.expiresAt, role: r.user.role, agentId: String(r.user.id), displayName: r.user.display_name,
      agentNo: r.user.agent_no, teamId: r.user.team_id === null ? null : String(r.user.team_id),
    };
  });

  app.post('/logout', { config: { access: 'session' } }, async (req) => {
    await app.store.write((q) => revokeToken(q, req.session.tokenHash, app.clock()));
    return { ok: true };
  });
};
