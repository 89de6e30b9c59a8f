/**
 * The queue's priority score (higher = earlier). Due follow-ups and due PTPs are not part of
 * the score: the queue always puts them first by due time. The score orders the rest.
 */
export interface PriorityInput {
  overdueAmountFen: number;
  dpd: number;
  brokenPromises: number;
  refusals: number; // past 拒绝还款 outcomes
  neverContacted: boolean;
  daysToExpiry: number | null; // 退案日 - today; null when unknown
  hasPendingPtp: boolean; // an active promise not yet due: lower urgency
  onHold: boolean; // dispute / complaint: sinks to the bottom
}

/** Integer score, deterministic, monotonic in amount, DPD (capped), broken promises, expiry closeness. */
export function priorityScore(input: PriorityInput): number {
  throw new Error('not implemented');
}
