/**
 * A work plan (工作计划) for an agent or the team: the period's targets, the commitments written
 * for it, the work day's worklist in order (due follow-ups and PTPs, broken promises, new cases,
 * each with the debtor's best contact hours) and the progress so far.
 */
import { addDays, localDateOf, localTimeOf } from '../../../shared/domain/dates';
import type { PlanData, ReportScope } from '../../../shared/reports/model';
import { bestContactHours } from '../../../shared/reports/best-hours';
import { periodKindOf } from '../../../shared/reports/periods';
import { readNote } from './notes';
import { caseRefs, periodInstants, readCodes, type ReadCtx } from './records';
import { buildSummaryFigures } from './figures';
import { scopeAgent, type ReportClock } from './summary';
import { readTargetsFor, scopeBalance, withActuals } from './targets';

/** The worklist is a day's work: bounded so a team plan stays a readable document. */
export const MAX_WORKLIST = 200;
const MAX_NEW = 50;
/** Broken promises this recent still need a call about them. */
const BROKEN_LOOKBACK_DAYS = 7;

export function buildPlan(ctx: ReadCtx, scope: ReportScope, from: string, to: string, c: ReportClock, teamLabel: string): PlanData {
  const zone = c.settings.timeZone;
  const agent = scopeAgent(ctx, scope);
  const workDay = c.today < from ? from : c.today > to ? to : c.today;
  const dayEnd = periodInstants(workDay, workDay, zone).end;
  const holder = agent.id === null ? 'c.assigned_agent_id IS NOT NULL' : 'c.assigned_agent_id = @agent';
  const open = "c.status NOT IN ('paid', 'closed')";
  const ref = caseRefs(ctx);
  const seen = new Set<number>();
  const worklist: PlanData['worklist'] = [];
  const push = (caseId: number, kind: PlanData['worklist'][number]['kind'], due: string | null, amountFen: number | null): void => {
    if (seen.has(caseId) || worklist.length >= MAX_WORKLIST) return;
    seen.add(caseId);
    worklist.push({ ...ref(caseId), kind, due, amountFen, bestHours: [] });
  };
  const params = { agent: agent.id, dayEnd, workDay, brokenSince: periodInstants(addDays(workDay, -BROKEN_LOOKBACK_DAYS), workDay, zone).start };

  for (const r of ctx.prep<{ case_id: number; due_at: string }>(
    `SELECT f.case_id, min(f.due_at) AS due_at FROM follow_ups f JOIN cases c ON c.id = f.case_id
      WHERE f.state = 'pending' AND f.due_at < @dayEnd AND ${holder} AND ${open} GROUP BY f.case_id ORDER BY due_at, f.case_id`,
  ).all(params)) {
    const at = new Date(r.due_at);
    const d = localDateOf(at, zone);
    push(r.case_id, 'followup', `${d === workDay ? '' : `${d} `}${localTimeOf(at, zone)}`, null);
  }
  for (const r of ctx.prep<{ case_id: number; due_date: string; amount_fen: number }>(
    `SELECT p.case_id, p.due_date, p.amount_fen FROM promises p JOIN cases c ON c.id = p.case_id
      WHERE p.state = 'pending' AND p.due_date <= @workDay AND ${holder} AND ${open} ORDER BY p.due_date, p.case_id`,
  ).all(params)) push(r.case_id, 'ptpDue', r.due_date, r.amount_fen);
  for (const r of ctx.prep<{ case_id: number; due_date: string; amount_fen: number }>(
    `SELECT p.case_id, p.due_date, p.amount_fen FROM promises p JOIN cases c ON c.id = p.case_id
      WHERE p.state = 'broken' AND p.state_changed_at >= @brokenSince AND ${holder} AND ${open}
        AND NOT EXISTS (SELECT 1 FROM promises q WHERE q.case_id = p.case_id AND q.state = 'pending')
      ORDER BY p.state_changed_at DESC, p.case_id`,
  ).all(params)) push(r.case_id, 'broken', r.due_date, r.amount_fen);
  for (const r of ctx.prep<{ id: number }>(
    `SELECT c.id FROM cases c WHERE c.attempt_count = 0 AND c.status = 'open' AND ${holder} ORDER BY c.priority DESC, c.id LIMIT ${MAX_NEW}`,
  ).all(params)) push(r.id, 'new', null, null);

  // Best hours from the case's answered phone calls (any agent's, all time).
  const codes = readCodes(ctx);
  const calls = ctx.prep<{ at: string; outcome_code: string }>("SELECT at, outcome_code FROM attempts WHERE case_id = ? AND channel = 'phone'");
  for (const w of worklist) {
    w.bestHours = bestContactHours(calls.all(Number(w.caseId)).map((a) => ({
      hour: Number(localTimeOf(new Date(a.at), zone).slice(0, 2)),
      answered: codes.get(a.outcome_code)?.isContact ?? false,
    })));
  }

  const kind = periodKindOf(from, to);
  const upTo = c.today < to ? (c.today < from ? from : c.today) : to;
  const progress = buildSummaryFigures(ctx, agent.id, from, upTo, c, codes);
  const note = readNote(ctx, scope, from, to);
  return {
    scope,
    scopeName: agent.id === null ? teamLabel : agent.name,
    periodKind: kind,
    from,
    to,
    timeZone: zone,
    generatedAt: c.now.toISOString(),
    targets: withActuals(readTargetsFor(ctx, scope, kind, from, to), progress, scopeBalance(ctx, scope)),
    commitments: note.commitments,
    workDay,
    worklist,
    progress,
  };
}
