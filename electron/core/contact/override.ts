/**
 * A lead's one-call override of a contact-rule block (issue 11): stored on this desk (its
 * contact.check lets one call through at once), audited, and pushed to the hub, which sends it to
 * the case's holder. A refusal (要求停止联系) and a hold are not lifted by it (shared/domain/contact-rules).
 */
import type { RouteOutput } from '../../../shared/contract';
import { appendAudit } from '../audit/audit';
import type { Ctx } from '../context';
import type { CaseRow, PhoneRow } from '../cases/rows';
import { newRowId } from '../row-id';
import { writeOutbox } from '../sync/outbox';

export function createOverride(ctx: Ctx, leadId: number, c: CaseRow, phone: PhoneRow, reason: string): RouteOutput<'contact.override'> {
  const at = ctx.clock().toISOString();
  const id = newRowId(ctx.clock().getTime());
  ctx.db.transaction(() => {
    ctx.prep('INSERT INTO contact_overrides (id, case_id, phone_id, lead_id, reason, created_at) VALUES (?, ?, ?, ?, ?, ?)').run(id, c.id, phone.id, leadId, reason, at);
    appendAudit(ctx, { action: 'contact.override', entity: 'case', entityId: c.id, detail: { overrideId: id, phoneId: phone.id, reason } });
    writeOutbox(ctx, 'contact.override', { overrideId: id, caseId: String(c.id), phoneId: String(phone.id), reason, at });
  }).immediate();
  ctx.emit('queue.changed', { reason: 'contact.override' });
  return { overrideId: id, createdAt: at };
}
