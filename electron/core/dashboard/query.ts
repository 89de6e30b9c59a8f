/**
 * The lead's dashboard from SQL aggregates. Each figure is grouped in SQLite over a covering index
 * (migration 008) and only the groups come to JavaScript; the rates and roll rates are the shared
 * definitions (shared/domain/kpi.ts), so the dashboard, the summaries and the hub agree.
 * Attribution: attempts and promises to the agent who made them; payments and the assigned
 * balance to the agent who holds the case now (the lead's view of each agent's book).
 */
import type { RouteParsed } from '../../../shared/contract';
import type { Dashboard, DashboardFigures, DashboardTargets, RecoveryGroupRow } from '../../../shared/contract/dashboard';
import { bucketFor } from '../../../shared/domain/buckets';
import { addDays, dpd, localDateOf, zonedToUtc } from '../../../shared/domain/dates';
import type { BucketId } from '../../../shared/domain/enums';
import {
  contactRate, effectivePromiseState, keptRate, ptpRate, recoveryRate, rollRates, rpcRate, type BucketMove,
} from '../../../shared/domain/kpi';
import { rangeTargetFor, targetFor, teamTargetFor, type TargetMetric } from '../../../shared/domain/targets';
import type { Ctx } from '../context';
import { readTargets } from '../targets/targets';
import { dashboardRange, datesOf } from './period';

interface Acc {
  calls: number;
  connected: number;
  rightParty: number;
  ptps: number;
  ptpFen: number;
  due: number;
  keptOfDue: number;
  recoveredFen: number;
  assignedFen: number;
}
const zero = (): Acc => ({ calls: 0, connected: 0, rightParty: 0, ptps: 0, ptpFen: 0, due: 0, keptOfDue: 0, recoveredFen: 0, assignedFen: 0 });
interface DayAcc { calls: number; connected: number; rightParty: number; ptpFen: number; recoveredFen: number }

/** The instant bounds of local days `from`..`to` in the zone. */
export function instantBounds(from: string, to: string, tz: string): { fromAt: string; toAt: string } {
  return { fromAt: zonedToUtc(from, '00:00', tz).toISOString(), toAt: zonedToUtc(addDays(to, 1), '00:00', tz).toISOString() };
}

/** Outcome code flags (a small table): contact 接通, right-party 本人. */
function codeFlags(ctx: Pick<Ctx, 'prep'>): Map<string, { contact: boolean; rpc: boolean }> {
  const rows = ctx.prep<{ code: string; is_contact: number; is_rpc: number }>('SELECT code, is_contact, is_rpc FROM outcome_codes').all();
  return new Map(rows.map((r) => [r.code, { contact: r.is_contact === 1, rpc: r.is_rpc === 1 }]));
}

export function dashboardQuery(ctx: Ctx, input: RouteParsed<'dashboard.get'>, today: string): Dashboard {
  const started = performance.now();
  const { timeZone: tz, ptpGraceDays: grace, bucketBounds } = ctx.settings();
  const { from, to } = dashboardRange(input.period, today, input.date, input.to);
  const { fromAt, toAt } = instantBounds(from, to, tz);
  const codes = codeFlags(ctx);
  const team = zero();
  const byAgent = new Map<number, Acc>();
  const agentAcc = (id: number | null): Acc | null => {
    if (id === null) return null;
    let a = byAgent.get(id);
    if (!a) byAgent.set(id, (a = zero()));
    return a;
  };
  const days = new Map(datesOf(from, to).map((d): [string, DayAcc] => [d, { calls: 0, connected: 0, rightParty: 0, ptpFen: 0, recoveredFen: 0 }]));
  const add = (acc: Acc | null, k: keyof Acc, n: number) => {
    team[k] += n;
    if (acc) acc[k] += n;
  };

  // Dial attempts per agent (kpi.ts: a right-party contact is an RPC outcome with the debtor in person).
  const attemptSql = `SELECT agent_id, outcome_code, party = 'self' AS self, count(*) AS n FROM attempts
    WHERE at >= ? AND at < ? AND channel = 'phone' GROUP BY agent_id, outcome_code, self`;
  for (const r of ctx.prep<{ agent_id: number; outcome_code: string; self: number; n: number }>(attemptSql).all(fromAt, toAt)) {
    const acc = agentAcc(r.agent_id);
    const f = codes.get(r.outcome_code);
    add(acc, 'calls', r.n);
    if (f?.contact) add(acc, 'connected', r.n);
    if (f?.rpc && r.self === 1) add(acc, 'rightParty', r.n);
  }
  // The same per UTC hour for the daily chart (an hour maps to one local day in whole-hour zones such as China's).
  const hourSql = `SELECT substr(at, 1, 13) AS h, outcome_code, party = 'self' AS self, count(*) AS n FROM attempts
    WHERE at >= ? AND at < ? AND channel = 'phone' GROUP BY h, outcome_code, self`;
  const dayOfHour = new Map<string, string>();
  for (const r of ctx.prep<{ h: string; outcome_code: string; self: number; n: number }>(hourSql).all(fromAt, toAt)) {
    let d = dayOfHour.get(r.h);
    if (d === undefined) dayOfHour.set(r.h, (d = localDateOf(new Date(`${r.h}:30:00Z`), tz)));
    const day = days.get(d);
    if (!day) continue;
    const f = codes.get(r.outcome_code);
    day.calls += r.n;
    if (f?.contact) day.connected += r.n;
    if (f?.rpc && r.self === 1) day.rightParty += r.n;
  }

  // Promises made in the period (a replaced one too: it was made).
  const madeSql = `SELECT agent_id, created_date AS d, count(*) AS n, sum(amount_fen) AS fen FROM promises
    WHERE created_date BETWEEN ? AND ? GROUP BY agent_id, created_date`;
  for (const r of ctx.prep<{ agent_id: number | null; d: string; n: number; fen: number }>(madeSql).all(from, to)) {
    const acc = agentAcc(r.agent_id);
    add(acc, 'ptps', r.n);
    add(acc, 'ptpFen', r.fen);
    const day = days.get(r.d);
    if (day) day.ptpFen += r.fen;
  }
  // Promises due in the period and decided: the stored terminal states, and a still-pending one judged as kpi.ts does (paid in full: kept; past its grace: broken).
  const dueSql = `SELECT agent_id, state, count(*) AS n FROM promises
    WHERE due_date BETWEEN ? AND ? AND state IN ('kept', 'partial', 'broken') GROUP BY agent_id, state`;
  for (const r of ctx.prep<{ agent_id: number | null; state: string; n: number }>(dueSql).all(from, to)) {
    const acc = agentAcc(r.agent_id);
    add(acc, 'due', r.n);
    if (r.state === 'kept') add(acc, 'keptOfDue', r.n);
  }
  const pendingSql = `SELECT id, case_id, agent_id, amount_fen, due_date, created_date, state_changed_at FROM promises
    WHERE due_date BETWEEN ? AND ? AND state = 'pending'`;
  const pending = ctx.prep<{ id: string; case_id: number; agent_id: number | null; amount_fen: number; due_date: string; created_date: string; state_changed_at: string | null }>(pendingSql)
    .all(from, to);
  for (const p of pending) {
    const pays = ctx.prep<{ amount_fen: number; paid_date: string }>('SELECT amount_fen, paid_date FROM payments WHERE case_id = ?').all(p.case_id)
      .map((x) => ({ caseId: p.case_id, amountFen: x.amount_fen, paidDate: x.paid_date }));
    const eff = effectivePromiseState(
      { id: p.id, caseId: p.case_id, amountFen: p.amount_fen, dueDate: p.due_date, createdDate: p.created_date, state: 'pending', stateChangedAt: p.state_changed_at },
      pays, today, grace,
    );
    if (eff.state === 'pending' || eff.state === 'cancelled') continue;
    const acc = agentAcc(p.agent_id);
    add(acc, 'due', 1);
    if (eff.state === 'kept') add(acc, 'keptOfDue', 1);
  }

  // Payments dated in the period, by the case's holder, batch and bucket at the period's start.
  const bucketAt = new Map<string, BucketId>();
  const bucketOf = (overdueSince: string, day: string): BucketId => {
    const key = `${overdueSince}|${day}`;
    let b = bucketAt.get(key);
    if (b === undefined) bucketAt.set(key, (b = bucketFor(dpd(overdueSince, day), bucketBounds)));
    return b;
  };
  const batchRows = new Map<string, RecoveryGroupRow>();
  const bucketRows = new Map<string, RecoveryGroupRow>();
  const group = (map: Map<string, RecoveryGroupRow>, key: string, label: string): RecoveryGroupRow => {
    let g = map.get(key);
    if (!g) map.set(key, (g = { key, label, cases: 0, assignedFen: 0, recoveredFen: 0, rate: null }));
    return g;
  };
  const batches = new Map(ctx.prep<{ id: number; batch_no: string; creditor: string }>('SELECT id, batch_no, creditor FROM batches').all().map((b) => [b.id, b]));
  const batchKey = (id: number | null): [string, string] => {
    const b = id === null ? undefined : batches.get(id);
    return b ? [String(b.id), `${b.batch_no} · ${b.creditor}`] : ['none', ''];
  };
  const paidSql = `SELECT c.assigned_agent_id AS agent_id, c.batch_id, c.overdue_since, p.paid_date AS d, sum(p.amount_fen) AS fen
    FROM payments p JOIN cases c ON c.id = p.case_id WHERE p.paid_date BETWEEN ? AND ? GROUP BY 1, 2, 3, 4`;
  for (const r of ctx.prep<{ agent_id: number | null; batch_id: number | null; overdue_since: string; d: string; fen: number }>(paidSql).all(from, to)) {
    add(agentAcc(r.agent_id), 'recoveredFen', r.fen);
    const day = days.get(r.d);
    if (day) day.recoveredFen += r.fen;
    const [bk, bl] = batchKey(r.batch_id);
    group(batchRows, bk, bl).recoveredFen += r.fen;
    const bucket = bucketOf(r.overdue_since, from);
    group(bucketRows, bucket, bucket).recoveredFen += r.fen;
  }

  // What each book held when the period began: today's balance plus what was paid since; a case
  // settled before the period (paid or closed, nothing paid since) is no longer in anyone's book.
  const casesSql = `SELECT c.assigned_agent_id AS agent_id, c.batch_id, c.overdue_since, c.status IN ('paid', 'closed') AS done,
      pp.fen IS NOT NULL AS paid_since, count(*) AS n, sum(c.balance_fen) AS bal, sum(coalesce(pp.fen, 0)) AS since
    FROM cases c LEFT JOIN (SELECT case_id, sum(amount_fen) AS fen FROM payments WHERE paid_date >= ? GROUP BY case_id) pp ON pp.case_id = c.id
    GROUP BY 1, 2, 3, 4, 5`;
  const rollEnd = to < today ? to : today;
  const moves: BucketMove[] = [];
  for (const r of ctx.prep<{ agent_id: number | null; batch_id: number | null; overdue_since: string; done: number; paid_since: number; n: number; bal: number; since: number }>(casesSql).all(from)) {
    if (r.done === 1 && r.paid_since === 0) continue;
    const assigned = r.bal + r.since;
    add(agentAcc(r.agent_id), 'assignedFen', assigned);
    const [bk, bl] = batchKey(r.batch_id);
    const bg = group(batchRows, bk, bl);
    bg.cases += r.n;
    bg.assignedFen += assigned;
    const start = bucketOf(r.overdue_since, from);
    const kg = group(bucketRows, start, start);
    kg.cases += r.n;
    kg.assignedFen += assigned;
    // 迁徙率: its bucket at the start against its bucket at the end (a settled case is cured).
    const move: BucketMove = { from: start, to: r.done === 1 ? 'M0' : bucketOf(r.overdue_since, rollEnd) };
    for (let i = 0; i < r.n; i++) moves.push(move);
  }

  // Targets over the period: a day, week or month as set; a free range sums the day targets.
  const targets = readTargets(ctx);
  const agents = ctx.prep<{ id: number; display_name: string; agent_no: string; role: string; disabled: number }>(
    'SELECT id, display_name, agent_no, role, disabled FROM agents ORDER BY agent_no').all()
    .filter((a) => (a.role === 'agent' && a.disabled === 0) || byAgent.has(a.id));
  const agentIds = agents.filter((a) => a.role === 'agent').map((a) => String(a.id));
  const targetsOf = (agentId: string | null): DashboardTargets => {
    const one = (metric: TargetMetric): number | null => {
      if (input.period === 'range') return rangeTargetFor(targets, agentId === null ? agentIds : null, agentId, metric, from, to);
      return agentId === null ? teamTargetFor(targets, agentIds, input.period, metric, from) : targetFor(targets, agentId, input.period, metric, from);
    };
    return { calls: one('calls'), rightParty: one('rightParty'), ptpFen: one('ptpFen'), recoveredFen: one('recoveredFen'), recoveryPct: one('recoveryPct') };
  };
  const figures = (a: Acc, agentId: string | null): DashboardFigures => ({
    ...a,
    contactRate: contactRate(a.connected, a.calls),
    rpcRate: rpcRate(a.rightParty, a.calls),
    ptpRate: ptpRate(a.ptps, a.rightParty),
    keptRate: keptRate(a.keptOfDue, a.due),
    recoveryRate: recoveryRate(a.recoveredFen, a.assignedFen),
    targets: targetsOf(agentId),
  });
  const rows = (map: Map<string, RecoveryGroupRow>) => [...map.values()].map((g) => ({ ...g, rate: recoveryRate(g.recoveredFen, g.assignedFen) }));
  const bucketOrder: readonly string[] = ['M0', 'M1_EARLY', 'M1_MID', 'M1_LATE', 'M2', 'M3', 'M4P'];

  return {
    period: input.period,
    from,
    to,
    today,
    team: figures(team, null),
    agents: agents.map((a) => ({ agentId: String(a.id), displayName: a.display_name, agentNo: a.agent_no, ...figures(byAgent.get(a.id) ?? zero(), String(a.id)) })),
    byBatch: rows(batchRows).sort((a, b) => b.assignedFen - a.assignedFen || a.label.localeCompare(b.label)),
    byBucket: rows(bucketRows).sort((a, b) => bucketOrder.indexOf(a.key) - bucketOrder.indexOf(b.key)),
    roll: rollRates(moves),
    daily: [...days.entries()].map(([date, d]) => ({ date, ...d })),
    tookMs: Math.round((performance.now() - started) * 10) / 10,
  };
}
