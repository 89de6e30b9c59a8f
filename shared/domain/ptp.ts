import type { LocalDate, PromiseState } from './enums';

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

/**
 * The PTP state machine (pending -> kept | partial | broken; cancelled by a newer promise).
 * kept: paid in full by due date + grace; partial: something but not all by then;
 * broken: nothing by then. Terminal states never change. Returns the new state and paid sum.
 */
export function evaluatePromise(
  promise: PromiseFacts,
  payments: readonly PaymentFact[],
  today: LocalDate,
  graceDays: number,
): { state: PromiseState; paidFen: number } {
  throw new Error('not implemented');
}

export function canTransition(from: PromiseState, to: PromiseState): boolean {
  throw new Error('not implemented');
}
