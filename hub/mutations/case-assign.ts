/** case.assign (leads only): move cases of the lead's team to an active member, or unassign them. */
import { appendAdminAudit } from '../admin-audit';
import type { CaseDb } from '../rows';
import { Reject, type Applier } from './context';
import { reassign } from './reassign';

export const caseAssign: Applier<'case.assign'> = async (ctx, a) => {
  const { q, caller } = ctx;
  if (caller.role === 'agent') return new Reject('forbidden', 'case.assign is for leads');
  const ids = [...new Set(a.caseIds.map(Number))].sort((x, y) => x - y);
  const cases: CaseDb[] = [];
  for (const id of ids) {
    const c = ctx.cases.get(id) ?? (await q.get<CaseDb>(`SELECT * FROM cases WHERE id = ?${q.forUpdate}`, [id]));
    if (!c) return new Reject('caseNotFound', String(id));
    if (Number(c.team_id) !== caller.teamId) return new Reject('outOfScope', String(id));
    cases.push(c);
  }
  const to = a.agentId === null ? null : Number(a.agentId);
  if (to !== null) {
    const u = await q.get<{ team_id: number | null; disabled: number }>('SELECT team_id, disabled FROM users WHERE id = ?', [to]);
    if (!u || u.team_id === null || Number(u.team_id) !== caller.teamId || u.disabled) return new Reject('invalidArgs', 'agentId is not an active member of the team');
  }
  await reassign(q, ctx.fan, cases, to, ctx.now, ctx.leads);
  await appendAdminAudit(q, { actor: `user:${caller.userId}`, action: 'case.assign', teamId: caller.teamId, entity: 'case', detail: { caseIds: ids.map(String), agentId: to === null ? null : String(to) } }, ctx.now);
  for (const id of ids) ctx.cases.delete(id); // reassign wrote them; re-read (still locked) when next needed
  return null;
};
