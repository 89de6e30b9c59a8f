/**
 * contact.override (issue 11): a lead lets one call on a case's number through a contact-rule
 * block, with a written reason. Lead of the case's team only; the number must be the case's. The
 * override is stored (counted, and an attempt that uses it says so) and sent to the case's holder
 * and the team's leads.
 */
import { appendAdminAudit } from '../admin-audit';
import { caseAudience } from '../feed';
import type { CaseDb } from '../rows';
import { Reject, type Applier } from './context';

export const contactOverride: Applier<'contact.override'> = async (ctx, a) => {
  const { q, caller } = ctx;
  if (caller.role === 'agent') return new Reject('forbidden', 'contact.override is for leads');
  if (await q.get('SELECT 1 AS x FROM contact_overrides WHERE id = ?', [a.overrideId])) return null; // the same override again: applied once
  const c = ctx.cases.get(Number(a.caseId)) ?? (await q.get<CaseDb>('SELECT * FROM cases WHERE id = ?', [Number(a.caseId)]));
  if (!c) return new Reject('caseNotFound', a.caseId);
  if (Number(c.team_id) !== caller.teamId) return new Reject('outOfScope', a.caseId);
  if (!(await q.get('SELECT 1 AS x FROM phones WHERE id = ? AND debtor_id = ?', [Number(a.phoneId), c.debtor_id]))) return new Reject('ruleViolation', 'phone.notOnCase');
  await q.run(
    'INSERT INTO contact_overrides (id, team_id, case_id, phone_id, lead_id, reason, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    [a.overrideId, c.team_id, c.id, Number(a.phoneId), caller.userId, a.reason, ctx.now.toISOString()],
  );
  await appendAdminAudit(q, { actor: `user:${caller.userId}`, action: 'contact.override', teamId: caller.teamId, entity: 'case', entityId: c.id, detail: { overrideId: a.overrideId, phoneId: a.phoneId, reason: a.reason } }, ctx.now);
  ctx.fan.add(await caseAudience(q, c, ctx.leads), 'contactOverride', a.overrideId);
  return null;
};
