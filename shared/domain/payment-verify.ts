/**
 * Verification of a payment (核实). A payment the debtor claims (outcome 2 已还款/声称已还, entered
 * as a claimed payment) is `unverified` (待核实) until a lead of the team confirms it — or a
 * creditor feed or 代扣 reports it, which is verified by nature — or rejects it.
 *
 * Decision (desk, hub and KPIs alike): only a `verified` payment counts. An unverified or
 * rejected one does not lower the balance, does not count as recovered (回款) and does not keep
 * a promise; it is history, shown as 待核实 / 已驳回. Confirming applies it then, as any payment
 * (balance, last payment, status, promise states); rejecting changes nothing else.
 *
 *   rule id                     field       params
 *   payment.notUnverified       paymentId   verification
 *   payment.rejectReason        reason
 */
import { z } from 'zod';
import type { RuleViolation } from './outcome-rules';

export const PaymentVerification = z.enum(['verified', 'unverified', 'rejected']);
export type PaymentVerification = z.infer<typeof PaymentVerification>;

export const VerifyDecision = z.enum(['confirm', 'reject']);
export type VerifyDecision = z.infer<typeof VerifyDecision>;

/** Whether a payment counts toward balance, recovery and promises. */
export const paymentCounts = (v: PaymentVerification | undefined | null): boolean => v === undefined || v === null || v === 'verified';

/** SQL condition for a counted payment (alias `p` unless given), the same on the desk and the hub. */
export const countedSql = (alias = 'p'): string => `${alias}.verification = 'verified'`;

/** The verification a new payment starts in. */
export const initialVerification = (source: 'agent' | 'creditor' | 'auto_debit', claimed: boolean): PaymentVerification =>
  source === 'agent' && claimed ? 'unverified' : 'verified';

/** What is wrong with a lead's decision on a payment, or null. A rejection says why. */
export function checkVerify(current: PaymentVerification, decision: VerifyDecision, reason: string | null): RuleViolation | null {
  if (current !== 'unverified') return { field: 'paymentId', rule: 'payment.notUnverified', params: { verification: current } };
  if (decision === 'reject' && (reason === null || reason.trim().length < 2)) return { field: 'reason', rule: 'payment.rejectReason' };
  return null;
}

export const verificationAfter = (d: VerifyDecision): PaymentVerification => (d === 'confirm' ? 'verified' : 'rejected');
