/**
 * Distribution (分案): which agent gets which case of a selection, decided once here so the desk
 * (local mode, and the lead's preview) and the hub (team mode, the authority) deal alike.
 * Everything is pure and deterministic: the same cases and agents give the same plan, whatever
 * order the rows came in (cases are dealt in id order, agents keep the order the lead chose).
 */
import { z } from 'zod';
import { overdueSinceRange, type BucketBounds } from './buckets';
import { BucketId, Fen, Id, type CaseStatus, type LocalDate } from './enums';

export const DistStrategy = z.enum(['roundRobin', 'byCount', 'byAmount', 'byBucket']);
export type DistStrategy = z.infer<typeof DistStrategy>;

/** A case as the strategies see it: its amount (overdue, fen), bucket today, and current holder. */
export interface DistCase {
  id: string;
  amountFen: number;
  bucket: BucketId;
  holderId: string | null;
}

/**
 * An agent who may receive cases, with the load they keep (active cases outside the selection)
 * and, for byBucket, the buckets they work (null or empty: no skill set).
 */
export interface DistAgent {
  id: string;
  cases: number;
  amountFen: number;
  buckets?: readonly BucketId[] | null;
}

/** One case's place in a plan; `from === to` means it stays where it is. */
export interface DistMove {
  caseId: string;
  from: string | null;
  to: string;
}

export interface DistPlan {
  moves: DistMove[];
  /** Cases no agent may take (byBucket: nobody works their bucket). */
  unplaced: string[];
}

/** Numeric ids compare as numbers (hub ids are digit strings), anything else as text. */
export function compareIds(a: string, b: string): number {
  const na = /^\d+$/.test(a);
  const nb = /^\d+$/.test(b);
  if (na && nb && a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Loads the agents keep: their active totals minus the selected cases they hold now (those are
 * dealt again). `totals` are all active cases per agent, selection included.
 */
export function keptLoads(totals: readonly DistAgent[], selection: readonly DistCase[]): DistAgent[] {
  const minus = new Map<string, { cases: number; amountFen: number }>();
  for (const c of selection) {
    if (c.holderId === null) continue;
    const m = minus.get(c.holderId) ?? { cases: 0, amountFen: 0 };
    m.cases += 1;
    m.amountFen += c.amountFen;
    minus.set(c.holderId, m);
  }
  return totals.map((a) => {
    const m = minus.get(a.id);
    return m ? { ...a, cases: Math.max(0, a.cases - m.cases), amountFen: Math.max(0, a.amountFen - m.amountFen) } : { ...a };
  });
}

interface Slot {
  agent: DistAgent;
  order: number;
  cases: number;
  amountFen: number;
}

/** Fewest cases, then least money, then the lead's order. */
const byCountThenOrder = (a: Slot, b: Slot): number => a.cases - b.cases || a.amountFen - b.amountFen || a.order - b.order;
/** Least money, then fewest cases, then the lead's order. */
const byAmountThenOrder = (a: Slot, b: Slot): number => a.amountFen - b.amountFen || a.cases - b.cases || a.order - b.order;

function lightest(slots: readonly Slot[], cmp: (a: Slot, b: Slot) => number): Slot | undefined {
  let best: Slot | undefined;
  for (const s of slots) if (!best || cmp(s, best) < 0) best = s;
  return best;
}

/**
 * Deal `cases` to `agents` (their order is the tie-break; an agent listed twice counts once):
 * - roundRobin: cases in id order, one each in turn from the first agent; loads are ignored.
 * - byCount: each case (id order) to the agent with the fewest cases (kept load + dealt so far).
 * - byAmount: cases largest first (ties by id) onto the agent with the least money.
 * - byBucket: like byCount, among the agents whose buckets hold the case's bucket; when none
 *   does, among the agents with no skill set; else the case is unplaced.
 */
export function distribute(cases: readonly DistCase[], agents: readonly DistAgent[], strategy: DistStrategy): DistPlan {
  const seen = new Set<string>();
  const slots: Slot[] = [];
  for (const a of agents) {
    if (seen.has(a.id)) continue;
    seen.add(a.id);
    slots.push({ agent: a, order: slots.length, cases: Math.max(0, a.cases), amountFen: Math.max(0, a.amountFen) });
  }
  const ordered = [...cases].sort((x, y) => compareIds(x.id, y.id));
  const moves: DistMove[] = [];
  const unplaced: string[] = [];
  if (slots.length === 0) return { moves, unplaced: ordered.map((c) => c.id) };
  const place = (c: DistCase, s: Slot): void => {
    s.cases += 1;
    s.amountFen += c.amountFen;
    moves.push({ caseId: c.id, from: c.holderId, to: s.agent.id });
  };
  switch (strategy) {
    case 'roundRobin':
      ordered.forEach((c, i) => place(c, slots[i % slots.length] as Slot));
      break;
    case 'byCount':
      for (const c of ordered) place(c, lightest(slots, byCountThenOrder) as Slot);
      break;
    case 'byAmount': {
      const big = [...ordered].sort((x, y) => y.amountFen - x.amountFen || compareIds(x.id, y.id));
      for (const c of big) place(c, lightest(slots, byAmountThenOrder) as Slot);
      break;
    }
    case 'byBucket': {
      const generalists = slots.filter((s) => !s.agent.buckets || s.agent.buckets.length === 0);
      for (const c of ordered) {
        const skilled = slots.filter((s) => s.agent.buckets?.includes(c.bucket));
        const s = lightest(skilled.length > 0 ? skilled : generalists, byCountThenOrder);
        if (s) place(c, s);
        else unplaced.push(c.id);
      }
      break;
    }
  }
  return { moves, unplaced };
}

/**
 * Rebalance an absent agent's cases across the others: their active cases dealt (byCount by
 * default, so the lightest desks fill first) to everyone but them.
 */
export function rebalancePlan(absentId: string, cases: readonly DistCase[], others: readonly DistAgent[], strategy: DistStrategy = 'byCount'): DistPlan {
  return distribute(cases.filter((c) => c.holderId === absentId), others.filter((a) => a.id !== absentId), strategy);
}

/** Per receiving agent: cases and money they get, and from whom (holder id, null = unassigned) the moving ones come. */
export interface DistShare {
  agentId: string;
  cases: number;
  amountFen: number;
  /** Of these, already theirs (no move). */
  unchanged: number;
  from: { agentId: string | null; cases: number; amountFen: number }[];
}

/** The preview's table: one row per agent in `agentOrder` (agents who get nothing included), then any other receiver. */
export function summarize(plan: DistPlan, cases: readonly DistCase[], agentOrder: readonly string[]): DistShare[] {
  const amount = new Map(cases.map((c) => [c.id, c.amountFen]));
  const rows = new Map<string, DistShare>();
  const row = (id: string): DistShare => {
    let r = rows.get(id);
    if (!r) rows.set(id, (r = { agentId: id, cases: 0, amountFen: 0, unchanged: 0, from: [] }));
    return r;
  };
  for (const id of agentOrder) row(id);
  for (const m of plan.moves) {
    const r = row(m.to);
    const fen = amount.get(m.caseId) ?? 0;
    r.cases += 1;
    r.amountFen += fen;
    if (m.from === m.to) {
      r.unchanged += 1;
      continue;
    }
    let f = r.from.find((x) => x.agentId === m.from);
    if (!f) r.from.push((f = { agentId: m.from, cases: 0, amountFen: 0 }));
    f.cases += 1;
    f.amountFen += fen;
  }
  for (const r of rows.values()) r.from.sort((a, b) => b.cases - a.cases || (a.agentId === null ? -1 : b.agentId === null ? 1 : compareIds(a.agentId, b.agentId)));
  return [...rows.values()];
}

/** The moves that change something, grouped by receiver (how desk and hub apply a plan). */
export function movesByTarget(plan: DistPlan): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const m of plan.moves) {
    if (m.from === m.to) continue;
    const list = out.get(m.to) ?? [];
    list.push(m.caseId);
    out.set(m.to, list);
  }
  return out;
}

// ---------- the selection ----------

/** Statuses a lead may distribute: paid and closed cases stay where they are. */
export const DISTRIBUTABLE_STATUSES = ['open', 'ptp', 'hold'] as const satisfies readonly CaseStatus[];
const DistributableStatus = z.enum(DISTRIBUTABLE_STATUSES);

/** Which cases a distribution takes; every part optional, all parts must hold. */
export const DistFilter = z
  .object({
    batchIds: z.array(Id).max(100).optional(),
    creditor: z.string().trim().min(1).max(100).optional(),
    buckets: z.array(BucketId).max(7).optional(),
    minFen: Fen.nonnegative().optional(),
    maxFen: Fen.nonnegative().optional(),
    /** A place name found in the debtor's home or registered (户籍) address, e.g. 广东 or 深圳市. */
    region: z.string().trim().min(1).max(32).optional(),
    statuses: z.array(DistributableStatus).max(3).optional(),
    unassigned: z.boolean().optional(),
    /** Cases one agent holds now. */
    holderId: Id.optional(),
  })
  .strict()
  .refine((f) => f.minFen === undefined || f.maxFen === undefined || f.minFen <= f.maxFen, { path: ['maxFen'], message: 'must not be below minFen' });
export type DistFilter = z.infer<typeof DistFilter>;

/** The facts the filter reads. */
export interface FilterFacts {
  batchId: string | null;
  creditor: string;
  overdueSince: LocalDate;
  amountFen: number;
  homeAddress: string | null;
  registeredAddress: string | null;
  status: CaseStatus;
  holderId: string | null;
}

/** The filter as a predicate (bucket: the overdue-since range the bucket covers today, as the SQL has it). */
export function matchesFilter(c: FilterFacts, f: DistFilter, today: LocalDate, bounds: BucketBounds): boolean {
  const statuses: readonly string[] = f.statuses && f.statuses.length > 0 ? f.statuses : DISTRIBUTABLE_STATUSES;
  if (!statuses.includes(c.status)) return false;
  if (f.batchIds && f.batchIds.length > 0 && (c.batchId === null || !f.batchIds.includes(c.batchId))) return false;
  if (f.creditor !== undefined && c.creditor !== f.creditor) return false;
  if (f.minFen !== undefined && c.amountFen < f.minFen) return false;
  if (f.maxFen !== undefined && c.amountFen > f.maxFen) return false;
  if (f.unassigned && c.holderId !== null) return false;
  if (f.holderId !== undefined && c.holderId !== f.holderId) return false;
  if (f.region !== undefined) {
    const r = f.region;
    if (!(c.homeAddress ?? '').includes(r) && !(c.registeredAddress ?? '').includes(r)) return false;
  }
  if (f.buckets && f.buckets.length > 0) {
    const inAny = f.buckets.some((b) => {
      const range = overdueSinceRange(b, today, bounds);
      return (range.from === null || c.overdueSince >= range.from) && (range.to === null || c.overdueSince <= range.to);
    });
    if (!inAny) return false;
  }
  return true;
}

const likeEscape = (s: string): string => `%${s.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;

/**
 * The filter as a WHERE clause over `cases c JOIN debtors d` with `?` parameters, portable
 * across the desk's SQLite and the hub's SQLite and PostgreSQL. `scope` adds the caller's own
 * conditions (the hub's team). Agrees with matchesFilter.
 */
export function filterSql(f: DistFilter, today: LocalDate, bounds: BucketBounds): { where: string; params: (string | number)[] } {
  const parts: string[] = [];
  const params: (string | number)[] = [];
  const statuses: readonly string[] = f.statuses && f.statuses.length > 0 ? f.statuses : DISTRIBUTABLE_STATUSES;
  parts.push(`c.status IN (${statuses.map(() => '?').join(', ')})`);
  params.push(...statuses);
  if (f.batchIds && f.batchIds.length > 0) {
    const ids = f.batchIds.map(Number).filter((n) => Number.isSafeInteger(n));
    if (ids.length === 0) parts.push('1 = 0');
    else {
      parts.push(`c.batch_id IN (${ids.map(() => '?').join(', ')})`);
      params.push(...ids);
    }
  }
  if (f.creditor !== undefined) {
    parts.push('c.creditor = ?');
    params.push(f.creditor);
  }
  if (f.minFen !== undefined) {
    parts.push('c.overdue_fen >= ?');
    params.push(f.minFen);
  }
  if (f.maxFen !== undefined) {
    parts.push('c.overdue_fen <= ?');
    params.push(f.maxFen);
  }
  if (f.unassigned) parts.push('c.assigned_agent_id IS NULL');
  if (f.holderId !== undefined) {
    const id = Number(f.holderId);
    parts.push('c.assigned_agent_id = ?');
    params.push(Number.isSafeInteger(id) ? id : -1);
  }
  if (f.region !== undefined) {
    parts.push("(d.home_address LIKE ? ESCAPE '\\' OR d.registered_address LIKE ? ESCAPE '\\')");
    params.push(likeEscape(f.region), likeEscape(f.region));
  }
  if (f.buckets && f.buckets.length > 0) {
    const any: string[] = [];
    for (const b of new Set(f.buckets)) {
      const r = overdueSinceRange(b, today, bounds);
      const conds: string[] = [];
      if (r.from !== null) {
        conds.push('c.overdue_since >= ?');
        params.push(r.from);
      }
      if (r.to !== null) {
        conds.push('c.overdue_since <= ?');
        params.push(r.to);
      }
      any.push(conds.length ? `(${conds.join(' AND ')})` : '1 = 1');
    }
    parts.push(`(${any.join(' OR ')})`);
  }
  return { where: parts.join(' AND '), params };
}

// ---------- recall (退案) ----------

/** Whether a batch may be recalled today: at or after its end date (退案日期); early only when the lead says so. */
export function recallProblem(expiryDate: LocalDate | null, today: LocalDate, early: boolean): 'noEndDate' | 'beforeEndDate' | null {
  if (early) return null;
  if (expiryDate === null) return 'noEndDate';
  return today < expiryDate ? 'beforeEndDate' : null;
}

// ---------- one operation, as the preview shows it (desk and hub build it alike) ----------

/** A short fingerprint of a plan (FNV-1a, two lanes): apply compares it with the preview's. */
export function planToken(kind: string, moves: readonly { caseId: string; to: string | null }[]): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  const text = `${kind}|${[...moves].sort((x, y) => compareIds(x.caseId, y.caseId)).map((m) => `${m.caseId}>${m.to ?? '-'}`).join(';')}`;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 0x01000193) >>> 0;
    h2 = Math.imul(h2 ^ ch, 0x5bd1e995) >>> 0;
  }
  return `${kind.slice(0, 1)}${moves.length.toString(36)}-${h1.toString(36)}${h2.toString(36)}`;
}

export type DistOpKind = 'distribute' | 'rebalance' | 'recall';

/** What the preview shows (the contract's DistPreview, built here so desk and hub agree). */
export interface BuiltPreview {
  op: DistOpKind;
  selected: { cases: number; amountFen: number };
  rows: { agentId: string | null; name: string | null; cases: number; amountFen: number; unchanged: number; from: { agentId: string | null; name: string | null; cases: number; amountFen: number }[] }[];
  unplaced: number;
  moving: number;
  token: string;
  batch: { id: string; batchNo: string; creditor: string; expiryDate: LocalDate | null } | null;
}

/**
 * The plan of a distribute or rebalance: the agents (in the lead's order, with their active
 * totals and skills) keep their load outside the selection; the selection is dealt.
 */
export function planDeal(
  kind: 'distribute' | 'rebalance',
  selection: readonly DistCase[],
  agentTotals: readonly DistAgent[],
  strategy: DistStrategy,
  absentId: string | null,
): DistPlan {
  const kept = keptLoads(agentTotals, selection);
  return kind === 'rebalance' && absentId !== null ? rebalancePlan(absentId, selection, kept, strategy) : distribute(selection, kept, strategy);
}

export function dealPreview(kind: 'distribute' | 'rebalance', plan: DistPlan, selection: readonly DistCase[], agentOrder: readonly string[], nameOf: (id: string) => string | null): BuiltPreview {
  const rows = summarize(plan, selection, agentOrder).map((r) => ({
    agentId: r.agentId, name: nameOf(r.agentId), cases: r.cases, amountFen: r.amountFen, unchanged: r.unchanged,
    from: r.from.map((f) => ({ agentId: f.agentId, name: f.agentId === null ? null : nameOf(f.agentId), cases: f.cases, amountFen: f.amountFen })),
  }));
  const moving = plan.moves.filter((m) => m.from !== m.to).length;
  return {
    op: kind,
    selected: { cases: selection.length, amountFen: selection.reduce((s, c) => s + c.amountFen, 0) },
    rows, unplaced: plan.unplaced.length, moving,
    token: planToken(kind, plan.moves.filter((m) => m.from !== m.to)),
    batch: null,
  };
}

/** A recall's preview: one row (back to the creditor) with the holders the cases leave. */
export function recallPreview(selection: readonly DistCase[], batch: NonNullable<BuiltPreview['batch']>, nameOf: (id: string) => string | null): BuiltPreview {
  const from = new Map<string | null, { cases: number; amountFen: number }>();
  for (const c of selection) {
    const f = from.get(c.holderId) ?? { cases: 0, amountFen: 0 };
    f.cases += 1;
    f.amountFen += c.amountFen;
    from.set(c.holderId, f);
  }
  const amountFen = selection.reduce((s, c) => s + c.amountFen, 0);
  const holders = [...from.entries()]
    .sort(([a, x], [b, y]) => y.cases - x.cases || (a === null ? -1 : b === null ? 1 : compareIds(a, b)))
    .map(([agentId, f]) => ({ agentId, name: agentId === null ? null : nameOf(agentId), ...f }));
  return {
    op: 'recall',
    selected: { cases: selection.length, amountFen },
    rows: [{ agentId: null, name: null, cases: selection.length, amountFen, unchanged: 0, from: holders }],
    unplaced: 0,
    moving: selection.length,
    token: planToken('recall', selection.map((c) => ({ caseId: c.id, to: null }))),
    batch,
  };
}
