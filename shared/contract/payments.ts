import { z } from 'zod';
import { Fen, Id, Instant, LocalDate } from '../domain/enums';
import { PaymentChannel } from '../domain/payment-channel';
import { PaymentVerification, VerifyDecision } from '../domain/payment-verify';
import { PromiseView } from './cases';
import { Empty, route } from './route';

/** A payment waiting for a lead (待核实), as the lead console lists it. */
export const PendingPayment = z.object({
  paymentId: z.string(),
  caseId: Id,
  debtorName: z.string(),
  accountMasked: z.string(),
  amountFen: Fen,
  paidDate: LocalDate,
  channel: PaymentChannel.nullable(),
  txnNo: z.string().nullable(),
  recordedBy: z.string().nullable(),
  createdAt: Instant,
  balanceFen: Fen,
});
export type PendingPayment = z.infer<typeof PendingPayment>;

export const paymentRoutes = {
  /**
   * An agent-recorded payment with its channel and transaction number (issue 9). A claimed one
   * (the debtor says they paid: 待核实) is stored and waits for a lead; any other counts at once
   * and promise states are re-evaluated.
   */
  'payment.record': route({
    access: 'agent',
    input: z.object({
      caseId: Id,
      amountFen: Fen,
      paidDate: LocalDate,
      channel: PaymentChannel.nullable().default(null),
      txnNo: z.string().max(64).nullable().default(null),
      claimed: z.boolean().default(false),
    }),
    output: z.object({ paymentId: Id, verification: PaymentVerification, promises: z.array(PromiseView) }),
  }),
  /** The team's claimed payments still waiting for a lead, oldest first. */
  'payment.pending': route({
    access: 'lead',
    input: Empty,
    output: z.object({ items: z.array(PendingPayment) }),
  }),
  /** A lead confirms (it counts from now on) or rejects (with a reason) a claimed payment; sent to the hub, which checks it again. */
  'payment.verify': route({
    access: 'lead',
    input: z.object({ paymentId: z.string().min(1).max(64), decision: VerifyDecision, reason: z.string().trim().max(500).nullable().default(null) }),
    output: z.object({ verification: PaymentVerification }),
  }),
};
