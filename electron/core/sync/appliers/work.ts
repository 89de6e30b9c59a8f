/** The work on cases (device-created rows, UUID keys): attempts, promises, payments, follow-ups. */
import { hubInt, optInt, type EntityApplier, type PageScope } from './scope';

/** Remove a row of a case's work; its case is recomputed at the end of the page. */
function delOfCase(s: PageScope, table: 'promises' | 'payments' | 'follow_ups', key: string): void {
  const caseId = s.p<{ case_id: number }>(`SELECT case_id FROM ${table} WHERE id = ?`).get(key)?.case_id;
  s.p(`DELETE FROM ${table} WHERE id = ?`).run(key);
  if (caseId !== undefined) s.touched.add(caseId);
}

export const attempt: EntityApplier<'attempt'> = {
  put(s, r) {
    const caseId = hubInt(r.caseId);
    const agentId = hubInt(r.agentId);
    s.ensureAgent(agentId);
    const phoneId = optInt(r.phoneId);
    s.p(`INSERT INTO attempts (id, client_request_id, case_id, agent_id, phone_id, channel, party, outcome_code, note, call_started_at,
         duration_sec, claimed_paid_date, steps_done, scenario, at, visit_address, recording_ref)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET client_request_id = excluded.client_request_id, case_id = excluded.case_id, agent_id = excluded.agent_id,
         phone_id = excluded.phone_id, channel = excluded.channel, party = excluded.party, outcome_code = excluded.outcome_code,
         note = excluded.note, call_started_at = excluded.call_started_at, duration_sec = excluded.duration_sec,
         claimed_paid_date = excluded.claimed_paid_date, steps_done = excluded.steps_done, scenario = excluded.scenario, at = excluded.at,
         visit_address = excluded.visit_address, recording_ref = excluded.recording_ref`)
      .run(
        r.id, r.clientRequestId, caseId, agentId, phoneId, r.channel, r.party, r.outcomeCode, r.note, r.callStartedAt, r.durationSec, r.claimedPaidDate,
        JSON.stringify(r.stepsDone), r.scenario, r.at, r.visitAddress ?? null, r.recordingRef,
      );
    if (phoneId !== null) s.dangling.push({ table: 'attempts', col: 'phone_id', id: r.id, target: 'phones', ref: phoneId });
    // No recompute: a case's derived fields come from its own row, promises and follow-ups (cases/derive.ts), not its attempts.
  },
  del(s, key) {
    s.p('UPDATE promises SET attempt_id = NULL WHERE attempt_id = ?').run(key);
    s.p('UPDATE follow_ups SET attempt_id = NULL WHERE attempt_id = ?').run(key);
    s.p('DELETE FROM attempts WHERE id = ?').run(key);
  },
};

export const promise: EntityApplier<'promise'> = {
  put(s, r) {
    const caseId = hubInt(r.caseId);
    const agentId = optInt(r.agentId);
    s.ensureAgent(agentId);
    s.p(`INSERT INTO promises (id, case_id, attempt_id, agent_id, amount_fen, due_date, created_date, created_at, state, paid_fen, state_changed_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET case_id = excluded.case_id, attempt_id = excluded.attempt_id, agent_id = excluded.agent_id,
         amount_fen = excluded.amount_fen, due_date = excluded.due_date, created_date = excluded.created_date, created_at = excluded.created_at,
         state = excluded.state, paid_fen = excluded.paid_fen, state_changed_at = excluded.state_changed_at`)
      .run(r.id, caseId, r.attemptId, agentId, r.amountFen, r.dueDate, r.createdDate, r.createdAt, r.state, r.paidFen, r.stateChangedAt);
    if (r.attemptId !== null) s.dangling.push({ table: 'promises', col: 'attempt_id', id: r.id, target: 'attempts', ref: r.attemptId });
    s.touched.add(caseId);
  },
  del: (s, key) => delOfCase(s, 'promises', key),
};

export const payment: EntityApplier<'payment'> = {
  put(s, r) {
    const caseId = hubInt(r.caseId);
    const agentId = optInt(r.agentId);
    s.ensureAgent(agentId);
    s.p(`INSERT INTO payments (id, case_id, amount_fen, paid_date, source, agent_id, created_at, channel, txn_no, verification, verified_by, verified_at, verify_reason)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET case_id = excluded.case_id, amount_fen = excluded.amount_fen, paid_date = excluded.paid_date,
         source = excluded.source, agent_id = excluded.agent_id, created_at = excluded.created_at, channel = excluded.channel, txn_no = excluded.txn_no,
         verification = excluded.verification, verified_by = excluded.verified_by, verified_at = excluded.verified_at, verify_reason = excluded.verify_reason`)
      .run(r.id, caseId, r.amountFen, r.paidDate, r.source, agentId, r.createdAt, r.channel, r.txnNo, r.verification, optInt(r.verifiedBy), r.verifiedAt, r.verifyReason);
    // no recompute: the balance a payment moves comes with the case's own row
  },
  del: (s, key) => delOfCase(s, 'payments', key),
};

export const followUp: EntityApplier<'followUp'> = {
  put(s, r) {
    const caseId = hubInt(r.caseId);
    const agentId = optInt(r.agentId);
    s.ensureAgent(agentId);
    s.p(`INSERT INTO follow_ups (id, case_id, agent_id, attempt_id, due_at, reason, state, created_at, closed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET case_id = excluded.case_id, agent_id = excluded.agent_id, attempt_id = excluded.attempt_id,
         due_at = excluded.due_at, reason = excluded.reason, state = excluded.state, created_at = excluded.created_at, closed_at = excluded.closed_at,
         notified_at = CASE WHEN follow_ups.due_at = excluded.due_at THEN follow_ups.notified_at END`)
      .run(r.id, caseId, agentId, r.attemptId, r.dueAt, r.reason, r.state, r.createdAt, r.closedAt);
    if (r.attemptId !== null) s.dangling.push({ table: 'follow_ups', col: 'attempt_id', id: r.id, target: 'attempts', ref: r.attemptId });
    s.touched.add(caseId);
  },
  del: (s, key) => delOfCase(s, 'follow_ups', key),
};
