import { localDateOf } from '../../../shared/domain/dates';
import { DeskSettings } from '../../../shared/contract';
import { parseRow, type Change, type EntityName, type EntityRow, type PullResponse } from '../../../shared/sync';
import { appendAudit } from '../audit/audit';
import type { Ctx } from '../context';
import { recomputeCase } from '../cases/derive';

/** A page the desk refuses as a whole (nothing of it is applied, the cursor stays). */
export class ApplyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ApplyError';
  }
}

export interface ApplyResult {
  applied: number;
  touchedCases: number;
  removedCases: number;
  /** Reference data changed: the caller drops its caches (outcome codes, scripts, settings). */
  referenceChanged: boolean;
  rejections: number;
}

const HUB_MANAGED_PASSWORD = 'scrypt$hub-managed';
const hubInt = (id: string): number => {
  const n = Number(id);
  if (!/^[1-9]\d{0,15}$/.test(id) || !Number.isSafeInteger(n)) throw new ApplyError(`not a hub id: ${id.slice(0, 32)}`);
  return n;
};
const optInt = (id: string | null): number | null => (id === null ? null : hubInt(id));
const bool = (b: boolean): number => (b ? 1 : 0);
const DESK_SETTING_KEYS = new Set(Object.keys(DeskSettings.shape).filter((k) => k !== 'locale'));

type ApplyCtx = Pick<Ctx, 'db' | 'prep' | 'clock' | 'settings' | 'session'>;

/**
 * Apply one pull page and its cursor in ONE transaction: validated rows (shared/sync.ts
 * parseRow) mapped onto the desk tables, the cursor, the outbox rows the hub has processed
 * (mutation id <= lastMutationId) deleted, derived case fields recomputed. Anything failing
 * rolls the whole page back: nothing applied, cursor unchanged.
 */
export function applyPullPage(ctx: ApplyCtx, page: PullResponse, opts: { today: () => string; settingsChanged: () => void }): ApplyResult {
  const now = ctx.clock().toISOString();
  const touched = new Set<number>();
  const result: ApplyResult = { applied: 0, touchedCases: 0, removedCases: 0, referenceChanged: false, rejections: 0 };
  const p = ctx.prep;

  const ensureAgent = (id: number | null): void => {
    if (id === null) return;
    p(`INSERT OR IGNORE INTO agents (id, username, display_name, agent_no, role, password_hash, disabled, created_at)
       VALUES (?, ?, ?, ?, 'agent', '${HUB_MANAGED_PASSWORD}', 0, ?)`).run(id, `~hub-agent-${id}`, `#${id}`, `~${id}`, now);
  };
  const exists = (table: 'phones' | 'attempts' | 'cases' | 'debtors' | 'contacts', id: number | string | null): boolean =>
    id === null || p<{ n: number }>(`SELECT count(*) AS n FROM ${table} WHERE id = ?`).get(id)?.n === 1;
  /** References to rows a page may bring later (or never): checked and cleared at the end of the page. */
  const dangling: { table: string; col: string; id: string | number; target: 'phones' | 'attempts'; ref: number | string }[] = [];

  /**
   * Agent-owned fields this desk changed and the hub has not processed yet (outbox rows after
   * lastMutationId): the local value stays until the mutation has its place in hub order and
   * comes back on a later page; the hub's order still decides the final value.
   */
  const pendingPreferred = new Map<string, string | null>();
  for (const r of p<{ args: string }>("SELECT args FROM outbox WHERE name = 'case.setPreferredPhone' AND mutation_id > ? ORDER BY mutation_id").all(page.lastMutationId)) {
    const a = JSON.parse(r.args) as { caseId?: unknown; phoneId?: unknown };
    if (typeof a.caseId === 'string') pendingPreferred.set(a.caseId, typeof a.phoneId === 'string' ? a.phoneId : null);
  }

  const nullAttemptPhones = (where: string, arg: number): void => {
    p(`UPDATE attempts SET phone_id = NULL WHERE phone_id IN (${where})`).run(arg);
    p(`UPDATE cases SET preferred_phone_id = NULL WHERE preferred_phone_id IN (${where})`).run(arg);
  };

  const removeCase = (caseId: number): void => {
    const c = p<{ debtor_id: number }>('SELECT debtor_id FROM cases WHERE id = ?').get(caseId);
    if (!c) return;
    const count = (table: string): number => p<{ n: number }>(`SELECT count(*) AS n FROM ${table} WHERE case_id = ?`).get(caseId)?.n ?? 0;
    const removed = { attempts: count('attempts'), promises: count('promises'), payments: count('payments'), followUps: count('follow_ups') };
    const unpushed = p<{ n: number }>("SELECT count(*) AS n FROM outbox WHERE json_extract(args, '$.caseId') = ?").get(String(caseId))?.n ?? 0;
    for (const t of ['drafts', 'follow_ups', 'promises', 'payments', 'attempts']) p(`DELETE FROM ${t} WHERE case_id = ?`).run(caseId);
    p('DELETE FROM cases WHERE id = ?').run(caseId);
    const others = p<{ n: number }>('SELECT count(*) AS n FROM cases WHERE debtor_id = ?').get(c.debtor_id)?.n ?? 0;
    if (others === 0) p('DELETE FROM debtors WHERE id = ?').run(c.debtor_id);
    // The outbox keeps this case's unpushed work: it still goes to the hub (accepted as late history).
    appendAudit(ctx, { action: 'sync.caseLeftScope', entity: 'case', entityId: caseId, detail: { ...removed, unpushedOutboxRows: unpushed } });
    touched.delete(caseId);
    result.removedCases += 1;
  };

  function put<E extends EntityName>(entity: E, row: EntityRow<E>): void;
  function put(entity: EntityName, raw: unknown): void {
    switch (entity) {
      case 'agent': {
        const r = raw as EntityRow<'agent'>;
        const id = hubInt(r.id);
        // a username or 工号 moved between agents: free it first (UNIQUE columns)
        p("UPDATE agents SET username = '~' || id || '~' || username, agent_no = '~' || id || '~' || agent_no WHERE (username = ? OR agent_no = ?) AND id != ?")
          .run(r.username, r.agentNo, id);
        p(`INSERT INTO agents (id, username, display_name, agent_no, role, password_hash, disabled, created_at)
           VALUES (@id, @username, @display_name, @agent_no, @role, '${HUB_MANAGED_PASSWORD}', @disabled, @now)
           ON CONFLICT (id) DO UPDATE SET username = excluded.username, display_name = excluded.display_name,
             agent_no = excluded.agent_no, role = excluded.role, disabled = excluded.disabled`)
          .run({ id, username: r.username, display_name: r.displayName, agent_no: r.agentNo, role: r.role, disabled: bool(r.disabled), now });
        return;
      }
      case 'debtor': {
        const r = raw as EntityRow<'debtor'>;
        p(`INSERT INTO debtors (id, name, gender, id_number, id_tail4, birth_date, home_address, work_address, registered_address, employer, updated_at)
           VALUES (@id, @name, @gender, @id_number, @tail, @birth, @home, @work, @reg, @employer, @now)
           ON CONFLICT (id) DO UPDATE SET name = excluded.name, gender = excluded.gender, id_number = excluded.id_number, id_tail4 = excluded.id_tail4,
             birth_date = excluded.birth_date, home_address = excluded.home_address, work_address = excluded.work_address,
             registered_address = excluded.registered_address, employer = excluded.employer, updated_at = excluded.updated_at`)
          .run({
            id: hubInt(r.id), name: r.name, gender: r.gender, id_number: r.idNumber, tail: r.idNumber ? r.idNumber.slice(-4) : null, birth: r.birthDate,
            home: r.homeAddress, work: r.workAddress, reg: r.registeredAddress, employer: r.employer, now,
          });
        return;
      }
      case 'contact': {
        const r = raw as EntityRow<'contact'>;
        p(`INSERT INTO contacts (id, debtor_id, name, relation, party, refused_contact) VALUES (?, ?, ?, ?, ?, ?)
           ON CONFLICT (id) DO UPDATE SET debtor_id = excluded.debtor_id, name = excluded.name, relation = excluded.relation,
             party = excluded.party, refused_contact = excluded.refused_contact`)
          .run(hubInt(r.id), hubInt(r.debtorId), r.name, r.relation, r.party, bool(r.refusedContact));
        return;
      }
      case 'phone': {
        const r = raw as EntityRow<'phone'>;
        p(`INSERT INTO phones (id, debtor_id, contact_id, owner, kind, number, number_tail4, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (id) DO UPDATE SET debtor_id = excluded.debtor_id, contact_id = excluded.contact_id, owner = excluded.owner,
             kind = excluded.kind, number = excluded.number, number_tail4 = excluded.number_tail4, status = excluded.status`)
          .run(hubInt(r.id), hubInt(r.debtorId), optInt(r.contactId), r.owner, r.kind, r.number, r.number.slice(-4), r.status);
        return;
      }
      case 'batch': {
        const r = raw as EntityRow<'batch'>;
        p(`INSERT INTO batches (id, batch_no, creditor, entrust_date, expiry_date, imported_at) VALUES (?, ?, ?, ?, ?, ?)
           ON CONFLICT (id) DO UPDATE SET batch_no = excluded.batch_no, creditor = excluded.creditor, entrust_date = excluded.entrust_date,
             expiry_date = excluded.expiry_date, imported_at = excluded.imported_at`)
          .run(hubInt(r.id), r.batchNo, r.creditor, r.entrustDate, r.expiryDate, r.importedAt);
        return;
      }
      case 'case': {
        const r = raw as EntityRow<'case'>;
        const id = hubInt(r.id);
        const agent = optInt(r.assignedAgentId);
        ensureAgent(agent);
        p(`INSERT INTO cases (id, debtor_id, batch_id, creditor, product, account_no, principal_fen, balance_fen, overdue_fen, min_due_fen,
             overdue_since, last_payment_date, last_payment_fen, entrust_date, expiry_date, status, tags, assigned_agent_id, preferred_phone_id,
             broken_promises, refusals, attempt_count, last_attempt_at, last_outcome_code, updated_at)
           VALUES (@id, @debtor_id, @batch_id, @creditor, @product, @account_no, @principal, @balance, @overdue, @min_due,
             @overdue_since, @lp_date, @lp_fen, @entrust, @expiry, @status, @tags, @agent, @preferred,
             @broken, @refusals, @attempts, @last_at, @last_code, @now)
           ON CONFLICT (id) DO UPDATE SET debtor_id = excluded.debtor_id, batch_id = excluded.batch_id, creditor = excluded.creditor,
             product = excluded.product, account_no = excluded.account_no, principal_fen = excluded.principal_fen, balance_fen = excluded.balance_fen,
             overdue_fen = excluded.overdue_fen, min_due_fen = excluded.min_due_fen, overdue_since = excluded.overdue_since,
             last_payment_date = excluded.last_payment_date, last_payment_fen = excluded.last_payment_fen, entrust_date = excluded.entrust_date,
             expiry_date = excluded.expiry_date, status = excluded.status, tags = excluded.tags, assigned_agent_id = excluded.assigned_agent_id,
             preferred_phone_id = excluded.preferred_phone_id, broken_promises = excluded.broken_promises, refusals = excluded.refusals,
             attempt_count = excluded.attempt_count, last_attempt_at = excluded.last_attempt_at, last_outcome_code = excluded.last_outcome_code,
             updated_at = excluded.updated_at`)
          .run({
            id, debtor_id: hubInt(r.debtorId), batch_id: optInt(r.batchId), creditor: r.creditor, product: r.product, account_no: r.accountNo,
            principal: r.principalFen, balance: r.balanceFen, overdue: r.overdueFen, min_due: r.minDueFen, overdue_since: r.overdueSince,
            lp_date: r.lastPaymentDate, lp_fen: r.lastPaymentFen, entrust: r.entrustDate, expiry: r.expiryDate, status: r.status,
            tags: JSON.stringify(r.tags), agent,
            preferred: optInt(pendingPreferred.has(r.id) ? (pendingPreferred.get(r.id) ?? null) : r.preferredPhoneId), broken: r.brokenPromises, refusals: r.refusals,
            attempts: r.attemptCount, last_at: r.lastAttemptAt, last_code: r.lastOutcomeCode, now,
          });
        touched.add(id);
        return;
      }
      case 'attempt': {
        const r = raw as EntityRow<'attempt'>;
        const caseId = hubInt(r.caseId);
        const agentId = hubInt(r.agentId);
        ensureAgent(agentId);
        const phoneId = optInt(r.phoneId);
        p(`INSERT INTO attempts (id, client_request_id, case_id, agent_id, phone_id, channel, party, outcome_code, note, call_started_at,
             duration_sec, claimed_paid_date, steps_done, scenario, at)
           VALUES (@id, @crid, @case_id, @agent_id, @phone_id, @channel, @party, @code, @note, @started, @duration, @paid, @steps, @scenario, @at)
           ON CONFLICT (id) DO UPDATE SET client_request_id = excluded.client_request_id, case_id = excluded.case_id, agent_id = excluded.agent_id,
             phone_id = excluded.phone_id, channel = excluded.channel, party = excluded.party, outcome_code = excluded.outcome_code,
             note = excluded.note, call_started_at = excluded.call_started_at, duration_sec = excluded.duration_sec,
             claimed_paid_date = excluded.claimed_paid_date, steps_done = excluded.steps_done, scenario = excluded.scenario, at = excluded.at`)
          .run({
            id: r.id, crid: r.clientRequestId, case_id: caseId, agent_id: agentId, phone_id: phoneId, channel: r.channel, party: r.party,
            code: r.outcomeCode, note: r.note, started: r.callStartedAt, duration: r.durationSec, paid: r.claimedPaidDate,
            steps: JSON.stringify(r.stepsDone), scenario: r.scenario, at: r.at,
          });
        if (phoneId !== null) dangling.push({ table: 'attempts', col: 'phone_id', id: r.id, target: 'phones', ref: phoneId });
        touched.add(caseId);
        return;
      }
      case 'promise': {
        const r = raw as EntityRow<'promise'>;
        const caseId = hubInt(r.caseId);
        const agentId = optInt(r.agentId);
        ensureAgent(agentId);
        p(`INSERT INTO promises (id, case_id, attempt_id, agent_id, amount_fen, due_date, created_date, created_at, state, paid_fen, state_changed_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (id) DO UPDATE SET case_id = excluded.case_id, attempt_id = excluded.attempt_id, agent_id = excluded.agent_id,
             amount_fen = excluded.amount_fen, due_date = excluded.due_date, created_date = excluded.created_date, created_at = excluded.created_at,
             state = excluded.state, paid_fen = excluded.paid_fen, state_changed_at = excluded.state_changed_at`)
          .run(r.id, caseId, r.attemptId, agentId, r.amountFen, r.dueDate, r.createdDate, r.createdAt, r.state, r.paidFen, r.stateChangedAt);
        if (r.attemptId !== null) dangling.push({ table: 'promises', col: 'attempt_id', id: r.id, target: 'attempts', ref: r.attemptId });
        touched.add(caseId);
        return;
      }
      case 'payment': {
        const r = raw as EntityRow<'payment'>;
        const caseId = hubInt(r.caseId);
        const agentId = optInt(r.agentId);
        ensureAgent(agentId);
        p(`INSERT INTO payments (id, case_id, amount_fen, paid_date, source, agent_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (id) DO UPDATE SET case_id = excluded.case_id, amount_fen = excluded.amount_fen, paid_date = excluded.paid_date,
             source = excluded.source, agent_id = excluded.agent_id, created_at = excluded.created_at`)
          .run(r.id, caseId, r.amountFen, r.paidDate, r.source, agentId, r.createdAt);
        touched.add(caseId);
        return;
      }
      case 'followUp': {
        const r = raw as EntityRow<'followUp'>;
        const caseId = hubInt(r.caseId);
        const agentId = optInt(r.agentId);
        ensureAgent(agentId);
        p(`INSERT INTO follow_ups (id, case_id, agent_id, attempt_id, due_at, reason, state, created_at, closed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (id) DO UPDATE SET case_id = excluded.case_id, agent_id = excluded.agent_id, attempt_id = excluded.attempt_id,
             due_at = excluded.due_at, reason = excluded.reason, state = excluded.state, created_at = excluded.created_at, closed_at = excluded.closed_at,
             notified_at = CASE WHEN follow_ups.due_at = excluded.due_at THEN follow_ups.notified_at END`)
          .run(r.id, caseId, agentId, r.attemptId, r.dueAt, r.reason, r.state, r.createdAt, r.closedAt);
        if (r.attemptId !== null) dangling.push({ table: 'follow_ups', col: 'attempt_id', id: r.id, target: 'attempts', ref: r.attemptId });
        touched.add(caseId);
        return;
      }
      case 'outcomeCode': {
        const c = raw as EntityRow<'outcomeCode'>;
        if (c.hotkey !== null) p('UPDATE outcome_codes SET hotkey = NULL WHERE hotkey = ? AND code != ?').run(c.hotkey, c.code);
        p(`INSERT INTO outcome_codes (code, hotkey, label_zh, label_en, is_contact, is_rpc, needs_ptp, needs_follow_up, needs_paid_date,
             sets_status, adds_tag, locks_phone, sort)
           VALUES (@code, @hotkey, @zh, @en, @contact, @rpc, @ptp, @fu, @paid, @status, @tag, @lock, @sort)
           ON CONFLICT (code) DO UPDATE SET hotkey = excluded.hotkey, label_zh = excluded.label_zh, label_en = excluded.label_en,
             is_contact = excluded.is_contact, is_rpc = excluded.is_rpc, needs_ptp = excluded.needs_ptp, needs_follow_up = excluded.needs_follow_up,
             needs_paid_date = excluded.needs_paid_date, sets_status = excluded.sets_status, adds_tag = excluded.adds_tag,
             locks_phone = excluded.locks_phone, sort = excluded.sort`)
          .run({
            code: c.code, hotkey: c.hotkey, zh: c.label['zh-CN'], en: c.label.en, contact: bool(c.isContact), rpc: bool(c.isRpc),
            ptp: bool(c.needsPtp), fu: bool(c.needsFollowUp), paid: bool(c.needsPaidDate), status: c.setsStatus, tag: c.addsTag,
            lock: bool(c.locksPhone), sort: c.sort,
          });
        result.referenceChanged = true;
        return;
      }
      case 'script': {
        const r = raw as EntityRow<'script'>;
        p('INSERT INTO scripts (locale, body, updated_at) VALUES (?, ?, ?) ON CONFLICT (locale) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at')
          .run(r.locale, JSON.stringify(r.body), r.updatedAt);
        result.referenceChanged = true;
        return;
      }
      case 'setting': {
        const r = raw as EntityRow<'setting'>;
        // The desk's language stays the agent's own choice; team rules come from the hub.
        if (r.key === 'locale' || r.key.startsWith('_')) return;
        p('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(r.key, JSON.stringify(r.value ?? null));
        if (DESK_SETTING_KEYS.has(r.key)) result.referenceChanged = true;
        return;
      }
      case 'rejection': {
        const r = raw as EntityRow<'rejection'>;
        const args = r.args as { caseId?: unknown; caseIds?: unknown } | null;
        const caseIdRaw = typeof args?.caseId === 'string' ? args.caseId : Array.isArray(args?.caseIds) && typeof args.caseIds[0] === 'string' ? args.caseIds[0] : null;
        const caseId = caseIdRaw !== null && /^[1-9]\d{0,15}$/.test(caseIdRaw) ? Number(caseIdRaw) : null;
        p(`INSERT INTO sync_rejections (id, device_id, mutation_id, name, args, case_id, reason, detail, at, received_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (id) DO UPDATE SET reason = excluded.reason, detail = excluded.detail, args = excluded.args, case_id = excluded.case_id`)
          .run(hubInt(r.id), r.deviceId, r.mutationId, r.name, JSON.stringify(r.args ?? null), caseId, r.reason, r.detail, r.at, now);
        result.rejections += 1;
        return;
      }
      case 'target':
      case 'conflict': {
        const r = raw as { id: string };
        p('INSERT INTO hub_rows (entity, key, row) VALUES (?, ?, ?) ON CONFLICT (entity, key) DO UPDATE SET row = excluded.row').run(entity, r.id, JSON.stringify(raw));
        return;
      }
    }
  }

  const del = (entity: EntityName, key: string): void => {
    switch (entity) {
      case 'case':
        removeCase(hubInt(key));
        return;
      case 'agent':
        // referenced by history: kept, but no longer able to work
        p('UPDATE agents SET disabled = 1 WHERE id = ?').run(hubInt(key));
        return;
      case 'debtor': {
        const id = hubInt(key);
        for (const c of p<{ id: number }>('SELECT id FROM cases WHERE debtor_id = ?').all(id)) removeCase(c.id);
        nullAttemptPhones('SELECT id FROM phones WHERE debtor_id = ?', id);
        p('DELETE FROM debtors WHERE id = ?').run(id);
        return;
      }
      case 'contact': {
        const id = hubInt(key);
        nullAttemptPhones('SELECT id FROM phones WHERE contact_id = ?', id);
        p('DELETE FROM contacts WHERE id = ?').run(id);
        return;
      }
      case 'phone': {
        const id = hubInt(key);
        nullAttemptPhones('SELECT ?', id);
        p('DELETE FROM phones WHERE id = ?').run(id);
        return;
      }
      case 'batch':
        p('UPDATE cases SET batch_id = NULL WHERE batch_id = ?').run(hubInt(key));
        p('DELETE FROM batches WHERE id = ?').run(hubInt(key));
        return;
      case 'attempt': {
        const caseId = p<{ case_id: number }>('SELECT case_id FROM attempts WHERE id = ?').get(key)?.case_id;
        p('UPDATE promises SET attempt_id = NULL WHERE attempt_id = ?').run(key);
        p('UPDATE follow_ups SET attempt_id = NULL WHERE attempt_id = ?').run(key);
        p('DELETE FROM attempts WHERE id = ?').run(key);
        if (caseId !== undefined) touched.add(caseId);
        return;
      }
      case 'promise':
      case 'payment':
      case 'followUp': {
        const table = entity === 'promise' ? 'promises' : entity === 'payment' ? 'payments' : 'follow_ups';
        const caseId = p<{ case_id: number }>(`SELECT case_id FROM ${table} WHERE id = ?`).get(key)?.case_id;
        p(`DELETE FROM ${table} WHERE id = ?`).run(key);
        if (caseId !== undefined) touched.add(caseId);
        return;
      }
      case 'outcomeCode':
        p('DELETE FROM outcome_codes WHERE code = ?').run(key);
        result.referenceChanged = true;
        return;
      case 'script':
        p('DELETE FROM scripts WHERE locale = ?').run(key);
        result.referenceChanged = true;
        return;
      case 'setting':
        if (key === 'locale' || key.startsWith('_')) return;
        p('DELETE FROM settings WHERE key = ?').run(key);
        result.referenceChanged = true;
        return;
      case 'rejection':
        p('DELETE FROM sync_rejections WHERE id = ?').run(hubInt(key));
        return;
      case 'target':
      case 'conflict':
        p('DELETE FROM hub_rows WHERE entity = ? AND key = ?').run(entity, key);
        return;
    }
  };

  const applyOne = (ch: Change, i: number): void => {
    if (ch.op === 'put') {
      const parsed = parseRow(ch.entity, ch.row);
      if (!parsed.success) throw new ApplyError(`change ${i} (${ch.entity}) does not match its schema: ${parsed.error.issues[0]?.message ?? ''}`);
      put(ch.entity, parsed.data);
    } else {
      del(ch.entity, ch.id);
    }
  };

  const tx = ctx.db.transaction(() => {
    // Rows of one page may reference each other in any order; foreign keys are checked at commit.
    ctx.db.pragma('defer_foreign_keys = ON');
    p('INSERT INTO sync_apply (id) VALUES (1)').run();
    page.changes.forEach(applyOne);
    // a reference to a row that never came (out of scope, deleted on the hub) is cleared, not left dangling
    for (const d of dangling) {
      if (!exists(d.target, d.ref)) p(`UPDATE ${d.table} SET ${d.col} = NULL WHERE id = ? AND ${d.col} = ?`).run(d.id, d.ref);
    }
    p('DELETE FROM sync_apply').run();
    if (result.referenceChanged) opts.settingsChanged();
    const today = opts.today();
    for (const id of touched) if (exists('cases', id)) recomputeCase(ctx, id, today);
    p('UPDATE sync_state SET pull_cursor = ?, acked_mutation_id = max(acked_mutation_id, ?) WHERE id = 1').run(String(page.cursor), page.lastMutationId);
    p('DELETE FROM outbox WHERE mutation_id <= ?').run(page.lastMutationId);
  });
  try {
    tx.immediate();
  } catch (err) {
    if (err instanceof ApplyError) throw err;
    // e.g. a constraint of the desk's schema: the page rolled back whole
    throw new ApplyError(`the page could not be applied: ${err instanceof Error ? err.message : String(err)}`);
  }

  result.applied = page.changes.length;
  result.touchedCases = touched.size;
  return result;
}

/** today() for a context, in its (possibly just pulled) time zone. */
export const todayOf = (ctx: Pick<Ctx, 'clock' | 'settings'>): string => localDateOf(ctx.clock(), ctx.settings().timeZone);
