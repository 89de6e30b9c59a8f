import type { phoneRoutes } from '../../../shared/contract/phones';
import type { DeskRuntime, Handlers } from '../runtime';
import { addPhone } from './add';
import { markPhone } from './mark';

export const phoneHandlers = (rt: DeskRuntime): Handlers<keyof typeof phoneRoutes> => ({
  'phone.add': (i) => addPhone(rt.core.ctx, i, rt.core.hub),
  'phone.mark': (i) => markPhone(rt.core.ctx, i),
});
