import type { RouteOutput } from '../../../shared/contract';
import { appendAudit } from '../audit/audit';
import type { Ctx } from '../context';
import { DeskFailure } from '../errors';
import { writeOutbox } from '../sync/outbox';
import { loadCaseFor } from './case-get';

/** The agent-owned preferred number of a case: local at once, synced as 'case.setPreferredPhone' (last write in hub order wins). */
export function setPreferredPhone(ctx: Ctx, input: { caseId: string; phoneId: string | null }): RouteOutput<'case.setPreferredPhone'> {
  const c = loadCaseFor(ctx, input.caseId);
  const phoneId = input.phoneId === null ? null : Number(input.phoneId);
  if (phoneId !== null) {
    const ok = Number.isSafeInteger(phoneId) && ctx.prep('SELECT 1 FROM phones WHERE id = ? AND debtor_id = ?').get(phoneId, c.debtor_id) !== undefined;
    if (!ok) throw new DeskFailure('VALIDATION', 'That phone number does not belong to this case.', { field: 'phoneId', rule: 'phone.notOnCase' });
  }
  const at = ctx.clock().toISOString();
  ctx.db.transaction(() => {
    ctx.prep('UPDATE cases SET preferred_phone_id = ?, updated_at = ? WHERE id = ?').run(phoneId, at, c.id);
    appendAudit(ctx, { action: 'case.setPreferredPhone', entity: 'case', entityId: c.id, detail: { phoneId } });
    writeOutbox(ctx, 'case.setPreferredPhone', { caseId: String(c.id), phoneId: phoneId === null ? null : String(phoneId), at });
  }).immediate();
  ctx.emit('queue.changed', { reason: 'case.setPreferredPhone' });
  return { ok: true, preferredPhoneId: phoneId === null ? null : String(phoneId) };
}
