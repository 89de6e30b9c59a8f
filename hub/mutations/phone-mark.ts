/**
 * phone.mark (issue 9): an agent marked a number 空号 / 停机 / 非本人 by hand. Agent-owned; the
 * caller must hold the case and the number must be its debtor's. The number becomes invalid
 * (a do-not-call number stays do-not-call: shared/domain/phone-entry); last write in hub order wins.
 * Mark null withdraws a hand mark (refused when the hub's row has none).
 */
import { phoneAfterMark } from '../../shared/domain/phone-entry';
import { caseAudience } from '../feed';
import { Reject, type Applier } from './context';
import { caseFor } from './case-lookup';

export const phoneMark: Applier<'phone.mark'> = async (ctx, a) => {
  const { q, w } = ctx;
  const c = await caseFor(ctx, a.caseId);
  if (c instanceof Reject) return c;
  const phone = await w.phone(q, Number(a.phoneId), Number(c.debtor_id));
  if (!phone) return new Reject('ruleViolation', 'phone.notOnCase');
  const after = phoneAfterMark(phone, a.mark);
  if ('rule' in after) return new Reject('ruleViolation', after.rule);
  await q.run('UPDATE phones SET status = ?, mark = ? WHERE id = ?', [after.status, after.mark, phone.id]);
  // the batch's cached row stays current for the attempts behind this mutation
  phone.status = after.status;
  phone.mark = after.mark;
  ctx.fan.add(await caseAudience(q, c, ctx.leads), 'phone', phone.id);
  return null;
};
