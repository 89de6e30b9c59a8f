import type { privacyRoutes } from '../../../shared/contract/privacy';
import { requireAgent } from '../context';
import type { DeskRuntime, Handlers } from '../runtime';
import { syncState } from '../sync/connection';
import { logout } from '../auth/auth';
import { lockScreen, unlockScreen } from './lock';
import { myReveals } from './reveals';

export const privacyHandlers = (rt: DeskRuntime): Handlers<keyof typeof privacyRoutes> => ({
  'privacy.myReveals': (i) => ({ items: myReveals(rt.core.ctx, requireAgent(rt.core.ctx).agentId, i.limit) }),
  'privacy.lock': () => lockScreen(rt.core.ctx),
  'privacy.unlock': (i) => {
    const ctx = rt.core.ctx;
    const { agentId } = requireAgent(ctx);
    // A hub user's password lives on the hub; this desk keeps the verifier of their last online login.
    const verifier = rt.core.hub
      ? syncState(rt).offline_verifier
      : (ctx.prep<{ password_hash: string }>('SELECT password_hash FROM agents WHERE id = ?').get(agentId)?.password_hash ?? null);
    return unlockScreen(ctx, i.password, verifier, () => logout(ctx));
  },
  'privacy.lockState': () => ({ locked: rt.core.ctx.session.locked === true, idleMinutes: rt.core.ctx.settings().screenLockMinutes }),
});
