/**
 * Distribution (分案): which agent gets which case of a selection, decided once here so the desk
 * (local mode, and the lead's preview) and the hub (team mode, the authority) deal alike.
 * Everything is pure and deterministic: the same cases and agents give the same plan, whatever
 * order the rows came in (cases are dealt in id order, agents keep the order the lead chose).
 */
import { z } from 'zod';
import type { BucketId } from './enums';

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
