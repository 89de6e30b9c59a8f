/**
 * Late work: what an agent hands in on a case after it was reassigned away from them (an offline
 * desk may not know yet). Their call records are history; their promises, payments and promise
 * state changes never touch the current holder's work or the balance. They become conflicts the
 * team's leads accept or discard; an accepted one is checked again against the case as it is
 * then. The conflict details are the hub's record (JSON) and are parsed wherever they are read.
 */
import { PaymentChannel } from './payment-channel';
import { z } from 'zod';
import { DeviceId, DeviceRowId, HubId } from '../sync-ids';
import { Fen, Instant, LocalDate } from './enums';
import { checkPromiseTerms, type RuleViolation } from './outcome-rules';
import { CLOSED_STATUSES } from './payment-rules';

/** Conflict kinds (`conflicts.kind.<kind>` on the renderer). */
export const CONFLICT_KINDS = ['promise.transition', 'latePromise', 'latePayment', 'lateTransition', 'contactViolation'] as const;
export type ConflictKind = (typeof CONFLICT_KINDS)[number];

/** The kinds whose work a lead may accept (applied as the former holder's record) or discard. */
export const DECIDABLE_KINDS: readonly string[] = ['latePromise', 'latePayment'] satisfies ConflictKind[];
export const ConflictDecision = z.enum(['accept', 'discard']);
export type ConflictDecision = z.infer<typeof ConflictDecision>;

/** Who handed the late work in, from which device and mutation. */
const Origin = { agentId: HubId, at: Instant, deviceId: DeviceId, mutationId: z.number().int().positive() };

export const LatePromiseDetail = z.object({
  attemptId: DeviceRowId,
  outcomeCode: z.string().min(1).max(32),
  promise: z.object({ id: DeviceRowId, amountFen: Fen.positive(), dueDate: LocalDate, createdDate: LocalDate }),
  ...Origin,
});
export type LatePromiseDetail = z.infer<typeof LatePromiseDetail>;

export const LatePaymentDetail = z.object({
  paymentId: DeviceRowId,
  amountFen: Fen.positive(),
  paidDate: LocalDate,
  // issue 9: what the payment said besides (absent in older conflicts)
  channel: PaymentChannel.nullable().optional(),
  txnNo: z.string().max(64).nullable().optional(),
  claimed: z.boolean().optional(),
  ...Origin,
});
export type LatePaymentDetail = z.infer<typeof LatePaymentDetail>;

/**
 * A late promise a lead accepts, against the case as it is now: its terms from the day it was
 * made (amount positive and at most the current balance, due within the horizon), and a case
 * that still takes work.
 */
export function checkLatePromise(
  p: { amountFen: number; dueDate: LocalDate; createdDate: LocalDate },
  c: { balanceFen: number; status: string },
  ptpMaxDays: number,
): RuleViolation[] {
  const out = checkPromiseTerms(p, { balanceFen: c.balanceFen, today: p.createdDate, ptpMaxDays });
  if (CLOSED_STATUSES.includes(c.status)) out.push({ field: 'caseId', rule: 'ptp.caseClosed', params: { status: c.status } });
  return out;
}
