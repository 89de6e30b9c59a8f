/** case.setPreferredPhone: the agent-owned preferred number; last write in hub order wins. */
import { caseAudience } from '../feed';
import { Reject, caseUpdate, type Applier } from './context';
import { caseFor } from './case-lookup';

export const caseSetPreferredPhone: Applier<'case.setPreferredPhone'> = async (ctx, a) => {
  const { q } = ctx;
  const c = await caseFor(ctx, a.caseId);
  if (c instanceof Reject) return c;
  if (a.phoneId !== null && !(await q.get('SELECT 1 AS x FROM phones WHERE id = ? AND debtor_id = ?', [Number(a.phoneId), c.debtor_id]))) {
    return new Reject('invalidArgs', 'phoneId is not a phone of this case');
  }
  await caseUpdate(ctx, c.id, 'UPDATE cases SET preferred_phone_id = ?, updated_at = ? WHERE id = ? RETURNING *', [a.phoneId === null ? null : Number(a.phoneId), ctx.now.toISOString(), c.id]);
  ctx.fan.add(await caseAudience(q, c, ctx.leads), 'case', c.id);
  return null;
};
