import type { distributionRoutes } from '../../../shared/contract/distribution';
import type { DeskRuntime, Handlers } from '../runtime';
import { applyLocal, options, planLocal, selectCount, setBucketsLocal } from './local';
import { applyOnHub, previewOnHub, setBucketsOnHub, teamHub } from './remote';

/** Lead-only routes (contract access 'lead'): local mode plans on this desk, team mode on the hub. */
export const distributionHandlers = (rt: DeskRuntime): Handlers<keyof typeof distributionRoutes> => ({
  'distribution.options': () => options(rt.core.ctx),
  'distribution.select': (i) => selectCount(rt.core.ctx, i.filter, rt.core.today()),
  'distribution.preview': async (i) => {
    const hub = teamHub(rt);
    return hub ? previewOnHub(rt, hub, i.operation) : planLocal(rt.core.ctx, i.operation, rt.core.today()).preview;
  },
  'distribution.apply': async (i) => {
    const hub = teamHub(rt);
    return hub ? applyOnHub(rt, hub, i.operation, i.token) : applyLocal(rt.core.ctx, i.operation, i.token, rt.core.today());
  },
  'distribution.setAgentBuckets': async (i) => {
    const hub = teamHub(rt);
    return { agentBuckets: hub ? await setBucketsOnHub(rt, hub, i.agentBuckets) : setBucketsLocal(rt.core.ctx, i.agentBuckets) };
  },
});
