/**
 * A number or a contact the debtor gives on the call, added by hand (issue 9): checked with the
 * shared rules (shared/domain/phone-entry), stored at once and synced as 'phone.add'.
 *
 * In hub mode the hub owns phone and contact ids: the desk stores a provisional row (negative id)
 * with a UUID key, and swaps it for the hub's row when that comes back by pull with the same key
 * (sync/appliers/debtors). Until then the number cannot be named by a record or a mark. In local
 * mode this desk owns the ids and the row is final at once.
 */
import type { RouteInput, RouteOutput } from '../../../shared/contract';
import { checkPhoneEntry, cleanContactName, contactPartyOf, phoneKindOf, phoneOwnerOf } from '../../../shared/domain/phone-entry';
import { appendAudit } from '../audit/audit';
import { loadCaseFor, phoneView } from '../cases/case-get';
import type { PhoneRow } from '../cases/rows';
import type { Ctx } from '../context';
import { DeskFailure } from '../errors';
import { newRowId } from '../row-id';
import { writeOutbox } from '../sync/outbox';

/** A fresh row id: below every id in hub mode (provisional), above every id in local mode. */
function freshId(ctx: Ctx, table: 'phones' | 'contacts', provisional: boolean): number {
  const r = ctx.prep<{ lo: number | null; hi: number | null }>(`SELECT min(id) AS lo, max(id) AS hi FROM ${table}`).get();
  return provisional ? Math.min(r?.lo ?? 0, 0) - 1 : Math.max(r?.hi ?? 0, 0) + 1;
}

export function addPhone(ctx: Ctx, input: RouteInput<'phone.add'>, hubMode: boolean): RouteOutput<'phone.add'> {
  const c = loadCaseFor(ctx, input.caseId);
  const existing = ctx.prep<{ number: string }>('SELECT number FROM phones WHERE debtor_id = ?').all(c.debtor_id).map((p) => p.number);
  const { violations, normalized } = checkPhoneEntry({ number: input.number, contact: input.contact }, existing);
  const broken = violations[0];
  if (broken) {
    const message = broken.rule === 'phone.duplicate' ? 'This debtor already has this number.' : `The number cannot be added: ${broken.rule}`;
    throw new DeskFailure('VALIDATION', message, broken.params ? { field: broken.field, rule: broken.rule, params: broken.params } : { field: broken.field, rule: broken.rule });
  }
  const now = ctx.clock();
  const at = now.toISOString();
  const kind = phoneKindOf(normalized, input.kind);
  const relation = input.contact?.relation ?? null;
  const phoneKey = newRowId(now.getTime());
  const contactKey = input.contact ? newRowId(now.getTime()) : null;

  const phone = ctx.db.transaction((): PhoneRow => {
    let contactId: number | null = null;
    if (input.contact && contactKey && relation) {
      contactId = freshId(ctx, 'contacts', hubMode);
      ctx.prep('INSERT INTO contacts (id, debtor_id, name, relation, party, refused_contact, client_key) VALUES (?, ?, ?, ?, ?, 0, ?)')
        .run(contactId, c.debtor_id, cleanContactName(input.contact.name), relation, contactPartyOf(relation), hubMode ? contactKey : null);
    }
    const row: PhoneRow = {
      id: freshId(ctx, 'phones', hubMode), debtor_id: c.debtor_id, contact_id: contactId, owner: phoneOwnerOf(relation), kind,
      number: normalized, number_tail4: normalized.slice(-4), status: 'valid', mark: null, client_key: hubMode ? phoneKey : null,
    };
    ctx.prep(`INSERT INTO phones (id, debtor_id, contact_id, owner, kind, number, number_tail4, status, client_key)
       VALUES (@id, @debtor_id, @contact_id, @owner, @kind, @number, @number_tail4, @status, @client_key)`).run(row);
    appendAudit(ctx, { action: 'phone.add', entity: 'case', entityId: c.id, detail: { phoneId: row.id, contactId, owner: row.owner, kind, tail4: row.number_tail4 } });
    writeOutbox(ctx, 'phone.add', {
      phoneKey, caseId: String(c.id), number: normalized, kind,
      contact: input.contact && contactKey && relation ? { key: contactKey, name: cleanContactName(input.contact.name), relation } : null, at,
    });
    return row;
  }).immediate();
  ctx.emit('queue.changed', { reason: 'phone.add' });
  return { phone: phoneView(phone) };
}
