/**
 * A lead who hosts the team hub on this desk brings the cases of this desk's own local database
 * (the one used before hosting) into the hosted hub (issue 9 #20). The local database is only
 * read — nothing in it is changed or deleted, so no work of it can be lost — and what goes over
 * is checked by the hub like any upload (POST /v1/admin/cases, audited there as cases.upsert).
 * Cases arrive unassigned (the lead assigns them to the team's agents); their call records,
 * promises and payments go along as history, recorded under the lead (the local accounts are not
 * hub users). Payments must go too: the hub judges promises and counts recoveries by its own
 * payments, so a kept promise without its payment would read as unpaid there.
 * A case the hub already has (same creditor and account number) is not sent again, so moving
 * twice moves nothing new; local ids that the hub already uses for something else are shifted.
 */
import { z } from 'zod';
import type { RouteOutput } from '../../../shared/contract';
import { checkTxnNo, normalizeTxnNo } from '../../../shared/domain/payment-channel';
import { AttemptRow, BatchRow, CaseRow, ContactRow, DebtorRow, PaymentRow, PhoneRow, PromiseRow } from '../../../shared/entities';
import { openDb, type Db } from '../db/open';
import { DeskFailure } from '../errors';
import type { DeskRuntime } from '../runtime';
import { hubSession, syncState } from '../sync/connection';
import { hubRequestFailure } from './desks';

type Raw = Record<string, unknown>;
type Upload = { batches: Raw[]; debtors: Raw[]; contacts: Raw[]; phones: Raw[]; cases: Raw[]; attempts: Raw[]; promises: Raw[]; payments: Raw[] };

/** The rows the hub's upload schema takes (the same shared row schemas); what it would refuse stays here. */
const keep = (schema: z.ZodType, rows: Raw[]): Raw[] => rows.filter((r) => schema.safeParse(r).success);

/** Only on the hub this desk hosts (another hub's team is not this desk's to fill). */
function hostedSession(rt: DeskRuntime) {
  const hub = hubSession(rt);
  const own = rt.hosting && syncState(rt).hub_url === `http://127.0.0.1:${rt.hosting.port}`;
  if (!hub || !own) throw new DeskFailure('VALIDATION', 'Moving local cases needs the team hub hosted on this desk.', { rule: 'team.notHosting' });
  return hub;
}

function withLocal<T>(rt: DeskRuntime, fn: (db: Db) => T): T {
  const db = openDb(rt.dataDir, { synchronous: rt.opts.synchronous ?? 'FULL', keys: rt.opts.dbKeys, plain: rt.opts.plainDatabase === true, log: (level, msg) => rt.log(level, msg) });
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

/** What the hub's upload checks take beyond the row schema (hub/upload-checks.ts): an amount above zero, a well-formed transaction number. */
const paymentTaken = (p: Raw): boolean => typeof p.amountFen === 'number' && p.amountFen > 0 && checkTxnNo(normalizeTxnNo(typeof p.txnNo === 'string' ? p.txnNo : null)) === null;

const keyOf = (creditor: string, accountNo: string): string => `${creditor}\u0000${accountNo}`;

/** What would move: the local cases the hub does not have yet, with their people and history. */
function plan(rt: DeskRuntime, leadId: string): { upload: Upload; alreadyOnHub: number; localCases: number; unsynced: number } {
  const hubCtx = rt.core.ctx;
  const onHub = new Set(hubCtx.prep<{ creditor: string; account_no: string }>('SELECT creditor, account_no FROM cases').all().map((c) => keyOf(c.creditor, c.account_no)));
  const maxOf = (table: string): number => hubCtx.prep<{ m: number | null }>(`SELECT max(id) AS m FROM ${table}`).get()?.m ?? 0;
  return withLocal(rt, (db) => {
    const all = <T>(sql: string, ...p: unknown[]): T[] => db.prepare(sql).all(...p) as T[];
    const cases = all<Record<string, number | string | null>>('SELECT * FROM cases ORDER BY id');
    const moving = cases.filter((c) => !onHub.has(keyOf(String(c.creditor), String(c.account_no))));
    // Ids the hub's team already uses are shifted past its largest (one shift per table keeps references straight).
    const shift = (table: string, ids: number[]): ((id: number) => number) => {
      const used = new Set(hubCtx.prep<{ id: number }>(`SELECT id FROM ${table}`).all().map((r) => r.id));
      const clash = ids.some((id) => used.has(id));
      const by = clash ? maxOf(table) : 0;
      return (id: number) => id + by;
    };
    const debtorIds = [...new Set(moving.map((c) => Number(c.debtor_id)))];
    const inList = (ids: number[]) => (ids.length === 0 ? 'NULL' : ids.join(','));
    const debtors = all<Record<string, string | null> & { id: number }>(`SELECT * FROM debtors WHERE id IN (${inList(debtorIds)})`);
    const contacts = all<{ id: number; debtor_id: number; name: string; relation: string; party: string; refused_contact: number }>(`SELECT * FROM contacts WHERE debtor_id IN (${inList(debtorIds)})`);
    const phones = all<{ id: number; debtor_id: number; contact_id: number | null; owner: string; kind: string; number: string; status: string }>(`SELECT * FROM phones WHERE debtor_id IN (${inList(debtorIds)})`);
    const batchIds = [...new Set(moving.map((c) => c.batch_id).filter((b): b is number => typeof b === 'number'))];
    const batches = all<{ id: number; batch_no: string; creditor: string; entrust_date: string | null; expiry_date: string | null; imported_at: string }>(`SELECT * FROM batches WHERE id IN (${inList(batchIds)})`);
    const caseIds = moving.map((c) => Number(c.id));
    const attempts = all<Record<string, string | number | null>>(`SELECT * FROM attempts WHERE case_id IN (${inList(caseIds)}) ORDER BY at`);
    const promises = all<Record<string, string | number | null>>(`SELECT * FROM promises WHERE case_id IN (${inList(caseIds)}) ORDER BY created_at`);
    const payments = all<Record<string, string | number | null>>(`SELECT * FROM payments WHERE case_id IN (${inList(caseIds)}) ORDER BY created_at`);
    const unsynced = (db.prepare('SELECT count(*) AS n FROM outbox').get() as { n: number }).n;

    const D = shift('debtors', debtorIds);
    const C = shift('contacts', contacts.map((c) => c.id));
    const P = shift('phones', phones.map((p) => p.id));
    const B = shift('batches', batchIds);
    const K = shift('cases', caseIds);
    const onHubBatchNos = new Set(hubCtx.prep<{ batch_no: string }>('SELECT batch_no FROM batches').all().map((b) => b.batch_no));
    const upload: Upload = {
      batches: batches.filter((b) => !onHubBatchNos.has(b.batch_no)).map((b) => ({ id: String(B(b.id)), batchNo: b.batch_no, creditor: b.creditor, entrustDate: b.entrust_date, expiryDate: b.expiry_date, importedAt: b.imported_at })),
      debtors: debtors.map((d) => ({
        id: String(D(d.id)), name: String(d.name), gender: d.gender === 'M' || d.gender === 'F' ? d.gender : null, idNumber: d.id_number, birthDate: d.birth_date,
        homeAddress: d.home_address, workAddress: d.work_address, registeredAddress: d.registered_address, employer: d.employer,
      })),
      contacts: contacts.map((c) => ({ id: String(C(c.id)), debtorId: String(D(c.debtor_id)), name: c.name, relation: c.relation, party: c.party, refusedContact: c.refused_contact === 1 })),
      phones: phones.map((p) => ({ id: String(P(p.id)), debtorId: String(D(p.debtor_id)), contactId: p.contact_id === null ? null : String(C(p.contact_id)), owner: p.owner, kind: p.kind, number: p.number, status: p.status })),
      cases: moving.map((c) => ({
        id: String(K(Number(c.id))), debtorId: String(D(Number(c.debtor_id))), batchId: typeof c.batch_id === 'number' && batchIds.includes(c.batch_id) && batches.some((b) => b.id === c.batch_id && !onHubBatchNos.has(b.batch_no)) ? String(B(c.batch_id)) : null,
        creditor: String(c.creditor), product: String(c.product), accountNo: String(c.account_no), principalFen: Number(c.principal_fen), balanceFen: Number(c.balance_fen),
        overdueFen: Number(c.overdue_fen), minDueFen: Number(c.min_due_fen), overdueSince: String(c.overdue_since), lastPaymentDate: c.last_payment_date === null ? null : String(c.last_payment_date),
        lastPaymentFen: c.last_payment_fen === null ? null : Number(c.last_payment_fen), entrustDate: c.entrust_date === null ? null : String(c.entrust_date), expiryDate: c.expiry_date === null ? null : String(c.expiry_date),
        status: String(c.status), tags: JSON.parse(String(c.tags)) as string[], assignedAgentId: null, preferredPhoneId: typeof c.preferred_phone_id === 'number' ? String(P(c.preferred_phone_id)) : null,
        brokenPromises: Number(c.broken_promises), refusals: Number(c.refusals), attemptCount: Number(c.attempt_count), lastAttemptAt: c.last_attempt_at === null ? null : String(c.last_attempt_at),
        lastOutcomeCode: c.last_outcome_code === null ? null : String(c.last_outcome_code), timeZone: typeof c.time_zone === 'string' ? c.time_zone : null,
      })),
      attempts: attempts.map((a) => ({
        id: String(a.id), clientRequestId: String(a.client_request_id), caseId: String(K(Number(a.case_id))), agentId: leadId, phoneId: typeof a.phone_id === 'number' ? String(P(a.phone_id)) : null,
        channel: String(a.channel), party: String(a.party), outcomeCode: String(a.outcome_code), note: String(a.note), callStartedAt: a.call_started_at === null ? null : String(a.call_started_at),
        durationSec: Number(a.duration_sec), claimedPaidDate: a.claimed_paid_date === null ? null : String(a.claimed_paid_date), stepsDone: JSON.parse(String(a.steps_done)) as string[],
        scenario: a.scenario === null ? null : String(a.scenario), at: String(a.at),
      })),
      promises: promises.map((p) => ({
        id: String(p.id), caseId: String(K(Number(p.case_id))), attemptId: p.attempt_id === null ? null : String(p.attempt_id), agentId: leadId, amountFen: Number(p.amount_fen),
        dueDate: String(p.due_date), createdDate: String(p.created_date), createdAt: String(p.created_at), state: String(p.state), paidFen: Number(p.paid_fen),
        stateChangedAt: p.state_changed_at === null ? null : String(p.state_changed_at),
      })),
      // The case rows above already carry the balances after these; the hub stores them without applying them again.
      payments: payments.map((p) => ({
        id: String(p.id), caseId: String(K(Number(p.case_id))), amountFen: Number(p.amount_fen), paidDate: String(p.paid_date), source: String(p.source),
        agentId: p.agent_id === null ? null : leadId, createdAt: String(p.created_at), channel: p.channel === null ? null : String(p.channel),
        txnNo: p.txn_no === null ? null : String(p.txn_no), verification: String(p.verification),
        // A local lead's confirmation is the hosting lead's on the hub (local accounts are not hub users).
        verifiedBy: p.verified_by === null ? null : leadId, verifiedAt: p.verified_at === null ? null : String(p.verified_at),
        verifyReason: p.verify_reason === null ? null : String(p.verify_reason),
      })),
    };
    // Rows a hub would refuse (a local id that is no hub id, text past the hub's caps) stay here.
    upload.cases = keep(CaseRow, upload.cases);
    const kept = new Set(upload.cases.map((c) => c.id));
    upload.batches = keep(BatchRow, upload.batches);
    upload.debtors = keep(DebtorRow, upload.debtors);
    upload.contacts = keep(ContactRow, upload.contacts);
    upload.phones = keep(PhoneRow, upload.phones);
    upload.attempts = keep(AttemptRow, upload.attempts).filter((a) => kept.has(a.caseId));
    const attemptIds = new Set(upload.attempts.map((a) => a.id));
    upload.payments = keep(PaymentRow, upload.payments).filter((p) => kept.has(p.caseId) && paymentTaken(p));
    upload.promises = keep(PromiseRow, upload.promises).filter((p) => kept.has(p.caseId)).map((p) => (p.attemptId && !attemptIds.has(p.attemptId) ? { ...p, attemptId: null } : p));
    return { upload, alreadyOnHub: cases.length - moving.length, localCases: cases.length, unsynced };
  });
}

export function localCasesPreview(rt: DeskRuntime): RouteOutput<'team.localCasesPreview'> {
  const hub = hostedSession(rt);
  const p = plan(rt, String(syncState(rt).hub_agent_id ?? hub.token));
  return {
    localCases: p.localCases, toMove: p.upload.cases.length, alreadyOnHub: p.alreadyOnHub, debtors: p.upload.debtors.length, attempts: p.upload.attempts.length,
    promises: p.upload.promises.length, payments: p.upload.payments.length,
  };
}

export async function moveLocalCases(rt: DeskRuntime): Promise<RouteOutput<'team.moveLocalCases'>> {
  const hub = hostedSession(rt);
  const leadId = String(syncState(rt).hub_agent_id ?? '');
  const p = plan(rt, leadId);
  if (p.upload.cases.length === 0) return { moved: 0, alreadyOnHub: p.alreadyOnHub };
  try {
    await hub.client.postJson('/v1/admin/cases', p.upload, z.object({ cases: z.number(), debtors: z.number() }), hub.token);
  } catch (err) {
    return hubRequestFailure(err);
  }
  rt.log('info', 'local cases moved into the hosted hub', { cases: p.upload.cases.length });
  await rt.engine?.run(); // the lead's desk gets them by pull at once
  return { moved: p.upload.cases.length, alreadyOnHub: p.alreadyOnHub };
}
