/**
 * phone.add (issue 9): a number the debtor gave on the call, the debtor's own or a new contact's.
 * Agent-owned; the hub never trusts the desk: the caller must hold the case, and the number and
 * the contact's name are checked again with the shared rules (shared/domain/phone-entry), a number
 * the debtor already has included. The desk's keys are stored with the rows and sent back on
 * them, so the adding desk swaps its provisional rows for the hub's.
 */
import { checkPhoneEntry, cleanContactName, contactPartyOf, phoneKindOf, phoneOwnerOf } from '../../shared/domain/phone-entry';
import { caseAudience } from '../feed';
import type { Q } from '../store/types';
import { Reject, type Applier } from './context';
import { caseFor } from './case-lookup';

/** A fresh id for a hub-owned row, above every id the uploads and imports use (as hub/import/apply does). */
async function nextRowId(q: Q): Promise<number> {
  let max = 0;
  for (const t of ['debtors', 'contacts', 'phones', 'cases', 'batches']) max = Math.max(max, Number((await q.get<{ m: number | null }>(`SELECT max(id) AS m FROM ${t}`))?.m ?? 0));
  return max + 1;
}

export const phoneAdd: Applier<'phone.add'> = async (ctx, a) => {
  const { q } = ctx;
  const c = await caseFor(ctx, a.caseId);
  if (c instanceof Reject) return c;
  // The same key again (a desk that lost the answer): applied once.
  if (await q.get('SELECT 1 AS x FROM phones WHERE client_key = ?', [a.phoneKey])) return null;
  if (a.contact && (await q.get('SELECT 1 AS x FROM contacts WHERE client_key = ?', [a.contact.key]))) return new Reject('invalidArgs', 'contact.key already used');
  const existing = await q.all<{ number: string }>('SELECT number FROM phones WHERE debtor_id = ?', [c.debtor_id]);
  const { violations, normalized } = checkPhoneEntry({ number: a.number, contact: a.contact }, existing.map((p) => p.number));
  const broken = violations[0];
  if (broken) return new Reject('ruleViolation', broken.rule);

  const audience = await caseAudience(q, c, ctx.leads);
  let contactId: number | null = null;
  if (a.contact) {
    contactId = await nextRowId(q);
    await q.run(
      'INSERT INTO contacts (id, team_id, debtor_id, name, relation, party, refused_contact, client_key, added_by) VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?)',
      [contactId, c.team_id, c.debtor_id, cleanContactName(a.contact.name), a.contact.relation, contactPartyOf(a.contact.relation), a.contact.key, ctx.caller.userId],
    );
    ctx.fan.add(audience, 'contact', contactId);
  }
  const phoneId = await nextRowId(q);
  await q.run(
    `INSERT INTO phones (id, team_id, debtor_id, contact_id, owner, kind, number, status, client_key, added_by)
     VALUES (?, ?, ?, ?, ?, ?, ?, 'valid', ?, ?)`,
    [phoneId, c.team_id, c.debtor_id, contactId, phoneOwnerOf(a.contact?.relation ?? null), phoneKindOf(normalized, a.kind), normalized, a.phoneKey, ctx.caller.userId],
  );
  ctx.fan.add(audience, 'phone', phoneId);
  return null;
};
