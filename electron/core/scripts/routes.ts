import type { scriptRoutes } from '../../../shared/contract/script';
import type { DeskRuntime, Handlers } from '../runtime';
import { scriptForCase } from './scripts';

export const scriptHandlers = (rt: DeskRuntime): Handlers<keyof typeof scriptRoutes> => ({
  'script.forCase': (i) => scriptForCase(rt.core.ctx, rt.core.scripts, i.caseId, i.locale, rt.core.today()),
});
