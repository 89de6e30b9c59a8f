import { Reject, type MutationCtx } from './context';
import type { CaseDb } from '../rows';

/** The case, locked, if the caller may work on it (`history`: a former holder's late work counts). */
export async function caseFor(ctx: MutationCtx, caseId: string, history: boolean): Promise<CaseDb | Reject> {
  let c = ctx.cases.get(Number(caseId));
  if (!c) {
    c = await ctx.q.get<CaseDb>(`SELECT * FROM cases WHERE id = ?${ctx.q.forUpdate}`, [Number(caseId)]);
    if (!c) return new Reject('caseNotFound', caseId);
    ctx.cases.set(Number(c.id), c);
  }
  if (ctx.caller.role !== 'agent') return Number(c.team_id) === ctx.caller.teamId ? c : new Reject('outOfScope', caseId);
  if (c.assigned_agent_id !== null && Number(c.assigned_agent_id) === ctx.caller.userId) return c;
  if (history) {
    const held = await ctx.q.get('SELECT 1 AS x FROM case_holders WHERE case_id = ? AND user_id = ?', [c.id, ctx.caller.userId]);
    if (held) return c;
  }
  return new Reject('outOfScope', caseId);
}

