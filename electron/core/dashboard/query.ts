/**
 * The lead's dashboard from SQL aggregates. Each figure is grouped in SQLite over a covering index
 * (migration 008) and only the groups come to JavaScript; the rates and roll rates are the shared
 * definitions (shared/domain/kpi.ts), so the dashboard, the summaries and the hub agree.
 * Attribution: attempts and promises to the agent who made them; payments and the assigned
 * balance to the agent who holds the case now (the lead's view of each agent's book).
 */
import type { RouteParsed } from '../../../shared/contract';
import type { Dashboard, DashboardFigures, DashboardTargets, RecoveryGroupRow } from '../../../shared/contract/dashboard';
import { addDays, zonedToUtc } from '../../../shared/domain/dates';
import type { BucketId } from '../../../shared/domain/enums';
import {
  contactRate, keptRate, ptpRate, recoveryRate, rollRates, rpcRate, type BucketMove,
} from '../../../shared/domain/kpi';
import { complianceFigures } from '../../../shared/domain/compliance';
import { promiseStateFor } from '../../../shared/domain/ptp';
import { rangeTargetFor, targetFor, teamTargetFor, type TargetMetric } from '../../../shared/domain/targets';
import type { Ctx } from '../context';
import { readTargets } from '../targets/targets';
import { ensureAttemptDays } from './attempt-days';
import { bucketCaseSql } from './bucket-sql';
import { readCompliance } from './compliance';
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

export function dashboardQuery(ctx: Ctx, input: RouteParsed<'dashboard.get'>, today: string): Dashboard {
  const started = performance.now();
  const { ptpGraceDays: grace, bucketBounds } = ctx.settings();
  const { from, to } = dashboardRange(input.period, today, input.date, input.to);
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

  // Dial attempts per agent and per day, from the daily counts (kpi.ts: a right-party contact is an RPC outcome with the debtor in person).
  // One pass in the primary key's order (day, agent): the code flags come as two small sets, not a
  // join per row, and no GROUP BY sort; half the cost of grouping twice, once by agent and once by day.
  ensureAttemptDays(ctx);
  const codes = ctx.prep<{ code: string; is_contact: number; is_rpc: number }>('SELECT code, is_contact, is_rpc FROM outcome_codes').all();
  const dialSql = `SELECT d.day, d.agent_id, sum(d.n) AS calls,
      sum(CASE WHEN d.outcome_code IN (SELECT value FROM json_each(?)) THEN d.n ELSE 0 END) AS connected,
      sum(CASE WHEN d.self = 1 AND d.outcome_code IN (SELECT value FROM json_each(?)) THEN d.n ELSE 0 END) AS rp
    FROM attempt_days d WHERE d.day BETWEEN ? AND ? GROUP BY d.day, d.agent_id`;
  const contactCodes = JSON.stringify(codes.filter((c) => c.is_contact === 1).map((c) => c.code));
  const rpcCodes = JSON.stringify(codes.filter((c) => c.is_rpc === 1).map((c) => c.code));
  for (const r of ctx.prep<{ day: string; agent_id: number; calls: number; connected: number; rp: number }>(dialSql).all(contactCodes, rpcCodes, from, to)) {
    const acc = agentAcc(r.agent_id);
    add(acc, 'calls', r.calls);
    add(acc, 'connected', r.connected);
    add(acc, 'rightParty', r.rp);
    const day = days.get(r.day);
    if (!day) continue;
    day.calls += r.calls;
    day.connected += r.connected;
    day.rightParty += r.rp;
  }

  // Promises made in the period (a replaced one too: it was made).
  const madeSql = `SELECT agent_id, created_date AS d, count(*) AS n, sum(amount_fen) AS fen FROM promises
    WHERE created_date BETWEEN ? AND ? GROUP BY created_date, agent_id`; // the index's order: no sort
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
  // The sum counted toward each comes with it (ptp.ts: payments from its creation to due date + grace, up to today).
  const pendingSql = `SELECT pr.agent_id, pr.amount_fen, pr.due_date, pr.created_date,
      coalesce((SELECT sum(p.amount_fen) FROM payments p WHERE p.case_id = pr.case_id AND p.amount_fen > 0 AND p.verification = 'verified'
        AND p.paid_date >= pr.created_date AND p.paid_date <= date(pr.due_date, ?) AND p.paid_date <= ?), 0) AS paid
    FROM promises pr WHERE pr.due_date BETWEEN ? AND ? AND pr.state = 'pending'`;
  type Pending = { agent_id: number | null; amount_fen: number; due_date: string; created_date: string; paid: number };
  for (const p of ctx.prep<Pending>(pendingSql).all(`+${Math.max(0, Math.floor(grace))} days`, today, from, to)) {
    const { state } = promiseStateFor({ amountFen: p.amount_fen, dueDate: p.due_date, createdDate: p.created_date, state: 'pending' }, p.paid, today, grace);
    if (state === 'pending') continue;
    const acc = agentAcc(p.agent_id);
    add(acc, 'due', 1);
    if (state === 'kept') add(acc, 'keptOfDue', 1);
  }

  // Books by holder, batch and bucket at the period's start, grouped in SQLite (few rows come to JavaScript).
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
  /** Add `n` cases (0: only money to cases already counted), their balance when the period began and what was recovered in it. */
  const book = (agentId: number | null, batchId: number | null, bucket: BucketId, n: number, assigned: number, recovered: number) => {
    const acc = agentAcc(agentId);
    add(acc, 'assignedFen', assigned);
    add(acc, 'recoveredFen', recovered);
    const [bk, bl] = batchKey(batchId);
    for (const g of [group(batchRows, bk, bl), group(bucketRows, bucket, bucket)]) {
      g.cases += n;
      g.assignedFen += assigned;
      g.recoveredFen += recovered;
    }
  };
  const atStart = bucketCaseSql('c.overdue_since', from, bucketBounds);
  const rollEnd = to < today ? to : today;
  const atEnd = bucketCaseSql('c.overdue_since', rollEnd, bucketBounds);
  const moves: BucketMove[] = [];
  const move = (start: BucketId, end: BucketId, n: number) => {
    for (let i = 0; i < n; i++) moves.push({ from: start, to: end });
  };

  // Payments from the period's start on: those dated in it are recovered; all of them were part of
  // the balance the case held when the period began (today's balance is what is left).
  const paidSql = `SELECT c.assigned_agent_id AS agent_id, c.batch_id, ${atStart.sql} AS b,
      sum(CASE WHEN p.paid_date <= ? THEN p.amount_fen ELSE 0 END) AS recovered, sum(p.amount_fen) AS since
    FROM payments p JOIN cases c ON c.id = p.case_id WHERE p.paid_date >= ? AND p.verification = 'verified' GROUP BY 1, 2, 3`;
  for (const r of ctx.prep<{ agent_id: number | null; batch_id: number | null; b: BucketId; recovered: number; since: number }>(paidSql).all(...atStart.params, to, from)) {
    book(r.agent_id, r.batch_id, r.b, 0, r.since, r.recovered);
  }
  const paidDaySql = 'SELECT paid_date AS d, sum(amount_fen) AS fen FROM payments WHERE paid_date BETWEEN ? AND ? AND verification = \'verified\' GROUP BY paid_date';
  for (const r of ctx.prep<{ d: string; fen: number }>(paidDaySql).all(from, to)) {
    const day = days.get(r.d);
    if (day) day.recoveredFen += r.fen;
  }
  // The open cases at today's balance; 迁徙率 compares each one's bucket at the start with its bucket at the end.
  const openSql = `SELECT c.assigned_agent_id AS agent_id, c.batch_id, ${atStart.sql} AS b, ${atEnd.sql} AS e, count(*) AS n, sum(c.balance_fen) AS bal
    FROM cases c WHERE c.status NOT IN ('paid', 'closed') GROUP BY 1, 2, 3, 4`;
  for (const r of ctx.prep<{ agent_id: number | null; batch_id: number | null; b: BucketId; e: BucketId; n: number; bal: number }>(openSql).all(...atStart.params, ...atEnd.params)) {
    book(r.agent_id, r.batch_id, r.b, r.n, r.bal, 0);
    move(r.b, r.e, r.n);
  }
  // A settled case (paid, closed) was in the book only if something was paid on it since the start: it is cured.
  const settledSql = `SELECT c.assigned_agent_id AS agent_id, c.batch_id, ${atStart.sql} AS b, count(*) AS n, sum(c.balance_fen) AS bal
    FROM cases c WHERE c.status IN ('paid', 'closed') AND EXISTS (SELECT 1 FROM payments p WHERE p.case_id = c.id AND p.paid_date >= ? AND p.verification = 'verified') GROUP BY 1, 2, 3`;
  for (const r of ctx.prep<{ agent_id: number | null; batch_id: number | null; b: BucketId; n: number; bal: number }>(settledSql).all(...atStart.params, from)) {
    book(r.agent_id, r.batch_id, r.b, r.n, r.bal, 0);
    move(r.b, 'M0', r.n);
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
  // Compliance beside money: rule-breaking dials, complaints and overrides for the same period.
  const { fromAt, toAt } = instantBounds(from, to, ctx.settings().timeZone);
  const comp = readCompliance(ctx, fromAt, toAt, from, to);
  const figures = (a: Acc, agentId: string | null): DashboardFigures => ({
    ...a,
    contactRate: contactRate(a.connected, a.calls),
    rpcRate: rpcRate(a.rightParty, a.calls),
    ptpRate: ptpRate(a.ptps, a.rightParty),
    keptRate: keptRate(a.keptOfDue, a.due),
    recoveryRate: recoveryRate(a.recoveredFen, a.assignedFen),
    targets: targetsOf(agentId),
    compliance: complianceFigures({ calls: a.calls, ...(agentId === null ? comp.team : comp.of(Number(agentId))) }),
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
