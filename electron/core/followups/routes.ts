import type { followupRoutes } from '../../../shared/contract/followups';
import type { DeskRuntime, Handlers } from '../runtime';
import { agentIdOf } from '../session';
import { followUpNext } from './followups';

export const followupHandlers = (rt: DeskRuntime): Handlers<keyof typeof followupRoutes> => ({
  'followup.next': () => followUpNext(rt.core.ctx, agentIdOf(rt)),
});
