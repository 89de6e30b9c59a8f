/**
 * Targets for a plan or summary, read from the rows the hub sends (hub_rows, entity 'target';
 * the lead's targets screen writes the same rows in local mode). None there: none shown.
 */
import { TargetRow } from '../../../shared/entities';
import type { PeriodKind, ReportScope } from '../../../shared/reports/model';
import type { ReadCtx } from './records';

export { withActuals } from '../../../shared/reports/targets';

/** The targets of this scope whose period kind is the report's and whose dates cover it. */
export function readTargetsFor(ctx: ReadCtx, scope: ReportScope, kind: PeriodKind, from: string, to: string): { metric: string; value: number }[] {
  if (kind === 'range') return [];
  const out: { metric: string; value: number }[] = [];
  for (const { row } of ctx.prep<{ row: string }>("SELECT row FROM hub_rows WHERE entity = 'target' ORDER BY key").all()) {
    let json: unknown;
    try {
      json = JSON.parse(row);
    } catch {
      continue;
    }
    const t = TargetRow.safeParse(json);
    if (!t.success) continue;
    const own = scope.kind === 'team' ? t.data.agentId === null : t.data.agentId === scope.agentId;
    if (own && t.data.period === kind && t.data.from <= from && t.data.to >= to) out.push({ metric: t.data.metric, value: t.data.value });
  }
  return out;
}

/** The open balance of the scope's assigned cases. */
export function scopeBalance(ctx: ReadCtx, scope: ReportScope): number {
  const r = scope.kind === 'team'
    ? ctx.prep<{ s: number | null }>("SELECT sum(balance_fen) AS s FROM cases WHERE assigned_agent_id IS NOT NULL AND status <> 'closed'").get()
    : ctx.prep<{ s: number | null }>("SELECT sum(balance_fen) AS s FROM cases WHERE assigned_agent_id = ? AND status <> 'closed'").get(Number(scope.agentId));
  return r?.s ?? 0;
}
