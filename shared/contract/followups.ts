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
};
