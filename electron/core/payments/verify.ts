/**
 * A lead's decision on a claimed payment (待核实), on the lead's desk: the local copy changes at
 * once (a confirmed payment then counts: balances, promises) and `payment.verify` goes to the
 * hub, which checks the role, the team and the payment again and writes the admin audit chain;
 * the agents' desks learn the result by pull.
 */
import type { RouteOutput } from '../../../shared/contract';
import { maskAccount } from '../../../shared/domain/masking';
import { checkPayment } from '../../../shared/domain/payment-rules';
import { PaymentChannel } from '../../../shared/domain/payment-channel';
import { PaymentVerification, checkVerify, verificationAfter, type VerifyDecision } from '../../../shared/domain/payment-verify';
import { appendAudit } from '../audit/audit';
import type { Ctx } from '../context';
import type { CaseRow } from '../cases/rows';
import { notFound } from '../errors';
import { writeOutbox } from '../sync/outbox';
import { applyCountedPayment, refusePayment } from './payments';

interface PaymentDbRow { id: string; case_id: number; amount_fen: number; paid_date: string; verification: string }

export function verifyPayment(ctx: Ctx, leadId: number, input: { paymentId: string; decision: VerifyDecision; reason: string | null }, today: string): RouteOutput<'payment.verify'> {
  const p = ctx.prep<PaymentDbRow>('SELECT id, case_id, amount_fen, paid_date, verification FROM payments WHERE id = ?').get(input.paymentId);
  if (!p) throw notFound('payment');
  const c = ctx.prep<CaseRow>('SELECT * FROM cases WHERE id = ?').get(p.case_id);
  if (!c) throw notFound('case');
  const reason = input.reason === null || input.reason.trim() === '' ? null : input.reason.trim();
  const bad = checkVerify(PaymentVerification.catch('rejected').parse(p.verification), input.decision, reason);
  if (bad) refusePayment(bad);
  const facts = { amountFen: p.amount_fen, paidDate: p.paid_date };
  if (input.decision === 'confirm') {
    // As on the hub: the case as it is now (balance, status); the claim's age is no reason to refuse it.
    const broken = checkPayment(facts, { balanceFen: c.balance_fen, status: c.status, entrustDate: null }, today).find((v) => v.rule !== 'payment.dateTooOld');
    if (broken) refusePayment(broken);
  }
  const at = ctx.clock().toISOString();
  const after = verificationAfter(input.decision);
  ctx.db.transaction(() => {
    ctx.prep('UPDATE payments SET verification = ?, verified_by = ?, verified_at = ?, verify_reason = ? WHERE id = ?').run(after, leadId, at, reason, p.id);
    appendAudit(ctx, { action: `payment.${input.decision}`, entity: 'case', entityId: c.id, detail: { paymentId: p.id, amountFen: p.amount_fen, reason } });
    writeOutbox(ctx, 'payment.verify', { paymentId: p.id, caseId: String(c.id), decision: input.decision, reason, at });
    // after the decision's outbox row: the promise transitions it causes reach the hub after it
    if (input.decision === 'confirm') applyCountedPayment(ctx, c, facts, today);
  }).immediate();
  ctx.emit('queue.changed', { reason: 'payment.verify' });
  return { verification: after };
}

/** The claimed payments waiting for a lead, oldest first (this desk's copy of the team's rows). */
export function pendingPayments(ctx: Ctx): RouteOutput<'payment.pending'> {
  type Row = {
    id: string; case_id: number; amount_fen: number; paid_date: string; channel: string | null; txn_no: string | null; created_at: string;
    debtor_name: string; account_no: string; balance_fen: number; recorded_by: string | null;
  };
  const rows = ctx
    .prep<Row>(
      `SELECT p.id, p.case_id, p.amount_fen, p.paid_date, p.channel, p.txn_no, p.created_at, d.name AS debtor_name, c.account_no, c.balance_fen,
              ag.display_name AS recorded_by
         FROM payments p JOIN cases c ON c.id = p.case_id JOIN debtors d ON d.id = c.debtor_id LEFT JOIN agents ag ON ag.id = p.agent_id
        WHERE p.verification = 'unverified' ORDER BY p.created_at, p.id LIMIT 500`,
    )
    .all();
  return {
    items: rows.map((r) => ({
      paymentId: r.id, caseId: String(r.case_id), debtorName: r.debtor_name, accountMasked: maskAccount(r.account_no), amountFen: r.amount_fen,
      paidDate: r.paid_date, channel: PaymentChannel.nullable().catch(null).parse(r.channel), txnNo: r.txn_no, recordedBy: r.recorded_by, createdAt: r.created_at,
      balanceFen: r.balance_fen,
    })),
  };
}
