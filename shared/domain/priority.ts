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

/**
 * All weights of the score, in one place. Every part is bounded, so the total of a case that
 * is not on hold lies in [-pendingPtpPenalty, ~2,100] and `holdPenalty` puts every held case
 * below every other one.
 *
 * - amount: `amountPerDecade` points per factor 10 of the overdue amount in yuan
 *   (round(100 · log10(1 + yuan))): ¥100 ≈ 200, ¥10,000 ≈ 400, ¥1,000,000 ≈ 600, capped at
 *   `amountMaxPoints` (¥100M). Logarithmic so one huge case does not drown everything.
 * - DPD: `perDpdDay` per day past due, capped at `dpdCapDays` (90, end of M3): the older
 *   the debt the closer it is to rolling into the next bucket, but beyond M3 a call changes
 *   little, so the age stops counting.
 * - willingness: `perBrokenPromise` for each broken promise (up to `brokenPromisesCap`),
 *   `perRefusal` for each refusal (up to `refusalsCap`).
 * - `neverContacted`: first contact matters most early on.
 * - expiry (退案日): within `expiryWindowDays` days, `perExpiryDayCloser` for every day closer
 *   (day 0 = last day: 8 × 40 = 320). Already expired cases get no boost (they are being
 *   recalled).
 * - a pending, not yet due promise: minus `pendingPtpPenalty` (wait for the date).
 * - on hold: minus `holdPenalty`.
 */
export const PRIORITY_WEIGHTS = {
  amountPerDecade: 100,
  amountMaxPoints: 800,
  perDpdDay: 3,
  dpdCapDays: 90,
  perBrokenPromise: 120,
  brokenPromisesCap: 3,
  perRefusal: 50,
  refusalsCap: 3,
  neverContacted: 150,
  expiryWindowDays: 7,
  perExpiryDayCloser: 40,
  pendingPtpPenalty: 300,
  holdPenalty: 10_000,
} as const;

const clampCount = (n: number, cap: number): number => (Number.isFinite(n) ? Math.min(Math.max(0, Math.floor(n)), cap) : 0);

/** The amount part alone (exported for explaining a score in the UI). */
export function amountPoints(overdueAmountFen: number): number {
  const W = PRIORITY_WEIGHTS;
  const yuan = Number.isFinite(overdueAmountFen) ? Math.max(0, overdueAmountFen) / 100 : 0;
  return Math.min(W.amountMaxPoints, Math.round(W.amountPerDecade * Math.log10(1 + yuan)));
}

/**
 * Integer score, deterministic, monotonic (non-decreasing) in amount, DPD (capped), broken
 * promises, refusals and expiry closeness; see PRIORITY_WEIGHTS for the exact weights.
 */
export function priorityScore(input: PriorityInput): number {
  const W = PRIORITY_WEIGHTS;
  let score = amountPoints(input.overdueAmountFen);
  score += W.perDpdDay * clampCount(input.dpd, W.dpdCapDays);
  score += W.perBrokenPromise * clampCount(input.brokenPromises, W.brokenPromisesCap);
  score += W.perRefusal * clampCount(input.refusals, W.refusalsCap);
  if (input.neverContacted) score += W.neverContacted;
  const d = input.daysToExpiry;
  if (d !== null && Number.isFinite(d) && d >= 0 && d <= W.expiryWindowDays) {
    score += W.perExpiryDayCloser * (W.expiryWindowDays + 1 - Math.floor(d));
  }
  if (input.hasPendingPtp) score -= W.pendingPtpPenalty;
  if (input.onHold) score -= W.holdPenalty;
  return score;
}

/** The parts of the score, for saying why a case ranks where it does. */
export const PRIORITY_PARTS = ['amount', 'dpd', 'brokenPromises', 'refusals', 'neverContacted', 'expiry', 'pendingPtp', 'onHold'] as const;
export type PriorityPart = (typeof PRIORITY_PARTS)[number];

/** Each non-zero part of `priorityScore` with its points, largest effect first; they sum to the score. */
export function priorityParts(input: PriorityInput): { part: PriorityPart; points: number }[] {
  const W = PRIORITY_WEIGHTS;
  const d = input.daysToExpiry;
  const parts: { part: PriorityPart; points: number }[] = [
    { part: 'amount', points: amountPoints(input.overdueAmountFen) },
    { part: 'dpd', points: W.perDpdDay * clampCount(input.dpd, W.dpdCapDays) },
    { part: 'brokenPromises', points: W.perBrokenPromise * clampCount(input.brokenPromises, W.brokenPromisesCap) },
    { part: 'refusals', points: W.perRefusal * clampCount(input.refusals, W.refusalsCap) },
    { part: 'neverContacted', points: input.neverContacted ? W.neverContacted : 0 },
    {
      part: 'expiry',
      points: d !== null && Number.isFinite(d) && d >= 0 && d <= W.expiryWindowDays ? W.perExpiryDayCloser * (W.expiryWindowDays + 1 - Math.floor(d)) : 0,
    },
    { part: 'pendingPtp', points: input.hasPendingPtp ? -W.pendingPtpPenalty : 0 },
    { part: 'onHold', points: input.onHold ? -W.holdPenalty : 0 },
  ];
  return parts.filter((x) => x.points !== 0).sort((a, b) => Math.abs(b.points) - Math.abs(a.points));
}
