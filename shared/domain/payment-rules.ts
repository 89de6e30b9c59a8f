/**
 * The rules an agent-recorded payment (还款) must satisfy, and what it does to its case. The desk
 * checks them to answer the agent; the hub checks them again against its own balance. Rule ids are
 * i18n keys (`rules.<id>`), in the order the desk reports them:
 *
 *   rule id                      field      params
 *   payment.amountPositive       amountFen
 *   payment.amountAboveBalance   amountFen  balance (formatted), balanceFen
 *   payment.caseClosed           caseId     status
 *   payment.dateInvalid          paidDate
 *   payment.dateInFuture         paidDate
 *   payment.dateTooOld           paidDate   earliest
 *
 * A payment above the balance would be an overpayment the creditor reports, not one the agent
 * records, so it is refused like a zero or negative one. A closed or paid case takes no more
 * payments (a recall closes the case). A payment dated before the case was entrusted is the
 * creditor's, already in the balance it sent; one more than PAYMENT_MAX_AGE_DAYS old is a typo.
 */
import { addDays, isValidLocalDate } from './dates';
import type { LocalDate } from './enums';
import { formatFen } from './money';
import type { RuleViolation } from './outcome-rules';

export const PAYMENT_MAX_AGE_DAYS = 366;
/** A case in these takes no more payments or promises. */
export const CLOSED_STATUSES: readonly string[] = ['closed', 'paid'];

export interface PaymentDraft {
  amountFen: number;
  paidDate: LocalDate;
}
export interface PaymentCase {
  balanceFen: number;
  status: string;
  entrustDate: LocalDate | null;
}

/** Every violation, in the order above; `today` is the recording day in the team's zone. */
export function checkPayment(p: PaymentDraft, c: PaymentCase, today: LocalDate): RuleViolation[] {
  const out: RuleViolation[] = [];
  if (!(p.amountFen > 0)) out.push({ field: 'amountFen', rule: 'payment.amountPositive' });
  else if (p.amountFen > c.balanceFen) {
    out.push({ field: 'amountFen', rule: 'payment.amountAboveBalance', params: { balance: formatFen(c.balanceFen), balanceFen: c.balanceFen } });
  }
  if (CLOSED_STATUSES.includes(c.status)) out.push({ field: 'caseId', rule: 'payment.caseClosed', params: { status: c.status } });
  if (!isValidLocalDate(p.paidDate)) out.push({ field: 'paidDate', rule: 'payment.dateInvalid' });
  else if (p.paidDate > today) out.push({ field: 'paidDate', rule: 'payment.dateInFuture' });
  else {
    const oldest = addDays(today, -PAYMENT_MAX_AGE_DAYS);
    const earliest = c.entrustDate !== null && isValidLocalDate(c.entrustDate) && c.entrustDate > oldest ? c.entrustDate : oldest;
    if (p.paidDate < earliest) out.push({ field: 'paidDate', rule: 'payment.dateTooOld', params: { earliest } });
  }
  return out;
}

export interface PaymentBalances {
  balanceFen: number;
  overdueFen: number;
  minDueFen: number;
  lastPaymentDate: LocalDate | null;
  lastPaymentFen: number | null;
  status: string;
}

/**
 * A checked payment lowers balance, overdue amount and minimum due (none below zero); the latest
 * payment by date is the case's last one; a zero balance makes the case paid, except on hold
 * (a dispute is a lead's to clear). Promise states follow separately (evaluateCasePromises).
 */
export function paymentEffects(c: PaymentBalances, p: PaymentDraft): PaymentBalances {
  const balanceFen = Math.max(0, c.balanceFen - p.amountFen);
  const newer = c.lastPaymentDate === null || p.paidDate >= c.lastPaymentDate;
  return {
    balanceFen,
    overdueFen: Math.max(0, c.overdueFen - p.amountFen),
    minDueFen: Math.max(0, c.minDueFen - p.amountFen),
    lastPaymentDate: newer ? p.paidDate : c.lastPaymentDate,
    lastPaymentFen: newer ? p.amountFen : c.lastPaymentFen,
    status: balanceFen === 0 && c.status !== 'hold' ? 'paid' : c.status,
  };
}
