/**
 * Distribution (分案) on the hub, the team's authority: the plan is computed here from the hub's
 * own rows (shared/domain/distribution.ts), re-checked inside the applying transaction (agents
 * active members of the team, cases of the team and not paid or closed, the batch the team's),
 * applied through reassign() so desks gain and lose cases by their feed, and logged in
 * admin_actions. One operation = one transaction.
 */
import type { DistOperation, DistPreview } from '../shared/contract/distribution';
import { bucketFor } from '../shared/domain/buckets';
import { dpd } from '../shared/domain/dates';
import { movesByTarget, type DistAgent, type DistCase } from '../shared/domain/distribution';
import { DISTRIBUTABLE_STATUSES, filterSql } from '../shared/domain/distribution-filter';
import { dealPreview, planDeal, recallPreview, recallProblem } from '../shared/domain/distribution-preview';
import { AgentBucketsSetting } from '../shared/domain/settings';
import { appendAdminAudit } from './admin-audit';
import { HubFailure } from './errors';
import { Fanout, selectIn, teamLeads, teamMembers } from './feed';
import { reassign } from './mutations/reassign';
import { dayIn, rulesFrom, type TeamRules } from './mutations/team-rules';
import type { CaseDb } from './rows';
import type { Caller } from './mutations/context';
import type { Param, Q } from './store/types';

/** One operation's bound: a larger selection is refused (split it by batch or bucket). */
export const MAX_DISTRIBUTION_CASES = 20_000;

const refuse = (rule: string, message: string, params: Record<string, string | number> = {}): HubFailure => new HubFailure('RULE_VIOLATION', message, { ...params, rule });

interface Member { id: number; display_name: string; agent_no: string; role: string; disabled: number }

async function teamState(q: Q, teamId: number): Promise<{ rules: TeamRules; buckets: AgentBucketsSetting; members: Map<string, Member> }> {
  const settings = await q.all<{ key: string; value: string }>('SELECT key, value FROM settings WHERE team_id = ?', [teamId]);
  let buckets: AgentBucketsSetting = {};
  const raw = settings.find((s) => s.key === 'agentBuckets');
  if (raw) {
    try {
      const p = AgentBucketsSetting.safeParse(JSON.parse(raw.value));
      if (p.success) buckets = p.data;
    } catch {
      // a stored value that does not parse counts as no skills set
    }
  }
  const rows = await q.all<Member>('SELECT id, display_name, agent_no, role, disabled FROM users WHERE team_id = ?', [teamId]);
  return { rules: rulesFrom(settings), buckets, members: new Map(rows.map((r) => [String(r.id), r])) };
}

async function activeTotals(q: Q, teamId: number): Promise<Map<string, { cases: number; amountFen: number }>> {
  const rows = await q.all<{ agent: number; n: number; fen: number | string | null }>(
    `SELECT assigned_agent_id AS agent, count(*) AS n, sum(overdue_fen) AS fen FROM cases
     WHERE team_id = ? AND assigned_agent_id IS NOT NULL AND status IN ('open', 'ptp', 'hold') GROUP BY assigned_agent_id`,
    [teamId],
  );
  return new Map(rows.map((r) => [String(r.agent), { cases: Number(r.n), amountFen: Number(r.fen ?? 0) }]));
}

interface SelRow { id: number | string; overdue_fen: number | string; overdue_since: string; assigned_agent_id: number | string | null }

async function selectCases(q: Q, teamId: number, where: string, params: Param[], today: string, rules: TeamRules, lock: boolean): Promise<DistCase[]> {
  const forUpdate = lock && q.kind === 'postgres' ? ' FOR UPDATE OF c' : '';
  const rows = await q.all<SelRow>(
    `SELECT c.id, c.overdue_fen, c.overdue_since, c.assigned_agent_id FROM cases c JOIN debtors d ON d.id = c.debtor_id
     WHERE c.team_id = ? AND ${where} ORDER BY c.id LIMIT ${MAX_DISTRIBUTION_CASES + 1}${forUpdate}`,
    [teamId, ...params],
  );
  if (rows.length > MAX_DISTRIBUTION_CASES) throw refuse('distribution.tooMany', `At most ${MAX_DISTRIBUTION_CASES} cases per operation.`, { max: MAX_DISTRIBUTION_CASES });
  return rows.map((r) => ({
    id: String(r.id), amountFen: Number(r.overdue_fen), bucket: bucketFor(dpd(r.overdue_since, today), rules.bucketBounds),
    holderId: r.assigned_agent_id === null ? null : String(r.assigned_agent_id),
  }));
}

/** The agents the lead chose: each an active member of the team (the absent agent of a rebalance excepted). */
function receivers(ids: readonly string[], members: Map<string, Member>): string[] {
  const out: string[] = [];
  for (const id of ids) {
    const m = members.get(id);
    if (!m || m.disabled) throw refuse('distribution.unknownAgent', `Agent ${id} is not an active member of the team.`, { agentId: id });
    if (!out.includes(id)) out.push(id);
  }
  return out;
}

export interface Planned {
  preview: DistPreview;
  /** receiver (null: recall) -> case ids that move to them */
  moves: Map<string | null, string[]>;
}

/** The operation's plan from the hub's rows; `lock` (inside the applying transaction) locks the selected cases. */
export async function planOn(q: Q, teamId: number, op: DistOperation, now: Date, lock = false): Promise<Planned> {
  const { rules, buckets, members } = await teamState(q, teamId);
  const today = dayIn(rules, now);
  const nameOf = (id: string): string | null => members.get(id)?.display_name ?? null;
  if (op.op === 'recall') {
    const b = await q.get<{ id: number; batch_no: string; creditor: string; expiry_date: string | null }>('SELECT id, batch_no, creditor, expiry_date FROM batches WHERE id = ? AND team_id = ?', [Number(op.batchId) || -1, teamId]);
    if (!b) throw refuse('distribution.unknownBatch', `No batch ${op.batchId} in this team.`, { batchId: op.batchId });
    const problem = recallProblem(b.expiry_date, today, op.early);
    if (problem === 'beforeEndDate') throw refuse('distribution.recallBeforeEnd', `Batch ${b.batch_no} ends on ${b.expiry_date ?? ''}; recall it early on purpose.`, { expiryDate: b.expiry_date ?? '' });
    if (problem === 'noEndDate') throw refuse('distribution.recallNoEndDate', `Batch ${b.batch_no} has no end date; recall it early on purpose.`);
    // Every case of the batch still with the team (paid ones too: the creditor takes the batch back), closed ones excluded.
    const selection = await selectCases(q, teamId, "c.batch_id = ? AND c.status <> 'closed'", [Number(b.id)], today, rules, lock);
    const preview = recallPreview(selection, { id: String(b.id), batchNo: b.batch_no, creditor: b.creditor, expiryDate: b.expiry_date }, nameOf);
    return { preview, moves: new Map([[null, selection.map((c) => c.id)]]) };
  }
  let selection: DistCase[];
  let absent: string | null = null;
  if (op.op === 'rebalance') {
    if (!members.has(op.absentAgentId)) throw refuse('distribution.unknownAgent', `Agent ${op.absentAgentId} is not a member of the team.`, { agentId: op.absentAgentId });
    absent = op.absentAgentId;
    const statuses = DISTRIBUTABLE_STATUSES.map(() => '?').join(', ');
    selection = await selectCases(q, teamId, `c.assigned_agent_id = ? AND c.status IN (${statuses})`, [Number(absent), ...DISTRIBUTABLE_STATUSES], today, rules, lock);
  } else {
    const f = filterSql(op.filter, today, rules.bucketBounds);
    selection = await selectCases(q, teamId, f.where, f.params, today, rules, lock);
  }
  const order = receivers(op.agentIds.filter((id) => id !== absent), members);
  if (order.length === 0) throw refuse('distribution.noAgents', 'Choose at least one agent other than the absent one.');
  const totals = await activeTotals(q, teamId);
  const agents: DistAgent[] = order.map((id) => ({ id, ...(totals.get(id) ?? { cases: 0, amountFen: 0 }), buckets: buckets[id] ?? null }));
  const plan = planDeal(op.op, selection, agents, op.strategy, absent);
  const preview = dealPreview(op.op, plan, selection, order, nameOf);
  return { preview, moves: new Map(movesByTarget(plan)) };
}

/**
 * Apply an operation in the caller's transaction: recompute the plan on locked rows, refuse it
 * when it no longer matches the preview the lead saw (`token`), move the cases, log the action.
 */
export async function applyOn(q: Q, caller: Caller, teamId: number, op: DistOperation, token: string, now: Date): Promise<{ moved: number; preview: DistPreview }> {
  const planned = await planOn(q, teamId, op, now, true);
  if (planned.preview.token !== token) throw refuse('distribution.planChanged', 'The cases changed since the preview; preview again.');
  const fan = new Fanout();
  const leads = new Map([[teamId, await teamLeads(q, teamId)]]);
  const nowIso = now.toISOString();
  let moved = 0;
  for (const [to, ids] of planned.moves) {
    if (ids.length === 0) continue;
    const cases = await selectIn<CaseDb>(q, 'SELECT * FROM cases WHERE id IN', ids.map(Number), 'AND team_id = ?', [teamId]);
    await reassign(q, fan, cases, to === null ? null : Number(to), now, leads);
    moved += cases.length;
    if (to === null) {
      // 退案: closed (a paid case stays paid) and with nobody; the history stays on the hub.
      for (const c of cases) {
        await q.run("UPDATE cases SET status = CASE WHEN status = 'paid' THEN 'paid' ELSE 'closed' END, updated_at = ? WHERE id = ?", [nowIso, c.id]);
        // The leads see the new status (reassign() only told them about cases that changed hands).
        fan.add(leads.get(teamId) ?? [], 'case', c.id);
      }
    }
  }
  await q.run('INSERT INTO admin_actions (team_id, user_id, action, detail, at) VALUES (?, ?, ?, ?, ?)', [
    teamId, caller.userId, `distribution.${op.op}`, JSON.stringify({ operation: op, moved, rows: planned.preview.rows, token }), nowIso,
  ]);
  await appendAdminAudit(q, { actor: `user:${caller.userId}`, action: `distribution.${op.op}`, teamId, detail: { moved, token } }, now);
  await fan.flush(q);
  return { moved, preview: planned.preview };
}

/** The form's agents and batches, from the hub's rows. */
export async function optionsOn(q: Q, teamId: number): Promise<{ members: Member[]; totals: Map<string, { cases: number; amountFen: number }>; buckets: AgentBucketsSetting }> {
  const { buckets, members } = await teamState(q, teamId);
  return { members: [...members.values()], totals: await activeTotals(q, teamId), buckets };
}

/** Set each agent's buckets (a team setting every member's desk receives); agents must be the team's. */
export async function setAgentBucketsOn(q: Q, caller: Caller, teamId: number, value: AgentBucketsSetting, now: Date): Promise<AgentBucketsSetting> {
  const { members } = await teamState(q, teamId);
  for (const id of Object.keys(value)) if (!members.has(id)) throw refuse('distribution.unknownAgent', `Agent ${id} is not a member of the team.`, { agentId: id });
  const clean = Object.fromEntries(Object.entries(value).filter(([, list]) => list.length > 0));
  await q.run('INSERT INTO settings (team_id, key, value) VALUES (?, ?, ?) ON CONFLICT (team_id, key) DO UPDATE SET value = excluded.value', [teamId, 'agentBuckets', JSON.stringify(clean)]);
  await q.run('INSERT INTO admin_actions (team_id, user_id, action, detail, at) VALUES (?, ?, ?, ?, ?)', [teamId, caller.userId, 'distribution.agentBuckets', JSON.stringify(clean), now.toISOString()]);
  await appendAdminAudit(q, { actor: `user:${caller.userId}`, action: 'distribution.agentBuckets', teamId, detail: clean }, now);
  const fan = new Fanout();
  fan.add(await teamMembers(q, teamId), 'setting', 'agentBuckets');
  await fan.flush(q);
  return clean;
}
