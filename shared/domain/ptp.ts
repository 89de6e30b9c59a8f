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

/** Defaults of the team settings `ptpMaxDays` (the horizon) and `ptpGraceDays` (docs/domain.md, "Promises to pay"). */
export const DEFAULT_PTP_MAX_DAYS = 30;
export const DEFAULT_PTP_GRACE_DAYS = 1;

export interface CasePromise extends PromiseFacts {
  id: string;
  paidFen: number;
}
export interface PromiseChange {
  id: string;
  from: PromiseState;
  to: PromiseState;
  paidFen: number;
}

/**
 * Every promise of one case evaluated against the case's payments: the promises whose state or
 * paid sum changed (`to === from` when only the sum moved), how many became broken, and how many
 * are still pending afterwards. Desk and hub apply exactly this.
 */
export function evaluateCasePromises(
  promises: readonly CasePromise[],
  payments: readonly PaymentFact[],
  today: LocalDate,
  graceDays: number,
): { changes: PromiseChange[]; broken: number; moved: boolean; pendingLeft: number } {
  const changes: PromiseChange[] = [];
  let broken = 0;
  let pendingLeft = 0;
  for (const p of promises) {
    const r = evaluatePromise(p, payments, today, graceDays);
    if (r.state === 'pending') pendingLeft += 1;
    if (r.state === p.state && r.paidFen === p.paidFen) continue;
    changes.push({ id: p.id, from: p.state, to: r.state, paidFen: r.paidFen });
    if (r.state === 'broken' && p.state !== 'broken') broken += 1;
  }
  return { changes, broken, moved: changes.some((c) => c.from !== c.to), pendingLeft };
}

/**
 * A case's status once its promises changed: a `ptp` case with no pending promise left goes back
 * to `open`, or to `paid` when nothing is owed. Any other status (hold above all) stays.
 */
export function caseStatusAfterPromises(status: string, pendingLeft: number, balanceFen: number): string {
  if (status !== 'ptp' || pendingLeft > 0) return status;
  return balanceFen === 0 ? 'paid' : 'open';
}
