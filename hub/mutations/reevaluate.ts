import { PromiseState } from '../../shared/domain/enums';
import { caseStatusAfterPromises, evaluateCasePromises, type CasePromise, type PromiseChange } from '../../shared/domain/ptp';
import type { CaseDb, PromiseDb } from '../rows';
import type { MutationCtx } from './context';
import { countedSql } from '../../shared/domain/payment-verify';
import { dayIn, teamRules } from './team-rules';

const facts = (p: PromiseDb): CasePromise => ({
  id: p.id, amountFen: Number(p.amount_fen), dueDate: p.due_date, createdDate: p.created_date, createdAt: p.created_at, state: PromiseState.parse(p.state), paidFen: Number(p.paid_fen),
});

/** What the hub's own payments say about a case's promises today (shared/domain/ptp), nothing written. */
export async function derivePromises(ctx: MutationCtx, c: CaseDb): Promise<ReturnType<typeof evaluateCasePromises>> {
  const { q } = ctx;
  const promises = await q.all<PromiseDb>('SELECT * FROM promises WHERE case_id = ?', [c.id]);
  if (promises.length === 0) return { changes: [], broken: 0, moved: false, pendingLeft: 0 };
  const payments = await q.all<{ amountFen: number; paidDate: string }>(`SELECT amount_fen AS "amountFen", paid_date AS "paidDate" FROM payments p WHERE case_id = ? AND ${countedSql()}`, [c.id]);
  const rules = await teamRules(ctx, Number(c.team_id));
  return evaluateCasePromises(promises.map(facts), payments.map((x) => ({ amountFen: Number(x.amountFen), paidDate: x.paidDate })), dayIn(rules, ctx.now), rules.ptpGraceDays);
}

/** Write derived promise changes; returns the case's new status and broken count delta. */
export async function applyPromiseChanges(ctx: MutationCtx, c: CaseDb, derived: { changes: PromiseChange[]; broken: number; moved: boolean; pendingLeft: number }, status: string, balance: number, audience: number[]): Promise<{ status: string; broken: number }> {
  const nowIso = ctx.now.toISOString();
  for (const ch of derived.changes) {
    if (ch.to !== ch.from) await ctx.q.run('UPDATE promises SET state = ?, paid_fen = ?, state_changed_at = ? WHERE id = ?', [ch.to, ch.paidFen, nowIso, ch.id]);
    else await ctx.q.run('UPDATE promises SET paid_fen = ? WHERE id = ?', [ch.paidFen, ch.id]);
    ctx.fan.add(audience, 'promise', ch.id);
  }
  return { status: derived.moved ? caseStatusAfterPromises(status, derived.pendingLeft, balance) : status, broken: derived.broken };
}

/** Re-evaluate a case's promises against its payments and write what changed; returns the case's new status and broken count delta. */
export async function reevaluate(ctx: MutationCtx, c: CaseDb, status: string, balance: number, audience: number[]): Promise<{ status: string; broken: number }> {
  return applyPromiseChanges(ctx, c, await derivePromises(ctx, c), status, balance, audience);
}
