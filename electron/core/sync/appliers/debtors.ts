/** Debtors and their contacts and phone numbers. */
import { bool, hubInt, optInt, type EntityApplier, type PageScope } from './scope';

export const debtor: EntityApplier<'debtor'> = {
  put(s, r) {
    s.p(`INSERT INTO debtors (id, name, gender, id_number, id_tail4, birth_date, home_address, work_address, registered_address, employer, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET name = excluded.name, gender = excluded.gender, id_number = excluded.id_number, id_tail4 = excluded.id_tail4,
         birth_date = excluded.birth_date, home_address = excluded.home_address, work_address = excluded.work_address,
         registered_address = excluded.registered_address, employer = excluded.employer, updated_at = excluded.updated_at`)
      .run(
        hubInt(r.id), r.name, r.gender, r.idNumber, r.idNumber ? r.idNumber.slice(-4) : null, r.birthDate,
        r.homeAddress, r.workAddress, r.registeredAddress, r.employer, s.now,
      );
  },
  del(s, key) {
    const id = hubInt(key);
    for (const c of s.p<{ id: number }>('SELECT id FROM cases WHERE debtor_id = ?').all(id)) s.removeCase(c.id);
    s.nullAttemptPhones('SELECT id FROM phones WHERE debtor_id = ?', id);
    s.p('DELETE FROM debtors WHERE id = ?').run(id);
  },
};

/**
 * A row this desk added by hand (issue 9) came back from the hub under its hub id: the
 * provisional row (negative id, same key) gives up its key; the caller moves what refers to it.
 */
function provisionalOf(s: PageScope, table: 'phones' | 'contacts', key: string | null | undefined, hubId: number): number | null {
  if (!key) return null;
  const old = s.p<{ id: number }>(`SELECT id FROM ${table} WHERE client_key = ? AND id <> ?`).get(key, hubId);
  if (!old) return null;
  s.p(`UPDATE ${table} SET client_key = NULL WHERE id = ?`).run(old.id);
  return old.id;
}

export const contact: EntityApplier<'contact'> = {
  put(s, r) {
    const id = hubInt(r.id);
    const old = provisionalOf(s, 'contacts', r.clientKey, id);
    s.p(`INSERT INTO contacts (id, debtor_id, name, relation, party, refused_contact, client_key) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET debtor_id = excluded.debtor_id, name = excluded.name, relation = excluded.relation,
         party = excluded.party, refused_contact = excluded.refused_contact, client_key = excluded.client_key`)
      .run(id, hubInt(r.debtorId), r.name, r.relation, r.party, bool(r.refusedContact), r.clientKey ?? null);
    if (old !== null) {
      s.p('UPDATE phones SET contact_id = ? WHERE contact_id = ?').run(id, old);
      s.p('DELETE FROM contacts WHERE id = ?').run(old);
    }
  },
  del(s, key) {
    const id = hubInt(key);
    s.nullAttemptPhones('SELECT id FROM phones WHERE contact_id = ?', id);
    s.p('DELETE FROM contacts WHERE id = ?').run(id);
  },
};

/** A phone's upsert; the second keeps the desk's own mark (status and mark). Whole constants: a statement is looked up by its text once per row. */
const phoneUpsert = (status: string, mark: string): string =>
  `INSERT INTO phones (id, debtor_id, contact_id, owner, kind, number, number_tail4, status, mark, client_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
   ON CONFLICT (id) DO UPDATE SET debtor_id = excluded.debtor_id, contact_id = excluded.contact_id, owner = excluded.owner,
     kind = excluded.kind, number = excluded.number, number_tail4 = excluded.number_tail4, status = ${status}, mark = ${mark}, client_key = excluded.client_key`;
const PUT_PHONE = phoneUpsert('excluded.status', 'excluded.mark');
const PUT_PHONE_KEEP_MARK = phoneUpsert('phones.status', 'phones.mark');

export const phone: EntityApplier<'phone'> = {
  put(s, r) {
    const id = hubInt(r.id);
    const old = provisionalOf(s, 'phones', r.clientKey, id);
    if (old !== null) {
      s.nullAttemptPhones('SELECT ?', old);
      s.p('DELETE FROM phones WHERE id = ?').run(old);
    }
    // A mark this desk made and the hub has not processed yet stays until it has its place in hub order.
    s.p(s.pendingMarks.has(id) ? PUT_PHONE_KEEP_MARK : PUT_PHONE)
      .run(id, hubInt(r.debtorId), optInt(r.contactId), r.owner, r.kind, r.number, r.number.slice(-4), r.status, r.mark ?? null, r.clientKey ?? null);
  },
  del(s, key) {
    const id = hubInt(key);
    s.nullAttemptPhones('SELECT ?', id);
    s.p('DELETE FROM phones WHERE id = ?').run(id);
  },
};
