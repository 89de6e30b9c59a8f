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
    output: z.object({ items: z.array(FollowUpDue) }),
  }),
};
