/**
 * A team's or an agent's summary from the hub's own records (both stores): the hub's loader for
 * shared/reports/assemble.ts, which applies the same rules as the desk's summary. Days are the
 * team's (its time zone setting); "now" is the hub's clock. The hub keeps no plan notes
 * (commitments, reflection live on the writer's desk), so those parts are empty here.
 */
import { addDays, zonedToUtc } from '../../shared/domain/dates';
import { OutcomeCode } from '../../shared/contract/common';
import { CaseTag, type Channel, type Party, PromiseState } from '../../shared/domain/enums';
import { maskAccount } from '../../shared/domain/masking';
import { PaymentChannel } from '../../shared/domain/payment-channel';
import { assembleSummary, type SummaryAttempt, type SummaryPayment, type SummaryPromise } from '../../shared/reports/assemble';
import type { RecoveryChannel, ReportCaseRef, ReportScope, SummaryData } from '../../shared/reports/model';
import { periodKindOf } from '../../shared/reports/periods';
import type { ProblemCode } from '../../shared/reports/problems';
import { withActuals } from '../../shared/reports/targets';
import { HubFailure } from '../errors';
import { dayIn, rulesFrom } from '../mutations/team-rules';
import type { Q } from '../store/types';

const label = (u: { display_name: string; agent_no: string }): string => `${u.display_name}（${u.agent_no}）`;

async function readCodes(q: Q, teamId: number): Promise<Map<string, ProblemCode & { isRpc: boolean }>> {
  const out = new Map<string, ProblemCode & { isRpc: boolean }>();
  for (const r of await q.all<{ body: string }>('SELECT body FROM outcome_codes WHERE team_id = ?', [teamId])) {
    const c = OutcomeCode.safeParse(JSON.parse(r.body));
    if (c.success) out.set(c.data.code, { code: c.data.code, isContact: c.data.isContact, isRpc: c.data.isRpc, addsTag: c.data.addsTag, setsStatus: c.data.setsStatus });
  }
  return out;
}

export async function loadSummary(q: Q, teamId: number, scope: ReportScope, from: string, to: string, now: Date): Promise<SummaryData> {
  const rules = rulesFrom(await q.all<{ key: string; value: string }>('SELECT key, value FROM settings WHERE team_id = ?', [teamId]));
  const zone = rules.timeZone;
  const grace = rules.ptpGraceDays;
  const team = await q.get<{ name: string }>('SELECT name FROM teams WHERE id = ?', [teamId]);
  let agentId: number | null = null;
  let scopeName = team?.name ?? '';
  if (scope.kind === 'agent') {
    const u = await q.get<{ id: number; display_name: string; agent_no: string }>(
      "SELECT id, display_name, agent_no FROM users WHERE id = ? AND team_id = ? AND role IN ('agent', 'lead')", [Number(scope.agentId), teamId]);
    if (!u) throw new HubFailure('NOT_FOUND', `agentId: no agent ${scope.agentId} in this team.`);
    agentId = Number(u.id);
    scopeName = label(u);
  }
  const codes = await readCodes(q, teamId);
  const start = zonedToUtc(from, '00:00', zone).toISOString();
  const end = zonedToUtc(addDays(to, 1), '00:00', zone).toISOString();
  const byAgent = agentId === null ? '' : ' AND a.agent_id = ?';
  const agentParam = agentId === null ? [] : [agentId];

  type AttemptRow = { id: string; case_id: number; agent_id: number; at: string; channel: Channel; party: Party; outcome_code: string };
  const attempts: SummaryAttempt[] = (await q.all<AttemptRow>(
    `SELECT a.id, a.case_id, a.agent_id, a.at, a.channel, a.party, a.outcome_code FROM attempts a JOIN cases c ON c.id = a.case_id
      WHERE c.team_id = ? AND a.at >= ? AND a.at < ?${byAgent}`, [teamId, start, end, ...agentParam],
  )).map((r) => {
    const code = codes.get(r.outcome_code);
    return {
      id: r.id, caseId: Number(r.case_id), agentId: Number(r.agent_id), at: r.at, channel: r.channel, party: r.party, outcomeCode: r.outcome_code,
      isContact: code?.isContact ?? false, isRpc: code?.isRpc ?? false,
    };
  });

  // Promises that can count: made by `to`, due no earlier than from − grace (decided before otherwise).
  type PromiseRow = { id: string; case_id: number; agent_id: number | null; amount_fen: number; due_date: string; created_date: string; state: string; state_changed_at: string | null };
  const promises: SummaryPromise[] = (await q.all<PromiseRow>(
    `SELECT a.id, a.case_id, a.agent_id, a.amount_fen, a.due_date, a.created_date, a.state, a.state_changed_at FROM promises a JOIN cases c ON c.id = a.case_id
      WHERE c.team_id = ? AND a.created_date <= ? AND a.due_date >= ?${byAgent}`, [teamId, to, addDays(from, -Math.max(0, grace)), ...agentParam],
  )).map((r) => ({
    id: r.id, caseId: Number(r.case_id), agentId: r.agent_id === null ? null : Number(r.agent_id), amountFen: Number(r.amount_fen),
    dueDate: r.due_date, createdDate: r.created_date, state: PromiseState.parse(r.state), stateChangedAt: r.state_changed_at,
  }));

  let lo = from;
  for (const p of promises) if (p.createdDate < lo) lo = p.createdDate;
  type PaymentRow = { id: string; case_id: number; amount_fen: number; paid_date: string; credited: number | null; channel: string | null; txn_no: string | null };
  const payments: SummaryPayment[] = (await q.all<PaymentRow>(
    // only verified payments count (a claimed one is 待核实 until a lead confirms it)
    `SELECT p.id, p.case_id, p.amount_fen, p.paid_date, COALESCE(p.agent_id, c.assigned_agent_id) AS credited, p.channel, p.txn_no
       FROM payments p JOIN cases c ON c.id = p.case_id WHERE c.team_id = ? AND p.paid_date >= ? AND p.paid_date <= ? AND p.verification = 'verified'`, [teamId, lo, to],
  )).map((r) => ({
    id: r.id, caseId: Number(r.case_id), amountFen: Number(r.amount_fen), paidDate: r.paid_date, creditedTo: r.credited === null ? null : Number(r.credited),
    payChannel: PaymentChannel.nullable().catch(null).parse(r.channel), txnNo: r.txn_no,
  }));

  // Every case the summary may name, in one read.
  const caseIds = [...new Set([...attempts.map((a) => a.caseId), ...promises.map((p) => p.caseId), ...payments.map((p) => p.caseId)])];
  const refs = new Map<number, ReportCaseRef & { litigation: boolean }>();
  const lastAttempts = new Map<number, { at: string; channel: Channel }[]>();
  for (let i = 0; i < caseIds.length; i += 500) {
    const ids = caseIds.slice(i, i + 500);
    const marks = ids.map(() => '?').join(',');
    type CaseRow = { id: number; name: string; account_no: string; overdue_fen: number; tags: string; display_name: string | null; agent_no: string | null };
    for (const r of await q.all<CaseRow>(
      `SELECT c.id, d.name, c.account_no, c.overdue_fen, c.tags, u.display_name, u.agent_no
         FROM cases c JOIN debtors d ON d.id = c.debtor_id LEFT JOIN users u ON u.id = c.assigned_agent_id WHERE c.id IN (${marks})`, ids,
    )) {
      const tags = CaseTag.array().catch([]).parse(JSON.parse(r.tags));
      refs.set(Number(r.id), {
        caseId: String(r.id), debtorName: r.name, accountMasked: maskAccount(r.account_no), overdueFen: Number(r.overdue_fen),
        agentName: r.display_name !== null && r.agent_no !== null ? label({ display_name: r.display_name, agent_no: r.agent_no }) : null,
        litigation: tags.includes('litigation'),
      });
    }
    const paid = ids.filter((id) => payments.some((p) => p.caseId === id));
    if (paid.length) {
      for (const r of await q.all<{ case_id: number; at: string; channel: Channel }>(
        `SELECT case_id, at, channel FROM attempts WHERE case_id IN (${paid.map(() => '?').join(',')}) AND at < ? ORDER BY at`, [...paid, end],
      )) {
        const l = lastAttempts.get(Number(r.case_id)) ?? [];
        l.push({ at: r.at, channel: r.channel });
        lastAttempts.set(Number(r.case_id), l);
      }
    }
  }
  const caseRef = (id: number): ReportCaseRef => {
    const r = refs.get(id);
    return r ? { caseId: r.caseId, debtorName: r.debtorName, accountMasked: r.accountMasked, overdueFen: r.overdueFen, agentName: r.agentName } : { caseId: String(id), debtorName: '?', accountMasked: '', overdueFen: 0, agentName: null };
  };
  // The channel of the case's last attempt before the end of the payment's day; a 诉讼 case: legal.
  const channelOf = (p: SummaryPayment): RecoveryChannel => {
    if (refs.get(p.caseId)?.litigation) return 'legal';
    const dayEnd = zonedToUtc(addDays(p.paidDate, 1), '00:00', zone).toISOString();
    let ch: RecoveryChannel = 'unattributed';
    for (const a of lastAttempts.get(p.caseId) ?? []) if (a.at < dayEnd) ch = a.channel;
    return ch;
  };

  const teamAgents = (await q.all<{ id: number; display_name: string; agent_no: string }>(
    "SELECT id, display_name, agent_no FROM users WHERE team_id = ? AND disabled = 0 AND role IN ('agent', 'lead') ORDER BY agent_no, id", [teamId],
  )).map((u) => ({ id: Number(u.id), name: label(u) }));

  // Targets of this scope whose period kind is the report's and whose dates cover it; balance for recoveryPct.
  const kind = periodKindOf(from, to);
  const targets = kind === 'range' ? [] : (await q.all<{ agent_id: number | null; metric: string; value: number }>(
    `SELECT agent_id, metric, value FROM targets WHERE team_id = ? AND period = ? AND from_date <= ? AND to_date >= ? AND ${agentId === null ? 'agent_id IS NULL' : 'agent_id = ?'} ORDER BY id`,
    [teamId, kind, from, to, ...agentParam],
  )).map((t) => ({ metric: t.metric, value: Number(t.value) }));
  const balance = await q.get<{ s: number | null }>(
    `SELECT sum(balance_fen) AS s FROM cases WHERE team_id = ? AND status <> 'closed' AND ${agentId === null ? 'assigned_agent_id IS NOT NULL' : 'assigned_agent_id = ?'}`, [teamId, ...agentParam]);

  const data = assembleSummary({
    scope, agentId, scopeName, from, to, today: dayIn(rules, now), now, timeZone: zone, graceDays: grace,
    codes, attempts, promises, payments, caseRef, channelOf, teamAgents, targets: [], commitments: [], reflection: '', nextCommitments: [],
  });
  return { ...data, targets: withActuals(targets, data.figures, Number(balance?.s ?? 0)) };
}
