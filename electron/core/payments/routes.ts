import type { paymentRoutes } from '../../../shared/contract/payments';
import type { DeskRuntime, Handlers } from '../runtime';
import { recordPayment } from './payments';

export const paymentHandlers = (rt: DeskRuntime): Handlers<keyof typeof paymentRoutes> => ({
  'payment.record': (i) => recordPayment(rt.core.ctx, i, rt.core.today()),
});
