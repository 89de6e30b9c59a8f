import type { leadRoutes } from '../../../shared/contract/lead';
import type { DeskRuntime, Handlers } from '../runtime';
import { clearHold, setCaseTimeZone } from './case-rules';
import { leadConflicts } from './conflicts';
import { leadAgents, leadAssign, leadAssignPreview, leadCases } from './lead';
import { resolveConflict } from './resolve-conflict';

/** Lead-only routes: the invoke pipeline has checked the role (contract access 'lead'). */
export const leadHandlers = (rt: DeskRuntime): Handlers<keyof typeof leadRoutes> => ({
  'lead.agents': () => leadAgents(rt.core.ctx),
  'lead.cases': (i) => leadCases(rt.core.ctx, i, rt.core.today()),
  'lead.assignPreview': (i) => leadAssignPreview(rt.core.ctx, i),
  'lead.assign': (i) => leadAssign(rt.core.ctx, i),
  'lead.conflicts': () => {
    const items = leadConflicts(rt.core.ctx);
    return { items, open: items.filter((c) => !c.resolvedAt).length };
  },
  'lead.resolveConflict': (i) => resolveConflict(rt, i),
  'lead.clearHold': (i) => clearHold(rt.core.ctx, i, rt.core.today()),
  'lead.setCaseTimeZone': (i) => setCaseTimeZone(rt.core.ctx, i),
});
