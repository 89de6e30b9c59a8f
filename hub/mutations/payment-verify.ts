/**
 * payment.verify (issue 9): a lead of the case's team confirms or rejects a claimed payment
 * (待核实). The hub checks the role, the team, that the payment is the case's and still
 * unverified, and that a rejection says why (shared/domain/payment-verify). Confirming checks
 * the payment rules again on the case as it is now (the balance may have moved since) and then
 * does what any payment does; rejecting changes nothing else. Either is written to the admin
 * audit chain in the same transaction; the payment (and the case) reach the desks by pull.
 */
import { checkPayment } from '../../shared/domain/payment-rules';
import { PaymentVerification, checkVerify, verificationAfter } from '../../shared/domain/payment-verify';
import { appendAdminAudit } from '../admin-audit';
import { caseAudience } from '../feed';
import type { CaseDb } from '../rows';
import { Reject, type Applier } from './context';
import { applyPaymentEffects } from './payment-record';
import { dayIn, teamRules } from './team-rules';

interface PaymentDb { id: string; case_id: number | string; amount_fen: number | string; paid_date: string; verification: string }

export const paymentVerify: Applier<'payment.verify'> = async (ctx, a) => {
  const { q, caller } = ctx;
  if (caller.role === 'agent') return new Reject('forbidden', 'payment.verify is for leads');
  const c = ctx.cases.get(Number(a.caseId)) ?? (await q.get<CaseDb>(`SELECT * FROM cases WHERE id = ?${q.forUpdate}`, [Number(a.caseId)]));
  if (!c) return new Reject('caseNotFound', a.caseId);
  if (Number(c.team_id) !== caller.teamId) return new Reject('outOfScope', a.caseId);
  const p = await q.get<PaymentDb>(`SELECT id, case_id, amount_fen, paid_date, verification FROM payments WHERE id = ?${q.forUpdate}`, [a.paymentId]);
  if (!p || Number(p.case_id) !== Number(c.id)) return new Reject('ruleViolation', 'payment.notFound');
  const current = PaymentVerification.safeParse(p.verification);
  if (!current.success) return new Reject('ruleViolation', 'payment.notUnverified');
  // The same decision pushed again (a retried outbox) is already applied.
  if (current.data === verificationAfter(a.decision)) return null;
  const reason = a.reason === null ? null : a.reason.trim() || null;
  const bad = checkVerify(current.data, a.decision, reason);
  if (bad) return new Reject('ruleViolation', bad.rule);
  const facts = { amountFen: Number(p.amount_fen), paidDate: p.paid_date };
  if (a.decision === 'confirm') {
    const rules = await teamRules(ctx, Number(c.team_id));
    // Not the age rule: a claim waits for the lead; the balance and status are what they are now.
    const broken = checkPayment(facts, { balanceFen: Number(c.balance_fen), status: c.status, entrustDate: null }, dayIn(rules, ctx.now))
      .find((v) => v.rule !== 'payment.dateTooOld');
    if (broken) return new Reject('ruleViolation', broken.rule);
  }
  const nowIso = ctx.now.toISOString();
  await q.run('UPDATE payments SET verification = ?, verified_by = ?, verified_at = ?, verify_reason = ? WHERE id = ?',
    [verificationAfter(a.decision), caller.userId, nowIso, reason, p.id]);
  const audience = await caseAudience(q, c, ctx.leads);
  ctx.fan.add(audience, 'payment', p.id);
  if (a.decision === 'confirm') await applyPaymentEffects(ctx, c, facts, audience);
  await appendAdminAudit(q, {
    actor: `user:${caller.userId}`, action: `payment.${a.decision}`, teamId: caller.teamId, entity: 'case', entityId: c.id,
    detail: { paymentId: p.id, amountFen: facts.amountFen, paidDate: facts.paidDate, reason },
  }, ctx.now);
  return null;
};
