import type { targetRoutes } from '../../../shared/contract/targets';
import type { DeskRuntime, Handlers } from '../runtime';
import { listTargets, saveTargets } from './targets';

export const targetHandlers = (rt: DeskRuntime): Handlers<keyof typeof targetRoutes> => ({
  'targets.list': () => listTargets(rt),
  'targets.save': (i) => saveTargets(rt, i),
});
