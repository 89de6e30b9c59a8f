/** Contact rules before a call (issue 11): may this number be dialled now, and a lead's one-call override. */
import { z } from 'zod';
import { CONTACT_RULE_IDS } from '../domain/contact-rules';
import { Id, Instant } from '../domain/enums';
import { route } from './route';

export const ContactReason = z.object({
  rule: z.enum(CONTACT_RULE_IDS),
  params: z.record(z.string().max(32), z.union([z.string().max(64), z.number()])),
});
export type ContactReason = z.infer<typeof ContactReason>;

export const ContactCheckResult = z.object({
  allowed: z.boolean(),
  reasons: z.array(ContactReason).max(20),
  /** When a call may next happen if only time blocks it; null when allowed now or blocked by something time does not lift. */
  nextAllowedAt: Instant.nullable(),
  /** Allowed only because a lead's override for one call waits on this case and number. */
  overridden: z.boolean(),
});
export type ContactCheckResult = z.infer<typeof ContactCheckResult>;

export const contactRoutes = {
  'contact.check': route({
    access: 'agent',
    input: z.object({ caseId: Id, phoneId: Id }).strict(),
    output: ContactCheckResult,
  }),
};
