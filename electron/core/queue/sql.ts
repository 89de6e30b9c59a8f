/** SQL pieces the queue's list and its name search share. */

export const COLUMNS = `c.id, c.account_no, c.creditor, c.product, c.overdue_fen, c.balance_fen, c.overdue_since, c.status, c.tags,
  c.priority, c.next_due_at, c.due_kind, c.broken_promises, c.last_outcome_code, c.last_attempt_at, c.expiry_date,
  c.followup_at, c.refusals, c.attempt_count, c.debtor_name`;
// c.debtor_name: the case's copy of its debtor's name, kept by triggers (migration 018), so a
// queue page reads no debtors row.

export type Params = Record<string, string | number>;

export const DUE = 'c.next_due_at <= @now';
// Unary + keeps the planner off cases_due for the not-due part, so it walks cases_queue in order.
export const NOT_DUE = '(+c.next_due_at IS NULL OR +c.next_due_at > @now)';

