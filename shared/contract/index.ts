/**
 * The one contract between the renderer and the desk core, joined from one file per feature.
 * Electron IPC (main/preload) and the web-host (HTTP + SSE) both carry exactly these routes and
 * events; every side validates with these schemas. A new feature adds its file and one line in
 * `groups` below.
 */
import type { z } from 'zod';
import { authRoutes } from './auth';
import { caseRoutes } from './cases';
import { distributionRoutes } from './distribution';
import { contactRoutes } from './contact';
import type { DeskError, Result } from './errors';
import type { EventName, EventPayload } from './events';
import { followupRoutes } from './followups';
import { importerRoutes } from './importer';
import { leadRoutes } from './lead';
import { messageRoutes } from './messages';
import { notesRoutes } from './notes';
import { paymentRoutes } from './payments';
import { phoneRoutes } from './phones';
import { dialRoutes } from './dial';
import { privacyRoutes } from './privacy';
import { queueRoutes } from './queue';
import { referenceRoutes } from './reference';
import { reportRoutes } from './reports';
import { assertDistinctRoutes, type RouteSpec } from './route';
import { scriptRoutes } from './script';
import { settingsRoutes } from './settings';
import { syncRoutes } from './sync';
import { targetRoutes } from './targets';
import { dashboardRoutes } from './dashboard';
import { teamRoutes } from './team';

export * from './cases';
export * from './common';
export * from './distribution';
export * from './contact';
export * from './errors';
export * from './events';
export * from './followups';
export * from './importer';
export * from './lead';
export * from './messages';
export * from './notes';
export * from './phones';
export * from './payments';
export * from './dial';
export * from './privacy';
export * from './queue';
export * from './reports';
export * from './route';
export * from './script';
export * from './sync';
export * from './team';

const groups = {
  auth: authRoutes,
  settings: settingsRoutes,
  reference: referenceRoutes,
  queue: queueRoutes,
  cases: caseRoutes,
  script: scriptRoutes,
  notes: notesRoutes,
  phones: phoneRoutes,
  payments: paymentRoutes,
  dial: dialRoutes,
  followups: followupRoutes,
  sync: syncRoutes,
  lead: leadRoutes,
  targets: targetRoutes,
  dashboard: dashboardRoutes,
  distribution: distributionRoutes,
  reports: reportRoutes,
  team: teamRoutes,
  importer: importerRoutes,
  privacy: privacyRoutes,
  contact: contactRoutes,
  messages: messageRoutes,
};
assertDistinctRoutes(groups);

export const contract = {
  ...authRoutes,
  ...settingsRoutes,
  ...referenceRoutes,
  ...queueRoutes,
  ...caseRoutes,
  ...scriptRoutes,
  ...notesRoutes,
  ...phoneRoutes,
  ...paymentRoutes,
  ...dialRoutes,
  ...followupRoutes,
  ...syncRoutes,
  ...leadRoutes,
  ...targetRoutes,
  ...dashboardRoutes,
  ...distributionRoutes,
  ...reportRoutes,
  ...teamRoutes,
  ...importerRoutes,
  ...privacyRoutes,
  ...contactRoutes,
  ...messageRoutes,
} satisfies Record<string, RouteSpec>;

export type Contract = typeof contract;
export type RouteName = keyof Contract;
export type RouteInput<R extends RouteName> = z.input<Contract[R]['input']>;
export type RouteOutput<R extends RouteName> = z.output<Contract[R]['output']>;
/** A route's input after parsing (defaults applied): what its handler receives. */
export type RouteParsed<R extends RouteName> = z.output<Contract[R]['input']>;

/** What both hosts expose to the renderer as window.desk. */
export interface DeskApi {
  invoke<R extends RouteName>(route: R, input: RouteInput<R>): Promise<Result<RouteOutput<R>>>;
  on<E extends EventName>(event: E, cb: (payload: EventPayload<E>) => void): () => void;
}

export const isRouteName = (name: unknown): name is RouteName =>
  typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name);

const invalid = (route: string, issue: z.core.$ZodIssue | undefined): { ok: false; error: DeskError } => ({
  ok: false,
  error: {
    code: 'INVALID_INPUT',
    message: `${route}: ${issue?.path.join('.') || 'input'}: ${issue?.message ?? 'invalid'}`,
    field: issue?.path.join('.') || undefined,
  },
});

/** The same routes seen as a map from name to its input schema: indexing it by a generic route keeps the types (no cast). */
const inputSchemas: { [R in RouteName]: { input: z.ZodType<RouteParsed<R>> } } = contract;

/** Validate raw input for a route; used by the core, the IPC helper and the web-host alike. */
export function parseInput<R extends RouteName>(route: R, raw: unknown): Result<RouteParsed<R>> {
  const schema = inputSchemas[route].input;
  const parsed = schema.safeParse(raw ?? {});
  return parsed.success ? { ok: true, value: parsed.data } : invalid(route, parsed.error.issues[0]);
}
