import type { authRoutes } from '../../../shared/contract/auth';
import type { DeskRuntime, Handlers } from '../runtime';
import { syncState } from '../sync/connection';
import { hubLogin } from '../sync/login';
import { login, logout, session } from './auth';

export const authHandlers = (rt: DeskRuntime): Handlers<keyof typeof authRoutes> => ({
  'auth.login': async (i) => {
    // A hub user's desk logs in against the hub (or offline against the kept verifier).
    const url = rt.core.hub ? (syncState(rt).hub_url ?? rt.profile.hubUrl) : null;
    if (!url) return login(rt.core.ctx, i);
    return { agent: await hubLogin(rt, url, i.username, i.password, true) };
  },
  'auth.logout': () => logout(rt.core.ctx),
  'auth.session': () => session(rt.core.ctx),
});
