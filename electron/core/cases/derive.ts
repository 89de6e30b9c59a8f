import { daysBetween, dpd as dpdOf, zonedToUtc } from '../../../shared/domain/dates';
import { priorityScore } from '../../../shared/domain/priority';
import type { Ctx } from '../context';
import type { CaseRow } from './rows';

/** The instant a promise falls due: the start of its due date in the desk's zone (it surfaces that morning). */
export function ptpDueInstant(dueDate: string, timeZone: string): string {
  return zonedToUtc(dueDate, '00:00', timeZone).toISOString();
}

export type PriorityFacts = Pick<
  CaseRow,
  'overdue_fen' | 'overdue_since' | 'broken_promises' | 'refusals' | 'attempt_count' | 'expiry_date' | 'status'
> & { has_pending_ptp: number | boolean };

export function casePriority(c: PriorityFacts, today: string): number {
  return priorityScore({
    overdueAmountFen: c.overdue_fen,
    dpd: dpdOf(c.overdue_since, today),
    brokenPromises: c.broken_promises,
    refusals: c.refusals,
    neverContacted: c.attempt_count === 0,
    daysToExpiry: c.expiry_date ? daysBetween(today, c.expiry_date) : null,
    hasPendingPtp: Boolean(c.has_pending_ptp),
    onHold: c.status === 'hold',
  });
}

export interface DueFacts {
  nextDueAt: string | null;
  dueKind: 'followup' | 'ptp' | null;
}

/** Earliest of the pending follow-up and the pending PTP's due instant. */
export function nextDue(followUpAt: string | null, ptpDueDate: string | null, timeZone: string): DueFacts {
  const ptpAt = ptpDueDate ? ptpDueInstant(ptpDueDate, timeZone) : null;
  if (followUpAt && (!ptpAt || followUpAt <= ptpAt)) return { nextDueAt: followUpAt, dueKind: 'followup' };
  if (ptpAt) return { nextDueAt: ptpAt, dueKind: 'ptp' };
  return { nextDueAt: null, dueKind: null };
}

/** A case's fields derived from its row and its pending promise and follow-up. */
export interface DerivedFields {
  priority: number;
  nextDueAt: string | null;
  dueKind: 'followup' | 'ptp' | null;
  followupAt: string | null;
}

/** `ptpDue`: the earliest pending promise's due date; `fuDue`: the earliest pending follow-up's instant. */
export function derivedFields(c: Omit<PriorityFacts, 'has_pending_ptp'>, ptpDue: string | null, fuDue: string | null, today: string, timeZone: string): DerivedFields {
  // A promise whose date has not come yet lowers urgency; one that is due is handled by next_due_at.
  const due = nextDue(fuDue, ptpDue, timeZone);
  return { priority: casePriority({ ...c, has_pending_ptp: ptpDue !== null && ptpDue > today }, today), nextDueAt: due.nextDueAt, dueKind: due.dueKind, followupAt: fuDue };
}

/** The earliest pending promise's due date and pending follow-up's instant of a case. */
export function pendingDues(ctx: Pick<Ctx, 'prep'>, caseId: number): { ptp_due: string | null; fu_due: string | null } {
  return (
    ctx
      .prep<{ ptp_due: string | null; fu_due: string | null }>(
        `SELECT (SELECT min(due_date) FROM promises WHERE case_id = ? AND state = 'pending') AS ptp_due,
           (SELECT min(due_at) FROM follow_ups WHERE case_id = ? AND state = 'pending') AS fu_due`,
      )
      .get(caseId, caseId) ?? { ptp_due: null, fu_due: null }
  );
}

/**
 * Recompute a case's priority, next_due_at, due_kind and followup_at from its rows. Call inside the
 * transaction of every change to the case, its promises or its follow-ups.
 */
export function recomputeCase(ctx: Pick<Ctx, 'prep' | 'settings'>, caseId: number, today: string): void {
  const c = ctx
    .prep<Omit<PriorityFacts, 'has_pending_ptp'> & { ptp_due: string | null; fu_due: string | null }>(
      `SELECT c.overdue_fen, c.overdue_since, c.broken_promises, c.refusals, c.attempt_count, c.expiry_date, c.status,
         (SELECT min(due_date) FROM promises WHERE case_id = c.id AND state = 'pending') AS ptp_due,
         (SELECT min(due_at) FROM follow_ups WHERE case_id = c.id AND state = 'pending') AS fu_due
       FROM cases c WHERE c.id = ?`,
    )
    .get(caseId);
  if (!c) return;
  const d = derivedFields(c, c.ptp_due, c.fu_due, today, ctx.settings().timeZone);
  ctx.prep('UPDATE cases SET priority = ?, next_due_at = ?, due_kind = ?, followup_at = ? WHERE id = ?').run(d.priority, d.nextDueAt, d.dueKind, d.followupAt, caseId);
}

/**
 * Re-score every case for a new day (DPD and days-to-expiry move at midnight), in chunks so
 * start-up and the UI are never blocked. Resolves when done; `isCancelled` stops it early.
 */
export async function recomputeAllPriorities(
  ctx: Pick<Ctx, 'prep' | 'db'>,
  today: string,
  opts: { chunk?: number; isCancelled?: () => boolean } = {},
): Promise<number> {
  const chunk = opts.chunk ?? 2000;
  const select = ctx.prep<PriorityFacts & { id: number; priority: number }>(
    `SELECT c.id, c.priority, c.overdue_fen, c.overdue_since, c.broken_promises, c.refusals, c.attempt_count, c.expiry_date,
       c.status,
       EXISTS (SELECT 1 FROM promises p WHERE p.case_id = c.id AND p.state = 'pending' AND p.due_date > ?) AS has_pending_ptp
     FROM cases c WHERE c.id > ? ORDER BY c.id LIMIT ?`,
  );
  const update = ctx.prep('UPDATE cases SET priority = ? WHERE id = ?');
  let after = 0;
  let changed = 0;
  for (;;) {
    if (opts.isCancelled?.()) return changed;
    const rows = select.all(today, after, chunk);
    if (rows.length === 0) return changed;
    ctx.db.transaction(() => {
      for (const r of rows) {
        const p = casePriority(r, today);
        if (p !== r.priority) {
          update.run(p, r.id);
          changed += 1;
        }
      }
    })();
    after = rows[rows.length - 1]?.id ?? after;
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}
