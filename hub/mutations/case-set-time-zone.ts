/**
 * case.setTimeZone (issue 11, leads only): the debtor's own IANA zone for the quiet hours (null:
 * the team's). The zone was checked by the args schema (the shared settings zone check); the
 * hub checks the role and the team, audits it and sends the case to its holder and the leads.
 */
import { appendAdminAudit } from '../admin-audit';
import { caseAudience } from '../feed';
import type { CaseDb } from '../rows';
import { Reject, caseUpdate, type Applier } from './context';

export const caseSetTimeZone: Applier<'case.setTimeZone'> = async (ctx, a) => {
  const { q, caller } = ctx;
  if (caller.role === 'agent') return new Reject('forbidden', 'case.setTimeZone is for leads');
  const c = ctx.cases.get(Number(a.caseId)) ?? (await q.get<CaseDb>(`SELECT * FROM cases WHERE id = ?${q.forUpdate}`, [Number(a.caseId)]));
  if (!c) return new Reject('caseNotFound', a.caseId);
  if (Number(c.team_id) !== caller.teamId) return new Reject('outOfScope', a.caseId);
  if ((c.time_zone ?? null) === a.timeZone) return null;
  await caseUpdate(ctx, c.id, 'UPDATE cases SET time_zone = ?, updated_at = ? WHERE id = ? RETURNING *', [a.timeZone, ctx.now.toISOString(), c.id]);
  await appendAdminAudit(q, { actor: `user:${caller.userId}`, action: 'case.setTimeZone', teamId: caller.teamId, entity: 'case', entityId: c.id, detail: { timeZone: a.timeZone, was: c.time_zone ?? null } }, ctx.now);
  ctx.fan.add(await caseAudience(q, c, ctx.leads), 'case', c.id);
  return null;
};
