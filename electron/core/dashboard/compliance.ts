/**
 * The dashboard's compliance counts over a period, per agent and for the team: dial attempts
 * that broke a contact rule (this desk's own flags, and the hub's re-check of every pushed dial,
 * which reaches a lead's desk as contactViolation conflicts — each attempt once), complaints
 * (dials whose outcome adds complaint_risk, from the daily counts) and lead overrides given on
 * the cases an agent holds. The share and the shape are shared/domain/compliance.ts.
 */
import { z } from 'zod';
import { countViolations, type ViolationRecord } from '../../../shared/domain/compliance';
import { ConflictRow } from '../../../shared/entities';
import type { Ctx } from '../context';

export interface ComplianceCounts {
  violations: number;
  complaints: number;
  overrides: number;
}
const none = (): ComplianceCounts => ({ violations: 0, complaints: 0, overrides: 0 });

const Detail = z.object({ attemptId: z.string().max(64), agentId: z.string().max(20).optional(), at: z.string().optional() });

function hubViolations(ctx: Pick<Ctx, 'prep'>): ViolationRecord[] {
  const out: ViolationRecord[] = [];
  for (const { row } of ctx.prep<{ row: string }>("SELECT row FROM hub_rows WHERE entity = 'conflict'").all()) {
    let json: unknown;
    try {
      json = JSON.parse(row);
    } catch {
      continue;
    }
    const c = ConflictRow.safeParse(json);
    if (!c.success || c.data.kind !== 'contactViolation') continue;
    const d = Detail.safeParse(c.data.detail);
    if (!d.success) continue;
    const at = d.data.at && !Number.isNaN(Date.parse(d.data.at)) ? new Date(d.data.at).toISOString() : c.data.createdAt;
    out.push({ attemptId: d.data.attemptId, agentId: d.data.agentId ?? null, at });
  }
  return out;
}

/** [fromAt, toAt): the period's instants; from..to: its local days (attempt_days, made current by the caller). */
export function readCompliance(ctx: Pick<Ctx, 'prep'>, fromAt: string, toAt: string, from: string, to: string): { team: ComplianceCounts; of(agentId: number): ComplianceCounts } {
  const team = none();
  const byAgent = new Map<number, ComplianceCounts>();
  const acc = (id: number | null): ComplianceCounts | null => {
    if (id === null) return null;
    let a = byAgent.get(id);
    if (!a) byAgent.set(id, (a = none()));
    return a;
  };
  const local = ctx.prep<{ id: string; agent_id: number; at: string }>(
    "SELECT id, agent_id, at FROM attempts WHERE violations <> '[]' AND at >= ? AND at < ? AND channel = 'phone'", // the partial index attempts_violations
  ).all(fromAt, toAt).map((r): ViolationRecord => ({ attemptId: r.id, agentId: String(r.agent_id), at: r.at }));
  const v = countViolations([...local, ...hubViolations(ctx)], fromAt, toAt);
  team.violations = v.team;
  for (const [id, n] of v.byAgent) if (/^\d+$/.test(id)) (acc(Number(id)) ?? none()).violations = n;

  for (const r of ctx.prep<{ agent_id: number; n: number }>(
    `SELECT d.agent_id, sum(d.n) AS n FROM attempt_days d JOIN outcome_codes o ON o.code = d.outcome_code
      WHERE o.adds_tag = 'complaint_risk' AND d.day BETWEEN ? AND ? GROUP BY d.agent_id`,
  ).all(from, to)) {
    team.complaints += r.n;
    (acc(r.agent_id) ?? none()).complaints += r.n;
  }
  for (const r of ctx.prep<{ agent_id: number | null; n: number }>(
    'SELECT c.assigned_agent_id AS agent_id, count(*) AS n FROM contact_overrides o JOIN cases c ON c.id = o.case_id WHERE o.created_at >= ? AND o.created_at < ? GROUP BY 1',
  ).all(fromAt, toAt)) {
    team.overrides += r.n;
    const a = acc(r.agent_id);
    if (a) a.overrides += r.n;
  }
  return { team, of: (id) => byAgent.get(id) ?? none() };
}
