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

export const contactCheckRoutes = {
  'contact.check': route({
    access: 'agent',
    input: z.object({ caseId: Id, phoneId: Id }).strict(),
    output: ContactCheckResult,
  }),
};

/** A call that broke a contact rule, as the lead console lists it (the hub's flag, or this desk's own). */
export const ContactViolation = z.object({
  attemptId: z.string().max(64),
  caseId: Id,
  /** The number dialled, when this desk holds the call: a lead may allow one more call on it. */
  phoneId: Id.nullable(),
  debtorName: z.string().nullable(),
  agentName: z.string().nullable(),
  rules: z.array(z.enum(CONTACT_RULE_IDS)).max(10),
  at: Instant,
  /** 'hub': the team hub's re-check (a conflict the lead may close); 'desk': flagged on this desk. */
  source: z.enum(['hub', 'desk']),
  resolvedAt: Instant.nullable(),
});
export type ContactViolation = z.infer<typeof ContactViolation>;

export const contactLeadRoutes = {
  /** A lead lets one call on this case's number through a contact-rule block (audited, synced, counted). */
  'contact.override': route({
    access: 'lead',
    input: z.object({ caseId: Id, phoneId: Id, reason: z.string().trim().min(4).max(500) }).strict(),
    output: z.object({ overrideId: Id, createdAt: Instant }),
  }),
  'contact.violations': route({
    access: 'lead',
    input: z.object({}).strict(),
    output: z.object({ items: z.array(ContactViolation).max(500), open: z.number().int() }),
  }),
};

export const contactRoutes = { ...contactCheckRoutes, ...contactLeadRoutes };
