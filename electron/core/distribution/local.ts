/**
 * Distribution on this desk's database: the form's options and counts (always from the desk's
 * copy: a lead's desk holds the whole team), and in local mode the plan and its application.
 * The plan is the shared one (shared/domain/distribution.ts), so the hub computes the same.
 */
import type { DistApplied, DistOperation, DistPreview, RouteOutput } from '../../../shared/contract';
import { bucketFor } from '../../../shared/domain/buckets';
import { dpd } from '../../../shared/domain/dates';
import { movesByTarget, type DistAgent, type DistCase } from '../../../shared/domain/distribution';
import { DISTRIBUTABLE_STATUSES, filterSql, type DistFilter } from '../../../shared/domain/distribution-filter';
import { dealPreview, planDeal, recallPreview, recallProblem } from '../../../shared/domain/distribution-preview';
import { AgentBucketsSetting } from '../../../shared/domain/settings';
import { BucketId } from '../../../shared/domain/enums';
import { appendAudit } from '../audit/audit';
import type { Ctx } from '../context';
import { DeskFailure } from '../errors';
import { writeOutbox } from '../sync/outbox';

/** One operation's bound (as on the hub). */
export const MAX_DISTRIBUTION_CASES = 20_000;

const refuse = (rule: 'distribution.unknownAgent' | 'distribution.noAgents' | 'distribution.unknownBatch' | 'distribution.recallBeforeEnd' | 'distribution.recallNoEndDate' | 'distribution.planChanged' | 'distribution.tooMany', message: string, field?: string, params?: Record<string, string | number>): DeskFailure =>
  new DeskFailure('VALIDATION', message, { rule, ...(field ? { field } : {}), ...(params ? { params } : {}) });

/** The agentBuckets setting as stored here (a team setting pulled from the hub, or set locally); unusable = none. */
export function agentBuckets(ctx: Ctx): AgentBucketsSetting {
  const row = ctx.prep<{ value: string }>("SELECT value FROM settings WHERE key = 'agentBuckets'").get();
  if (!row) return {};
  try {
    const p = AgentBucketsSetting.safeParse(JSON.parse(row.value));
    return p.success ? p.data : {};
  } catch {
    return {};
  }
}

interface AgentRow { id: number; display_name: string; agent_no: string; role: string; disabled: number }

const agentRows = (ctx: Ctx): AgentRow[] =>
  ctx.prep<AgentRow>("SELECT id, display_name, agent_no, role, disabled FROM agents WHERE username NOT LIKE '~%' ORDER BY role = 'agent' DESC, agent_no, id").all();

function activeTotals(ctx: Ctx): Map<string, { cases: number; amountFen: number }> {
  const rows = ctx
    .prep<{ agent: number; n: number; fen: number }>(
      `SELECT assigned_agent_id AS agent, count(*) AS n, coalesce(sum(overdue_fen), 0) AS fen FROM cases
       WHERE assigned_agent_id IS NOT NULL AND status IN ('open', 'ptp', 'hold') GROUP BY assigned_agent_id`,
    )
    .all();
  return new Map(rows.map((r) => [String(r.agent), { cases: r.n, amountFen: r.fen }]));
}

export function options(ctx: Ctx): RouteOutput<'distribution.options'> {
  const totals = activeTotals(ctx);
  const skills = agentBuckets(ctx);
  const agents = agentRows(ctx)
    .filter((a) => !a.disabled && a.role === 'agent')
    .map((a) => ({ id: String(a.id), displayName: a.display_name, agentNo: a.agent_no, ...(totals.get(String(a.id)) ?? { cases: 0, amountFen: 0 }), buckets: (skills[String(a.id)] ?? []).filter((b) => BucketId.safeParse(b).success) }));
  const batches = ctx
    .prep<{ id: number; batch_no: string; creditor: string; expiry_date: string | null; n: number }>(
      `SELECT b.id, b.batch_no, b.creditor, b.expiry_date, (SELECT count(*) FROM cases c WHERE c.batch_id = b.id AND c.status <> 'closed') AS n
       FROM batches b ORDER BY b.imported_at DESC, b.id DESC LIMIT 500`,
    )
    .all()
    .map((b) => ({ id: String(b.id), batchNo: b.batch_no, creditor: b.creditor, expiryDate: b.expiry_date, cases: b.n }));
  const creditors = ctx.prep<{ creditor: string }>('SELECT DISTINCT creditor FROM cases ORDER BY creditor LIMIT 500').all().map((r) => r.creditor);
  return { agents, batches, creditors };
}

function selectCases(ctx: Ctx, where: string, params: (string | number)[], today: string): DistCase[] {
  const bounds = ctx.settings().bucketBounds;
  const rows = ctx.db
    .prepare(
      `SELECT c.id, c.overdue_fen, c.overdue_since, c.assigned_agent_id FROM cases c JOIN debtors d ON d.id = c.debtor_id
       WHERE ${where} ORDER BY c.id LIMIT ${MAX_DISTRIBUTION_CASES + 1}`,
    )
    .all(...params) as { id: number; overdue_fen: number; overdue_since: string; assigned_agent_id: number | null }[];
  if (rows.length > MAX_DISTRIBUTION_CASES) throw refuse('distribution.tooMany', `At most ${MAX_DISTRIBUTION_CASES} cases per operation.`, undefined, { max: MAX_DISTRIBUTION_CASES });
  return rows.map((r) => ({
    id: String(r.id), amountFen: r.overdue_fen, bucket: bucketFor(dpd(r.overdue_since, today), bounds), holderId: r.assigned_agent_id === null ? null : String(r.assigned_agent_id),
  }));
}

export function selectCount(ctx: Ctx, filter: DistFilter, today: string): RouteOutput<'distribution.select'> {
  const f = filterSql(filter, today, ctx.settings().bucketBounds);
  const r = ctx.db.prepare(`SELECT count(*) AS n, coalesce(sum(c.overdue_fen), 0) AS fen FROM cases c JOIN debtors d ON d.id = c.debtor_id WHERE ${f.where}`).get(...f.params) as { n: number; fen: number };
  return { cases: r.n, amountFen: r.fen };
}

interface Planned {
  preview: DistPreview;
  moves: Map<string | null, string[]>;
}

/** The operation's plan from this desk's rows (local mode; the same checks the hub makes). */
export function planLocal(ctx: Ctx, op: DistOperation, today: string): Planned {
  const agents = new Map(agentRows(ctx).map((a) => [String(a.id), a]));
  const nameOf = (id: string): string | null => agents.get(id)?.display_name ?? null;
  if (op.op === 'recall') {
    const b = ctx.prep<{ id: number; batch_no: string; creditor: string; expiry_date: string | null }>('SELECT id, batch_no, creditor, expiry_date FROM batches WHERE id = ?').get(Number(op.batchId) || -1);
    if (!b) throw refuse('distribution.unknownBatch', `No batch ${op.batchId}.`, 'batchId');
    const problem = recallProblem(b.expiry_date, today, op.early);
    if (problem === 'beforeEndDate') throw refuse('distribution.recallBeforeEnd', `Batch ${b.batch_no} ends on ${b.expiry_date ?? ''}.`, 'early', { expiryDate: b.expiry_date ?? '' });
    if (problem === 'noEndDate') throw refuse('distribution.recallNoEndDate', `Batch ${b.batch_no} has no end date.`, 'early');
    const selection = selectCases(ctx, "c.batch_id = ? AND c.status <> 'closed'", [b.id], today);
    return { preview: recallPreview(selection, { id: String(b.id), batchNo: b.batch_no, creditor: b.creditor, expiryDate: b.expiry_date }, nameOf), moves: new Map([[null, selection.map((c) => c.id)]]) };
  }
  let selection: DistCase[];
  let absent: string | null = null;
  if (op.op === 'rebalance') {
    if (!agents.has(op.absentAgentId)) throw refuse('distribution.unknownAgent', `Unknown agent ${op.absentAgentId}.`, 'absentAgentId');
    absent = op.absentAgentId;
    selection = selectCases(ctx, `c.assigned_agent_id = ? AND c.status IN (${DISTRIBUTABLE_STATUSES.map(() => '?').join(', ')})`, [Number(absent), ...DISTRIBUTABLE_STATUSES], today);
  } else {
    const f = filterSql(op.filter, today, ctx.settings().bucketBounds);
    selection = selectCases(ctx, f.where, f.params, today);
  }
  const order: string[] = [];
  for (const id of op.agentIds) {
    if (id === absent || order.includes(id)) continue;
    const a = agents.get(id);
    if (!a || a.disabled) throw refuse('distribution.unknownAgent', `Agent ${id} is unknown or disabled.`, 'agentIds');
    order.push(id);
  }
  if (order.length === 0) throw refuse('distribution.noAgents', 'Choose at least one agent.', 'agentIds');
  const totals = activeTotals(ctx);
  const skills = agentBuckets(ctx);
  const dealt: DistAgent[] = order.map((id) => ({ id, ...(totals.get(id) ?? { cases: 0, amountFen: 0 }), buckets: skills[id] ?? null }));
  const plan = planDeal(op.op, selection, dealt, op.strategy, absent);
  return { preview: dealPreview(op.op, plan, selection, order, nameOf), moves: new Map(movesByTarget(plan)) };
}

/**
 * Local mode: apply in one desk transaction, re-planned inside it (refused when it is not the
 * previewed plan); the moves go to the outbox as case.assign, as a lead's one-by-one assignment does.
 */
export function applyLocal(ctx: Ctx, op: DistOperation, token: string, today: string): DistApplied {
  const at = ctx.clock().toISOString();
  const result = ctx.db.transaction(() => {
    const planned = planLocal(ctx, op, today);
    if (planned.preview.token !== token) throw refuse('distribution.planChanged', 'The cases changed since the preview; preview again.');
    const update = ctx.prep('UPDATE cases SET assigned_agent_id = ?, updated_at = ? WHERE id = ?');
    const close = ctx.prep("UPDATE cases SET status = CASE WHEN status = 'paid' THEN 'paid' ELSE 'closed' END, updated_at = ? WHERE id = ?");
    let moved = 0;
    for (const [to, ids] of planned.moves) {
      if (ids.length === 0) continue;
      for (const id of ids) {
        update.run(to === null ? null : Number(to), at, Number(id));
        if (to === null) close.run(at, Number(id));
      }
      moved += ids.length;
      for (let i = 0; i < ids.length; i += 1000) writeOutbox(ctx, 'case.assign', { caseIds: ids.slice(i, i + 1000), agentId: to, at });
    }
    appendAudit(ctx, { action: `distribution.${op.op}`, entity: 'case', entityId: null, detail: { operation: op, moved, token } });
    return { moved, preview: planned.preview };
  }).immediate();
  if (result.moved > 0) ctx.emit('queue.changed', { reason: 'lead.assign' });
  return result;
}

/** Local mode: store each agent's buckets (agents of this desk). */
export function setBucketsLocal(ctx: Ctx, value: AgentBucketsSetting): AgentBucketsSetting {
  const known = new Set(agentRows(ctx).map((a) => String(a.id)));
  for (const id of Object.keys(value)) if (!known.has(id)) throw refuse('distribution.unknownAgent', `Unknown agent ${id}.`, `agentBuckets.${id}`);
  const clean = Object.fromEntries(Object.entries(value).filter(([, list]) => list.length > 0));
  ctx.db.transaction(() => {
    ctx.prep('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run('agentBuckets', JSON.stringify(clean));
    appendAudit(ctx, { action: 'distribution.agentBuckets', entity: 'setting', entityId: null, detail: clean });
  })();
  return clean;
}
