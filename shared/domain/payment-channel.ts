/**
 * How a payment reached the creditor (还款渠道) and its transaction number (交易流水号), so a lead
 * can reconcile an agent's record with the creditor's statement. The desk checks the number as
 * the agent types and before it stores; the hub checks it again (it never trusts a desk).
 *
 *   rule id                 field   params
 *   payment.txnInvalid      txnNo   min, max
 *   payment.txnDuplicate    txnNo   txnNo
 *
 * A transaction number is what the bank or app prints: digits and Latin letters, sometimes with
 * '-' or '_', 6 to 40 characters. Spaces around it are dropped; anything else (CJK, spaces
 * inside, punctuation, invisible characters) is refused, so the same number is never stored two
 * ways. The same number twice on one case is refused: it is one payment recorded twice (a
 * rejected claim does not count, so a corrected entry can reuse it).
 */
import { z } from 'zod';
import type { RuleViolation } from './outcome-rules';

export const PaymentChannel = z.enum(['bank_transfer', 'direct_debit', 'counter', 'creditor_app', 'other']);
export type PaymentChannel = z.infer<typeof PaymentChannel>;

export const TXN_MIN = 6;
export const TXN_MAX = 40;
const TXN_CHARS = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;

/** The number as stored: trimmed; empty is none. */
export function normalizeTxnNo(raw: string | null | undefined): string | null {
  if (raw === null || raw === undefined) return null;
  const t = raw.trim();
  return t === '' ? null : t;
}

/** The first thing wrong with a (normalized) transaction number, or null; none is allowed. */
export function checkTxnNo(txnNo: string | null): RuleViolation | null {
  if (txnNo === null) return null;
  if (txnNo.length < TXN_MIN || txnNo.length > TXN_MAX || !TXN_CHARS.test(txnNo)) {
    return { field: 'txnNo', rule: 'payment.txnInvalid', params: { min: TXN_MIN, max: TXN_MAX } };
  }
  return null;
}

export const txnDuplicate = (txnNo: string): RuleViolation => ({ field: 'txnNo', rule: 'payment.txnDuplicate', params: { txnNo } });
