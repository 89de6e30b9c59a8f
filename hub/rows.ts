/** Database rows and their wire shapes (shared/sync.ts ENTITY_ROWS). */
import type { EntityName } from '../shared/sync';
import { inList, type Param, type Q } from './store/types';

export interface CaseDb {
  id: number; team_id: number; debtor_id: number; batch_id: number | null; creditor: string; product: string; account_no: string;
  principal_fen: number; balance_fen: number; overdue_fen: number; min_due_fen: number; overdue_since: string;
  last_payment_date: string | null; last_payment_fen: number | null; entrust_date: string | null; expiry_date: string | null;
  status: string; tags: string; assigned_agent_id: number | null; preferred_phone_id: number | null;
  broken_promises: number; refusals: number; attempt_count: number; last_attempt_at: string | null; last_outcome_code: string | null;
  /** hub migration 10: the debtor's own zone (null: the team's) */
  time_zone?: string | null;
  updated_at: string;
}
export interface PromiseDb {
  id: string; case_id: number; attempt_id: string | null; agent_id: number | null; amount_fen: number; due_date: string;
  created_date: string; created_at: string; state: string; paid_fen: number; state_changed_at: string | null;
}
export interface PhoneDb { id: number; team_id: number; debtor_id: number; contact_id: number | null; owner: string; kind: string; number: string; status: string; mark: string | null }
export interface UserDb {
  id: number; username: string; display_name: string; agent_no: string; role: 'agent' | 'lead' | 'admin'; team_id: number | null;
  password_hash: string; disabled: number; feed_seq: number; created_at: string;
}

const s = (v: number | null | undefined): string | null => (v === null || v === undefined ? null : String(v));
const json = (t: string | null): unknown => (t === null ? null : (JSON.parse(t) as unknown));
type R = Record<string, unknown>;

/** Row mappers, db -> wire. */
export const TO_WIRE: Record<EntityName, (r: R) => R> = {
  agent: (r) => ({
    id: String(r.id), username: r.username, displayName: r.display_name, agentNo: r.agent_no, role: r.role,
    teamId: s(r.team_id as number | null), disabled: Boolean(r.disabled),
  }),
  debtor: (r) => ({
    id: String(r.id), name: r.name, gender: r.gender, idNumber: r.id_number, birthDate: r.birth_date, homeAddress: r.home_address,
    workAddress: r.work_address, registeredAddress: r.registered_address, employer: r.employer,
  }),
  contact: (r) => ({
    id: String(r.id), debtorId: String(r.debtor_id), name: r.name, relation: r.relation, party: r.party, refusedContact: Boolean(r.refused_contact),
    clientKey: r.client_key ?? null,
  }),
  phone: (r) => ({
    id: String(r.id), debtorId: String(r.debtor_id), contactId: s(r.contact_id as number | null), owner: r.owner, kind: r.kind, number: r.number, status: r.status,
    mark: r.mark ?? null, clientKey: r.client_key ?? null,
  }),
  batch: (r) => ({
    id: String(r.id), batchNo: r.batch_no, creditor: r.creditor, entrustDate: r.entrust_date, expiryDate: r.expiry_date, importedAt: r.imported_at,
  }),
  case: (r) => ({
    id: String(r.id), debtorId: String(r.debtor_id), batchId: s(r.batch_id as number | null), creditor: r.creditor, product: r.product,
    accountNo: r.account_no, principalFen: r.principal_fen, balanceFen: r.balance_fen, overdueFen: r.overdue_fen, minDueFen: r.min_due_fen,
    overdueSince: r.overdue_since, lastPaymentDate: r.last_payment_date, lastPaymentFen: r.last_payment_fen, entrustDate: r.entrust_date,
    expiryDate: r.expiry_date, status: r.status, tags: json(r.tags as string), assignedAgentId: s(r.assigned_agent_id as number | null),
    preferredPhoneId: s(r.preferred_phone_id as number | null), brokenPromises: r.broken_promises, refusals: r.refusals,
    attemptCount: r.attempt_count, lastAttemptAt: r.last_attempt_at, lastOutcomeCode: r.last_outcome_code, timeZone: r.time_zone ?? null,
  }),
  attempt: (r) => ({
    id: r.id, clientRequestId: r.client_request_id, caseId: String(r.case_id), agentId: String(r.agent_id), phoneId: s(r.phone_id as number | null),
    channel: r.channel, party: r.party, outcomeCode: r.outcome_code, note: r.note, callStartedAt: r.call_started_at, durationSec: r.duration_sec,
    claimedPaidDate: r.claimed_paid_date, stepsDone: json(r.steps_done as string), scenario: r.scenario, at: r.at,
    visitAddress: r.visit_address ?? null,
    recordingRef: r.recording_ref ?? null,
  }),
  promise: (r) => ({
    id: r.id, caseId: String(r.case_id), attemptId: r.attempt_id, agentId: s(r.agent_id as number | null), amountFen: r.amount_fen,
    dueDate: r.due_date, createdDate: r.created_date, createdAt: r.created_at, state: r.state, paidFen: r.paid_fen, stateChangedAt: r.state_changed_at,
  }),
  payment: (r) => ({
    id: r.id, caseId: String(r.case_id), amountFen: r.amount_fen, paidDate: r.paid_date, source: r.source, agentId: s(r.agent_id as number | null), createdAt: r.created_at,
    channel: r.channel ?? null, txnNo: r.txn_no ?? null, verification: r.verification ?? 'verified', verifiedBy: s(r.verified_by as number | null),
    verifiedAt: r.verified_at ?? null, verifyReason: r.verify_reason ?? null,
  }),
  followUp: (r) => ({
    id: r.id, caseId: String(r.case_id), agentId: s(r.agent_id as number | null), attemptId: r.attempt_id, dueAt: r.due_at, reason: r.reason,
    state: r.state, createdAt: r.created_at, closedAt: r.closed_at,
  }),
  outcomeCode: (r) => json(r.body as string) as R,
  script: (r) => ({ locale: r.locale, body: json(r.body as string), updatedAt: r.updated_at }),
  setting: (r) => ({ key: r.key, value: json(r.value as string) }),
  target: (r) => ({
    id: String(r.id), agentId: s(r.agent_id as number | null), period: r.period, metric: r.metric, value: r.value, from: r.from_date, to: r.to_date,
  }),
  rejection: (r) => ({
    id: String(r.id), deviceId: r.device_id, mutationId: r.mutation_id, name: r.name, args: json(r.args as string), reason: r.reason, detail: r.detail, at: r.at,
  }),
  conflict: (r) => ({
    id: String(r.id), caseId: s(r.case_id as number | null), kind: r.kind, detail: json(r.detail as string), createdAt: r.created_at,
    resolvedAt: r.resolved_at, resolvedBy: s(r.resolved_by as number | null), resolution: r.resolution, decision: r.decision ?? null,
  }),
  contactOverride: (r) => ({
    id: r.id, caseId: String(r.case_id), phoneId: String(r.phone_id), leadId: String(r.lead_id), reason: r.reason, createdAt: r.created_at, usedAt: r.used_at,
  }),
  message: (r) => ({
    id: r.id, caseId: String(r.case_id), agentId: String(r.agent_id), phoneId: s(r.phone_id as number | null), channel: r.channel, templateId: r.template_id,
    party: r.party, destination: r.destination, subject: r.subject, content: r.content, status: r.status, gateway: r.gateway, at: r.at,
  }),
};

/** Who is reading: the scope every pulled row is filtered by. */
export interface Reader {
  userId: number;
  role: 'agent' | 'lead' | 'admin';
  teamId: number | null;
}

/**
 * Which cases and debtors a reader sees, looked up by key (never "all of the reader's cases"
 * again for every chunk) and remembered for one pull page. An agent sees the cases assigned to
 * them and the debtors of those cases; a lead or admin sees their team.
 */
export class ScopeCheck {
  private readonly cases = new Map<number, boolean>();
  private readonly debtors = new Map<number, boolean>();
  /** updated_at of the cases looked up (the cases table's columns read for scope carry it). */
  private readonly caseUpdatedAt = new Map<number, string>();
  /**
   * Visible cases whose latest change is an attempt of this page that moved only their counters
   * (attempts.counters_only): the case's feed entry did not move, so the page brings its row.
   */
  readonly countedCases = new Set<number>();
  constructor(readonly reader: Reader) {}

  private caseVisible(c: { team_id: number; assigned_agent_id: number | null }): boolean {
    const r = this.reader;
    return r.role === 'agent' ? c.assigned_agent_id !== null && Number(c.assigned_agent_id) === r.userId : r.teamId !== null && Number(c.team_id) === r.teamId;
  }

  /** Case rows already read: their scope (and an agent's debtors of them) need no other look-up. */
  note(rows: readonly R[]): void {
    for (const r of rows) {
      const c = { team_id: Number(r.team_id), assigned_agent_id: r.assigned_agent_id === null ? null : Number(r.assigned_agent_id) };
      const ok = this.caseVisible(c);
      this.cases.set(Number(r.id), ok);
      if (typeof r.updated_at === 'string') this.caseUpdatedAt.set(Number(r.id), r.updated_at);
      if (ok) this.debtors.set(Number(r.debtor_id), true);
    }
  }

  async visibleCases(q: Q, ids: readonly number[]): Promise<Set<number>> {
    const unknown = [...new Set(ids.filter((id) => !this.cases.has(id)))];
    for (let i = 0; i < unknown.length; i += 400) {
      const part = unknown.slice(i, i + 400);
      this.note(await q.all<R>(`SELECT id, team_id, debtor_id, assigned_agent_id, updated_at FROM cases WHERE id IN (${inList(part.length)})`, part));
      for (const id of part) if (!this.cases.has(id)) this.cases.set(id, false);
    }
    return new Set(ids.filter((id) => this.cases.get(id) === true));
  }

  /** Visible attempt rows (SELECT *): note the cases whose row comes with them (countedCases). */
  noteCounted(attempts: readonly R[]): void {
    for (const r of attempts) {
      if (Number(r.counters_only) !== 1) continue;
      const caseId = Number(r.case_id);
      if (this.caseUpdatedAt.get(caseId) === r.received_at) this.countedCases.add(caseId);
    }
  }

  /** An agent's debtors: those with a case assigned to them (all cases of those debtors, by key). */
  async visibleDebtors(q: Q, ids: readonly number[]): Promise<Set<number>> {
    const unknown = [...new Set(ids.filter((id) => !this.debtors.has(id)))];
    for (let i = 0; i < unknown.length; i += 400) {
      const part = unknown.slice(i, i + 400);
      const rows = await q.all<R>(`SELECT id, team_id, debtor_id, assigned_agent_id, updated_at FROM cases WHERE debtor_id IN (${inList(part.length)})`, part);
      this.note(rows);
      for (const id of part) if (!this.debtors.has(id)) this.debtors.set(id, false);
    }
    return new Set(ids.filter((id) => this.debtors.get(id) === true));
  }
}

type Scoped = { sql: string; params: Param[]; key: string; via?: 'case' | 'debtor' | 'self' };

/**
 * The key column of each entity's table and its SELECT by key. Rows scoped through a case or a
 * debtor (`via`) are read by key alone and filtered with ScopeCheck: a join on the reader's
 * cases would let the planner start from all of them.
 */
function scopedSelect(entity: EntityName, reader: Reader, n: number): Scoped {
  const team = reader.teamId ?? -1;
  const agent = reader.role === 'agent';
  const ids = inList(n);
  const viaDebtor = (t: string): Scoped =>
    agent
      ? { sql: `SELECT * FROM ${t} WHERE id IN (${ids})`, params: [], key: 'id', via: t === 'debtors' ? 'self' : 'debtor' }
      : { sql: `SELECT x.* FROM ${t} x WHERE x.id IN (${ids}) AND x.team_id = ?`, params: [team], key: 'id' };
  const viaCase = (t: string): Scoped => ({ sql: `SELECT * FROM ${t} WHERE id IN (${ids})`, params: [], key: 'id', via: 'case' });
  switch (entity) {
    // Team members are reference data for the whole team: an agent's history names who did what.
    case 'agent':
      return { sql: `SELECT * FROM users WHERE id IN (${ids}) AND (team_id = ? OR id = ?)`, params: [team, reader.userId], key: 'id' };
    case 'debtor': return viaDebtor('debtors');
    case 'contact': return viaDebtor('contacts');
    case 'phone': return viaDebtor('phones');
    case 'batch': return { sql: `SELECT * FROM batches WHERE id IN (${ids}) AND team_id = ?`, params: [team], key: 'id' };
    case 'case': return { sql: `SELECT * FROM cases WHERE id IN (${ids})`, params: [], key: 'id', via: 'self' };
    case 'attempt': return viaCase('attempts');
    case 'promise': return viaCase('promises');
    case 'payment': return viaCase('payments');
    case 'followUp': return viaCase('follow_ups');
    case 'contactOverride': return viaCase('contact_overrides');
    case 'message': return viaCase('messages');
    case 'outcomeCode': return { sql: `SELECT * FROM outcome_codes WHERE code IN (${ids}) AND team_id = ?`, params: [team], key: 'code' };
    case 'script': return { sql: `SELECT * FROM scripts WHERE locale IN (${ids}) AND team_id = ?`, params: [team], key: 'locale' };
    case 'setting': return { sql: `SELECT * FROM settings WHERE key IN (${ids}) AND team_id = ?`, params: [team], key: 'key' };
    case 'target':
      return agent
        ? { sql: `SELECT * FROM targets WHERE id IN (${ids}) AND team_id = ? AND (agent_id IS NULL OR agent_id = ?)`, params: [team, reader.userId], key: 'id' }
        : { sql: `SELECT * FROM targets WHERE id IN (${ids}) AND team_id = ?`, params: [team], key: 'id' };
    case 'rejection': return { sql: `SELECT * FROM rejections WHERE id IN (${ids}) AND user_id = ?`, params: [reader.userId], key: 'id' };
    case 'conflict':
      return agent
        ? { sql: `SELECT * FROM conflicts WHERE id IN (${ids}) AND 1 = 0`, params: [], key: 'id' }
        : { sql: `SELECT * FROM conflicts WHERE id IN (${ids}) AND team_id = ?`, params: [team], key: 'id' };
  }
}

const NUMERIC_KEY = new Set<EntityName>(['agent', 'debtor', 'contact', 'phone', 'batch', 'case', 'target', 'rejection', 'conflict']);
/** Device-made keys: UUIDs (a native uuid column on PostgreSQL, which refuses any other text). */
const UUID_KEY = new Set<EntityName>(['attempt', 'promise', 'followUp']);
const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/** Only the rows `scope` lets the reader see. */
async function inScope(q: Q, scope: ScopeCheck, via: Scoped['via'], entity: EntityName, rows: R[]): Promise<R[]> {
  if (via === undefined) return rows;
  if (via === 'self' && entity === 'case') {
    scope.note(rows);
    const ok = await scope.visibleCases(q, rows.map((r) => Number(r.id)));
    return rows.filter((r) => ok.has(Number(r.id)));
  }
  if (via === 'case') {
    const ok = await scope.visibleCases(q, rows.map((r) => Number(r.case_id)));
    const visible = rows.filter((r) => ok.has(Number(r.case_id)));
    if (entity === 'attempt') scope.noteCounted(visible);
    return visible;
  }
  const debtorOf = (r: R) => Number(via === 'self' ? r.id : r.debtor_id);
  const ok = await scope.visibleDebtors(q, rows.map(debtorOf));
  return rows.filter((r) => ok.has(debtorOf(r)));
}

/** Load the wire rows of `ids` the reader may see (ids out of scope or gone are simply absent). */
export async function loadScoped(q: Q, entity: EntityName, ids: readonly string[], reader: Reader, scope = new ScopeCheck(reader)): Promise<Map<string, R>> {
  const out = new Map<string, R>();
  const chunk = 400;
  const wanted = NUMERIC_KEY.has(entity) ? ids : UUID_KEY.has(entity) && q.kind === 'postgres' ? ids.filter((x) => UUID.test(x)) : ids;
  for (let i = 0; i < wanted.length; i += chunk) {
    const part = wanted.slice(i, i + chunk);
    const params: Param[] = NUMERIC_KEY.has(entity) ? part.map((x) => (/^\d{1,15}$/.test(x) ? Number(x) : -1)) : [...part];
    const sel = scopedSelect(entity, reader, part.length);
    const rows = await inScope(q, scope, sel.via, entity, await q.all<R>(sel.sql, [...params, ...sel.params]));
    for (const r of rows) out.set(String(r[sel.key]), TO_WIRE[entity](r));
  }
  return out;
}
