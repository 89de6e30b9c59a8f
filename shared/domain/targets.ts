/**
 * Targets 目标 per agent or for the team (agentId null), per day, week or month, defined once: the
 * lead's desk checks a list before it stores or sends it, the hub before it stores one, and the
 * dashboard and the agent's top bar read them through the functions below (docs/domain.md, KPIs).
 *
 * A target row says "from `from` to `to`, each `period` of this agent (or the team) should reach
 * `value` of `metric`". Weeks start on Monday (the Chinese working week); months are calendar months.
 */
import { z } from 'zod';
import { addDays, daysBetween, isValidLocalDate, weekdayOf } from './dates';

export const TARGET_METRICS = ['calls', 'rightParty', 'ptpFen', 'recoveredFen', 'recoveryPct'] as const;
/** calls: dial attempts; rightParty: right-party contacts; ptpFen: promised amount; recoveredFen: payments; recoveryPct: % of assigned balance recovered. */
export const TargetMetric = z.enum(TARGET_METRICS);
export type TargetMetric = z.infer<typeof TargetMetric>;

export const TARGET_PERIODS = ['day', 'week', 'month'] as const;
export const TargetPeriod = z.enum(TARGET_PERIODS);
export type TargetPeriod = z.infer<typeof TargetPeriod>;

/** Counts and money add up over days and agents; a percentage does not. */
export const ADDITIVE_METRICS: ReadonlySet<TargetMetric> = new Set(['calls', 'rightParty', 'ptpFen', 'recoveredFen']);

/** A target row covers a year and a bit at most (a lead sets the next year's in January). */
export const MAX_TARGET_DAYS = 400;
export const MAX_TARGETS = 5000;
const MAX_COUNT = 1_000_000;

const TargetDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date like 2026-03-01').refine(isValidLocalDate, 'not a calendar date')
  .refine((d) => d >= '2000-01-01' && d <= '2100-12-31', 'a date from 2000 to 2100');
/** An agent's id: a hub id in team mode, the desk's own row id in local mode (both positive integers as text). */
const AgentRef = z.string().regex(/^[1-9]\d{0,15}$/, 'an agent id');

/** What a value may be for its metric (null: fine). */
export function targetValueProblem(metric: TargetMetric, value: number): string | null {
  if (!Number.isFinite(value) || value < 0) return 'must be a number of 0 or more';
  if (metric === 'recoveryPct') return value > 100 ? 'a percentage from 0 to 100' : Math.round(value * 100) !== value * 100 ? 'at most two decimals' : null;
  if (!Number.isInteger(value)) return metric.endsWith('Fen') ? 'whole fen (分)' : 'a whole number';
  if (!metric.endsWith('Fen') && value > MAX_COUNT) return `at most ${MAX_COUNT}`;
  return value > Number.MAX_SAFE_INTEGER ? 'too large' : null;
}

export const Target = z.object({
  agentId: AgentRef.nullable(),
  period: TargetPeriod,
  metric: TargetMetric,
  value: z.number(),
  from: TargetDate,
  to: TargetDate,
}).strict().superRefine((t, ctx) => {
  const problem = targetValueProblem(t.metric, t.value);
  if (problem) ctx.addIssue({ code: 'custom', path: ['value'], message: problem });
  if (!isValidLocalDate(t.from) || !isValidLocalDate(t.to)) return; // already reported on the field
  if (t.from > t.to) ctx.addIssue({ code: 'custom', path: ['to'], message: '"from" is after "to"' });
  else if (daysBetween(t.from, t.to) > MAX_TARGET_DAYS) ctx.addIssue({ code: 'custom', path: ['to'], message: `a target spans at most ${MAX_TARGET_DAYS} days` });
});
export type Target = z.infer<typeof Target>;

/** A team's whole list: two rows for the same agent, period and metric must not overlap in time (which would count?). */
export const TargetList = z.array(Target).max(MAX_TARGETS).superRefine((list, ctx) => {
  const byKey = new Map<string, { i: number; from: string; to: string }[]>();
  list.forEach((t, i) => {
    const key = `${t.agentId ?? 'team'}|${t.period}|${t.metric}`;
    const seen = byKey.get(key) ?? [];
    const clash = seen.find((s) => s.from <= t.to && t.from <= s.to);
    if (clash) ctx.addIssue({ code: 'custom', path: [i, 'from'], message: `overlaps target ${clash.i} (${t.metric}, ${t.period}, ${clash.from}..${clash.to})` });
    seen.push({ i, from: t.from, to: t.to });
    byKey.set(key, seen);
  });
});

/** The first problem of a list as `path: reason` (null: valid). */
export function targetListProblem(list: unknown): string | null {
  const r = TargetList.safeParse(list);
  if (r.success) return null;
  const issue = r.error.issues[0];
  return `${(issue?.path ?? []).join('.')}: ${issue?.message ?? 'invalid'}`;
}

/** The local dates a period containing `date` spans: Monday..Sunday, 1st..last of the month. */
export function periodRange(period: TargetPeriod, date: string): { from: string; to: string } {
  if (period === 'day') return { from: date, to: date };
  if (period === 'week') {
    const monday = addDays(date, -((weekdayOf(date) + 6) % 7));
    return { from: monday, to: addDays(monday, 6) };
  }
  const from = `${date.slice(0, 8)}01`;
  return { from, to: addDays(`${addDays(from, 31).slice(0, 8)}01`, -1) };
}

type TargetLike = Pick<Target, 'agentId' | 'period' | 'metric' | 'value' | 'from' | 'to'>;

/** The value one target row sets for `agentId` (null: the team) for the period holding `date`, or null. */
export function targetFor(targets: readonly TargetLike[], agentId: string | null, period: TargetPeriod, metric: TargetMetric, date: string): number | null {
  const start = periodRange(period, date).from;
  // A row counts for a period when it covers the period's first day, or starts inside it (set mid-month).
  const end = periodRange(period, date).to;
  const hit = targets.find((t) => t.agentId === agentId && t.period === period && t.metric === metric && t.from <= end && t.to >= start);
  return hit ? hit.value : null;
}

/**
 * The team's target: its own row if it has one; otherwise, for a count or an amount, the sum of
 * its agents' targets (a lead who set every agent's has set the team's); null when nobody has one.
 */
export function teamTargetFor(targets: readonly TargetLike[], agentIds: readonly string[], period: TargetPeriod, metric: TargetMetric, date: string): number | null {
  const own = targetFor(targets, null, period, metric, date);
  if (own !== null || !ADDITIVE_METRICS.has(metric)) return own;
  let sum: number | null = null;
  for (const id of agentIds) {
    const v = targetFor(targets, id, period, metric, date);
    if (v !== null) sum = (sum ?? 0) + v;
  }
  return sum;
}

/**
 * A free date range has no period of its own: a count or an amount takes the day targets of every
 * day in it (summed); a percentage has no target there (null).
 */
export function rangeTargetFor(targets: readonly TargetLike[], agentIds: readonly string[] | null, agentId: string | null, metric: TargetMetric, from: string, to: string): number | null {
  if (!ADDITIVE_METRICS.has(metric) || from > to) return null;
  let sum: number | null = null;
  for (let d = from; d <= to; d = addDays(d, 1)) {
    const v = agentIds ? teamTargetFor(targets, agentIds, 'day', metric, d) : targetFor(targets, agentId, 'day', metric, d);
    if (v !== null) sum = (sum ?? 0) + v;
  }
  return sum;
}

/** Progress towards a target, 0..∞ (1 = reached); null when there is no target or it is 0. */
export function progressOf(actual: number, target: number | null): number | null {
  return target === null || target <= 0 ? null : actual / target;
}
