/**
 * The screen lock: after the team's idle minutes the renderer locks the desk; the core then
 * refuses every route but unlocking (electron/core/invoke.ts), so a locked screen cannot be
 * worked around from the renderer. The password is checked on this desk, offline too.
 */
import type { RouteOutput } from '../../../shared/contract';
import { appendAudit } from '../audit/audit';
import { verifyPassword } from '../auth/password';
import { requireAgent, type Ctx } from '../context';
import { DeskFailure } from '../errors';

/** Routes a locked desk still answers: the lock itself, the session and settings the lock screen shows. */
export const OPEN_WHILE_LOCKED: ReadonlySet<string> = new Set(['privacy.unlock', 'privacy.lock', 'privacy.lockState', 'auth.logout', 'auth.session', 'settings.get']);

/** After this many wrong passwords in a row the session ends (the agent logs in again). */
export const MAX_UNLOCK_FAILURES = 5;

export function lockScreen(ctx: Ctx): RouteOutput<'privacy.lock'> {
  const { agentId } = requireAgent(ctx);
  if (!ctx.session.locked) {
    ctx.session.locked = true;
    unlockFailures.set(ctx, 0);
    ctx.db.transaction(() => appendAudit(ctx, { action: 'screen.lock', agentId, entity: 'agent', entityId: agentId }))();
  }
  return { ok: true };
}

const unlockFailures = new WeakMap<Ctx, number>();

/**
 * `verifier`: the stored password hash this session logged in with (a local agent's own, or a
 * hub user's offline verifier).
 */
export async function unlockScreen(ctx: Ctx, password: string, verifier: string | null, logout: () => void): Promise<RouteOutput<'privacy.unlock'>> {
  const { agentId } = requireAgent(ctx);
  if (!ctx.session.locked) return { ok: true };
  if (await verifyPassword(password, verifier)) {
    ctx.session.locked = false;
    unlockFailures.set(ctx, 0);
    ctx.db.transaction(() => appendAudit(ctx, { action: 'screen.unlock', agentId, entity: 'agent', entityId: agentId }))();
    return { ok: true };
  }
  const failures = (unlockFailures.get(ctx) ?? 0) + 1;
  unlockFailures.set(ctx, failures);
  ctx.db.transaction(() => appendAudit(ctx, { action: 'screen.unlock_failed', agentId, entity: 'agent', entityId: agentId, detail: { failures } }))();
  if (failures >= MAX_UNLOCK_FAILURES) {
    ctx.session.locked = false;
    logout();
    throw new DeskFailure('UNAUTHENTICATED', 'Too many wrong passwords: log in again.');
  }
  throw new DeskFailure('BAD_CREDENTIALS', 'Wrong password.', { rule: 'screen.badPassword', field: 'password' });
}
