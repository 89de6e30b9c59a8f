import { priorityParts } from '../../../shared/domain/priority';
import type { CaseView, FollowUpView, PromiseView, QueueItem } from '../../../shared/contract';
import { bucketFor, type BucketBounds } from '../../../shared/domain/buckets';
import { daysBetween, dpd as dpdOf } from '../../../shared/domain/dates';
import { CaseStatus, CaseTag, Product, PromiseState } from '../../../shared/domain/enums';
import { maskAccount } from '../../../shared/domain/masking';
import type { CaseRow, FollowUpRow, PromiseRow } from './rows';

/** Tags stored as a JSON array; unknown values (a newer hub) are dropped rather than breaking the view. */
export function parseTags(json: string): CaseTag[] {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return [];
  }
  if (!Array.isArray(raw)) return [];
  return raw.filter((t): t is CaseTag => CaseTag.safeParse(t).success);
}

export function caseView(c: CaseRow, today: string, bounds: BucketBounds, batchNo: string | null): CaseView {
  const d = dpdOf(c.overdue_since, today);
  return {
    id: String(c.id),
    accountMasked: maskAccount(c.account_no),
    creditor: c.creditor,
    product: Product.parse(c.product),
    batchNo,
    principalFen: c.principal_fen,
    balanceFen: c.balance_fen,
    overdueAmountFen: c.overdue_fen,
    minDueFen: c.min_due_fen,
    overdueSince: c.overdue_since,
    dpd: d,
    bucket: bucketFor(d, bounds),
    lastPaymentDate: c.last_payment_date,
    lastPaymentFen: c.last_payment_fen,
    entrustDate: c.entrust_date,
    expiryDate: c.expiry_date,
    status: CaseStatus.parse(c.status),
    tags: parseTags(c.tags),
    priority: c.priority,
    brokenPromises: c.broken_promises,
    assignedAgentId: c.assigned_agent_id === null ? null : String(c.assigned_agent_id),
    preferredPhoneId: c.preferred_phone_id === null || c.preferred_phone_id === undefined ? null : String(c.preferred_phone_id),
    timeZone: c.time_zone ?? null,
  };
}

export type QueueRow = Pick<
  CaseRow,
  | 'id' | 'account_no' | 'creditor' | 'product' | 'overdue_fen' | 'balance_fen' | 'overdue_since' | 'status' | 'tags'
  | 'priority' | 'next_due_at' | 'due_kind' | 'followup_at' | 'refusals' | 'attempt_count' | 'broken_promises' | 'last_outcome_code' | 'last_attempt_at' | 'expiry_date'
> & { debtor_name: string };

export function queueItem(r: QueueRow, today: string, bounds: BucketBounds, nowIso: string): QueueItem {
  const d = dpdOf(r.overdue_since, today);
  const due = r.next_due_at !== null && r.next_due_at <= nowIso;
  // A due follow-up is why the case leads the queue, even when an earlier promise is due too.
  const fuDue = r.followup_at !== null && r.followup_at <= nowIso;
  return {
    caseId: String(r.id),
    debtorName: r.debtor_name,
    accountMasked: maskAccount(r.account_no),
    creditor: r.creditor,
    product: r.product as QueueItem['product'],
    overdueAmountFen: r.overdue_fen,
    balanceFen: r.balance_fen,
    dpd: d,
    bucket: bucketFor(d, bounds),
    status: r.status as QueueItem['status'],
    tags: parseTags(r.tags),
    priority: r.priority,
    dueKind: fuDue ? 'followup' : due ? (r.due_kind as 'followup' | 'ptp') : null,
    dueAt: fuDue ? r.followup_at : due ? r.next_due_at : null,
    brokenPromises: r.broken_promises,
    lastOutcomeCode: r.last_outcome_code,
    lastAttemptAt: r.last_attempt_at,
    expiryDate: r.expiry_date,
    // The same facts recomputeCase scores (a pending promise not yet due lowers it).
    rank: priorityParts({
      overdueAmountFen: r.overdue_fen, dpd: d, brokenPromises: r.broken_promises, refusals: r.refusals, neverContacted: r.attempt_count === 0,
      daysToExpiry: r.expiry_date ? daysBetween(today, r.expiry_date) : null,
      hasPendingPtp: r.status === 'ptp' && !(r.due_kind === 'ptp' && r.next_due_at !== null && r.next_due_at <= nowIso),
      onHold: r.status === 'hold',
    }),
  };
}

export const promiseView = (p: PromiseRow): PromiseView => ({
  id: p.id,
  attemptId: p.attempt_id,
  amountFen: p.amount_fen,
  dueDate: p.due_date,
  state: PromiseState.parse(p.state),
  paidFen: p.paid_fen,
  createdAt: p.created_at,
});

export const followUpView = (f: FollowUpRow): FollowUpView => ({
  id: f.id,
  caseId: String(f.case_id),
  dueAt: f.due_at,
  reason: f.reason,
  state: f.state as FollowUpView['state'],
});
