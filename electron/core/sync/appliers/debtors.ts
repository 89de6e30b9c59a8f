/** Debtors and their contacts and phone numbers. */
import { bool, hubInt, optInt, type EntityApplier } from './scope';

export const debtor: EntityApplier<'debtor'> = {
  put(s, r) {
    s.p(`INSERT INTO debtors (id, name, gender, id_number, id_tail4, birth_date, home_address, work_address, registered_address, employer, updated_at)
       VALUES (@id, @name, @gender, @id_number, @tail, @birth, @home, @work, @reg, @employer, @now)
       ON CONFLICT (id) DO UPDATE SET name = excluded.name, gender = excluded.gender, id_number = excluded.id_number, id_tail4 = excluded.id_tail4,
         birth_date = excluded.birth_date, home_address = excluded.home_address, work_address = excluded.work_address,
         registered_address = excluded.registered_address, employer = excluded.employer, updated_at = excluded.updated_at`)
      .run({
        id: hubInt(r.id), name: r.name, gender: r.gender, id_number: r.idNumber, tail: r.idNumber ? r.idNumber.slice(-4) : null, birth: r.birthDate,
        home: r.homeAddress, work: r.workAddress, reg: r.registeredAddress, employer: r.employer, now: s.now,
      });
  },
  del(s, key) {
    const id = hubInt(key);
    for (const c of s.p<{ id: number }>('SELECT id FROM cases WHERE debtor_id = ?').all(id)) s.removeCase(c.id);
    s.nullAttemptPhones('SELECT id FROM phones WHERE debtor_id = ?', id);
    s.p('DELETE FROM debtors WHERE id = ?').run(id);
  },
};

export const contact: EntityApplier<'contact'> = {
  put(s, r) {
    s.p(`INSERT INTO contacts (id, debtor_id, name, relation, party, refused_contact) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET debtor_id = excluded.debtor_id, name = excluded.name, relation = excluded.relation,
         party = excluded.party, refused_contact = excluded.refused_contact`)
      .run(hubInt(r.id), hubInt(r.debtorId), r.name, r.relation, r.party, bool(r.refusedContact));
  },
  del(s, key) {
    const id = hubInt(key);
    s.nullAttemptPhones('SELECT id FROM phones WHERE contact_id = ?', id);
    s.p('DELETE FROM contacts WHERE id = ?').run(id);
  },
};

export const phone: EntityApplier<'phone'> = {
  put(s, r) {
    s.p(`INSERT INTO phones (id, debtor_id, contact_id, owner, kind, number, number_tail4, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET debtor_id = excluded.debtor_id, contact_id = excluded.contact_id, owner = excluded.owner,
         kind = excluded.kind, number = excluded.number, number_tail4 = excluded.number_tail4, status = excluded.status`)
      .run(hubInt(r.id), hubInt(r.debtorId), optInt(r.contactId), r.owner, r.kind, r.number, r.number.slice(-4), r.status);
  },
  del(s, key) {
    const id = hubInt(key);
    s.nullAttemptPhones('SELECT ?', id);
    s.p('DELETE FROM phones WHERE id = ?').run(id);
  },
};
