import type { followupRoutes } from '../../../shared/contract/followups';
import type { DeskRuntime, Handlers } from '../runtime';
import { agentIdOf } from '../session';
import { followUpDueList, followUpNext } from './followups';

export const followupHandlers = (rt: DeskRuntime): Handlers<keyof typeof followupRoutes> => ({
  'followup.next': () => followUpNext(rt.core.ctx, agentIdOf(rt)),
  'followup.dueList': () => followUpDueList(rt.core.ctx, agentIdOf(rt)),
});
