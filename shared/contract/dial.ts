/**
 * Click-to-dial (issue 9). How this desk dials is a setting of the desk (its PC's phone):
 *   none  the agent dials by hand (the call timer alone)
 *   tel   a `tel:` link handed to the system (a softphone registered for tel:)
 *   sip   a `sip:` link handed to the system
 *   http  a POST to a local softphone / call-center API with the number (URL, optional token)
 * A dial runs the contact rules first (contact.check): blocked means no dial.
 */
import { z } from 'zod';
import { Id } from '../domain/enums';
import { ContactCheckResult } from './contact';
import { Empty, route } from './route';

export const DialMode = z.enum(['none', 'tel', 'sip', 'http']);
export type DialMode = z.infer<typeof DialMode>;

export const DIAL_TIMEOUT_MIN_MS = 1_000;
export const DIAL_TIMEOUT_MAX_MS = 30_000;
export const DIAL_TIMEOUT_DEFAULT_MS = 5_000;

/** An http(s) URL of the softphone API; a local softphone is usually http://127.0.0.1:<port>/... */
export const DialUrl = z
  .string()
  .trim()
  .max(500)
  .refine((u) => {
    try {
      const p = new URL(u);
      return (p.protocol === 'http:' || p.protocol === 'https:') && p.username === '' && p.password === '';
    } catch {
      return false;
    }
  }, 'an http:// or https:// URL without credentials');

/** The settings as the renderer sees them: the token is never sent back, only whether one is set. */
export const DialSettingsView = z.object({
  mode: DialMode,
  httpUrl: z.string().nullable(),
  hasToken: z.boolean(),
  timeoutMs: z.number().int(),
});
export type DialSettingsView = z.infer<typeof DialSettingsView>;

export const DialStartResult = z.discriminatedUnion('kind', [
  /** The contact rules refused the dial: nothing was dialled. */
  z.object({ kind: z.literal('blocked'), check: ContactCheckResult }),
  /** Mode none: the agent dials by hand; the call timer starts. */
  z.object({ kind: z.literal('manual'), overridden: z.boolean() }),
  /** A tel:/sip: link; `opened`: the host handed it to the system (Electron), else the renderer opens it (web-host). */
  z.object({ kind: z.literal('link'), url: z.string(), opened: z.boolean(), overridden: z.boolean() }),
  /** The softphone took the call; it may return a recording reference kept on the call record. */
  z.object({ kind: z.literal('http'), recordingRef: z.string().nullable(), overridden: z.boolean() }),
]);
export type DialStartResult = z.infer<typeof DialStartResult>;

export const dialRoutes = {
  'dial.settings': route({ access: 'agent', input: Empty, output: DialSettingsView }),
  /** `token`: undefined keeps the stored one, null clears it. */
  'dial.saveSettings': route({
    access: 'agent',
    input: z
      .object({
        mode: DialMode,
        httpUrl: DialUrl.nullable().default(null),
        token: z.string().trim().min(1).max(500).nullable().optional(),
        timeoutMs: z.number().int().min(DIAL_TIMEOUT_MIN_MS).max(DIAL_TIMEOUT_MAX_MS).default(DIAL_TIMEOUT_DEFAULT_MS),
      })
      .strict(),
    output: DialSettingsView,
  }),
  /** Dial a number of the case: contact rules first, then as the settings say. */
  'dial.start': route({ access: 'agent', input: z.object({ caseId: Id, phoneId: Id }).strict(), output: DialStartResult }),
};
