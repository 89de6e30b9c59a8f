import type { queueRoutes } from '../../../shared/contract/queue';
import type { DeskRuntime, Handlers } from '../runtime';
import { agentIdOf } from '../session';
import { listQueue } from './queue';
import { todayFigures } from './today';

export const queueHandlers = (rt: DeskRuntime): Handlers<keyof typeof queueRoutes> => ({
  'queue.list': (i) => listQueue(rt.core.ctx, agentIdOf(rt), i, rt.core.today()),
  'queue.today': () => todayFigures(rt.core.ctx, agentIdOf(rt), rt.core.today()),
});
