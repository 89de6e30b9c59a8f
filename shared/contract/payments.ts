import { z } from 'zod';
import { Fen, Id, LocalDate } from '../domain/enums';
import { PromiseView } from './cases';
import { route } from './route';

export const paymentRoutes = {
  /** An agent-recorded payment; promise states are re-evaluated at once. */
  'payment.record': route({
    access: 'agent',
    input: z.object({ caseId: Id, amountFen: Fen, paidDate: LocalDate }),
    output: z.object({ paymentId: Id, promises: z.array(PromiseView) }),
  }),
};
