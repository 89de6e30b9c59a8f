/**
 * How a route is declared: who may call it, its input and its output. The desk's one invoke
 * pipeline (electron/core/invoke.ts) enforces `access` before any handler runs.
 */
import { z } from 'zod';

/** public: no session needed; agent: any logged-in user; lead: a team lead or an admin. */
export type Access = 'public' | 'agent' | 'lead';

export interface RouteSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  access: Access;
  input: I;
  output: O;
  /** The rule id a refused non-lead gets for a lead route (default `lead.only`). */
  leadRule?: 'lead.only' | 'hub.leadOnly';
}

/** Declare a route; keeps the exact zod types for the contract's mapped types. */
export const route = <I extends z.ZodType, O extends z.ZodType>(spec: RouteSpec<I, O>): RouteSpec<I, O> => spec;

export const Empty = z.object({}).strict();
export const Ok = z.object({ ok: z.literal(true) });

/** Join feature route groups; a name declared twice is a programming error caught at load (and by a unit test). */
export function assertDistinctRoutes(groups: Readonly<Record<string, Readonly<Record<string, unknown>>>>): void {
  const seen = new Map<string, string>();
  for (const [group, routes] of Object.entries(groups)) {
    for (const name of Object.keys(routes)) {
      const first = seen.get(name);
      if (first !== undefined) throw new Error(`route ${name} is declared by both ${first} and ${group}`);
      seen.set(name, group);
    }
  }
}
