import type { contactRoutes } from '../../../shared/contract/contact';
import { loadCaseFor } from '../cases/case-get';
import type { DeskRuntime, Handlers } from '../runtime';
import { checkCall, phoneOfCase } from './check';
import { contactViolations } from './violations';
import { createOverride } from './override';
import { agentIdOf } from '../session';

export const contactHandlers = (rt: DeskRuntime): Handlers<keyof typeof contactRoutes> => ({
  'contact.check': ({ caseId, phoneId }) => {
    const ctx = rt.core.ctx;
    const c = loadCaseFor(ctx, caseId);
    const { overrideId: _used, ...out } = checkCall(ctx, c, phoneOfCase(ctx, c, phoneId));
    return out;
  },
  'contact.violations': () => contactViolations(rt.core.ctx),
  'contact.override': ({ caseId, phoneId, reason }) => {
    const ctx = rt.core.ctx;
    const c = loadCaseFor(ctx, caseId);
    return createOverride(ctx, agentIdOf(rt), c, phoneOfCase(ctx, c, phoneId), reason);
  },
});
