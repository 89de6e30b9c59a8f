import { addDays } from '../../../shared/domain/dates';
import { PromiseState } from '../../../shared/domain/enums';
import { caseStatusAfterPromises, evaluateCasePromises } from '../../../shared/domain/ptp';
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
    .prep<{ amountFen: number; paidDate: string }>('SELECT amount_fen AS amountFen, paid_date AS paidDate FROM payments WHERE case_id = ? AND verification = \'verified\'')
    .all(caseId);
  const derived = evaluateCasePromises(
    promises.map((p) => ({ id: p.id, amountFen: p.amount_fen, dueDate: p.due_date, createdDate: p.created_date, createdAt: p.created_at, state: PromiseState.parse(p.state), paidFen: p.paid_fen })),
    payments,
    today,
    grace,
  );
  const now = ctx.clock().toISOString();
  const transitions: PromiseTransition[] = [];
  for (const ch of derived.changes) {
    if (ch.to === ch.from) {
      ctx.prep('UPDATE promises SET paid_fen = ? WHERE id = ?').run(ch.paidFen, ch.id);
      continue;
    }
    ctx.prep('UPDATE promises SET state = ?, paid_fen = ?, state_changed_at = ? WHERE id = ?').run(ch.to, ch.paidFen, now, ch.id);
    transitions.push({ promiseId: ch.id, caseId, from: ch.from, to: ch.to, paidFen: ch.paidFen });
    writeOutbox(ctx, 'promise.transition', { promiseId: ch.id, caseId: String(caseId), from: ch.from, to: ch.to, paidFen: ch.paidFen, at: now });
  }
  if (derived.moved) {
    const c = ctx.prep<{ status: string; balance_fen: number }>('SELECT status, balance_fen FROM cases WHERE id = ?').get(caseId);
    const status = c ? caseStatusAfterPromises(c.status, derived.pendingLeft, c.balance_fen) : null;
    ctx
      .prep('UPDATE cases SET broken_promises = broken_promises + ?, status = coalesce(?, status), updated_at = ? WHERE id = ?')
      .run(derived.broken, status, now, caseId);
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
