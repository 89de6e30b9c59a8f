/**
 * case.clearHold (issue 11, leads only): a case on hold (dispute/complaint) goes back to its
 * holder's queue. The hub checks the role, the team and that the case is on hold as the hub holds
 * it now, derives the status from its own promises and balance (shared/domain/case-hold), audits
 * it on admin_audit and sends the case to its holder and the team's leads.
 */
import { statusAfterHold } from '../../shared/domain/case-hold';
import { appendAdminAudit } from '../admin-audit';
import { caseAudience } from '../feed';
import type { CaseDb } from '../rows';
import { Reject, caseUpdate, type Applier } from './context';

export const caseClearHold: Applier<'case.clearHold'> = async (ctx, a) => {
  const { q, caller } = ctx;
  if (caller.role === 'agent') return new Reject('forbidden', 'case.clearHold is for leads');
  const c = ctx.cases.get(Number(a.caseId)) ?? (await q.get<CaseDb>(`SELECT * FROM cases WHERE id = ?${q.forUpdate}`, [Number(a.caseId)]));
  if (!c) return new Reject('caseNotFound', a.caseId);
  if (Number(c.team_id) !== caller.teamId) return new Reject('outOfScope', a.caseId);
  const pending = Number((await q.get<{ n: number }>("SELECT count(*) AS n FROM promises WHERE case_id = ? AND state = 'pending'", [c.id]))?.n ?? 0);
  const next = statusAfterHold({ status: c.status, balanceFen: Number(c.balance_fen) }, pending);
  if ('rule' in next) return new Reject('ruleViolation', next.rule);
  await caseUpdate(ctx, c.id, 'UPDATE cases SET status = ?, updated_at = ? WHERE id = ? RETURNING *', [next.status, ctx.now.toISOString(), c.id]);
  await appendAdminAudit(q, { actor: `user:${caller.userId}`, action: 'case.clearHold', teamId: caller.teamId, entity: 'case', entityId: c.id, detail: { reason: a.reason, status: next.status } }, ctx.now);
  ctx.fan.add(await caseAudience(q, c, ctx.leads), 'case', c.id);
  return null;
};
