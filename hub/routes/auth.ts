/**
 * Logging in and out:
 *
 *   POST /v1/auth/login                  LoginRequest -> LoginResponse (401 wrong name or password, or a
 *                                        disabled account: the same answer; 403 the device is another
 *                                        user's; 429 throttled after repeated failures, Retry-After)
 *   POST /v1/auth/logout                 revokes the caller's token -> {ok}
 */
import type { FastifyPluginAsync } from 'fastify';
import { LoginRequest, type LoginResponse } from '../../shared/sync';
import { login, LoginRefused, revokeToken } from '../auth';
import { HubFailure } from '../errors';
import { LoginThrottle, type LoginThrottleOptions } from '../login-throttle';
import { deviceProgress } from '../devices';
import { parse } from './parse';

export interface AuthRoutesOptions {
  tokenTtlMs: number;
  loginThrottle?: Partial<LoginThrottleOptions> | undefined;
}

export const authRoutes: FastifyPluginAsync<AuthRoutesOptions> = async (app, { tokenTtlMs, loginThrottle }) => {
  const throttle = new LoginThrottle(loginThrottle);
  app.post('/login', { config: { access: 'public' } }, async (req, reply): Promise<LoginResponse> => {
    const body = parse(LoginRequest, req.body);
    const now = app.clock();
    const wait = throttle.retryAfterMs(body.username, req.ip, now.getTime());
    if (wait > 0) {
      const retryAfterSec = Math.ceil(wait / 1000);
      req.log.warn({ username: body.username, ip: req.ip, retryAfterSec }, 'login throttled');
      void reply.header('retry-after', String(retryAfterSec));
      throw new HubFailure('TOO_MANY_ATTEMPTS', `Too many failed logins; try again in ${retryAfterSec} s.`, { retryAfterSec });
    }
    let r;
    try {
      r = await login(app.store, body, now, tokenTtlMs);
    } catch (err) {
      if (err instanceof LoginRefused) {
        throttle.failed(body.username, req.ip, now.getTime());
        // The user name, never the password.
        req.log.warn({ username: body.username, ip: req.ip, reason: err.reason }, 'login failed');
      }
      throw err;
    }
    throttle.succeeded(body.username);
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
