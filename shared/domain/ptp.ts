import type { LocalDate, PromiseState } from './enums';
import { addDays } from './dates';

export interface PromiseFacts {
  amountFen: number;
  dueDate: LocalDate;
  createdDate: LocalDate; // payments on or after this date count toward the promise
  state: PromiseState;
}
export interface PaymentFact {
  amountFen: number;
  paidDate: LocalDate;
}

/** States a promise never leaves. */
export const TERMINAL_PROMISE_STATES: readonly PromiseState[] = ['kept', 'partial', 'broken', 'cancelled'];

/** The last day a payment still counts: dueDate + graceDays. */
export function promiseDeadline(dueDate: LocalDate, graceDays: number): LocalDate {
  return addDays(dueDate, Math.max(0, Math.floor(graceDays)));
}

/** Sum of the payments that count: createdDate <= paidDate <= dueDate + grace (string compare is date order). */
export function paidTowardPromise(promise: Pick<PromiseFacts, 'createdDate' | 'dueDate'>, payments: readonly PaymentFact[], graceDays: number): number {
  const last = promiseDeadline(promise.dueDate, graceDays);
  let paid = 0;
  for (const p of payments) {
    if (p.paidDate >= promise.createdDate && p.paidDate <= last && p.amountFen > 0) paid += p.amountFen;
  }
  return paid;
}

/**
 * The PTP state machine (pending -> kept | partial | broken; cancelled by a newer promise).
 * - Payments count when createdDate <= paidDate <= dueDate + grace.
 * - kept as soon as the counted payments reach the amount, even before the due date.
 * - From the day after dueDate + grace (today > deadline): broken when nothing was paid,
 *   partial when something but not all was paid.
 * - Otherwise it stays pending.
 * Terminal states (kept, partial, broken, cancelled) never change; their paidFen is still the
 * counted sum, for display. Returns the new state and the paid sum.
 */
export function evaluatePromise(
  promise: PromiseFacts,
  payments: readonly PaymentFact[],
  today: LocalDate,
  graceDays: number,
): { state: PromiseState; paidFen: number } {
  const paidFen = paidTowardPromise(promise, payments, graceDays);
  if (promise.state !== 'pending') return { state: promise.state, paidFen };
  if (paidFen >= promise.amountFen) return { state: 'kept', paidFen };
  if (today > promiseDeadline(promise.dueDate, graceDays)) {
    return { state: paidFen === 0 ? 'broken' : 'partial', paidFen };
  }
  return { state: 'pending', paidFen };
}

/**
 * Allowed transitions: only out of pending, into kept / partial / broken / cancelled.
 * Staying in the same state is not a transition (false). Used to validate synced changes too.
 */
export function canTransition(from: PromiseState, to: PromiseState): boolean {
  return from === 'pending' && to !== 'pending';
}
