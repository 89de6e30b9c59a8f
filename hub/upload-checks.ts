/**
 * A lead's case upload (POST /v1/admin/cases, hub/admin.ts upsertCases) may name only rows of its
 * own team: every reference resolves inside the upload or among the team's stored rows, and every
 * agent is a member of the team. History payments also pass the shared payment rules that hold
 * for any earlier payment (an amount above zero, a well-formed transaction number). A violation is a 400 naming the row (params.field); the checks
 * run before any write, and the upload is one transaction, so nothing is written.
 */
import { checkTxnNo, normalizeTxnNo } from '../shared/domain/payment-channel';
import type { CaseUpsert } from './admin';
import { HubFailure } from './errors';
import { selectIn } from './feed';
import type { Q } from './store/types';

const refused = (field: string, message: string): HubFailure => new HubFailure('BAD_REQUEST', `${field}: ${message}`, { field });

/** id -> debtor id of the team's stored rows of `table` among `ids` (debtor_id is the row's own id for debtors). */
async function stored(q: Q, table: 'debtors' | 'contacts' | 'phones' | 'batches' | 'cases', teamId: number, ids: Iterable<string>): Promise<Map<string, string | null>> {
  const list = [...new Set(ids)].map(Number);
  const debtorCol = table === 'debtors' ? 'id' : table === 'batches' ? 'NULL' : 'debtor_id';
  const rows = await selectIn<{ id: number; d: number | null }>(q, `SELECT id, ${debtorCol} AS d FROM ${table} WHERE id IN`, list, 'AND team_id = ?', [teamId]);
  return new Map(rows.map((r) => [String(r.id), r.d === null ? null : String(r.d)]));
}

export async function checkUploadRefs(q: Q, teamId: number, b: CaseUpsert): Promise<void> {
  const within = <T extends { id: string }>(rows: readonly T[], debtorOf: (r: T) => string | null) => new Map(rows.map((r) => [r.id, debtorOf(r)]));
  const absent = (ids: (string | null)[], known: Map<string, unknown>): string[] => ids.filter((x): x is string => x !== null && !known.has(x));

  // debtor, contact, phone, batch, case: in the upload, else stored in this team (with the debtor each belongs to)
  const debtors = within(b.debtors, (d) => d.id);
  for (const [id, d] of await stored(q, 'debtors', teamId, absent([...b.contacts, ...b.phones, ...b.cases].map((r) => r.debtorId), debtors))) debtors.set(id, d);
  const contacts = within(b.contacts, (c) => c.debtorId);
  for (const [id, d] of await stored(q, 'contacts', teamId, absent(b.phones.map((p) => p.contactId), contacts))) contacts.set(id, d);
  const phones = within(b.phones, (p) => p.debtorId);
  for (const [id, d] of await stored(q, 'phones', teamId, absent([...b.cases.map((c) => c.preferredPhoneId), ...b.attempts.map((a) => a.phoneId)], phones))) phones.set(id, d);
  const batches = within(b.batches, () => null);
  for (const [id] of await stored(q, 'batches', teamId, absent(b.cases.map((c) => c.batchId), batches))) batches.set(id, null);
  const cases = within(b.cases, (c) => c.debtorId);
  for (const [id, d] of await stored(q, 'cases', teamId, absent([...b.attempts, ...b.promises, ...b.payments].map((r) => r.caseId), cases))) cases.set(id, d);

  const need = (field: string, what: string, id: string | null, known: Map<string, string | null>, debtorId?: string | null): void => {
    if (id === null) return;
    if (!known.has(id)) throw refused(field, `${what} ${id} is neither in this upload nor in this team.`);
    if (debtorId !== undefined && debtorId !== null && known.get(id) !== debtorId) throw refused(field, `${what} ${id} belongs to another debtor.`);
  };
  b.contacts.forEach((c, i) => need(`contacts.${i}.debtorId`, 'debtor', c.debtorId, debtors));
  b.phones.forEach((p, i) => {
    need(`phones.${i}.debtorId`, 'debtor', p.debtorId, debtors);
    need(`phones.${i}.contactId`, 'contact', p.contactId, contacts, p.debtorId);
  });
  b.cases.forEach((c, i) => {
    need(`cases.${i}.debtorId`, 'debtor', c.debtorId, debtors);
    need(`cases.${i}.batchId`, 'batch', c.batchId, batches);
    need(`cases.${i}.preferredPhoneId`, 'phone', c.preferredPhoneId, phones, c.debtorId);
  });
  b.attempts.forEach((a, i) => {
    need(`attempts.${i}.caseId`, 'case', a.caseId, cases);
    need(`attempts.${i}.phoneId`, 'phone', a.phoneId, phones, cases.get(a.caseId) ?? null);
  });
  b.promises.forEach((p, i) => need(`promises.${i}.caseId`, 'case', p.caseId, cases));
  b.payments.forEach((p, i) => {
    need(`payments.${i}.caseId`, 'case', p.caseId, cases);
    // The shared rules' first: money paid is positive (PaymentRow bounds it to safe integer fen).
    if (!(p.amountFen > 0)) throw refused(`payments.${i}.amountFen`, `payment ${p.id}: an amount paid is above zero (payment.amountPositive).`);
    const bad = checkTxnNo(normalizeTxnNo(p.txnNo));
    if (bad) throw refused(`payments.${i}.txnNo`, `payment ${p.id}: not a transaction number (${bad.rule}).`);
  });
  await checkHistoryIds(q, b);

  // a promise's attempt: in the upload, else a stored attempt of the same case
  const attemptCase = new Map(b.attempts.map((a) => [a.id, a.caseId]));
  const askAttempts = [...new Set(b.promises.flatMap((p) => (p.attemptId !== null && !attemptCase.has(p.attemptId) ? [p.attemptId] : [])))];
  for (const r of await selectIn<{ id: string; case_id: number }>(q, 'SELECT id, case_id FROM attempts WHERE id IN', askAttempts)) attemptCase.set(r.id, String(r.case_id));
  b.promises.forEach((p, i) => {
    if (p.attemptId !== null && attemptCase.get(p.attemptId) !== p.caseId) throw refused(`promises.${i}.attemptId`, `attempt ${p.attemptId} is not a call record of case ${p.caseId}.`);
  });

  // every agent the upload names is a member of this team
  const named: [string, string | null][] = [
    ...b.cases.map((c, i): [string, string | null] => [`cases.${i}.assignedAgentId`, c.assignedAgentId]),
    ...b.attempts.map((a, i): [string, string | null] => [`attempts.${i}.agentId`, a.agentId]),
    ...b.promises.map((p, i): [string, string | null] => [`promises.${i}.agentId`, p.agentId]),
    ...b.payments.map((p, i): [string, string | null] => [`payments.${i}.agentId`, p.agentId]),
    ...b.payments.map((p, i): [string, string | null] => [`payments.${i}.verifiedBy`, p.verifiedBy]),
  ];
  const ids = [...new Set(named.flatMap(([, a]) => (a === null ? [] : [Number(a)])))];
  const members = new Set((await selectIn<{ id: number }>(q, 'SELECT id FROM users WHERE id IN', ids, 'AND team_id = ?', [teamId])).map((r) => String(r.id)));
  for (const [field, a] of named) if (a !== null && !members.has(a)) throw refused(field, `agent ${a} is not a member of this team.`);
}

/**
 * History rows (call records, promises, payments) are stored once per id: one whose id the hub
 * already holds is left as it is, but its id is still fanned out to the upload's case audience.
 * So it must be a row of that same case (in the upload too), or the upload would hand another
 * case's (another team's) record to this team's desks.
 */
async function checkHistoryIds(q: Q, b: CaseUpsert): Promise<void> {
  const kinds: [table: 'attempts' | 'promises' | 'payments', rows: readonly { id: string; caseId: string }[], what: string][] = [
    ['attempts', b.attempts, 'call record'],
    ['promises', b.promises, 'promise'],
    ['payments', b.payments, 'payment'],
  ];
  for (const [table, rows, what] of kinds) {
    const ids = [...new Set(rows.map((r) => r.id))];
    const caseOf = new Map((await selectIn<{ id: string; case_id: number }>(q, `SELECT id, case_id FROM ${table} WHERE id IN`, ids)).map((r) => [String(r.id), String(r.case_id)]));
    rows.forEach((r, i) => {
      const at = caseOf.get(r.id);
      if (at !== undefined && at !== r.caseId) throw refused(`${table}.${i}.id`, `${what} ${r.id} is already a ${what} of another case.`);
      caseOf.set(r.id, r.caseId); // twice in this upload: the same case both times
    });
  }
}
