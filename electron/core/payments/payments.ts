import { randomUUID } from 'node:crypto';
import type { RouteOutput } from '../../../shared/contract';
import { isValidLocalDate } from '../../../shared/domain/dates';
import { formatFen } from '../../../shared/domain/money';
import { appendAudit } from '../audit/audit';
import type { Ctx } from '../context';
import { loadCaseFor } from '../cases/case-get';
import type { PromiseRow } from '../cases/rows';
import { promiseView } from '../cases/views';
import { DeskFailure } from '../errors';
import { reevaluateCasePromises } from '../promises/evaluate';
import { writeOutbox } from '../sync/outbox';

/** An agent-recorded payment: balances, last payment, promise states and priority move together. */
export function recordPayment(ctx: Ctx, input: { caseId: string; amountFen: number; paidDate: string }, today: string): RouteOutput<'payment.record'> {
  const c = loadCaseFor(ctx, input.caseId);
  if (input.amountFen <= 0) throw new DeskFailure('VALIDATION', 'A payment must be positive.', { field: 'amountFen', rule: 'payment.amountPositive' });
  if (input.amountFen > c.balance_fen) {
    throw new DeskFailure('VALIDATION', 'The payment is larger than the balance.', {
      field: 'amountFen', rule: 'payment.amountAboveBalance', params: { balance: formatFen(c.balance_fen), balanceFen: c.balance_fen },
    });
  }
  if (!isValidLocalDate(input.paidDate)) throw new DeskFailure('VALIDATION', 'Invalid date.', { field: 'paidDate', rule: 'payment.dateInvalid' });
  if (input.paidDate > today) throw new DeskFailure('VALIDATION', 'The payment date is in the future.', { field: 'paidDate', rule: 'payment.dateInFuture' });

  const at = ctx.clock().toISOString();
  const paymentId = randomUUID();
  ctx.db.transaction(() => {
    ctx
      .prep("INSERT INTO payments (id, case_id, amount_fen, paid_date, source, agent_id, created_at) VALUES (?, ?, ?, ?, 'agent', ?, ?)")
      .run(paymentId, c.id, input.amountFen, input.paidDate, ctx.session.agentId, at);
    const newer = c.last_payment_date === null || input.paidDate >= c.last_payment_date;
    ctx
      .prep(
        `UPDATE cases SET balance_fen = balance_fen - @amt, overdue_fen = max(0, overdue_fen - @amt), min_due_fen = max(0, min_due_fen - @amt),
           last_payment_date = CASE WHEN @newer THEN @date ELSE last_payment_date END,
           last_payment_fen = CASE WHEN @newer THEN @amt ELSE last_payment_fen END,
           status = CASE WHEN balance_fen - @amt = 0 AND status != 'hold' THEN 'paid' ELSE status END,
           updated_at = @at
         WHERE id = @id`,
      )
      .run({ amt: input.amountFen, newer: newer ? 1 : 0, date: input.paidDate, at, id: c.id });
    appendAudit(ctx, { action: 'payment.record', entity: 'case', entityId: c.id, detail: { paymentId, amountFen: input.amountFen, paidDate: input.paidDate } });
    writeOutbox(ctx, 'payment.record', { paymentId, caseId: String(c.id), amountFen: input.amountFen, paidDate: input.paidDate, source: 'agent', at });
    reevaluateCasePromises(ctx, c.id, today);
  }).immediate();
  ctx.emit('queue.changed', { reason: 'payment.record' });
  const promises = ctx.prep<PromiseRow>('SELECT * FROM promises WHERE case_id = ? ORDER BY created_at DESC, id').all(c.id);
  return { paymentId, promises: promises.map(promiseView) };
}
