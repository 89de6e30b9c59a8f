import { PhoneMark } from '../../../shared/domain/phone-entry';
import type { CaseDetail, PhoneView, RouteOutput, TimelineEntry } from '../../../shared/contract';
import { NoteDraft } from '../../../shared/contract';

import { caseAccess, mayWork } from '../../../shared/domain/case-access';
import { Channel, Party, PaymentSource, PhoneKind, PhoneOwner, PhoneStatus, Relation } from '../../../shared/domain/enums';
import { maskIdNumber, maskPhone } from '../../../shared/domain/masking';
import { PaymentChannel } from '../../../shared/domain/payment-channel';
import { PaymentVerification } from '../../../shared/domain/payment-verify';
import { appendAudit } from '../audit/audit';
import type { Ctx } from '../context';
import { DeskFailure, forbidden, notFound } from '../errors';
import { caseMessages } from '../messages/timeline';
import type { CaseRow, ContactRow, DebtorRow, FollowUpRow, PhoneRow, PromiseRow } from './rows';
import { caseView, followUpView, promiseView } from './views';

/** Most recent attempts shown in the timeline (the full history stays in the database). */
export const TIMELINE_ATTEMPTS = 200;
/** Most recent SMS and letters shown in the timeline (all of them in the case's message list). */
export const TIMELINE_MESSAGES = 100;

export function parseCaseId(id: string): number {
  const n = Number(id);
  if (!/^\d{1,15}$/.test(id) || !Number.isSafeInteger(n)) throw notFound('case');
  return n;
}

/** The case row, if this agent may work it: agents their own cases, leads and admins any. */
export function loadCaseFor(ctx: Ctx, caseId: string): CaseRow {
  const row = ctx.prep<CaseRow>('SELECT * FROM cases WHERE id = ?').get(parseCaseId(caseId));
  if (!row) throw notFound('case');
  const { agent, agentId } = ctx.session;
  // A desk holds only its own team's cases; a former holder's history is the hub's matter.
  if (agent && !mayWork(caseAccess({ userId: agentId ?? -1, role: agent.role }, { assignedAgentId: row.assigned_agent_id, inUsersTeam: true, heldBefore: false }))) {
    throw forbidden('This case is not assigned to you.', 'case.notAssigned');
  }
  return row;
}

export function ageOn(birthDate: string | null, today: string): number | null {
  if (!birthDate || !/^\d{4}-\d{2}-\d{2}$/.test(birthDate)) return null;
  let age = Number(today.slice(0, 4)) - Number(birthDate.slice(0, 4));
  if (today.slice(5) < birthDate.slice(5)) age -= 1;
  return age >= 0 && age < 150 ? age : null;
}

export const phoneView = (p: PhoneRow): PhoneView => ({
  id: String(p.id),
  owner: PhoneOwner.parse(p.owner),
  kind: PhoneKind.parse(p.kind),
  contactId: p.contact_id === null ? null : String(p.contact_id),
  numberMasked: maskPhone(p.number),
  status: PhoneStatus.parse(p.status),
  mark: p.mark ? PhoneMark.parse(p.mark) : null,
  pending: p.id < 0, // added here, not yet confirmed by the hub (issue 9)
});

interface AttemptTimelineRow {
  id: string;
  at: string;
  agent_name: string | null;
  channel: string;
  visit_address: string | null;
  party: string;
  outcome_code: string;
  note: string;
  duration_sec: number;
  recording_ref: string | null;
  number: string | null;
}
interface PaymentRow {
  id: string; created_at: string; amount_fen: number; paid_date: string; source: string; recorded_by: string | null;
  channel: string | null; txn_no: string | null; verification: string; verify_reason: string | null;
}

// Same instant (an attempt and the promise and follow-up it created): the attempt first, then a
// message, promise, follow-up, payment; within a kind the query's own order (Array.sort is stable).
const KIND_ORDER: Record<TimelineEntry['kind'], number> = { attempt: 0, message: 1, promise: 2, followup: 3, payment: 4 };

export function getCase(ctx: Ctx, caseId: string, today: string): RouteOutput<'case.get'> {
  const c = loadCaseFor(ctx, caseId);
  const d = ctx.prep<DebtorRow>('SELECT * FROM debtors WHERE id = ?').get(c.debtor_id);
  if (!d) throw new DeskFailure('INTERNAL', `case ${c.id} has no debtor`);
  const settings = ctx.settings();
  const batchNo = c.batch_id === null ? null : (ctx.prep<{ batch_no: string }>('SELECT batch_no FROM batches WHERE id = ?').get(c.batch_id)?.batch_no ?? null);

  const phones = ctx
    .prep<PhoneRow>(
      `SELECT * FROM phones WHERE debtor_id = ?
       ORDER BY CASE owner WHEN 'self' THEN 0 WHEN 'related' THEN 1 ELSE 2 END, CASE kind WHEN 'mobile' THEN 0 WHEN 'home' THEN 1 ELSE 2 END, id`,
    )
    .all(d.id);
  const contacts = ctx.prep<ContactRow>('SELECT * FROM contacts WHERE debtor_id = ? ORDER BY id').all(d.id);
  const promises = ctx.prep<PromiseRow>('SELECT * FROM promises WHERE case_id = ? ORDER BY created_at DESC, id').all(c.id);
  const followUps = ctx.prep<FollowUpRow>('SELECT * FROM follow_ups WHERE case_id = ? ORDER BY due_at').all(c.id);
  const attempts = ctx
    .prep<AttemptTimelineRow>(
      `SELECT a.id, a.at, ag.display_name AS agent_name, a.channel, a.party, a.outcome_code, a.note, a.duration_sec, a.recording_ref, p.number, a.visit_address
       FROM attempts a LEFT JOIN agents ag ON ag.id = a.agent_id LEFT JOIN phones p ON p.id = a.phone_id
       WHERE a.case_id = ? ORDER BY a.at DESC LIMIT ${TIMELINE_ATTEMPTS}`,
    )
    .all(c.id);
  const payments = ctx
    .prep<PaymentRow>(
      `SELECT p.id, p.created_at, p.amount_fen, p.paid_date, p.source, p.channel, p.txn_no, p.verification, p.verify_reason, ag.display_name AS recorded_by
       FROM payments p LEFT JOIN agents ag ON ag.id = p.agent_id WHERE p.case_id = ? ORDER BY p.paid_date DESC, p.created_at DESC`,
    )
    .all(c.id);

  const timeline: TimelineEntry[] = [
    ...attempts.map((a): TimelineEntry => ({
      kind: 'attempt',
      id: a.id,
      at: a.at,
      agentName: a.agent_name ?? '',
      channel: Channel.parse(a.channel),
      party: Party.parse(a.party),
      outcomeCode: a.outcome_code,
      note: a.note,
      durationSec: a.duration_sec,
      recordingRef: a.recording_ref,
      phoneMasked: a.number === null ? null : maskPhone(a.number),
      visitAddress: a.visit_address,
    })),
    ...promises.map((p): TimelineEntry => ({ kind: 'promise', at: p.created_at, promise: promiseView(p) })),
    ...payments.map((p): TimelineEntry => ({
      kind: 'payment', at: p.created_at, id: p.id, amountFen: p.amount_fen, paidDate: p.paid_date, source: PaymentSource.parse(p.source),
      recordedBy: p.recorded_by, channel: PaymentChannel.nullable().catch(null).parse(p.channel), txnNo: p.txn_no,
      verification: PaymentVerification.catch('verified').parse(p.verification), verifyReason: p.verify_reason,
    })),
    ...followUps.map((f): TimelineEntry => ({ kind: 'followup', at: f.created_at, followUp: followUpView(f) })),
    ...caseMessages(ctx, c.id, TIMELINE_MESSAGES),
  ].sort((a, b) => (a.at === b.at ? KIND_ORDER[a.kind] - KIND_ORDER[b.kind] : a.at < b.at ? 1 : -1));

  let draft: CaseDetail['draft'] = null;
  let draftSavedAt: string | null = null;
  if (ctx.session.agentId !== null) {
    const row = ctx.prep<{ body: string; saved_at: string }>('SELECT body, saved_at FROM drafts WHERE case_id = ? AND agent_id = ?').get(c.id, ctx.session.agentId);
    const parsed = row ? NoteDraft.safeParse(JSON.parse(row.body)) : null;
    if (row && parsed?.success) {
      draft = parsed.data;
      draftSavedAt = row.saved_at;
    }
  }

  return {
    case: caseView(c, today, settings.bucketBounds, batchNo),
    debtor: {
      id: String(d.id),
      name: d.name,
      gender: d.gender === 'M' || d.gender === 'F' ? d.gender : null,
      idNumberMasked: d.id_number ? maskIdNumber(d.id_number) : '',
      age: ageOn(d.birth_date, today),
      homeAddress: d.home_address,
      workAddress: d.work_address,
      registeredAddress: d.registered_address,
      employer: d.employer,
    },
    phones: phones.map(phoneView),
    contacts: contacts.map((k) => ({
      id: String(k.id),
      name: k.name,
      relation: Relation.parse(k.relation),
      party: k.party === 'related' ? 'related' : 'third_party',
      refusedContact: k.refused_contact === 1,
    })),
    promises: promises.map(promiseView),
    followUps: followUps.filter((f) => f.state === 'pending').map(followUpView),
    timeline,
    draft,
    draftSavedAt,
  };
}

/** Show one masked value in clear, and write who saw what to the audit log first. */
export function revealField(
  ctx: Ctx,
  input: { caseId: string; field: 'idNumber' | 'account' | 'phone'; phoneId?: string | undefined },
): RouteOutput<'case.reveal'> {
  const c = loadCaseFor(ctx, input.caseId);
  let value: string;
  let entity = 'case';
  let entityId: string = String(c.id);
  if (input.field === 'account') {
    value = c.account_no;
  } else if (input.field === 'idNumber') {
    const d = ctx.prep<{ id_number: string | null }>('SELECT id_number FROM debtors WHERE id = ?').get(c.debtor_id);
    if (!d?.id_number) throw notFound('ID number');
    value = d.id_number;
    entity = 'debtor';
    entityId = String(c.debtor_id);
  } else {
    if (!input.phoneId) throw new DeskFailure('INVALID_INPUT', 'phoneId is required to reveal a phone', { field: 'phoneId' });
    const p = ctx.prep<{ number: string }>('SELECT number FROM phones WHERE id = ? AND debtor_id = ?').get(Number(input.phoneId), c.debtor_id);
    if (!p) throw notFound('phone');
    value = p.number;
    entity = 'phone';
    entityId = input.phoneId;
  }
  ctx.db.transaction(() =>
    appendAudit(ctx, { action: 'case.reveal', entity, entityId, detail: { caseId: String(c.id), field: input.field } }),
  )();
  return { value };
}

