import { DeskFailure } from './errors';
import type { DeskRuntime } from './runtime';

/** The logged-in agent's id (the invoke pipeline has checked there is one for non-public routes). */
export function agentIdOf(rt: DeskRuntime): number {
  const id = rt.core.ctx.session.agentId;
  if (id === null) throw new DeskFailure('UNAUTHENTICATED', 'Log in first.');
  return id;
}
