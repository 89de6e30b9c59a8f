/** A lead's one-call overrides of the contact rules (issue 11): the desk's contact.check reads them. */
import { hubInt, type EntityApplier } from './scope';

export const contactOverride: EntityApplier<'contactOverride'> = {
  put(s, r) {
    // A use this desk recorded and has not pushed yet stays: the hub's copy catches up.
    s.p(`INSERT INTO contact_overrides (id, case_id, phone_id, lead_id, reason, created_at, used_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET reason = excluded.reason, used_at = coalesce(contact_overrides.used_at, excluded.used_at)`)
      .run(r.id, hubInt(r.caseId), hubInt(r.phoneId), hubInt(r.leadId), r.reason, r.createdAt, r.usedAt);
  },
  del(s, key) {
    s.p('DELETE FROM contact_overrides WHERE id = ?').run(key);
  },
};
