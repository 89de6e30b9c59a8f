import type { caseRoutes } from '../../../shared/contract/cases';
import type { DeskRuntime, Handlers } from '../runtime';
import { getCase, revealField } from './case-get';
import { setPreferredPhone } from './preferred-phone';

export const caseHandlers = (rt: DeskRuntime): Handlers<keyof typeof caseRoutes> => ({
  'case.get': (i) => getCase(rt.core.ctx, i.caseId, rt.core.today()),
  'case.reveal': (i) => revealField(rt.core.ctx, i),
  'case.setPreferredPhone': (i) => setPreferredPhone(rt.core.ctx, i),
});
