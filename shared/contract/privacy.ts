/** Personal data on the desk: the agent's own reveal history and the screen lock. */
import { z } from 'zod';
import { Empty, Ok, route } from './route';

export const RevealEntry = z.object({
  at: z.string(), // UTC instant
  caseId: z.string(),
  field: z.enum(['idNumber', 'account', 'phone']),
  /** Null once the case has left the desk (purged, reassigned). */
  debtorName: z.string().nullable(),
});
export type RevealEntry = z.infer<typeof RevealEntry>;

export const privacyRoutes = {
  /** What the logged-in agent revealed, newest first (from the audit log). */
  'privacy.myReveals': route({
    access: 'agent',
    input: z.object({ limit: z.number().int().min(1).max(500).default(100) }).strict(),
    output: z.object({ items: z.array(RevealEntry) }),
  }),
  /** Lock the screen (idle, or by hand): every other agent route is refused until `privacy.unlock`. */
  'privacy.lock': route({ access: 'agent', input: Empty, output: Ok }),
  /** Reopen with the agent's password, checked on this desk (offline too). */
  'privacy.unlock': route({ access: 'agent', input: z.object({ password: z.string().min(1).max(256) }).strict(), output: Ok }),
  /** Locked or not, and after how many idle minutes it locks (the team setting). */
  'privacy.lockState': route({ access: 'agent', input: Empty, output: z.object({ locked: z.boolean(), idleMinutes: z.number().int() }) }),
};
