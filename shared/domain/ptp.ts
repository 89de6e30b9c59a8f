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
  return promiseStateFor(promise, paidTowardPromise(promise, payments, graceDays), today, graceDays);
}

/** The state machine of `evaluatePromise` given the sum already counted toward the promise. */
export function promiseStateFor(promise: PromiseFacts, paidFen: number, today: LocalDate, graceDays: number): { state: PromiseState; paidFen: number } {
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
  /** Orders promises made on the same day (the later one replaced the earlier); absent sorts first. */
  createdAt?: string;
}

/**
 * Which promise each payment counts toward: exactly one, so one payment never shows as paid on
 * two promises (a replaced promise and its successor). A payment goes to the promise covering
 * its date (createdDate <= paidDate <= dueDate + grace) that was in force: the pending one first,
 * else the newest kept / partial / broken one, else the newest cancelled one (paid before it was
 * replaced). A pending promise therefore counts exactly what `paidTowardPromise` counts, so
 * states do not depend on this choice; only the paid sums shown on closed promises do.
 * Returns the paid sum per promise id (0 for a promise with nothing). Desk, hub and every
 * screen show these sums.
 */
export function allocatePayments(promises: readonly CasePromise[], payments: readonly PaymentFact[], graceDays: number): Map<string, number> {
  const order = (p: CasePromise): number => (p.state === 'pending' ? 2 : p.state === 'cancelled' ? 0 : 1);
  const newest = (a: CasePromise, b: CasePromise): number =>
    order(b) - order(a) ||
    (a.createdDate < b.createdDate ? 1 : a.createdDate > b.createdDate ? -1 : 0) ||
    ((a.createdAt ?? '') < (b.createdAt ?? '') ? 1 : (a.createdAt ?? '') > (b.createdAt ?? '') ? -1 : 0) ||
    (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
  const ranked = [...promises].sort(newest);
  const paid = new Map<string, number>(promises.map((p) => [p.id, 0]));
  for (const pay of payments) {
    if (pay.amountFen <= 0) continue;
    const covering = ranked.filter((p) => pay.paidDate >= p.createdDate && pay.paidDate <= promiseDeadline(p.dueDate, graceDays));
    // A case has one pending promise; were there two, each counts the payment as before.
    const pending = covering.filter((p) => p.state === 'pending');
    for (const to of pending.length > 0 ? pending : covering.slice(0, 1)) paid.set(to.id, (paid.get(to.id) ?? 0) + pay.amountFen);
  }
  return paid;
}
export interface PromiseChange {
  id: string;
  from: PromiseState;
  to: PromiseState;
  paidFen: number;
}

/**
 * Every promise of one case evaluated against the case's payments, each payment counted toward
 * one promise only (`allocatePayments`): the promises whose state or
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
  const paid = allocatePayments(promises, payments, graceDays);
  for (const p of promises) {
    const r = promiseStateFor(p, paid.get(p.id) ?? 0, today, graceDays);
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
