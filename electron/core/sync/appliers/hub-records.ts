/** What the hub records about this desk's work and the team: rejections of its mutations, targets, conflicts. */
import { PhoneAddArgs } from '../../../../shared/mutations';
import { hubInt, type EntityApplier, type PageScope } from './scope';

/** The case a rejected mutation was about (its caseId, or the first of its caseIds), if any. */
function caseOfArgs(args: unknown): number | null {
  if (typeof args !== 'object' || args === null) return null;
  const raw = 'caseId' in args && typeof args.caseId === 'string' ? args.caseId
    : 'caseIds' in args && Array.isArray(args.caseIds) && typeof args.caseIds[0] === 'string' ? args.caseIds[0] : null;
  return raw !== null && /^[1-9]\d{0,15}$/.test(raw) ? Number(raw) : null;
}

/** A number (and contact) this desk added that the hub refused (issue 9): its provisional rows go; the rejection tells the agent why. */
function dropProvisional(s: PageScope, args: unknown): void {
  const parsed = PhoneAddArgs.safeParse(args);
  if (!parsed.success) return;
  s.p('DELETE FROM phones WHERE client_key = ? AND id < 0').run(parsed.data.phoneKey);
  if (parsed.data.contact) s.p('DELETE FROM contacts WHERE client_key = ? AND id < 0 AND NOT EXISTS (SELECT 1 FROM phones WHERE contact_id = contacts.id)').run(parsed.data.contact.key);
}

export const rejection: EntityApplier<'rejection'> = {
  put(s, r) {
    s.p(`INSERT INTO sync_rejections (id, device_id, mutation_id, name, args, case_id, reason, detail, at, received_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET reason = excluded.reason, detail = excluded.detail, args = excluded.args, case_id = excluded.case_id`)
      .run(hubInt(r.id), r.deviceId, r.mutationId, r.name, JSON.stringify(r.args ?? null), caseOfArgs(r.args), r.reason, r.detail, r.at, s.now);
    s.result.rejections += 1;
    if (r.name === 'phone.add') dropProvisional(s, r.args);
  },
  del(s, key) {
    s.p('DELETE FROM sync_rejections WHERE id = ?').run(hubInt(key));
  },
};

/** Rows the desk keeps as the hub sent them (read where needed, e.g. the lead's conflicts). */
function keptAsSent<E extends 'target' | 'conflict'>(entity: E): EntityApplier<E> {
  return {
    put(s, r) {
      s.p('INSERT INTO hub_rows (entity, key, row) VALUES (?, ?, ?) ON CONFLICT (entity, key) DO UPDATE SET row = excluded.row').run(entity, r.id, JSON.stringify(r));
    },
    del(s, key) {
      s.p('DELETE FROM hub_rows WHERE entity = ? AND key = ?').run(entity, key);
    },
  };
}

export const target = keptAsSent('target');
export const conflict = keptAsSent('conflict');
