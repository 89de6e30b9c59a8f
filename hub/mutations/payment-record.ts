/** payment.record: an agent's payment on a case (once per payment id); balances, status and its promises follow. */
import { caseAudience } from '../feed';
import { Reject, caseUpdate, iso, type Applier } from './context';
import { caseFor } from './case-lookup';
import { reevaluate } from './reevaluate';

export const paymentRecord: Applier<'payment.record'> = async (ctx, p) => {
  const { q } = ctx;
  const c = await caseFor(ctx, p.caseId, true);
  if (c instanceof Reject) return c;
  if (await q.get('SELECT 1 AS x FROM payments WHERE id = ?', [p.paymentId])) return null;
  const nowIso = ctx.now.toISOString();
  const audience = await caseAudience(q, c, ctx.leads);
  await q.run("INSERT INTO payments (id, case_id, amount_fen, paid_date, source, agent_id, created_at) VALUES (?, ?, ?, ?, 'agent', ?, ?)", [p.paymentId, c.id, p.amountFen, p.paidDate, ctx.caller.userId, iso(p.at)]);
  ctx.fan.add(audience, 'payment', p.paymentId);
  const balance = Math.max(0, Number(c.balance_fen) - p.amountFen);
  const newer = c.last_payment_date === null || p.paidDate >= c.last_payment_date;
  let status = balance === 0 && c.status !== 'hold' ? 'paid' : c.status;
  const r = await reevaluate(ctx, c, status, balance, audience);
  status = r.status;
  await caseUpdate(ctx, c.id,
    `UPDATE cases SET balance_fen = ?, overdue_fen = ?, min_due_fen = ?, last_payment_date = ?, last_payment_fen = ?, status = ?,
       broken_promises = broken_promises + ?, updated_at = ? WHERE id = ? RETURNING *`,
    [balance, Math.max(0, Number(c.overdue_fen) - p.amountFen), Math.max(0, Number(c.min_due_fen) - p.amountFen),
      newer ? p.paidDate : c.last_payment_date, newer ? p.amountFen : c.last_payment_fen, status, r.broken, nowIso, c.id],
  );
  ctx.fan.add(audience, 'case', c.id);
  return null;
};
