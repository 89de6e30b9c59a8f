/** Batches and cases (hub-owned; the preferred phone is agent-owned and may be pending in the outbox). */
import { derivedFields, pendingDues } from '../../cases/derive';
import { hubInt, optInt, type EntityApplier } from './scope';

export const batch: EntityApplier<'batch'> = {
  put(s, r) {
    s.p(`INSERT INTO batches (id, batch_no, creditor, entrust_date, expiry_date, imported_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET batch_no = excluded.batch_no, creditor = excluded.creditor, entrust_date = excluded.entrust_date,
         expiry_date = excluded.expiry_date, imported_at = excluded.imported_at`)
      .run(hubInt(r.id), r.batchNo, r.creditor, r.entrustDate, r.expiryDate, r.importedAt);
  },
  del(s, key) {
    s.p('UPDATE cases SET batch_id = NULL WHERE batch_id = ?').run(hubInt(key));
    s.p('DELETE FROM batches WHERE id = ?').run(hubInt(key));
  },
};

export const kase: EntityApplier<'case'> = {
  put(s, r) {
    const id = hubInt(r.id);
    const agent = optInt(r.assignedAgentId);
    s.ensureAgent(agent);
    const dues = pendingDues(s.ctx, id);
    const d = derivedFields(
      { overdue_fen: r.overdueFen, overdue_since: r.overdueSince, broken_promises: r.brokenPromises, refusals: r.refusals, attempt_count: r.attemptCount, expiry_date: r.expiryDate, status: r.status },
      dues.ptp_due, dues.fu_due, s.today, s.ctx.settings().timeZone,
    );
    s.p(`INSERT INTO cases (id, debtor_id, batch_id, creditor, product, account_no, principal_fen, balance_fen, overdue_fen, min_due_fen,
         overdue_since, last_payment_date, last_payment_fen, entrust_date, expiry_date, status, tags, assigned_agent_id, preferred_phone_id,
         broken_promises, refusals, attempt_count, last_attempt_at, last_outcome_code, time_zone, updated_at, priority, next_due_at, due_kind, followup_at,
         debtor_name)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, (SELECT name FROM debtors WHERE id = ?))
       ON CONFLICT (id) DO UPDATE SET debtor_id = excluded.debtor_id, batch_id = excluded.batch_id, creditor = excluded.creditor,
         product = excluded.product, account_no = excluded.account_no, principal_fen = excluded.principal_fen, balance_fen = excluded.balance_fen,
         overdue_fen = excluded.overdue_fen, min_due_fen = excluded.min_due_fen, overdue_since = excluded.overdue_since,
         last_payment_date = excluded.last_payment_date, last_payment_fen = excluded.last_payment_fen, entrust_date = excluded.entrust_date,
         expiry_date = excluded.expiry_date, status = excluded.status, tags = excluded.tags, assigned_agent_id = excluded.assigned_agent_id,
         preferred_phone_id = excluded.preferred_phone_id, broken_promises = excluded.broken_promises, refusals = excluded.refusals,
         attempt_count = excluded.attempt_count, last_attempt_at = excluded.last_attempt_at, last_outcome_code = excluded.last_outcome_code,
         time_zone = excluded.time_zone, updated_at = excluded.updated_at, priority = excluded.priority, next_due_at = excluded.next_due_at,
         due_kind = excluded.due_kind, followup_at = excluded.followup_at`)
      // positional parameters: a first pull binds thousands of rows (names cost a look-up each);
      // the derived fields and the debtor's name come with the insert: no second write of the row
      .run(
        id, hubInt(r.debtorId), optInt(r.batchId), r.creditor, r.product, r.accountNo,
        r.principalFen, r.balanceFen, r.overdueFen, r.minDueFen, r.overdueSince,
        r.lastPaymentDate, r.lastPaymentFen, r.entrustDate, r.expiryDate, r.status,
        JSON.stringify(r.tags), agent,
        optInt(s.pendingPreferred.has(r.id) ? (s.pendingPreferred.get(r.id) ?? null) : r.preferredPhoneId), r.brokenPromises, r.refusals,
        r.attemptCount, r.lastAttemptAt, r.lastOutcomeCode, r.timeZone ?? null, s.now, d.priority, d.nextDueAt, d.dueKind, d.followupAt, hubInt(r.debtorId),
      );
    s.caseReturned(id);
    s.derived.add(id);
  },
  /** The case left the desk's scope. */
  del(s, key) {
    s.removeCase(hubInt(key));
  },
};
