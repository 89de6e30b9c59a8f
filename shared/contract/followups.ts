import { z } from 'zod';
import { Id, Instant } from '../domain/enums';
import { Empty, route } from './route';

export const FollowUpDue = z.object({
  followUpId: Id,
  caseId: Id,
  dueAt: Instant,
  debtorName: z.string(),
  reason: z.string().nullable(),
});
export type FollowUpDue = z.infer<typeof FollowUpDue>;
/** The core's 'followup.due': the newest follow-up that fell due, and how many others fell due in the same check (a backlog is one alert). */
export const FollowUpDueEvent = FollowUpDue.extend({ alsoDue: z.number().int().min(0) });
export type FollowUpDueEvent = z.infer<typeof FollowUpDueEvent>;

export const followupRoutes = {
  /** The agent's next pending follow-up (for the countdown) and how many are due now. */
  'followup.next': route({
    access: 'agent',
    input: Empty,
    output: z.object({ next: FollowUpDue.nullable(), dueCount: z.number().int() }),
  }),
  /** The agent's follow-ups that are due and still pending (oldest first): an alert drops one a 催记 has answered. */
  'followup.dueList': route({
    access: 'agent',
    input: Empty,
    /** `items`: the newest 200 at most, oldest first; `total`: how many are due in all. */
    output: z.object({ items: z.array(FollowUpDue), total: z.number().int().min(0) }),
  }),
};
