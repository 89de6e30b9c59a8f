import { caseAccess, mayRecordHistory, mayWork } from '../../shared/domain/case-access';
import { Reject, type MutationCtx } from './context';
import type { CaseDb } from '../rows';

/** A case the caller may hand work in on; `late` when they held it before and no longer do (history only). */
export interface CaseInHand<C extends CaseCore = CaseDb> {
  c: C;
  late: boolean;
}

/**
 * What attempt.save reads and writes of its case: a batch of attempts loads these columns only
 * (the whole row is twice the work to read, for columns no attempt looks at).
 */
export type CaseCore = Pick<CaseDb, 'id' | 'team_id' | 'debtor_id' | 'assigned_agent_id' | 'status' | 'tags' | 'refusals' | 'attempt_count' | 'last_attempt_at'
  | 'last_outcome_code' | 'balance_fen' | 'overdue_since' | 'time_zone' | 'updated_at'>;
export const CASE_CORE_COLUMNS = 'id, team_id, debtor_id, assigned_agent_id, status, tags, refusals, attempt_count, last_attempt_at, last_outcome_code, balance_fen, overdue_since, time_zone, updated_at';

/**
 * The case, locked, if the caller may work on it (shared/domain/case-access); with `history`,
 * a former holder's record of what already happened counts too, marked `late`: the applier keeps
 * it off the current holder's work (shared/domain/late-work).
 */
export async function caseInHand(ctx: MutationCtx, caseId: string, history: boolean): Promise<CaseInHand | Reject> {
  let c = ctx.cases.get(Number(caseId));
  if (!c) {
    c = await ctx.q.get<CaseDb>(`SELECT * FROM cases WHERE id = ?${ctx.q.forUpdate}`, [Number(caseId)]);
    if (!c) return new Reject('caseNotFound', caseId);
    ctx.cases.set(Number(c.id), c);
  }
  return holderCheck(ctx, caseId, c, history);
}

/**
 * The case of an attempt, locked, if the caller may hand work in on it (caseInHand with history):
 * the batch's current row (ctx.cases, else the write buffer's core rows), else its core columns read now.
 */
export async function attemptCase(ctx: MutationCtx, caseId: string): Promise<CaseInHand<CaseCore> | Reject> {
  const id = Number(caseId);
  let c: CaseCore | undefined = ctx.cases.get(id) ?? ctx.w.cores.get(id);
  if (!c) {
    c = await ctx.q.get<CaseCore>(`SELECT ${CASE_CORE_COLUMNS} FROM cases WHERE id = ?${ctx.q.forUpdate}`, [id]);
    if (!c) return new Reject('caseNotFound', caseId);
    ctx.w.cores.set(Number(c.id), c);
  }
  return holderCheck(ctx, caseId, c, true);
}

async function holderCheck<C extends CaseCore>(ctx: MutationCtx, caseId: string, c: C, history: boolean): Promise<CaseInHand<C> | Reject> {
  const user = { userId: ctx.caller.userId, role: ctx.caller.role };
  const holding = {
    assignedAgentId: c.assigned_agent_id === null ? null : Number(c.assigned_agent_id),
    inUsersTeam: ctx.caller.teamId !== null && Number(c.team_id) === ctx.caller.teamId,
    heldBefore: false,
  };
  let access = caseAccess(user, holding);
  if (mayWork(access)) return { c, late: false };
  if (history && access === 'none' && ctx.caller.role === 'agent') {
    // Only asked when it matters: most work is the holder's.
    const held = await ctx.q.get('SELECT 1 AS x FROM case_holders WHERE case_id = ? AND user_id = ?', [c.id, ctx.caller.userId]);
    access = caseAccess(user, { ...holding, heldBefore: held !== undefined });
    if (mayRecordHistory(access)) return { c, late: true };
  }
  return new Reject('outOfScope', caseId);
}

/** The case, locked, if the caller may work on it now (holder, or a lead of its team). */
export async function caseFor(ctx: MutationCtx, caseId: string): Promise<CaseDb | Reject> {
  const r = await caseInHand(ctx, caseId, false);
  return r instanceof Reject ? r : r.c;
}
