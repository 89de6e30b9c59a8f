/** promise.transition: a promise state change the desk derived; one the hub's state refuses becomes a conflict for the lead. */
import { canTransition } from '../../shared/domain/ptp';
import { caseAudience } from '../feed';
import type { PromiseDb } from '../rows';
import { Reject, caseUpdate, iso, type Applier } from './context';
import { caseFor } from './case-lookup';

export const promiseTransition: Applier<'promise.transition'> = async (ctx, t) => {
  const { q } = ctx;
  const c = await caseFor(ctx, t.caseId, true);
  if (c instanceof Reject) return c;
  const p = await q.get<PromiseDb>(`SELECT * FROM promises WHERE id = ? AND case_id = ?${q.forUpdate}`, [t.promiseId, c.id]);
  const base = { promiseId: t.promiseId, from: t.from, to: t.to, paidFen: t.paidFen, at: t.at, deviceId: ctx.deviceId, mutationId: ctx.mutationId, agentId: String(ctx.caller.userId) };
  if (!p) return new Reject('invalidTransition', 'promise not found', { teamId: c.team_id, caseId: c.id, kind: 'promise.transition', detail: { ...base, hubState: null } });
  if (p.state === t.to) return null; // the hub already derived the same state (e.g. from the payment)
  if (p.state !== t.from || !canTransition(t.from, t.to)) {
    return new Reject('invalidTransition', `promise is ${p.state} on the hub`, { teamId: c.team_id, caseId: c.id, kind: 'promise.transition', detail: { ...base, hubState: p.state } });
  }
  const audience = await caseAudience(q, c, ctx.leads);
  const nowIso = ctx.now.toISOString();
  await q.run('UPDATE promises SET state = ?, paid_fen = ?, state_changed_at = ? WHERE id = ?', [t.to, t.paidFen, iso(t.at), p.id]);
  ctx.fan.add(audience, 'promise', p.id);
  let status = c.status;
  if (status === 'ptp') {
    const pending = await q.get<{ n: number }>("SELECT count(*) AS n FROM promises WHERE case_id = ? AND state = 'pending'", [c.id]);
    if (Number(pending?.n ?? 0) === 0) status = Number(c.balance_fen) === 0 ? 'paid' : 'open';
  }
  await caseUpdate(ctx, c.id, 'UPDATE cases SET status = ?, broken_promises = broken_promises + ?, updated_at = ? WHERE id = ? RETURNING *', [status, t.to === 'broken' ? 1 : 0, nowIso, c.id]);
  ctx.fan.add(audience, 'case', c.id);
  return null;
};
