/**
 * One distribution operation as the lead previews it (who gets how many cases and how much
 * money, from whom) and its fingerprint; the recall rule. Desk and hub build it alike.
 */
import { distribute, keptLoads, rebalancePlan, summarize, compareIds, type DistAgent, type DistCase, type DistPlan, type DistStrategy } from './distribution';
import type { LocalDate } from './enums';

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
