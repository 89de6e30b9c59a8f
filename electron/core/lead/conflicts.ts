/**
 * Sync conflicts a lead reviews: changes the hub could not merge (a promise state change the hub's
 * state machine refused, a former holder's late promise, payment or promise change, ...). The hub sends them to the team's leads as `conflict` rows, kept in
 * hub_rows; resolving one is recorded on the hub (it is the team's decision, not this desk's).
 */
import { z } from 'zod';
import type { LeadConflict } from '../../../shared/contract';
import { Instant } from '../../../shared/domain/enums';
import { DECIDABLE_KINDS, LatePaymentDetail, LatePromiseDetail } from '../../../shared/domain/late-work';
import { ConflictRow, type EntityRow } from '../../../shared/sync';
import type { Ctx } from '../context';

/** At most this many resolved ones are listed after the open ones (the recent past, for context). */
const RESOLVED_SHOWN = 50;

/** What every kind's detail may say about the change (each part optional: a newer hub may send other kinds). */
const Detail = z.object({
  from: z.string().optional(),
  to: z.string().optional(),
  hubState: z.string().nullable().optional(),
  agentId: z.string().optional(),
  at: z.string().optional(),
  promiseId: z.string().optional(),
});

/** The promise a change is about, the payments that count for it and the promise that replaced it. */
function contextOf(ctx: Pick<Ctx, 'prep'>, promiseId: string | undefined): LeadConflict['context'] {
  if (!promiseId) return null;
  const p = ctx
    .prep<{ case_id: number; amount_fen: number; due_date: string; created_date: string; created_at: string; state: string; paid_fen: number }>(
      'SELECT case_id, amount_fen, due_date, created_date, created_at, state, paid_fen FROM promises WHERE id = ?',
    )
    .get(promiseId);
  if (!p) return { promise: null, payments: [], newerPromise: null };
  const payments = ctx
    .prep<{ amount_fen: number; paid_date: string; recorded_by: string | null }>(
      `SELECT p.amount_fen, p.paid_date, a.display_name AS recorded_by FROM payments p LEFT JOIN agents a ON a.id = p.agent_id
       WHERE p.case_id = ? AND p.paid_date >= ? AND p.verification = 'verified' ORDER BY p.paid_date, p.created_at`,
    )
    .all(p.case_id, p.created_date);
  const newer = ctx
    .prep<{ amount_fen: number; due_date: string; created_date: string; state: string }>(
      'SELECT amount_fen, due_date, created_date, state FROM promises WHERE case_id = ? AND created_at > ? AND id != ? ORDER BY created_at LIMIT 1',
    )
    .get(p.case_id, p.created_at, promiseId);
  return {
    promise: { amountFen: p.amount_fen, dueDate: p.due_date, createdDate: p.created_date, state: p.state, paidFen: p.paid_fen },
    payments: payments.map((x) => ({ amountFen: x.amount_fen, paidDate: x.paid_date, recordedBy: x.recorded_by })),
    newerPromise: newer ? { amountFen: newer.amount_fen, dueDate: newer.due_date, createdDate: newer.created_date, state: newer.state } : null,
  };
}

/** A former holder's late promise or payment, as the lead decides on it. */
function lateOf(kind: string, detail: unknown): LeadConflict['late'] {
  if (kind === 'latePromise') {
    const d = LatePromiseDetail.safeParse(detail);
    return d.success ? { amountFen: d.data.promise.amountFen, dueDate: d.data.promise.dueDate, paidDate: null } : null;
  }
  if (kind === 'latePayment') {
    const d = LatePaymentDetail.safeParse(detail);
    return d.success ? { amountFen: d.data.amountFen, dueDate: null, paidDate: d.data.paidDate } : null;
  }
  return null;
}

export function leadConflicts(ctx: Pick<Ctx, 'prep'>): LeadConflict[] {
  const rows = ctx.prep<{ row: string }>("SELECT row FROM hub_rows WHERE entity = 'conflict'").all();
  const names = ctx.prep<{ name: string | null }>('SELECT d.name FROM cases c JOIN debtors d ON d.id = c.debtor_id WHERE c.id = ?');
  const agent = ctx.prep<{ display_name: string; agent_no: string }>('SELECT display_name, agent_no FROM agents WHERE id = ?');
  const out: LeadConflict[] = [];
  for (const { row } of rows) {
    const parsed = ConflictRow.safeParse(JSON.parse(row));
    if (!parsed.success) continue; // a row from a newer hub this desk cannot read: left for the hub's own view
    const c: EntityRow<'conflict'> = parsed.data;
    const parsedDetail = Detail.safeParse(c.detail);
    const d = parsedDetail.success ? parsedDetail.data : {};
    const agentId = d.agentId ?? null;
    const late = lateOf(c.kind, c.detail);
    const who = agentId && /^\d+$/.test(agentId) ? agent.get(Number(agentId)) : undefined;
    const resolver = c.resolvedBy ? agent.get(Number(c.resolvedBy)) : undefined;
    out.push({
      id: c.id,
      kind: c.kind,
      caseId: c.caseId,
      debtorName: c.caseId ? (names.get(Number(c.caseId))?.name ?? null) : null,
      agentName: who ? `${who.display_name}（${who.agent_no}）` : null,
      wanted: d.from !== undefined && d.to !== undefined ? { from: d.from, to: d.to } : null,
      hubState: d.hubState ?? null,
      late,
      context: contextOf(ctx, d.promiseId),
      // late work with its terms, or a refused promise change naming what it wanted
      decidable: DECIDABLE_KINDS.includes(c.kind) && (late !== null || (d.promiseId !== undefined && d.to !== undefined)),
      at: d.at !== undefined && Instant.safeParse(d.at).success ? d.at : c.createdAt,
      createdAt: c.createdAt,
      resolvedAt: c.resolvedAt,
      resolvedBy: resolver ? resolver.display_name : null,
      resolution: c.resolution,
      decision: c.decision ?? null,
    });
  }
  const open = out.filter((c) => !c.resolvedAt).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  const done = out.filter((c) => c.resolvedAt).sort((a, b) => (b.resolvedAt ?? '').localeCompare(a.resolvedAt ?? '')).slice(0, RESOLVED_SHOWN);
  return [...open, ...done];
}

/** Keep the hub's answer at once (the next pull brings the same row). */
export function storeConflict(ctx: Pick<Ctx, 'prep'>, row: EntityRow<'conflict'>): void {
  ctx.prep("INSERT INTO hub_rows (entity, key, row) VALUES ('conflict', ?, ?) ON CONFLICT (entity, key) DO UPDATE SET row = excluded.row").run(row.id, JSON.stringify(row));
}
