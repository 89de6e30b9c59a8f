import type { AssignPlan, LeadAgent, LeadCase, RouteOutput } from '../../../shared/contract';
import { bucketFor } from '../../../shared/domain/buckets';
import { dpd as dpdOf } from '../../../shared/domain/dates';
import { CaseStatus, Role } from '../../../shared/domain/enums';
import { maskAccount } from '../../../shared/domain/masking';
import { appendAudit } from '../audit/audit';
import type { Ctx } from '../context';
import { parseCaseId } from '../cases/case-get';
import { DeskFailure } from '../errors';
import { writeOutbox } from '../sync/outbox';
import { candidateSql, classifySearch, searchParams } from '../queue/search';

/** The lead's assignment view: leads and admins only (the contract's access 'lead', checked by the invoke pipeline). */
export function leadAgents(ctx: Ctx): RouteOutput<'lead.agents'> {
  const rows = ctx
    .prep<{ id: number; display_name: string; agent_no: string; role: string; open_cases: number }>(
      `SELECT a.id, a.display_name, a.agent_no, a.role,
         coalesce((SELECT sum(n) FROM case_counts k WHERE k.agent_id = a.id AND k.status IN ('open', 'ptp', 'hold')), 0) AS open_cases
       FROM agents a WHERE a.disabled = 0 AND a.username NOT LIKE '~%' ORDER BY a.role = 'agent' DESC, a.agent_no, a.id`,
    )
    .all();
  const agents: LeadAgent[] = rows.map((r) => ({ id: String(r.id), displayName: r.display_name, agentNo: r.agent_no, role: Role.parse(r.role), openCases: r.open_cases }));
  return { agents };
}

interface LeadRow {
  id: number; account_no: string; creditor: string; overdue_fen: number; overdue_since: string; status: string;
  assigned_agent_id: number | null; debtor_name: string; agent_name: string | null;
}

export function leadCases(ctx: Ctx, input: { agentId?: string | undefined; search?: string | undefined; offset: number; limit: number }, today: string): RouteOutput<'lead.cases'> {
  const where: string[] = [];
  const params: Record<string, string | number> = {};
  if (input.agentId === 'unassigned') where.push('c.assigned_agent_id IS NULL');
  else if (input.agentId !== undefined) {
    where.push('c.assigned_agent_id = @agent');
    params.agent = Number(input.agentId) || -1;
  }
  // The same search as the agent's queue (electron/core/queue/search.ts), over the whole team.
  const q = classifySearch(input.search);
  if (q.kind !== 'none') {
    where.push(`c.id IN (${candidateSql(q, null)})`);
    Object.assign(params, searchParams(q));
  }
  const sqlWhere = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const total = ctx.db.prepare(`SELECT count(*) AS n FROM cases c JOIN debtors d ON d.id = c.debtor_id ${sqlWhere}`).get(params) as { n: number };
  const rows = ctx.db
    .prepare(
      `SELECT c.id, c.account_no, c.creditor, c.overdue_fen, c.overdue_since, c.status, c.assigned_agent_id, d.name AS debtor_name, a.display_name AS agent_name
       FROM cases c JOIN debtors d ON d.id = c.debtor_id LEFT JOIN agents a ON a.id = c.assigned_agent_id
       ${sqlWhere} ORDER BY c.priority DESC, c.id LIMIT @limit OFFSET @offset`,
    )
    .all({ ...params, limit: input.limit, offset: input.offset }) as LeadRow[];
  const bounds = ctx.settings().bucketBounds;
  const items: LeadCase[] = rows.map((r) => {
    const d = dpdOf(r.overdue_since, today);
    return {
      caseId: String(r.id), debtorName: r.debtor_name, accountMasked: maskAccount(r.account_no), creditor: r.creditor, overdueAmountFen: r.overdue_fen,
      dpd: d, bucket: bucketFor(d, bounds), status: CaseStatus.parse(r.status),
      assignedAgentId: r.assigned_agent_id === null ? null : String(r.assigned_agent_id), assignedAgentName: r.agent_name,
    };
  });
  return { items, total: total.n };
}

/** What assigning these cases to agentId would move, by current holder (the confirm dialog, and the answer). */
export function assignPlan(ctx: Ctx, caseIds: number[], agentId: number | null): AssignPlan {
  const rows = ctx
    .prep<{ holder: number | null; name: string | null; n: number }>(
      `SELECT c.assigned_agent_id AS holder, a.display_name AS name, count(*) AS n FROM cases c LEFT JOIN agents a ON a.id = c.assigned_agent_id
       WHERE c.id IN (SELECT value FROM json_each(?)) GROUP BY c.assigned_agent_id ORDER BY n DESC, holder`,
    )
    .all(JSON.stringify(caseIds));
  const found = rows.reduce((s, r) => s + r.n, 0);
  const same = rows.find((r) => r.holder === agentId)?.n ?? 0;
  return {
    moving: rows.filter((r) => r.holder !== agentId).map((r) => ({ fromAgentId: r.holder === null ? null : String(r.holder), fromName: r.name, count: r.n })),
    unchanged: same,
    missing: caseIds.length - found,
  };
}

export function leadAssignPreview(ctx: Ctx, input: { caseIds: string[]; agentId: string | null }): RouteOutput<'lead.assignPreview'> {
  return assignPlan(ctx, [...new Set(input.caseIds.map(parseCaseId))], input.agentId === null ? null : Number(input.agentId));
}

/**
 * Assign cases to an agent (or unassign): the local rows change at once (optimistic) and a
 * 'case.assign' mutation goes to the hub in the same transaction; the hub validates it (a
 * rejection comes back as a rejection row, and the hub's case rows win on the next pull).
 */
export function leadAssign(ctx: Ctx, input: { caseIds: string[]; agentId: string | null }): RouteOutput<'lead.assign'> {
  const ids = [...new Set(input.caseIds.map(parseCaseId))];
  const agentId = input.agentId === null ? null : Number(input.agentId);
  if (agentId !== null) {
    const a = Number.isSafeInteger(agentId) ? ctx.prep<{ disabled: number }>('SELECT disabled FROM agents WHERE id = ?').get(agentId) : undefined;
    if (!a) throw new DeskFailure('VALIDATION', 'Unknown agent.', { field: 'agentId', rule: 'lead.unknownAgent' });
    if (a.disabled) throw new DeskFailure('VALIDATION', 'This agent is disabled.', { field: 'agentId', rule: 'lead.agentDisabled' });
  }
  const at = ctx.clock().toISOString();
  const plan = assignPlan(ctx, ids, agentId);
  const assigned = ctx.db.transaction(() => {
    // Cases already with the agent stay as they are (no mutation, nothing to say moved).
    const update = ctx.prep('UPDATE cases SET assigned_agent_id = ?, updated_at = ? WHERE id = ? AND assigned_agent_id IS NOT ?');
    const found: number[] = [];
    for (const id of ids) if (update.run(agentId, at, id, agentId).changes === 1) found.push(id);
    if (found.length === 0) return 0;
    appendAudit(ctx, { action: 'lead.assign', entity: 'case', entityId: found.length === 1 ? found[0] : null, detail: { caseIds: found, agentId } });
    writeOutbox(ctx, 'case.assign', { caseIds: found.map(String), agentId: agentId === null ? null : String(agentId), at });
    return found.length;
  }).immediate();
  if (assigned === 0 && plan.unchanged === 0) throw new DeskFailure('NOT_FOUND', 'case not found');
  if (assigned > 0) ctx.emit('queue.changed', { reason: 'lead.assign' });
  return { assigned, plan };
}
