/**
 * payment.record: an agent's payment on a case (once per payment id), checked against the hub's
 * own balance, case status and team zone (shared/domain/payment-rules), its transaction number
 * checked again (shared/domain/payment-channel: charset, length, not twice on the case). A
 * verified payment moves balances, status and promises; a claimed one (待核实, shared/domain/
 * payment-verify) is stored and waits for a lead (payment-verify.ts). A former holder's payment
 * (the case was reassigned) touches nothing: it is refused `reassigned` and filed for the leads
 * as a `latePayment` conflict, which a lead may accept (hub/late-work.ts, through the same steps).
 */
import { checkTxnNo, normalizeTxnNo, txnDuplicate, type PaymentChannel } from '../../shared/domain/payment-channel';
import { checkPayment, paymentEffects } from '../../shared/domain/payment-rules';
import { initialVerification, type PaymentVerification } from '../../shared/domain/payment-verify';
import type { RuleViolation } from '../../shared/domain/outcome-rules';
import { caseAudience } from '../feed';
import type { CaseDb } from '../rows';
import { Reject, caseUpdate, iso, type Applier, type MutationCtx } from './context';
import { caseInHand } from './case-lookup';
import { reevaluate } from './reevaluate';
import { dayIn, teamRules } from './team-rules';

export interface PaymentFacts {
  paymentId: string;
  amountFen: number;
  paidDate: string;
  /** When it was recorded (desk clock). */
  at: string;
  channel?: PaymentChannel | null;
  txnNo?: string | null;
  claimed?: boolean;
}

/** The first payment rule broken on the case as the hub holds it, judged on the day it was recorded (never after the hub's today). */
export async function paymentViolation(ctx: MutationCtx, c: CaseDb, p: PaymentFacts): Promise<RuleViolation | null> {
  const rules = await teamRules(ctx, Number(c.team_id));
  // An offline desk pushes later: the recording day counts.
  const recorded = dayIn(rules, new Date(p.at));
  const hubToday = dayIn(rules, ctx.now);
  const first = checkPayment(p, { balanceFen: Number(c.balance_fen), status: c.status, entrustDate: c.entrust_date }, recorded < hubToday ? recorded : hubToday)[0];
  if (first) return first;
  const txnNo = normalizeTxnNo(p.txnNo);
  const badTxn = checkTxnNo(txnNo);
  if (badTxn) return badTxn;
  if (txnNo !== null && (await ctx.q.get("SELECT 1 AS x FROM payments WHERE case_id = ? AND txn_no = ? AND verification <> 'rejected'", [c.id, txnNo]))) {
    return txnDuplicate(txnNo);
  }
  return null;
}

/** A counted payment's effects on its case: lower the balances, re-derive its promises and status; all fanned out. */
export async function applyPaymentEffects(ctx: MutationCtx, c: CaseDb, p: { amountFen: number; paidDate: string }, audience: Awaited<ReturnType<typeof caseAudience>>): Promise<void> {
  const after = paymentEffects({
    balanceFen: Number(c.balance_fen), overdueFen: Number(c.overdue_fen), minDueFen: Number(c.min_due_fen), lastPaymentDate: c.last_payment_date,
    lastPaymentFen: c.last_payment_fen === null ? null : Number(c.last_payment_fen), status: c.status,
  }, p);
  const r = await reevaluate(ctx, c, after.status, after.balanceFen, audience);
  await caseUpdate(ctx, c.id,
    `UPDATE cases SET balance_fen = ?, overdue_fen = ?, min_due_fen = ?, last_payment_date = ?, last_payment_fen = ?, status = ?,
       broken_promises = broken_promises + ?, updated_at = ? WHERE id = ? RETURNING *`,
    [after.balanceFen, after.overdueFen, after.minDueFen, after.lastPaymentDate, after.lastPaymentFen, r.status, r.broken, ctx.now.toISOString(), c.id],
  );
  ctx.fan.add(audience, 'case', c.id);
}

/** Store a checked payment as `agentId`'s; a verified one moves the case (applyPaymentEffects), a claimed one waits. */
export async function applyPayment(ctx: MutationCtx, c: CaseDb, p: PaymentFacts, agentId: number): Promise<void> {
  const { q } = ctx;
  const audience = await caseAudience(q, c, ctx.leads);
  const verification: PaymentVerification = initialVerification('agent', p.claimed === true);
  await q.run(
    `INSERT INTO payments (id, case_id, amount_fen, paid_date, source, agent_id, created_at, channel, txn_no, verification)
     VALUES (?, ?, ?, ?, 'agent', ?, ?, ?, ?, ?)`,
    [p.paymentId, c.id, p.amountFen, p.paidDate, agentId, iso(p.at), p.channel ?? null, normalizeTxnNo(p.txnNo), verification],
  );
  ctx.fan.add(audience, 'payment', p.paymentId);
  if (verification === 'verified') await applyPaymentEffects(ctx, c, p, audience);
}

export const paymentRecord: Applier<'payment.record'> = async (ctx, p) => {
  const found = await caseInHand(ctx, p.caseId, true);
  if (found instanceof Reject) return found;
  const { c, late } = found;
  if (await ctx.q.get('SELECT 1 AS x FROM payments WHERE id = ?', [p.paymentId])) return null;
  const broken = await paymentViolation(ctx, c, p);
  // A refused payment is not the hub's: the pusher's desk drops its own row (its case's del may
  // never reach that desk when the case comes back before it pulls).
  if (broken || late) ctx.fan.add([ctx.caller.userId], 'payment', p.paymentId, 'del');
  if (broken) return new Reject('ruleViolation', broken.rule);
  if (late) {
    return new Reject('reassigned', null, {
      teamId: Number(c.team_id), caseId: Number(c.id), kind: 'latePayment',
      detail: {
        paymentId: p.paymentId, amountFen: p.amountFen, paidDate: p.paidDate, channel: p.channel ?? null, txnNo: normalizeTxnNo(p.txnNo), claimed: p.claimed === true,
        at: iso(p.at), agentId: String(ctx.caller.userId), deviceId: ctx.deviceId, mutationId: ctx.mutationId,
      },
    });
  }
  await applyPayment(ctx, c, p, ctx.caller.userId);
  return null;
};
