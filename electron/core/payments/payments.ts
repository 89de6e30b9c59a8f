import type { RouteOutput } from '../../../shared/contract';
import { checkPayment, paymentEffects } from '../../../shared/domain/payment-rules';
import { appendAudit } from '../audit/audit';
import type { Ctx } from '../context';
import { loadCaseFor } from '../cases/case-get';
import type { PromiseRow } from '../cases/rows';
import { promiseView } from '../cases/views';
import { DeskFailure } from '../errors';
import { reevaluateCasePromises } from '../promises/evaluate';
import { writeOutbox } from '../sync/outbox';
import { newRowId } from '../row-id';

const MESSAGES: Record<string, string> = {
  'payment.amountPositive': 'A payment must be positive.',
  'payment.amountAboveBalance': 'The payment is larger than the balance.',
  'payment.caseClosed': 'The case is closed; it takes no more payments.',
  'payment.dateInvalid': 'Invalid date.',
  'payment.dateInFuture': 'The payment date is in the future.',
  'payment.dateTooOld': 'The payment date is too far back.',
};

/** An agent-recorded payment: balances, last payment, promise states and priority move together. */
export function recordPayment(ctx: Ctx, input: { caseId: string; amountFen: number; paidDate: string }, today: string): RouteOutput<'payment.record'> {
  const c = loadCaseFor(ctx, input.caseId);
  // The same rules the hub checks again (shared/domain/payment-rules), first violation answered.
  const v = checkPayment(input, { balanceFen: c.balance_fen, status: c.status, entrustDate: c.entrust_date }, today)[0];
  if (v) throw new DeskFailure('VALIDATION', MESSAGES[v.rule] ?? v.rule, v.params ? { field: v.field, rule: v.rule, params: v.params } : { field: v.field, rule: v.rule });

  const at = ctx.clock().toISOString();
  const paymentId = newRowId(ctx.clock().getTime());
  ctx.db.transaction(() => {
    ctx
      .prep("INSERT INTO payments (id, case_id, amount_fen, paid_date, source, agent_id, created_at) VALUES (?, ?, ?, ?, 'agent', ?, ?)")
      .run(paymentId, c.id, input.amountFen, input.paidDate, ctx.session.agentId, at);
    const after = paymentEffects(
      { balanceFen: c.balance_fen, overdueFen: c.overdue_fen, minDueFen: c.min_due_fen, lastPaymentDate: c.last_payment_date, lastPaymentFen: c.last_payment_fen, status: c.status },
      input,
    );
    ctx
      .prep(
        `UPDATE cases SET balance_fen = @balance, overdue_fen = @overdue, min_due_fen = @minDue, last_payment_date = @lastDate,
           last_payment_fen = @lastFen, status = @status, updated_at = @at
         WHERE id = @id`,
      )
      .run({ balance: after.balanceFen, overdue: after.overdueFen, minDue: after.minDueFen, lastDate: after.lastPaymentDate, lastFen: after.lastPaymentFen, status: after.status, at, id: c.id });
    appendAudit(ctx, { action: 'payment.record', entity: 'case', entityId: c.id, detail: { paymentId, amountFen: input.amountFen, paidDate: input.paidDate } });
    writeOutbox(ctx, 'payment.record', { paymentId, caseId: String(c.id), amountFen: input.amountFen, paidDate: input.paidDate, source: 'agent', at });
    reevaluateCasePromises(ctx, c.id, today);
  }).immediate();
  ctx.emit('queue.changed', { reason: 'payment.record' });
  const promises = ctx.prep<PromiseRow>('SELECT * FROM promises WHERE case_id = ? ORDER BY created_at DESC, id').all(c.id);
  return { paymentId, promises: promises.map(promiseView) };
}
