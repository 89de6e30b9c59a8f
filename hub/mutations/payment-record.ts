/**
 * payment.record: an agent's payment on a case (once per payment id), checked against the hub's
 * own balance, case status and team zone (shared/domain/payment-rules); balances, status and its
 * promises follow.
 */
import { checkPayment, paymentEffects } from '../../shared/domain/payment-rules';
import { caseAudience } from '../feed';
import { Reject, caseUpdate, iso, type Applier } from './context';
import { caseFor } from './case-lookup';
import { reevaluate } from './reevaluate';
import { dayIn, teamRules } from './team-rules';

export const paymentRecord: Applier<'payment.record'> = async (ctx, p) => {
  const { q } = ctx;
  const c = await caseFor(ctx, p.caseId, true);
  if (c instanceof Reject) return c;
  if (await q.get('SELECT 1 AS x FROM payments WHERE id = ?', [p.paymentId])) return null;
  const rules = await teamRules(ctx, Number(c.team_id));
  // The day it was recorded (an offline desk pushes later), never after the hub's today.
  const recorded = dayIn(rules, new Date(p.at));
  const hubToday = dayIn(rules, ctx.now);
  const broken = checkPayment(p, { balanceFen: Number(c.balance_fen), status: c.status, entrustDate: c.entrust_date }, recorded < hubToday ? recorded : hubToday)[0];
  if (broken) return new Reject('ruleViolation', broken.rule);

  const nowIso = ctx.now.toISOString();
  const audience = await caseAudience(q, c, ctx.leads);
  await q.run("INSERT INTO payments (id, case_id, amount_fen, paid_date, source, agent_id, created_at) VALUES (?, ?, ?, ?, 'agent', ?, ?)", [p.paymentId, c.id, p.amountFen, p.paidDate, ctx.caller.userId, iso(p.at)]);
  ctx.fan.add(audience, 'payment', p.paymentId);
  const after = paymentEffects({
    balanceFen: Number(c.balance_fen), overdueFen: Number(c.overdue_fen), minDueFen: Number(c.min_due_fen), lastPaymentDate: c.last_payment_date,
    lastPaymentFen: c.last_payment_fen === null ? null : Number(c.last_payment_fen), status: c.status,
  }, p);
  const r = await reevaluate(ctx, c, after.status, after.balanceFen, audience);
  await caseUpdate(ctx, c.id,
    `UPDATE cases SET balance_fen = ?, overdue_fen = ?, min_due_fen = ?, last_payment_date = ?, last_payment_fen = ?, status = ?,
       broken_promises = broken_promises + ?, updated_at = ? WHERE id = ? RETURNING *`,
    [after.balanceFen, after.overdueFen, after.minDueFen, after.lastPaymentDate, after.lastPaymentFen, r.status, r.broken, nowIso, c.id],
  );
  ctx.fan.add(audience, 'case', c.id);
  return null;
};
