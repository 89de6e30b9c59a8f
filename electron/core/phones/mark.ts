/**
 * A number marked 空号 / 停机 / 非本人 by hand (issue 9): invalid at once (a do-not-call number stays
 * do-not-call), synced as 'phone.mark'; the hub checks the case and the number again. Mark null
 * withdraws a hand mark made in error (shared/domain/phone-entry phoneAfterMark).
 */
import type { RouteInput, RouteOutput } from '../../../shared/contract';
import { phoneAfterMark } from '../../../shared/domain/phone-entry';
import { appendAudit } from '../audit/audit';
import { loadCaseFor, phoneView } from '../cases/case-get';
import type { PhoneRow } from '../cases/rows';
import type { Ctx } from '../context';
import { DeskFailure } from '../errors';
import { writeOutbox } from '../sync/outbox';

export function markPhone(ctx: Ctx, input: RouteInput<'phone.mark'>): RouteOutput<'phone.mark'> {
  const c = loadCaseFor(ctx, input.caseId);
  const id = Number(input.phoneId);
  const phone = Number.isSafeInteger(id) ? ctx.prep<PhoneRow>('SELECT * FROM phones WHERE id = ? AND debtor_id = ?').get(id, c.debtor_id) : undefined;
  if (!phone) throw new DeskFailure('VALIDATION', 'That phone number does not belong to this case.', { field: 'phoneId', rule: 'phone.notOnCase' });
  if (phone.id < 0) throw new DeskFailure('VALIDATION', 'This number has not reached the hub yet; mark it once it has synced.', { field: 'phoneId', rule: 'phone.pending' });
  const after = phoneAfterMark(phone, input.mark);
  if ('rule' in after) throw new DeskFailure('VALIDATION', 'Nobody marked this number by hand: there is no mark to clear.', after);
  const { status } = after;
  const at = ctx.clock().toISOString();
  ctx.db.transaction(() => {
    ctx.prep('UPDATE phones SET status = ?, mark = ? WHERE id = ?').run(status, input.mark, phone.id);
    appendAudit(ctx, { action: 'phone.mark', entity: 'case', entityId: c.id, detail: { phoneId: phone.id, mark: input.mark, from: phone.status, to: status, fromMark: phone.mark } });
    writeOutbox(ctx, 'phone.mark', { caseId: String(c.id), phoneId: String(phone.id), mark: input.mark, at });
  }).immediate();
  ctx.emit('queue.changed', { reason: 'phone.mark' });
  return { phone: phoneView({ ...phone, status, mark: input.mark }) };
}
