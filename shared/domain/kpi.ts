import { paymentCounts, type PaymentVerification } from './payment-verify';
import type { BucketId, Channel, LocalDate, Party, PromiseState } from './enums';
import { addDays, localDateOf, zonedToUtc, DEFAULT_TIME_ZONE } from './dates';
import { promiseDeadline, promiseStateFor } from './ptp';

/**
 * KPI definitions (docs/domain.md §8), written once: the dashboard, the plans and summaries,
 * the command line and the hub all compute their figures here, so the numbers agree.
 *
 * Choices the domain text leaves open, fixed here:
 * - "Dial attempts" are 催记 on the phone channel; an SMS, letter or visit is work but not a
 *   dial, so calls/connected/rightParty count phone attempts only and every rate stays <= 1.
 * - A right-party contact is an attempt whose outcome code is an RPC code AND whose party is
 *   本人 (`self`): a PTP recorded with a spouse reached the family, not the debtor in person.
 * - A cancelled (replaced) promise was made (it counts in `ptps`) but never falls due.
 * - A rate with a zero denominator is `null` (shown as "—"), never 0 or NaN.
 */

/** n ÷ d, or null when d is 0 (or either is not a finite number). */
export function ratio(numerator: number, denominator: number): number | null {
  if (!Number.isFinite(numerator) || !Number.isFinite(denominator) || denominator <= 0) return null;
  return numerator / denominator;
}

/** 接通率 = connected ÷ dial attempts. */
export function contactRate(connected: number, attempts: number): number | null {
  return ratio(connected, attempts);
}
/** RPC rate = right-party contacts ÷ dial attempts. */
export function rpcRate(rightParty: number, attempts: number): number | null {
  return ratio(rightParty, attempts);
}
/** 承诺率 = promises made ÷ right-party contacts. */
export function ptpRate(ptps: number, rightParty: number): number | null {
  return ratio(ptps, rightParty);
}
/** 兑现率 = promises paid in full by due date + grace ÷ promises that fell due (decided). */
export function keptRate(keptOfDue: number, due: number): number | null {
  return ratio(keptOfDue, due);
}
/** 回收率/催回率 = amount collected ÷ amount assigned (fen ÷ fen). */
export function recoveryRate(collectedFen: number, assignedFen: number): number | null {
  return ratio(collectedFen, assignedFen);
}

/** One 催记 as the KPIs need it; the outcome code's flags are joined in by the caller. */
export interface KpiAttempt {
  caseId: number;
  /** ISO instant (UTC) the attempt was saved. */
  at: string;
  channel: Channel;
  party: Party;
  outcomeCode: string;
  /** The outcome code counts as a contact 接通. */
  isContact: boolean;
  /** The outcome code is a right-party code (本人). */
  isRpc: boolean;
}
export interface KpiPromise {
  id: string;
  caseId: number;
  amountFen: number;
  dueDate: LocalDate;
  createdDate: LocalDate;
  state: PromiseState;
  /** ISO instant of the last state change, when known. */
  stateChangedAt?: string | null;
}
export interface KpiPayment {
  caseId: number;
  amountFen: number;
  paidDate: LocalDate;
  /**
   * false: the payment decides promises (any payment on a case does) but is not this scope's
   * recovery, e.g. another agent's case in an agent's summary. Absent means true.
   */
  inScope?: boolean;
  /** A claimed payment not yet confirmed (待核实) or rejected counts for nothing (shared/domain/payment-verify.ts). Absent means verified. */
  verification?: PaymentVerification;
}

/** A calendar period in the desk's zone, both ends included. */
export interface KpiPeriod {
  from: LocalDate;
  to: LocalDate;
}

export function inPeriod(date: LocalDate, period: KpiPeriod): boolean {
  return date >= period.from && date <= period.to;
}

/** Is this attempt a dial (phone channel)? */
export function isDial(a: Pick<KpiAttempt, 'channel'>): boolean {
  return a.channel === 'phone';
}
/** Is this attempt a right-party contact: an RPC outcome with the debtor in person. */
export function isRightParty(a: Pick<KpiAttempt, 'isRpc' | 'party'>): boolean {
  return a.isRpc && a.party === 'self';
}

/**
 * A promise's state as the records decide it on `today`: a stored terminal state stands (the
 * hub decided it); a stored `pending` is re-evaluated against the case's payments, so a promise
 * past its grace period counts as broken even before a sweep marked it.
 */
export function effectivePromiseState(
  p: KpiPromise,
  casePayments: readonly KpiPayment[],
  today: LocalDate,
  graceDays: number,
): { state: PromiseState; paidFen: number; keptOn: LocalDate | null } {
  const last = promiseDeadline(p.dueDate, graceDays);
  const counted = casePayments
    .filter((x) => x.amountFen > 0 && paymentCounts(x.verification) && x.paidDate >= p.createdDate && x.paidDate <= last && x.paidDate <= today)
    .sort((a, b) => (a.paidDate < b.paidDate ? -1 : a.paidDate > b.paidDate ? 1 : 0));
  let paid = 0;
  let keptOn: LocalDate | null = null;
  for (const x of counted) {
    paid += x.amountFen;
    if (keptOn === null && paid >= p.amountFen) keptOn = x.paidDate;
  }
  const state = promiseStateFor({ ...p }, paid, today, graceDays).state;
  if (state !== 'kept') return { state, paidFen: paid, keptOn: null };
  // Kept on the day the counted payments reached the amount; a hub-decided kept promise whose
  // payments this desk does not hold falls back to the day its state changed, then its due date.
  if (keptOn === null) keptOn = p.stateChangedAt ? localDateOf(new Date(p.stateChangedAt)) : p.dueDate;
  return { state, paidFen: paid, keptOn };
}

export interface PeriodInput {
  period: KpiPeriod;
  /** The desk's today (promises not yet past due + grace stay undecided). */
  today: LocalDate;
  graceDays: number;
  timeZone?: string;
  attempts: readonly KpiAttempt[];
  /** Promises of the cases in scope (all of them: a promise made before the period can be kept in it). */
  promises: readonly KpiPromise[];
  /** Payments of the cases in scope (all dates: they decide promises made before the period). */
  payments: readonly KpiPayment[];
}

export interface PeriodFigures {
  /** Attempts of any channel in the period. */
  attempts: number;
  /** Dial attempts (phone). */
  calls: number;
  /** Dial attempts whose outcome counts as a contact. */
  connected: number;
  /** Dial attempts that reached the debtor in person (RPC outcome, party 本人). */
  rightParty: number;
  /** Distinct cases with at least one attempt in the period. */
  casesWorked: number;
  /** Promises made in the period (created date inside it), and their sum. */
  ptps: number;
  ptpFen: number;
  /** Promises that became kept in the period. */
  kept: number;
  keptFen: number;
  /** Promises whose due date is in the period and whose outcome is decided (kept, partial, broken). */
  due: number;
  /** Of those, kept. */
  keptOfDue: number;
  /** Of those, broken or partial. */
  brokenOfDue: number;
  /** Payments dated in the period. */
  recoveredFen: number;
  payments: number;
  contactRate: number | null;
  rpcRate: number | null;
  ptpRate: number | null;
  keptRate: number | null;
}

/** A period's figures from plain records (see the definitions at the top of this file). */
export function periodFigures(input: PeriodInput): PeriodFigures {
  const { period, today, graceDays } = input;
  const zone = input.timeZone ?? DEFAULT_TIME_ZONE;
  let attempts = 0;
  let calls = 0;
  let connected = 0;
  let rightParty = 0;
  const worked = new Set<number>();
  // The period's instants [start, end) in the zone, once: an attempt's instant is compared, not
  // turned into a local date (150,000 attempts a month for a team).
  const start = zonedToUtc(period.from, '00:00', zone).getTime();
  const end = zonedToUtc(addDays(period.to, 1), '00:00', zone).getTime();
  for (const a of input.attempts) {
    const at = Date.parse(a.at);
    if (!(at >= start && at < end)) continue;
    attempts += 1;
    worked.add(a.caseId);
    if (!isDial(a)) continue;
    calls += 1;
    if (a.isContact) connected += 1;
    if (isRightParty(a)) rightParty += 1;
  }

  const paymentsByCase = new Map<number, KpiPayment[]>();
  let recoveredFen = 0;
  let payments = 0;
  for (const p of input.payments) {
    if (!paymentCounts(p.verification)) continue;
    let list = paymentsByCase.get(p.caseId);
    if (!list) paymentsByCase.set(p.caseId, (list = []));
    list.push(p);
    if (p.amountFen > 0 && p.inScope !== false && inPeriod(p.paidDate, period)) {
      recoveredFen += p.amountFen;
      payments += 1;
    }
  }

  let ptps = 0;
  let ptpFen = 0;
  let kept = 0;
  let keptFen = 0;
  let due = 0;
  let keptOfDue = 0;
  let brokenOfDue = 0;
  for (const p of input.promises) {
    if (inPeriod(p.createdDate, period)) {
      ptps += 1;
      ptpFen += p.amountFen;
    }
    if (p.state === 'cancelled') continue;
    const eff = effectivePromiseState(p, paymentsByCase.get(p.caseId) ?? [], today, graceDays);
    if (eff.state === 'kept' && eff.keptOn !== null && inPeriod(eff.keptOn, period)) {
      kept += 1;
      keptFen += p.amountFen;
    }
    if (inPeriod(p.dueDate, period) && eff.state !== 'pending' && eff.state !== 'cancelled') {
      due += 1;
      if (eff.state === 'kept') keptOfDue += 1;
      else brokenOfDue += 1;
    }
  }

  return {
    attempts,
    calls,
    connected,
    rightParty,
    casesWorked: worked.size,
    ptps,
    ptpFen,
    kept,
    keptFen,
    due,
    keptOfDue,
    brokenOfDue,
    recoveredFen,
    payments,
    contactRate: contactRate(connected, calls),
    rpcRate: rpcRate(rightParty, calls),
    ptpRate: ptpRate(ptps, rightParty),
    keptRate: keptRate(keptOfDue, due),
  };
}

/** Recovery per group (batch, agent, bucket): collected ÷ assigned, from per-case assignments. */
export interface RecoveryCase {
  caseId: number;
  /** The group the case belongs to (a batch number, an agent, a bucket). */
  group: string;
  /** The amount assigned (委案金额) the rate is taken over. */
  assignedFen: number;
}
export interface RecoveryRow {
  group: string;
  cases: number;
  assignedFen: number;
  collectedFen: number;
  rate: number | null;
}
/** 回收率 by group: payments in the period of each group's cases ÷ their assigned amount. */
export function recoveryByGroup(cases: readonly RecoveryCase[], payments: readonly KpiPayment[], period: KpiPeriod): RecoveryRow[] {
  const groupOf = new Map<number, string>();
  const rows = new Map<string, RecoveryRow>();
  for (const c of cases) {
    groupOf.set(c.caseId, c.group);
    let r = rows.get(c.group);
    if (!r) rows.set(c.group, (r = { group: c.group, cases: 0, assignedFen: 0, collectedFen: 0, rate: null }));
    r.cases += 1;
    r.assignedFen += c.assignedFen;
  }
  for (const p of payments) {
    if (p.amountFen <= 0 || !paymentCounts(p.verification) || !inPeriod(p.paidDate, period)) continue;
    const g = groupOf.get(p.caseId);
    if (g === undefined) continue;
    const r = rows.get(g);
    if (r) r.collectedFen += p.amountFen;
  }
  const out = [...rows.values()];
  for (const r of out) r.rate = recoveryRate(r.collectedFen, r.assignedFen);
  return out.sort((a, b) => (a.group < b.group ? -1 : a.group > b.group ? 1 : 0));
}

/** Month buckets for roll rates: M1's 前期/中期/后期 are one month bucket. */
export type MonthBucket = 'M0' | 'M1' | 'M2' | 'M3' | 'M4P';
export const MONTH_BUCKETS: readonly MonthBucket[] = ['M0', 'M1', 'M2', 'M3', 'M4P'];
export function monthBucketOf(bucket: BucketId): MonthBucket {
  return bucket === 'M1_EARLY' || bucket === 'M1_MID' || bucket === 'M1_LATE' ? 'M1' : bucket;
}

/** A case's bucket at the start and at the end of a cycle. */
export interface BucketMove {
  from: BucketId;
  to: BucketId;
}
export interface RollRow {
  bucket: MonthBucket;
  /** Cases in this bucket at the start of the cycle. */
  start: number;
  /** Of those, in a later month bucket at its end (n -> n+1, or further). */
  rolled: number;
  /** Of those, in an earlier bucket at its end (cured or partly cured). */
  cured: number;
  /** 迁徙率 = rolled ÷ start (null with no case at the start). */
  rate: number | null;
}
/**
 * 迁徙率 per month bucket: the share of cases in bucket n at the start of a cycle that are in a
 * later bucket at its end. M4+ has no later bucket: its rate is always 0 of its start (or null).
 */
export function rollRates(moves: readonly BucketMove[]): RollRow[] {
  const rank = (b: MonthBucket): number => MONTH_BUCKETS.indexOf(b);
  const rows = MONTH_BUCKETS.map((bucket): RollRow => ({ bucket, start: 0, rolled: 0, cured: 0, rate: null }));
  for (const m of moves) {
    const from = monthBucketOf(m.from);
    const to = monthBucketOf(m.to);
    const row = rows[rank(from)];
    if (!row) continue;
    row.start += 1;
    if (rank(to) > rank(from)) row.rolled += 1;
    else if (rank(to) < rank(from)) row.cured += 1;
  }
  for (const r of rows) r.rate = ratio(r.rolled, r.start);
  return rows;
}
