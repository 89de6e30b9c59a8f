import type { referenceRoutes } from '../../../shared/contract/reference';
import type { DeskRuntime, Handlers } from '../runtime';

export const referenceHandlers = (rt: DeskRuntime): Handlers<keyof typeof referenceRoutes> => ({
  'reference.get': () => ({ outcomeCodes: rt.core.codes.all() }),
});
