/** Teams, users, reference data and bulk case upserts: used by the CLI, the admin route and the demo seeder. */
import { z } from 'zod';
import outcomeCodes from '../resources/outcome-codes.json';
import bannedPhrases from '../resources/banned-phrases.json';
import templatesEn from '../resources/templates/en.json';
import templatesZh from '../resources/templates/zh-CN.json';
import scriptEn from '../resources/scripts/en.json';
import scriptZh from '../resources/scripts/zh-CN.json';
import { OutcomeCode } from '../shared/contract';
import { DEFAULT_BUCKET_BOUNDS } from '../shared/domain/buckets';
import { DEFAULT_TIME_ZONE } from '../shared/domain/dates';
import { Role } from '../shared/domain/enums';
import { AttemptRow, CaseRow, ContactRow, DebtorRow, PaymentRow, PhoneRow, PromiseRow, BatchRow, type EntityName } from '../shared/sync';
import { normalizeTxnNo } from '../shared/domain/payment-channel';
import { appendAdminAudit } from './admin-audit';
import { isValidTimeZone } from '../shared/domain/settings';
import { HubFailure } from './errors';
import { DEFAULT_CONTACT_RULES } from '../shared/domain/settings';
import { Fanout, scopeKeys, selectIn, teamLeads, teamMembers, upsertMany } from './feed';
import { hashPassword } from './password';
import { reassign } from './push';
import { checkUploadRefs } from './upload-checks';
import type { CaseDb, UserDb } from './rows';
import type { Param, Q, Store } from './store/types';

export const DEFAULT_HUB_SETTINGS: Record<string, unknown> = {
  timeZone: DEFAULT_TIME_ZONE,
  ptpMaxDays: 30,
  ptpGraceDays: 1,
  bucketBounds: { ...DEFAULT_BUCKET_BOUNDS },
  contactRules: DEFAULT_CONTACT_RULES,
  bannedPhrases,
  messageTemplates: [...templatesZh, ...templatesEn],
};

/** `actor` of the admin audit: 'cli', or 'user:<id>' for a signed-in lead or admin. */
export async function addTeam(store: Store, name: string, now: Date, actor = 'cli'): Promise<number> {
  const n = name.trim();
  if (!n || n.length > 64) throw new HubFailure('BAD_REQUEST', 'A team name is 1-64 characters.');
  return store.write(async (q) => {
    if (await q.get('SELECT 1 AS x FROM teams WHERE name = ?', [n])) throw new HubFailure('BAD_REQUEST', `Team "${n}" already exists.`);
    const row = await q.get<{ id: number }>('INSERT INTO teams (name, created_at) VALUES (?, ?) RETURNING id', [n, now.toISOString()]);
    const id = Number(row?.id);
    const codes = z.array(OutcomeCode).parse(outcomeCodes);
    await upsertMany(q, 'outcome_codes', ['team_id', 'code', 'body'], codes.map((c) => [id, c.code, JSON.stringify(c)]), ['team_id', 'code'], []);
    const at = now.toISOString();
    await upsertMany(q, 'scripts', ['team_id', 'locale', 'body', 'updated_at'], [[id, 'zh-CN', JSON.stringify(scriptZh), at], [id, 'en', JSON.stringify(scriptEn), at]], ['team_id', 'locale'], []);
    await upsertMany(q, 'settings', ['team_id', 'key', 'value'], Object.entries(DEFAULT_HUB_SETTINGS).map(([k, v]) => [id, k, JSON.stringify(v)]), ['team_id', 'key'], []);
    await appendAdminAudit(q, { actor, action: 'team.add', teamId: id, entity: 'team', entityId: id, detail: { name: n } }, now);
    return id;
  });
}

export async function teamByName(q: Q, name: string): Promise<number> {
  const row = await q.get<{ id: number }>('SELECT id FROM teams WHERE name = ?', [name.trim()]);
  if (!row) throw new HubFailure('NOT_FOUND', `No team "${name}".`);
  return Number(row.id);
}

export const NewUser = z.object({
  username: z.string().trim().min(1).max(64).regex(/^[\w.@-]+$/, 'letters, digits, _ . @ -'),
  password: z.string().min(6, 'at least 6 characters').max(256),
  role: Role,
  team: z.string().trim().min(1).nullable(),
  displayName: z.string().trim().min(1).max(64),
  agentNo: z.string().trim().min(1).max(32),
});

/** Add a user; their feed starts with everything in their scope (and the team's leads see them). */
export async function addUser(store: Store, input: z.input<typeof NewUser>, now: Date, actor = 'cli'): Promise<number> {
  const u = NewUser.parse(input);
  const hash = await hashPassword(u.password);
  return store.write(async (q) => {
    const username = u.username.toLowerCase();
    if (await q.get('SELECT 1 AS x FROM users WHERE username = ?', [username])) throw new HubFailure('BAD_REQUEST', `User "${username}" already exists.`);
    const teamId = u.team === null ? null : await teamByName(q, u.team);
    const row = await q.get<{ id: number }>(
      'INSERT INTO users (username, display_name, agent_no, role, team_id, password_hash, created_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id',
      [username, u.displayName, u.agentNo, u.role, teamId, hash, now.toISOString()],
    );
    const id = Number(row?.id);
    const fan = new Fanout();
    for (const [entity, key] of await scopeKeys(q, { userId: id, role: u.role, teamId })) fan.add([id], entity, key);
    if (teamId !== null) fan.add(await teamMembers(q, teamId), 'agent', id); // names in every member's history
    await fan.flush(q);
    await appendAdminAudit(q, { actor, action: 'user.add', teamId, entity: 'user', entityId: id, detail: { username, role: u.role } }, now);
    return id;
  });
}

async function userByName(q: Q, username: string): Promise<UserDb> {
  const u = await q.get<UserDb>('SELECT * FROM users WHERE username = ?', [username.trim().toLowerCase()]);
  if (!u) throw new HubFailure('NOT_FOUND', `No user "${username}".`);
  return u;
}

export async function setPassword(store: Store, username: string, password: string, now: Date, actor = 'cli'): Promise<void> {
  const p = NewUser.shape.password.parse(password);
  const hash = await hashPassword(p);
  await store.write(async (q) => {
    const u = await userByName(q, username);
    await q.run('UPDATE users SET password_hash = ? WHERE id = ?', [hash, u.id]);
    // A new password ends the sessions of the old one.
    await q.run('UPDATE tokens SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL', [now.toISOString(), u.id]);
    await appendAdminAudit(q, { actor, action: 'user.passwd', teamId: u.team_id === null ? null : Number(u.team_id), entity: 'user', entityId: Number(u.id), detail: { username: u.username } }, now);
  });
}

/** Disable (or re-enable) a user: their tokens are revoked at once; leads see the roster change. */
export async function setDisabled(store: Store, username: string, disabled: boolean, now: Date, actor = 'cli'): Promise<void> {
  await store.write(async (q) => {
    const u = await userByName(q, username);
    await q.run('UPDATE users SET disabled = ? WHERE id = ?', [disabled ? 1 : 0, u.id]);
    if (disabled) await q.run('UPDATE tokens SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL', [now.toISOString(), u.id]);
    const fan = new Fanout();
    fan.add(u.team_id === null ? [Number(u.id)] : [...(await teamMembers(q, Number(u.team_id))), Number(u.id)], 'agent', Number(u.id));
    await fan.flush(q);
    await appendAdminAudit(q, { actor, action: disabled ? 'user.disable' : 'user.enable', teamId: u.team_id === null ? null : Number(u.team_id), entity: 'user', entityId: Number(u.id), detail: { username: u.username } }, now);
  });
}

export async function listUsers(store: Store): Promise<{ id: number; username: string; displayName: string; agentNo: string; role: string; team: string | null; disabled: boolean }[]> {
  const rows = await store.read((q) =>
    q.all<UserDb & { team: string | null }>('SELECT u.*, t.name AS team FROM users u LEFT JOIN teams t ON t.id = u.team_id ORDER BY u.id'),
  );
  return rows.map((r) => ({ id: Number(r.id), username: r.username, displayName: r.display_name, agentNo: r.agent_no, role: r.role, team: r.team, disabled: Boolean(r.disabled) }));
}

// ---------- bulk case upsert ----------

export const CaseUpsert = z.object({
  /** Admins name the team; a lead's rows go to their own team. */
  teamId: z.string().regex(/^[1-9]\d{0,15}$/).optional(),
  batches: z.array(BatchRow).max(1000).default([]),
  debtors: z.array(DebtorRow).max(20_000).default([]),
  contacts: z.array(ContactRow).max(60_000).default([]),
  phones: z.array(PhoneRow).max(100_000).default([]),
  cases: z.array(CaseRow).max(20_000).default([]),
  /** History (an import of earlier work, the demo seeder). */
  attempts: z.array(AttemptRow).max(100_000).default([]),
  promises: z.array(PromiseRow).max(50_000).default([]),
  /** Payments already made (a desk's earlier work moved in): history, like attempts and promises. */
  payments: z.array(PaymentRow).max(50_000).default([]),
});
export type CaseUpsert = z.output<typeof CaseUpsert>;

const n = (v: string | null): number | null => (v === null ? null : Number(v));

async function ownedElsewhere(q: Q, table: string, ids: number[], teamId: number): Promise<number | null> {
  const rows = await selectIn<{ id: number; team_id: number }>(q, `SELECT id, team_id FROM ${table} WHERE id IN`, ids);
  const other = rows.find((r) => Number(r.team_id) !== teamId);
  return other ? Number(other.id) : null;
}

/**
 * Upsert debtors, contacts, phones, batches and cases of one team (and optional history), then
 * fan the changes out. On an existing case only the imported facts change (creditor, amounts,
 * dates, batch, assignment); the hub's own counters, status, tags and preferred phone stay.
 */
export async function upsertCases(q: Q, teamId: number, b: CaseUpsert, now: Date): Promise<{ cases: number; debtors: number }> {
  const nowIso = now.toISOString();
  for (const [table, rows] of [['debtors', b.debtors], ['contacts', b.contacts], ['phones', b.phones], ['batches', b.batches], ['cases', b.cases]] as const) {
    const other = await ownedElsewhere(q, table, rows.map((r) => Number(r.id)), teamId);
    if (other !== null) throw new HubFailure('FORBIDDEN', `${table} ${other} belongs to another team.`);
  }
  await checkUploadRefs(q, teamId, b);
  // A case's own zone is read by the quiet hours: only a zone Intl knows (the shared settings check).
  b.cases.forEach((c, i) => {
    if (c.timeZone && !isValidTimeZone(c.timeZone)) throw new HubFailure('BAD_REQUEST', `cases.${i}.timeZone: ${c.timeZone} is not a time zone (an IANA name such as Asia/Urumqi).`, { field: `cases.${i}.timeZone` });
  });
  b.phones.forEach((p, i) => {
    if ((p.owner === 'self') !== (p.contactId === null)) throw new HubFailure('BAD_REQUEST', `phones.${i}.contactId: phone ${p.id}: a self phone has no contact, another has one.`, { field: `phones.${i}.contactId` });
  });

  await upsertMany(q, 'batches', ['id', 'team_id', 'batch_no', 'creditor', 'entrust_date', 'expiry_date', 'imported_at'],
    b.batches.map((x) => [Number(x.id), teamId, x.batchNo, x.creditor, x.entrustDate, x.expiryDate, x.importedAt]), ['id'], ['batch_no', 'creditor', 'entrust_date', 'expiry_date']);
  await upsertMany(q, 'debtors', ['id', 'team_id', 'name', 'gender', 'id_number', 'birth_date', 'home_address', 'work_address', 'registered_address', 'employer'],
    b.debtors.map((d) => [Number(d.id), teamId, d.name, d.gender, d.idNumber, d.birthDate, d.homeAddress, d.workAddress, d.registeredAddress, d.employer]),
    ['id'], ['name', 'gender', 'id_number', 'birth_date', 'home_address', 'work_address', 'registered_address', 'employer']);
  await upsertMany(q, 'contacts', ['id', 'team_id', 'debtor_id', 'name', 'relation', 'party', 'refused_contact'],
    b.contacts.map((c) => [Number(c.id), teamId, Number(c.debtorId), c.name, c.relation, c.party, c.refusedContact ? 1 : 0]), ['id'], ['name', 'relation', 'party', 'refused_contact']);
  await upsertMany(q, 'phones', ['id', 'team_id', 'debtor_id', 'contact_id', 'owner', 'kind', 'number', 'status'],
    b.phones.map((p) => [Number(p.id), teamId, Number(p.debtorId), n(p.contactId), p.owner, p.kind, p.number, p.status]), ['id'], ['owner', 'kind', 'number', 'status']);

  const caseIds = b.cases.map((c) => Number(c.id));
  const before = new Map((await selectIn<CaseDb>(q, `SELECT * FROM cases WHERE id IN`, caseIds)).map((c) => [Number(c.id), c]));
  const fresh = b.cases.filter((c) => !before.has(Number(c.id)));
  await upsertMany(q, 'cases',
    ['id', 'team_id', 'debtor_id', 'batch_id', 'creditor', 'product', 'account_no', 'principal_fen', 'balance_fen', 'overdue_fen', 'min_due_fen',
      'overdue_since', 'last_payment_date', 'last_payment_fen', 'entrust_date', 'expiry_date', 'status', 'tags', 'assigned_agent_id', 'preferred_phone_id',
      'broken_promises', 'refusals', 'attempt_count', 'last_attempt_at', 'last_outcome_code', 'updated_at', 'time_zone'],
    fresh.map((c) => [Number(c.id), teamId, Number(c.debtorId), n(c.batchId), c.creditor, c.product, c.accountNo, c.principalFen, c.balanceFen, c.overdueFen,
      c.minDueFen, c.overdueSince, c.lastPaymentDate, c.lastPaymentFen, c.entrustDate, c.expiryDate, c.status, JSON.stringify(c.tags), null, n(c.preferredPhoneId),
      c.brokenPromises, c.refusals, c.attemptCount, c.lastAttemptAt, c.lastOutcomeCode, nowIso, c.timeZone ?? null] as Param[]),
    ['id'], []);
  for (const c of b.cases) {
    if (!before.has(Number(c.id))) continue;
    await q.run(
      `UPDATE cases SET debtor_id = ?, batch_id = ?, creditor = ?, product = ?, account_no = ?, principal_fen = ?, balance_fen = ?, overdue_fen = ?,
         min_due_fen = ?, overdue_since = ?, last_payment_date = ?, last_payment_fen = ?, entrust_date = ?, expiry_date = ?,
         time_zone = COALESCE(?, time_zone), updated_at = ? WHERE id = ?`,
      [Number(c.debtorId), n(c.batchId), c.creditor, c.product, c.accountNo, c.principalFen, c.balanceFen, c.overdueFen, c.minDueFen, c.overdueSince,
        c.lastPaymentDate, c.lastPaymentFen, c.entrustDate, c.expiryDate, c.timeZone ?? null, nowIso, Number(c.id)],
    );
  }
  // History rows (append-only; an existing id is left as it is).
  await upsertMany(q, 'attempts',
    ['id', 'client_request_id', 'case_id', 'agent_id', 'phone_id', 'channel', 'party', 'outcome_code', 'note', 'call_started_at', 'duration_sec', 'claimed_paid_date', 'steps_done', 'scenario', 'at', 'received_at'],
    b.attempts.map((a) => [a.id, a.clientRequestId, Number(a.caseId), Number(a.agentId), n(a.phoneId), a.channel, a.party, a.outcomeCode, a.note, a.callStartedAt, a.durationSec, a.claimedPaidDate, JSON.stringify(a.stepsDone), a.scenario, a.at, nowIso]),
    ['id'], []);
  await upsertMany(q, 'promises',
    ['id', 'case_id', 'attempt_id', 'agent_id', 'amount_fen', 'due_date', 'created_date', 'created_at', 'state', 'paid_fen', 'state_changed_at'],
    b.promises.map((p) => [p.id, Number(p.caseId), p.attemptId, n(p.agentId), p.amountFen, p.dueDate, p.createdDate, p.createdAt, p.state, p.paidFen, p.stateChangedAt]),
    ['id'], []);
  // History payments, once per id. They change no balance here: each case row of the upload
  // already carries its balance after them (applying them again would count the money twice).
  // Stored as they were (verification included), so the hub's promise re-evaluation counts them.
  await upsertMany(q, 'payments',
    ['id', 'case_id', 'amount_fen', 'paid_date', 'source', 'agent_id', 'created_at', 'channel', 'txn_no', 'verification', 'verified_by', 'verified_at', 'verify_reason'],
    b.payments.map((p) => [p.id, Number(p.caseId), p.amountFen, p.paidDate, p.source, n(p.agentId), p.createdAt, p.channel, normalizeTxnNo(p.txnNo), p.verification, n(p.verifiedBy), p.verifiedAt, p.verifyReason]),
    ['id'], []);

  // Fan out: assignment changes through reassign(); everything else to the case's audience.
  const fan = new Fanout();
  const leads = await teamLeads(q, teamId);
  const memo = new Map([[teamId, leads]]);
  const after = new Map((await selectIn<CaseDb>(q, 'SELECT * FROM cases WHERE id IN', caseIds)).map((c) => [Number(c.id), c]));
  const byTarget = new Map<number | null, CaseDb[]>();
  for (const c of b.cases) {
    const row = after.get(Number(c.id));
    if (!row) continue;
    const to = n(c.assignedAgentId);
    const list = byTarget.get(to) ?? [];
    list.push(row);
    byTarget.set(to, list);
  }
  for (const [to, list] of byTarget) await reassign(q, fan, list, to, now, memo);
  // Rows of debtors whose cases did not move: everyone who sees those cases.
  const touchedDebtors = [...new Set([...b.debtors.map((d) => Number(d.id)), ...b.contacts.map((c) => Number(c.debtorId)), ...b.phones.map((p) => Number(p.debtorId))])];
  const holders = await selectIn<{ debtor_id: number; assigned_agent_id: number | null }>(q, 'SELECT debtor_id, assigned_agent_id FROM cases WHERE debtor_id IN', touchedDebtors);
  const seers = new Map<number, Set<number>>();
  for (const h of holders) {
    const s = seers.get(Number(h.debtor_id)) ?? new Set(leads);
    if (h.assigned_agent_id !== null) s.add(Number(h.assigned_agent_id));
    seers.set(Number(h.debtor_id), s);
  }
  const to = (debtorId: string) => seers.get(Number(debtorId)) ?? new Set(leads);
  for (const d of b.debtors) fan.add(to(d.id), 'debtor', d.id);
  for (const c of b.contacts) fan.add(to(c.debtorId), 'contact', c.id);
  for (const p of b.phones) fan.add(to(p.debtorId), 'phone', p.id);
  for (const x of b.batches) fan.add(await teamMembers(q, teamId), 'batch', x.id);
  const audienceOf = (caseId: string): number[] => {
    const c = after.get(Number(caseId));
    return c ? [...leads, ...(c.assigned_agent_id === null ? [] : [Number(c.assigned_agent_id)])] : leads;
  };
  for (const c of b.cases) fan.add(audienceOf(c.id), 'case', c.id);
  const extra: [EntityName, string, string][] = [
    ...b.attempts.map((a): [EntityName, string, string] => ['attempt', a.id, a.caseId]),
    ...b.promises.map((p): [EntityName, string, string] => ['promise', p.id, p.caseId]),
    ...b.payments.map((p): [EntityName, string, string] => ['payment', p.id, p.caseId]),
  ];
  for (const [e, id, caseId] of extra) fan.add(audienceOf(caseId), e, id);
  await fan.flush(q);
  return { cases: b.cases.length, debtors: b.debtors.length };
}

/**
 * The hosting lead on a hub a lead's desk runs in-process ("host the team hub on this
 * computer"): on a new hub, create the team and the lead; on an existing one, make sure the lead
 * exists and the password just typed on this desk is theirs. Idempotent.
 */
export async function ensureLeadAccount(
  store: Store,
  admin: { username: string; password: string; displayName: string; agentNo: string; team?: string },
  now: Date,
): Promise<void> {
  const existing = await store.read((q) => q.get<{ role: string }>('SELECT role FROM users WHERE username = ?', [admin.username.trim().toLowerCase()]));
  if (existing) {
    if (existing.role !== 'lead' && existing.role !== 'admin') throw new Error(`"${admin.username}" is not a lead on this hub.`);
    await setPassword(store, admin.username, admin.password, now);
    return;
  }
  const team = admin.team ?? '本组';
  const hasTeam = await store.read((q) => q.get('SELECT 1 AS x FROM teams WHERE name = ?', [team]));
  if (!hasTeam) await addTeam(store, team, now);
  await addUser(store, { username: admin.username, password: admin.password, role: 'lead', team, displayName: admin.displayName, agentNo: admin.agentNo }, now);
}
