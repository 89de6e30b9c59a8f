import type { RouteOutput } from '../../../shared/contract';
import { checkTxnNo, normalizeTxnNo, txnDuplicate, type PaymentChannel } from '../../../shared/domain/payment-channel';
import { checkPayment, paymentEffects } from '../../../shared/domain/payment-rules';
import { initialVerification } from '../../../shared/domain/payment-verify';
import type { RuleViolation } from '../../../shared/domain/outcome-rules';
import { appendAudit } from '../audit/audit';
import type { Ctx } from '../context';
import { loadCaseFor } from '../cases/case-get';
import type { CaseRow, PromiseRow } from '../cases/rows';
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
  'payment.txnInvalid': 'The transaction number must be 6 to 40 letters, digits, - or _.',
  'payment.txnDuplicate': 'This transaction number is already recorded on this case.',
  'payment.notUnverified': 'This payment is not waiting for verification.',
  'payment.rejectReason': 'A rejection needs a reason.',
  'payment.notFound': 'No such payment.',
};

/** A refusal naming the field and the rule (i18n `rules.<id>` on the renderer). */
export function refusePayment(v: RuleViolation): never {
  throw new DeskFailure('VALIDATION', MESSAGES[v.rule] ?? v.rule, v.params ? { field: v.field, rule: v.rule, params: v.params } : { field: v.field, rule: v.rule });
}

/** Moves a counted payment makes on its case: balances, last payment, status; promise states follow. Inside the caller's transaction. */
export function applyCountedPayment(ctx: Ctx, c: CaseRow, p: { amountFen: number; paidDate: string }, today: string): void {
  const after = paymentEffects(
    { balanceFen: c.balance_fen, overdueFen: c.overdue_fen, minDueFen: c.min_due_fen, lastPaymentDate: c.last_payment_date, lastPaymentFen: c.last_payment_fen, status: c.status },
    p,
  );
  ctx
    .prep(
      `UPDATE cases SET balance_fen = @balance, overdue_fen = @overdue, min_due_fen = @minDue, last_payment_date = @lastDate,
         last_payment_fen = @lastFen, status = @status, updated_at = @at
       WHERE id = @id`,
    )
    .run({ balance: after.balanceFen, overdue: after.overdueFen, minDue: after.minDueFen, lastDate: after.lastPaymentDate, lastFen: after.lastPaymentFen, status: after.status, at: ctx.clock().toISOString(), id: c.id });
  reevaluateCasePromises(ctx, c.id, today);
}

export interface PaymentInput {
  caseId: string;
  amountFen: number;
  paidDate: string;
  channel: PaymentChannel | null;
  txnNo: string | null;
  claimed: boolean;
}

/**
 * An agent-recorded payment with its channel and transaction number. A verified one moves
 * balances, last payment, promise states and priority together; a claimed one (待核实) is stored
 * and counts for nothing until a lead confirms it (payment.verify).
 */
export function recordPayment(ctx: Ctx, input: PaymentInput, today: string): RouteOutput<'payment.record'> {
  const c = loadCaseFor(ctx, input.caseId);
  // The same rules the hub checks again (shared/domain/payment-rules, payment-channel), first violation answered.
  const v = checkPayment(input, { balanceFen: c.balance_fen, status: c.status, entrustDate: c.entrust_date }, today)[0];
  if (v) refusePayment(v);
  const txnNo = normalizeTxnNo(input.txnNo);
  const badTxn = checkTxnNo(txnNo);
  if (badTxn) refusePayment(badTxn);
  if (txnNo !== null && ctx.prep("SELECT 1 AS x FROM payments WHERE case_id = ? AND txn_no = ? AND verification <> 'rejected'").get(c.id, txnNo)) {
    refusePayment(txnDuplicate(txnNo));
  }

  const at = ctx.clock().toISOString();
  const paymentId = newRowId(ctx.clock().getTime());
  const verification = initialVerification('agent', input.claimed);
  ctx.db.transaction(() => {
    ctx
      .prep(
        `INSERT INTO payments (id, case_id, amount_fen, paid_date, source, agent_id, created_at, channel, txn_no, verification)
         VALUES (?, ?, ?, ?, 'agent', ?, ?, ?, ?, ?)`,
      )
      .run(paymentId, c.id, input.amountFen, input.paidDate, ctx.session.agentId, at, input.channel, txnNo, verification);
    appendAudit(ctx, {
      action: 'payment.record', entity: 'case', entityId: c.id,
      detail: { paymentId, amountFen: input.amountFen, paidDate: input.paidDate, channel: input.channel, txnNo, verification },
    });
    writeOutbox(ctx, 'payment.record', {
      paymentId, caseId: String(c.id), amountFen: input.amountFen, paidDate: input.paidDate, source: 'agent', at,
      channel: input.channel, txnNo, claimed: input.claimed,
    });
    // after the payment's outbox row: the promise transitions it causes must reach the hub after it
    if (verification === 'verified') applyCountedPayment(ctx, c, input, today);
  }).immediate();
  ctx.emit('queue.changed', { reason: 'payment.record' });
  const promises = ctx.prep<PromiseRow>('SELECT * FROM promises WHERE case_id = ? ORDER BY created_at DESC, id').all(c.id);
  return { paymentId, verification, promises: promises.map(promiseView) };
}
