/**
 * Reading a period's records from the desk database for plans and summaries. Period boundaries
 * are calendar days in the desk's zone; stored instants are UTC, so a period [from, to] is the
 * instants [from 00:00, to+1 00:00) in the zone.
 */
import { PaymentChannel } from '../../../shared/domain/payment-channel';
import { addDays, zonedToUtc } from '../../../shared/domain/dates';
import { CaseStatus, CaseTag, type Channel, type Party, type PromiseState } from '../../../shared/domain/enums';
import type { KpiAttempt, KpiPayment, KpiPromise } from '../../../shared/domain/kpi';
import { maskAccount } from '../../../shared/domain/masking';
import type { ReportCaseRef } from '../../../shared/reports/model';
import type { Ctx } from '../context';

export type ReadCtx = Pick<Ctx, 'prep'>;

/** The UTC instants that bound a local period: [start, end). */
export function periodInstants(from: string, to: string, timeZone: string): { start: string; end: string } {
  return { start: zonedToUtc(from, '00:00', timeZone).toISOString(), end: zonedToUtc(addDays(to, 1), '00:00', timeZone).toISOString() };
}

export interface CodeInfo {
  code: string;
  isContact: boolean;
  isRpc: boolean;
  addsTag: CaseTag | null;
  setsStatus: CaseStatus | null;
}
export function readCodes(ctx: ReadCtx): Map<string, CodeInfo> {
  const rows = ctx.prep<{ code: string; is_contact: number; is_rpc: number; adds_tag: string | null; sets_status: string | null }>(
    'SELECT code, is_contact, is_rpc, adds_tag, sets_status FROM outcome_codes').all();
  return new Map(rows.map((r) => [r.code, {
    code: r.code, isContact: r.is_contact === 1, isRpc: r.is_rpc === 1,
    addsTag: CaseTag.nullable().catch(null).parse(r.adds_tag), setsStatus: CaseStatus.nullable().catch(null).parse(r.sets_status),
  }]));
}

export interface AttemptRec extends KpiAttempt {
  id: string;
  agentId: number;
}
/** Attempts saved in [start, end), of one agent or all. */
export function readAttempts(ctx: ReadCtx, codes: Map<string, CodeInfo>, start: string, end: string, agentId: number | null): AttemptRec[] {
  // A team month is ~150,000 rows: read as arrays (raw) and iterated, not as row objects copied
  // into records (~40% less CPU). These statements' text is used only here, so raw mode on the
  // cached statement surprises no other caller.
  type Row = [id: string, caseId: number, agentId: number, at: string, channel: Channel, party: Party, outcomeCode: string];
  const cols = '/* raw */ SELECT id, case_id, agent_id, at, channel, party, outcome_code FROM attempts';
  const rows = agentId === null
    ? ctx.prep<Row>(`${cols} WHERE at >= ? AND at < ?`).raw(true).iterate(start, end)
    : ctx.prep<Row>(`${cols} WHERE agent_id = ? AND at >= ? AND at < ?`).raw(true).iterate(agentId, start, end);
  const out: AttemptRec[] = [];
  for (const [id, caseId, agent, at, channel, party, outcomeCode] of rows) {
    const c = codes.get(outcomeCode);
    out.push({ id, caseId, agentId: agent, at, channel, party, outcomeCode, isContact: c?.isContact ?? false, isRpc: c?.isRpc ?? false });
  }
  return out;
}

export interface PromiseRec extends KpiPromise {
  agentId: number | null;
}
/**
 * Promises that can count in [from, to]: made on or before `to` and due no earlier than
 * from − grace (a promise due before that was decided before the period began).
 */
export function readPromises(ctx: ReadCtx, from: string, to: string, graceDays: number, agentId: number | null): PromiseRec[] {
  type Row = { id: string; case_id: number; agent_id: number | null; amount_fen: number; due_date: string; created_date: string; state: PromiseState; state_changed_at: string | null };
  const lo = addDays(from, -Math.max(0, Math.floor(graceDays)));
  const sql = 'SELECT id, case_id, agent_id, amount_fen, due_date, created_date, state, state_changed_at FROM promises WHERE created_date <= ? AND due_date >= ?';
  const rows = agentId === null ? ctx.prep<Row>(sql).all(to, lo) : ctx.prep<Row>(`${sql} AND agent_id = ?`).all(to, lo, agentId);
  return rows.map((r) => ({
    id: r.id, caseId: r.case_id, agentId: r.agent_id, amountFen: r.amount_fen, dueDate: r.due_date, createdDate: r.created_date,
    state: r.state, stateChangedAt: r.state_changed_at,
  }));
}

export interface PaymentRec extends KpiPayment {
  id: string;
  /** Whose recovery it is: the agent who recorded it, else the case's holder. */
  creditedTo: number | null;
  /** How it was paid and the bank's number (issue 9), for the exported payments sheet. */
  payChannel: PaymentChannel | null;
  txnNo: string | null;
}
/** Payments dated in [lo, to] (all of them: any payment decides a promise on its case). */
export function readPayments(ctx: ReadCtx, lo: string, to: string): PaymentRec[] {
  type Row = { id: string; case_id: number; amount_fen: number; paid_date: string; credited: number | null; channel: string | null; txn_no: string | null };
  return ctx.prep<Row>(
    `SELECT p.id, p.case_id, p.amount_fen, p.paid_date, COALESCE(p.agent_id, c.assigned_agent_id) AS credited, p.channel, p.txn_no
       FROM payments p JOIN cases c ON c.id = p.case_id WHERE p.paid_date >= ? AND p.paid_date <= ? AND p.verification = 'verified'`,
  ).all(lo, to).map((r) => ({ id: r.id, caseId: r.case_id, amountFen: r.amount_fen, paidDate: r.paid_date, creditedTo: r.credited,
    payChannel: PaymentChannel.nullable().catch(null).parse(r.channel), txnNo: r.txn_no }));
}

/** 'name（工号）' of an agent. */
export const agentLabel = (a: { display_name: string; agent_no: string }): string => `${a.display_name}（${a.agent_no}）`;

export function readAgent(ctx: ReadCtx, id: number): { id: number; username: string; name: string } | null {
  const a = ctx.prep<{ id: number; username: string; display_name: string; agent_no: string }>('SELECT id, username, display_name, agent_no FROM agents WHERE id = ?').get(id);
  return a ? { id: a.id, username: a.username, name: agentLabel(a) } : null;
}
export function readAgentByUsername(ctx: ReadCtx, username: string): { id: number; username: string; name: string } | null {
  const a = ctx.prep<{ id: number }>('SELECT id FROM agents WHERE username = ?').get(username);
  return a ? readAgent(ctx, a.id) : null;
}
/** The team's agents who can hold cases, by name. */
export function readTeamAgents(ctx: ReadCtx): { id: number; name: string }[] {
  return ctx.prep<{ id: number; display_name: string; agent_no: string }>(
    "SELECT id, display_name, agent_no FROM agents WHERE disabled = 0 AND role IN ('agent', 'lead') ORDER BY agent_no, id",
  ).all().map((a) => ({ id: a.id, name: agentLabel(a) }));
}

/** A case as a document names it: debtor, masked account, overdue amount, holder; cached per report. */
export function caseRefs(ctx: ReadCtx): (caseId: number) => ReportCaseRef {
  const cache = new Map<number, ReportCaseRef>();
  const st = ctx.prep<{ id: number; name: string; account_no: string; overdue_fen: number; display_name: string | null; agent_no: string | null }>(
    `SELECT c.id, d.name, c.account_no, c.overdue_fen, a.display_name, a.agent_no
       FROM cases c JOIN debtors d ON d.id = c.debtor_id LEFT JOIN agents a ON a.id = c.assigned_agent_id WHERE c.id = ?`,
  );
  return (caseId) => {
    let ref = cache.get(caseId);
    if (!ref) {
      const r = st.get(caseId);
      ref = {
        caseId: String(caseId),
        debtorName: r?.name ?? '?',
        accountMasked: r ? maskAccount(r.account_no) : '',
        overdueFen: r?.overdue_fen ?? 0,
        agentName: r && r.display_name !== null && r.agent_no !== null ? agentLabel({ display_name: r.display_name, agent_no: r.agent_no }) : null,
      };
      cache.set(caseId, ref);
    }
    return ref;
  };
}
