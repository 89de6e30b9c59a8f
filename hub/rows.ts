/** Database rows and their wire shapes (shared/sync.ts ENTITY_ROWS). */
import type { EntityName } from '../shared/sync';
import { inList, type Param, type Q } from './store/types';

export interface CaseDb {
  id: number; team_id: number; debtor_id: number; batch_id: number | null; creditor: string; product: string; account_no: string;
  principal_fen: number; balance_fen: number; overdue_fen: number; min_due_fen: number; overdue_since: string;
  last_payment_date: string | null; last_payment_fen: number | null; entrust_date: string | null; expiry_date: string | null;
  status: string; tags: string; assigned_agent_id: number | null; preferred_phone_id: number | null;
  broken_promises: number; refusals: number; attempt_count: number; last_attempt_at: string | null; last_outcome_code: string | null;
  updated_at: string;
}
export interface PromiseDb {
  id: string; case_id: number; attempt_id: string | null; agent_id: number | null; amount_fen: number; due_date: string;
  created_date: string; created_at: string; state: string; paid_fen: number; state_changed_at: string | null;
}
export interface PhoneDb { id: number; team_id: number; debtor_id: number; contact_id: number | null; owner: string; kind: string; number: string; status: string }
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
  }),
  phone: (r) => ({
    id: String(r.id), debtorId: String(r.debtor_id), contactId: s(r.contact_id as number | null), owner: r.owner, kind: r.kind, number: r.number, status: r.status,
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
    attemptCount: r.attempt_count, lastAttemptAt: r.last_attempt_at, lastOutcomeCode: r.last_outcome_code,
  }),
  attempt: (r) => ({
    id: r.id, clientRequestId: r.client_request_id, caseId: String(r.case_id), agentId: String(r.agent_id), phoneId: s(r.phone_id as number | null),
    channel: r.channel, party: r.party, outcomeCode: r.outcome_code, note: r.note, callStartedAt: r.call_started_at, durationSec: r.duration_sec,
    claimedPaidDate: r.claimed_paid_date, stepsDone: json(r.steps_done as string), scenario: r.scenario, at: r.at,
  }),
  promise: (r) => ({
    id: r.id, caseId: String(r.case_id), attemptId: r.attempt_id, agentId: s(r.agent_id as number | null), amountFen: r.amount_fen,
    dueDate: r.due_date, createdDate: r.created_date, createdAt: r.created_at, state: r.state, paidFen: r.paid_fen, stateChangedAt: r.state_changed_at,
  }),
  payment: (r) => ({
    id: r.id, caseId: String(r.case_id), amountFen: r.amount_fen, paidDate: r.paid_date, source: r.source, agentId: s(r.agent_id as number | null), createdAt: r.created_at,
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
    resolvedAt: r.resolved_at, resolvedBy: s(r.resolved_by as number | null), resolution: r.resolution,
  }),
};

/** Who is reading: the scope every pulled row is filtered by. */
export interface Reader {
  userId: number;
  role: 'agent' | 'lead' | 'admin';
  teamId: number | null;
}

/** The key column of each entity's table and its SELECT, scoped to the reader. */
function scopedSelect(entity: EntityName, reader: Reader, n: number): { sql: string; params: Param[]; key: string } {
  const team = reader.teamId ?? -1;
  const agent = reader.role === 'agent';
  const ids = inList(n);
  const caseScope = agent ? 'c.assigned_agent_id = ?' : 'c.team_id = ?';
  const caseParam = agent ? reader.userId : team;
  const viaDebtor = (t: string): { sql: string; params: Param[]; key: string } =>
    agent
      ? { sql: `SELECT x.* FROM ${t} x WHERE x.id IN (${ids}) AND EXISTS (SELECT 1 FROM cases c WHERE c.debtor_id = x.${t === 'debtors' ? 'id' : 'debtor_id'} AND c.assigned_agent_id = ?)`, params: [reader.userId], key: 'id' }
      : { sql: `SELECT x.* FROM ${t} x WHERE x.id IN (${ids}) AND x.team_id = ?`, params: [team], key: 'id' };
  const viaCase = (t: string) => ({ sql: `SELECT x.* FROM ${t} x JOIN cases c ON c.id = x.case_id WHERE x.id IN (${ids}) AND ${caseScope}`, params: [caseParam], key: 'id' });
  switch (entity) {
    case 'agent':
      return agent
        ? { sql: `SELECT * FROM users WHERE id IN (${ids}) AND id = ?`, params: [reader.userId], key: 'id' }
        : { sql: `SELECT * FROM users WHERE id IN (${ids}) AND (team_id = ? OR id = ?)`, params: [team, reader.userId], key: 'id' };
    case 'debtor': return viaDebtor('debtors');
    case 'contact': return viaDebtor('contacts');
    case 'phone': return viaDebtor('phones');
    case 'batch': return { sql: `SELECT * FROM batches WHERE id IN (${ids}) AND team_id = ?`, params: [team], key: 'id' };
    case 'case': return { sql: `SELECT c.* FROM cases c WHERE c.id IN (${ids}) AND ${caseScope}`, params: [caseParam], key: 'id' };
    case 'attempt': return viaCase('attempts');
    case 'promise': return viaCase('promises');
    case 'payment': return viaCase('payments');
    case 'followUp': return viaCase('follow_ups');
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

/** Load the wire rows of `ids` the reader may see (ids out of scope or gone are simply absent). */
export async function loadScoped(q: Q, entity: EntityName, ids: readonly string[], reader: Reader): Promise<Map<string, R>> {
  const out = new Map<string, R>();
  const chunk = 400;
  for (let i = 0; i < ids.length; i += chunk) {
    const part = ids.slice(i, i + chunk);
    const params: Param[] = NUMERIC_KEY.has(entity) ? part.map((x) => (/^\d{1,15}$/.test(x) ? Number(x) : -1)) : [...part];
    const sel = scopedSelect(entity, reader, part.length);
    const rows = await q.all<R>(sel.sql, [...params, ...sel.params]);
    for (const r of rows) out.set(String(r[sel.key]), TO_WIRE[entity](r));
  }
  return out;
}
