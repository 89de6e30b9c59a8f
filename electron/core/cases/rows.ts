/** Row shapes of the case tables as better-sqlite3 returns them. */
export interface CaseRow {
  id: number;
  debtor_id: number;
  batch_id: number | null;
  creditor: string;
  product: string;
  account_no: string;
  principal_fen: number;
  balance_fen: number;
  overdue_fen: number;
  min_due_fen: number;
  overdue_since: string;
  last_payment_date: string | null;
  last_payment_fen: number | null;
  entrust_date: string | null;
  expiry_date: string | null;
  status: string;
  tags: string;
  assigned_agent_id: number | null;
  /** migration 006 */
  preferred_phone_id?: number | null;
  priority: number;
  next_due_at: string | null;
  /** The pending follow-up's time (desk migration 7); a due one puts the case at the queue's head. */
  followup_at: string | null;
  due_kind: string | null;
  broken_promises: number;
  refusals: number;
  attempt_count: number;
  last_attempt_at: string | null;
  last_outcome_code: string | null;
  updated_at: string;
  /** The debtor's own IANA zone (desk migration 18; null: the team's). */
  time_zone?: string | null;
}

export interface DebtorRow {
  id: number;
  name: string;
  gender: string | null;
  id_number: string | null;
  id_tail4: string | null;
  birth_date: string | null;
  home_address: string | null;
  work_address: string | null;
  registered_address: string | null;
  employer: string | null;
}

export interface PhoneRow {
  id: number;
  debtor_id: number;
  contact_id: number | null;
  owner: string;
  kind: string;
  number: string;
  number_tail4: string;
  status: string;
  /** issue 9: why an agent marked it bad; the desk's key of a number added by hand */
  mark?: string | null;
  client_key?: string | null;
}

export interface ContactRow {
  id: number;
  debtor_id: number;
  name: string;
  relation: string;
  party: string;
  refused_contact: number;
}

export interface PromiseRow {
  id: string;
  case_id: number;
  attempt_id: string | null;
  agent_id: number | null;
  amount_fen: number;
  due_date: string;
  created_date: string;
  created_at: string;
  state: string;
  paid_fen: number;
  state_changed_at: string | null;
}

export interface FollowUpRow {
  id: string;
  case_id: number;
  agent_id: number | null;
  attempt_id: string | null;
  due_at: string;
  reason: string | null;
  state: string;
  notified_at: string | null;
  created_at: string;
  closed_at: string | null;
}
