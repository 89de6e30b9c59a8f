import type { dashboardRoutes } from '../../../shared/contract/dashboard';
import { requireAgent } from '../context';
import type { DeskRuntime, Handlers } from '../runtime';
import { dashboardXlsx } from './export-xlsx';
import { myProgress } from './my-progress';
import { dashboardQuery } from './query';

export const dashboardHandlers = (rt: DeskRuntime): Handlers<keyof typeof dashboardRoutes> => ({
  'dashboard.get': (i) => dashboardQuery(rt.core.ctx, i, rt.core.today()),
  'dashboard.exportXlsx': async (i) => dashboardXlsx(dashboardQuery(rt.core.ctx, i, rt.core.today()), i.locale),
  'dashboard.myProgress': () => myProgress(rt.core.ctx, requireAgent(rt.core.ctx).agentId, rt.core.today()),
});
