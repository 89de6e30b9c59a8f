/**
 * promise.transition: a promise state change the desk derived. The hub never takes the desk's
 * word (nor its paid amount): it derives the case's promise states from its own payments and
 * applies them when they agree with the claimed change. A change the hub's state or payments do
 * not support becomes a conflict for the lead. A former holder's change (the case was reassigned)
 * never touches the case's promises: it is refused `reassigned`, a `lateTransition` conflict.
 */
import { canTransition } from '../../shared/domain/ptp';
import { caseAudience } from '../feed';
import type { PromiseDb } from '../rows';
import { Reject, caseUpdate, type Applier } from './context';
import { caseInHand } from './case-lookup';
import { applyPromiseChanges, derivePromises } from './reevaluate';

export const promiseTransition: Applier<'promise.transition'> = async (ctx, t) => {
  const { q } = ctx;
  const found = await caseInHand(ctx, t.caseId, true);
  if (found instanceof Reject) return found;
  const { c, late } = found;
  const p = await q.get<PromiseDb>(`SELECT * FROM promises WHERE id = ? AND case_id = ?${q.forUpdate}`, [t.promiseId, c.id]);
  const base = { promiseId: t.promiseId, from: t.from, to: t.to, paidFen: t.paidFen, at: t.at, deviceId: ctx.deviceId, mutationId: ctx.mutationId, agentId: String(ctx.caller.userId) };
  // The hub already has that state (e.g. derived it from a payment, or the new holder's promise replaced this one): nothing to do, nothing to review.
  if (p && p.state === t.to) return null;
  if (late) return new Reject('reassigned', null, { teamId: Number(c.team_id), caseId: Number(c.id), kind: 'lateTransition', detail: { ...base, hubState: p?.state ?? null } });
  const conflict = (why: string, detail: Record<string, unknown>) =>
    new Reject('invalidTransition', why, { teamId: Number(c.team_id), caseId: c.id, kind: 'promise.transition', detail: { ...base, ...detail } });
  if (!p) return conflict('promise not found', { hubState: null });
  if (p.state !== t.from || !canTransition(t.from, t.to)) return conflict(`promise is ${p.state} on the hub`, { hubState: p.state });
  const derived = await derivePromises(ctx, c);
  const mine = derived.changes.find((x) => x.id === p.id);
  const audience = await caseAudience(q, c, ctx.leads);
  if (!mine || mine.to !== t.to) {
    // The hub's row goes back to the desk (it changed nothing, so no feed row would), so the desk
    // shows the hub's state until its own evaluation agrees.
    ctx.fan.add(audience, 'promise', p.id);
    return conflict(`the hub's payments make the promise ${mine?.to ?? p.state}`, { hubState: p.state, hubDerived: mine?.to ?? p.state, hubPaidFen: mine?.paidFen ?? Number(p.paid_fen) });
  }
  const r = await applyPromiseChanges(ctx, c, derived, c.status, Number(c.balance_fen), audience);
  await caseUpdate(ctx, c.id, 'UPDATE cases SET status = ?, broken_promises = broken_promises + ?, updated_at = ? WHERE id = ? RETURNING *', [r.status, r.broken, ctx.now.toISOString(), c.id]);
  ctx.fan.add(audience, 'case', c.id);
  return null;
};
