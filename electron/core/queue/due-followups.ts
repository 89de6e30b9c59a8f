/**
 * The head of the queue: cases whose pending follow-up (a time the agent set) has come, by that
 * time, then priority. They come before due promises (docs/domain.md, section 6): a due
 * follow-up is the next thing to do, and the alert says so. `cases.followup_at` is the pending
 * follow-up's time (recomputeCase); cases_followup holds it in queue order.
 */
export const HEAD = 'c.followup_at <= @now';
/** The rest of the due part: due, but not in the head. */
export const NOT_HEAD = ' AND (c.followup_at IS NULL OR c.followup_at > @now)';
export const HEAD_ORDER = 'ORDER BY c.followup_at, c.priority DESC, c.id';
