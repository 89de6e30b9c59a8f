import type { FollowUpDue, FollowUpDueEvent, RouteOutput } from '../../../shared/contract';
import type { Ctx } from '../context';

interface DueRow { id: string; case_id: number; due_at: string; reason: string | null; debtor_name: string }

const toDue = (r: DueRow): FollowUpDue => ({
  followUpId: r.id, caseId: String(r.case_id), dueAt: r.due_at, debtorName: r.debtor_name, reason: r.reason,
});

/**
 * The pending follow-ups in due order (the partial index): the planner otherwise scans them all
 * and sorts, 8 ms at 100,000 cases on every screen load and every due tick.
 */
export function followUpNext(ctx: Ctx, agentId: number): RouteOutput<'followup.next'> {
  const now = ctx.clock().toISOString();
  const next = ctx
    .prep<DueRow>(
      `SELECT f.id, f.case_id, f.due_at, f.reason, d.name AS debtor_name
       FROM follow_ups f INDEXED BY follow_ups_pending_due JOIN cases c ON c.id = f.case_id JOIN debtors d ON d.id = c.debtor_id
       WHERE f.state = 'pending' AND c.assigned_agent_id = ? ORDER BY f.due_at, f.id LIMIT 1`,
    )
    .get(agentId);
  return { next: next ? toDue(next) : null, dueCount: dueCountOf(ctx, now, agentId) };
}

/** How many of the agent's follow-ups are due at `now` and still pending. */
function dueCountOf(ctx: Ctx, now: string, agentId: number): number {
  return (
    ctx
      .prep<{ n: number }>(
        `SELECT count(*) AS n FROM follow_ups f INDEXED BY follow_ups_pending_due JOIN cases c ON c.id = f.case_id
         WHERE f.state = 'pending' AND f.due_at <= ? AND c.assigned_agent_id = ?`,
      )
      .get(now, agentId)?.n ?? 0
  );
}

/**
 * At most this many due follow-ups are listed: the newest (the alert shows the newest, the one the
 * scheduler told of last; the others are counted).
 */
const DUE_LIST_MAX = 200;

export function followUpDueList(ctx: Ctx, agentId: number): RouteOutput<'followup.dueList'> {
  const now = ctx.clock().toISOString();
  const items = ctx
    .prep<DueRow>(
      `SELECT f.id, f.case_id, f.due_at, f.reason, d.name AS debtor_name
       FROM follow_ups f INDEXED BY follow_ups_pending_due JOIN cases c ON c.id = f.case_id JOIN debtors d ON d.id = c.debtor_id
       WHERE f.state = 'pending' AND f.due_at <= ? AND c.assigned_agent_id = ? ORDER BY f.due_at DESC, f.id DESC LIMIT ${DUE_LIST_MAX}`,
    )
    .all(now, agentId);
  // the list stops at DUE_LIST_MAX; the alert's "N more" counts them all
  return { items: items.reverse().map(toDue), total: items.length < DUE_LIST_MAX ? items.length : dueCountOf(ctx, now, agentId) };
}

/**
 * Tells of each follow-up exactly once when the clock passes its due time (recorded in
 * notified_at, so a restart does not repeat it): one 'followup.due' per check for the newest
 * of those that fell due, with how many others fell due with it, then one 'queue.changed'. A
 * backlog (the first sign-in of the day with hundreds due) is one alert and one desktop
 * notification, not one per follow-up. Only the logged-in agent's follow-ups fire; others wait
 * for their agent.
 */
export class FollowUpScheduler {
  constructor(
    private readonly ctx: Ctx,
    private readonly beforeTick: () => void = () => {},
  ) {}

  /** The event sent, or null when nothing fell due. */
  tick(): FollowUpDueEvent | null {
    const { ctx } = this;
    try {
      this.beforeTick();
      const agentId = ctx.session.agentId;
      if (agentId === null) return null;
      const now = ctx.clock().toISOString();
      const due = `FROM follow_ups f INDEXED BY follow_ups_pending_due JOIN cases c ON c.id = f.case_id
        WHERE f.state = 'pending' AND f.due_at <= ? AND f.notified_at IS NULL AND c.assigned_agent_id = ?`;
      const event = ctx.db.transaction((): FollowUpDueEvent | null => {
        const newest = ctx
          .prep<DueRow>(
            `SELECT f.id, f.case_id, f.due_at, f.reason, (SELECT d.name FROM debtors d WHERE d.id = c.debtor_id) AS debtor_name
             ${due} ORDER BY f.due_at DESC, f.id DESC LIMIT 1`,
          )
          .get(now, agentId);
        if (!newest) return null;
        const marked = ctx.prep(`UPDATE follow_ups SET notified_at = ? WHERE id IN (SELECT f.id ${due})`).run(now, now, agentId).changes;
        return { ...toDue(newest), alsoDue: Math.max(0, marked - 1) };
      })();
      if (!event) return null;
      ctx.emit('followup.due', event);
      ctx.emit('queue.changed', { reason: 'followup.due' });
      return event;
    } catch (err) {
      ctx.log('error', 'follow-up scheduler tick failed', { err: String(err) });
      return null;
    }
  }
}
