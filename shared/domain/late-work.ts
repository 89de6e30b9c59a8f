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
import { Fen, Instant, LocalDate, PromiseState } from './enums';
import { checkPromiseTerms, type RuleViolation } from './outcome-rules';
import { CLOSED_STATUSES } from './payment-rules';

/** Conflict kinds (`conflicts.kind.<kind>` on the renderer). */
export const CONFLICT_KINDS = ['promise.transition', 'latePromise', 'latePayment', 'lateTransition', 'contactViolation'] as const;
export type ConflictKind = (typeof CONFLICT_KINDS)[number];

/**
 * The kinds whose work a lead may accept or discard: a former holder's promise or payment
 * (applied as their record), and a promise state change the hub refused (applied when the hub's
 * own payments support it, restoring a replaced promise).
 */
export const DECIDABLE_KINDS: readonly string[] = ['latePromise', 'latePayment', 'lateTransition', 'promise.transition'] satisfies ConflictKind[];
/** A lead's decision, kept in conflicts.decision (null: a note only, nothing applied). */
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

/** A promise state change the hub refused (kinds `promise.transition` and `lateTransition`). */
export const TransitionDetail = z.object({
  promiseId: DeviceRowId,
  from: PromiseState,
  to: PromiseState,
  hubState: PromiseState.nullable().optional(),
  agentId: HubId.optional(),
  at: Instant.optional(),
});
export type TransitionDetail = z.infer<typeof TransitionDetail>;

/**
 * A promise state change a lead accepts, against the hub as it is now. `hubState` is the
 * promise's state on the hub (null: the hub has no such promise); `derived` is what the hub's own
 * payments make of the promise when it is taken as pending again (shared/domain/ptp
 * evaluatePromise, with the team's grace days and the team's today). The change is applied only
 * to a closed outcome (kept / partial / broken) that those payments give: a lead restores a
 * promise the hub cancelled or closed otherwise, never invents a payment. Empty: apply it.
 */
export function checkAcceptedTransition(
  wanted: PromiseState,
  hubState: PromiseState | null,
  derived: { state: PromiseState; paidFen: number },
  c: { status: string },
): RuleViolation[] {
  if (hubState === null) return [{ field: 'promiseId', rule: 'ptp.promiseMissing' }];
  if (CLOSED_STATUSES.includes(c.status)) return [{ field: 'caseId', rule: 'ptp.caseClosed', params: { status: c.status } }];
  if (wanted === 'pending' || wanted === 'cancelled') return [{ field: 'to', rule: 'ptp.stateNotRestorable', params: { wanted, hub: hubState } }];
  if (derived.state !== wanted) return [{ field: 'to', rule: 'ptp.paymentsDisagree', params: { wanted, derived: derived.state, paidFen: derived.paidFen } }];
  return [];
}

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
