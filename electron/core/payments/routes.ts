import type { paymentRoutes } from '../../../shared/contract/payments';
import type { DeskRuntime, Handlers } from '../runtime';
import { agentIdOf } from '../session';
import { recordPayment } from './payments';
import { pendingPayments, verifyPayment } from './verify';

export const paymentHandlers = (rt: DeskRuntime): Handlers<keyof typeof paymentRoutes> => ({
  'payment.record': (i) => recordPayment(rt.core.ctx, i, rt.core.today()),
  'payment.pending': () => pendingPayments(rt.core.ctx),
  'payment.verify': (i) => verifyPayment(rt.core.ctx, agentIdOf(rt), i, rt.core.today()),
});
