import { addDays } from '../../../shared/domain/dates';
import { PromiseState } from '../../../shared/domain/enums';
import { evaluatePromise } from '../../../shared/domain/ptp';
import type { Ctx } from '../context';
import { recomputeCase } from '../cases/derive';
import type { PromiseRow } from '../cases/rows';
import { writeOutbox } from '../sync/outbox';

export interface PromiseTransition { promiseId: string; caseId: number; from: string; to: string; paidFen: number }

/**
 * Re-evaluate every promise of a case against its payments (shared/domain/ptp) and apply what
 * changed: state and paid sum, broken_promises, the case's 'ptp' status, its priority. Each
 * transition is synced (outbox) so the hub can validate it. Call inside a transaction.
 */
export function reevaluateCasePromises(ctx: Pick<Ctx, 'prep' | 'db' | 'clock' | 'settings'>, caseId: number, today: string): PromiseTransition[] {
  const grace = ctx.settings().ptpGraceDays;
  const promises = ctx.prep<PromiseRow>('SELECT * FROM promises WHERE case_id = ?').all(caseId);
  if (promises.length === 0) return [];
  const payments = ctx
    .prep<{ amountFen: number; paidDate: string }>('SELECT amount_fen AS amountFen, paid_date AS paidDate FROM payments WHERE case_id = ?')
    .all(caseId);
  const now = ctx.clock().toISOString();
  const transitions: PromiseTransition[] = [];
  let broken = 0;
  for (const p of promises) {
    const r = evaluatePromise(
      { amountFen: p.amount_fen, dueDate: p.due_date, createdDate: p.created_date, state: PromiseState.parse(p.state) },
      payments,
      today,
      grace,
    );
    if (r.state === p.state && r.paidFen === p.paid_fen) continue;
    if (r.state !== p.state) {
      ctx.prep('UPDATE promises SET state = ?, paid_fen = ?, state_changed_at = ? WHERE id = ?').run(r.state, r.paidFen, now, p.id);
      transitions.push({ promiseId: p.id, caseId, from: p.state, to: r.state, paidFen: r.paidFen });
      if (r.state === 'broken') broken += 1;
      writeOutbox(ctx, 'promise.transition', { promiseId: p.id, caseId: String(caseId), from: PromiseState.parse(p.state), to: r.state, paidFen: r.paidFen, at: now });
    } else {
      ctx.prep('UPDATE promises SET paid_fen = ? WHERE id = ?').run(r.paidFen, p.id);
    }
  }
  if (transitions.length > 0) {
    const stillPending = ctx.prep<{ n: number }>("SELECT count(*) AS n FROM promises WHERE case_id = ? AND state = 'pending'").get(caseId)?.n ?? 0;
    ctx
      .prep(
        `UPDATE cases SET broken_promises = broken_promises + ?,
           status = CASE WHEN status = 'ptp' AND ? = 0 THEN (CASE WHEN balance_fen = 0 THEN 'paid' ELSE 'open' END) ELSE status END,
           updated_at = ?
         WHERE id = ?`,
      )
      .run(broken, stillPending, now, caseId);
  }
  recomputeCase(ctx, caseId, today);
  return transitions;
}

/**
 * The promise sweep: every pending promise whose due date + grace has passed becomes broken or
 * partial. Runs at start-up, after payments and whenever the local day changes.
 */
export function sweepPromises(ctx: Pick<Ctx, 'prep' | 'db' | 'clock' | 'settings'>, today: string): PromiseTransition[] {
  const cutoff = addDays(today, -ctx.settings().ptpGraceDays); // due_date + grace < today
  const caseIds = ctx
    .prep<{ case_id: number }>("SELECT DISTINCT case_id FROM promises WHERE state = 'pending' AND due_date < ?")
    .all(cutoff)
    .map((r) => r.case_id);
  if (caseIds.length === 0) return [];
  return ctx.db.transaction(() => caseIds.flatMap((id) => reevaluateCasePromises(ctx, id, today)))();
}
