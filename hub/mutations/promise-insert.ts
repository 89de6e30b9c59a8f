/** A new promise on a case: it replaces the case's pending ones (one live promise a case). */
import type { CaseDb } from '../rows';
import type { MutationCtx } from './context';

export interface NewPromise {
  promise: { id: string; amountFen: number; dueDate: string; createdDate: string };
  attemptId: string;
  agentId: number;
  /** When the agent made it. */
  madeAt: string;
  /** When the pending ones it replaces are cancelled (the attempt's time; a lead's acceptance: the hub's now). */
  cancelAt: string;
}

/** Cancel the case's pending promises and insert the new one, fanned out to `audience`. */
export async function insertPromise(ctx: MutationCtx, c: Pick<CaseDb, 'id'>, n: NewPromise, audience: number[]): Promise<void> {
  const { q } = ctx;
  const cancelled = await q.all<{ id: string }>("UPDATE promises SET state = 'cancelled', state_changed_at = ? WHERE case_id = ? AND state = 'pending' RETURNING id", [n.cancelAt, c.id]);
  for (const x of cancelled) ctx.fan.add(audience, 'promise', x.id);
  const p = n.promise;
  await q.run(
    `INSERT INTO promises (id, case_id, attempt_id, agent_id, amount_fen, due_date, created_date, created_at, state, paid_fen)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'pending', 0)`,
    [p.id, c.id, n.attemptId, n.agentId, p.amountFen, p.dueDate, p.createdDate, n.madeAt],
  );
  ctx.fan.add(audience, 'promise', p.id);
}
