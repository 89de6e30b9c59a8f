/**
 * The desk <-> hub sync protocol (docs/architecture.md, "Sync invariants"): server-ordered push/pull.
 *
 * - A desk writes every local change and its outbox row in one transaction. Outbox rows are
 *   mutations with a per-device increasing id; the desk deletes them only when a pull reports
 *   `lastMutationId` >= their id.
 * - Push: the hub applies each mutation exactly once, storing the device's last id in the same
 *   transaction as the effects; repeats are skipped, gaps refused (409). A permanent business
 *   rejection still advances and records a rejection (with the mutation) that syncs back.
 * - Pull: the hub's order. Changes in scope after `cursor`, in bounded pages; the desk applies
 *   a page and its new cursor in one transaction.
 * - Ids: hub-owned rows (agents, debtors, contacts, phones, batches, cases) have hub-assigned
 *   integer ids, sent as decimal strings; device-created rows (attempts, promises, payments,
 *   follow-ups) have UUIDs made on the desk.
 */
import { z } from 'zod';
import { Instant, Role } from './domain/enums';
import { EntityName } from './entities';
import { jsonBoundsProblem, type JsonBounds } from './json-bounds';
import { DeviceId, HubId } from './sync-ids';

/** The protocol version a desk speaks; the hub answers 426 "update required" to others. */
export const SYNC_SCHEMA_VERSION = 1;
export const SUPPORTED_SCHEMA_VERSIONS: readonly number[] = [1];

/**
 * Per request; more -> 413 (its params.maxMutations says how many this hub takes). Each batch is
 * one hub transaction and one durable commit: 1,000 halves the commits of 500 (a desk's push of
 * 10,000: ~8% faster) while a backlog's batch holds the SQLite hub's one writer for ~45 ms.
 */
export const MAX_PUSH_MUTATIONS = 1000;
export const MAX_BODY_BYTES = 4 * 1024 * 1024; // per request; more -> 413
export const MAX_PULL_CHANGES = 2000; // per page
/** A client timestamp further ahead of the hub's clock than this is refused. */
export const MAX_CLOCK_AHEAD_MS = 10 * 60 * 1000;

// ---------- mutations (desk -> hub): shared/mutations.ts ----------

export * from './mutations';

/**
 * How large a mutation's args may be, whatever its name: deeper, wider or longer args are a
 * per-mutation invalidArgs rejection and are not stored (the registry's own schemas are far
 * tighter; this bounds what a hub reads and keeps before it knows the name).
 */
export const ARGS_BOUNDS: JsonBounds = { depth: 8, keys: 200, stringChars: 8192 };
export const argsOutOfBounds = (args: unknown): string | null => jsonBoundsProblem(args, ARGS_BOUNDS);

/**
 * Any request body to the hub: one nested deeper than this is refused whole (400) before it
 * reaches a route. No desk writes one (its outbox args are checked against their schemas, at
 * most a few levels); the deepest valid document, a script file, has about seven.
 */
export const BODY_BOUNDS: JsonBounds = { depth: 32, keys: 100_000, stringChars: 1024 * 1024 }; // keys: a lead's case upload has up to 100,000 phones

/**
 * The envelope only: an unknown name or bad args is a per-mutation permanent rejection (the
 * desk must not be stuck behind it), while a malformed envelope refuses the whole request.
 * `args` is checked per mutation by the hub (ARGS_BOUNDS first, then its name's schema).
 */
export const Mutation = z.object({
  id: z.number().int().positive().safe(),
  name: z.string().min(1).max(64),
  // missing args are bad args too (that mutation's rejection, not the request's)
  args: z.unknown().optional(),
  clientTime: Instant,
});
export type Mutation = z.infer<typeof Mutation>;

export const PushRequest = z.object({
  deviceId: DeviceId,
  schemaVersion: z.number().int(),
  mutations: z.array(Mutation).max(MAX_PUSH_MUTATIONS),
  /** The desk's clock when it sent the push: the hub measures the desk's clock offset (a desk clock set back hides nothing, issue 11). */
  sentAt: Instant.optional(),
});
export type PushRequest = z.infer<typeof PushRequest>;

export const PushResponse = z.object({
  /** The last mutation id of this device the hub has processed (applied or rejected). */
  lastMutationId: z.number().int().nonnegative(),
  /** Mutations of this request rejected for good (they also arrive as `rejection` rows on pull). */
  rejected: z.array(z.object({ mutationId: z.number().int(), reason: z.string() })),
});
export type PushResponse = z.infer<typeof PushResponse>;

// ---------- rows (hub -> desk): shared/entities.ts ----------

export * from './entities';

export const Change = z.discriminatedUnion('op', [
  // Only "an object" here: each row is checked against its entity's schema when it is applied
  // (parseRow), and a z.record would walk and copy every row of a page first (~8 ms a page).
  z.object({ op: z.literal('put'), entity: EntityName, row: z.custom<Record<string, unknown>>((v) => typeof v === 'object' && v !== null && !Array.isArray(v), { message: 'a row is an object' }) }),
  /**
   * A row leaves the receiver's scope or the hub. A `del` of a case means the case left the
   * desk's scope: the desk drops it with its dependents, but never its unpushed outbox rows.
   */
  z.object({
    op: z.literal('del'),
    entity: EntityName,
    id: z.string().min(1).max(64),
    /**
     * A case's del only: who holds the case now (null = unassigned), so the former holder's desk
     * can say at once where it went. Absent from older hubs.
     */
    movedTo: z.object({ agentId: z.string().max(64), name: z.string().max(200) }).nullable().optional(),
  }),
]);
export type Change = z.infer<typeof Change>;

export const PullRequest = z.object({
  deviceId: DeviceId,
  schemaVersion: z.number().int(),
  /** The cursor of the last page applied; 0 = from the beginning (a new desk). */
  cursor: z.number().int().nonnegative().safe(),
  limit: z.number().int().min(1).max(MAX_PULL_CHANGES).optional(),
  /**
   * The highest mutation id the desk has queued: with the device's last processed one the hub
   * knows how much work waits on that desk (its lead sees it).
   */
  queuedThrough: z.number().int().nonnegative().safe().optional(),
  /** The desk reads pages with packed puts (shared/sync-packed.ts); absent or false: plain changes. */
  packed: z.boolean().optional(),
});
export type PullRequest = z.infer<typeof PullRequest>;

export const PullResponse = z.object({
  cursor: z.number().int().nonnegative(),
  /** This device's last processed mutation id: the desk may delete outbox rows up to it. */
  lastMutationId: z.number().int().nonnegative(),
  changes: z.array(Change),
  /** More pages wait after this one. */
  more: z.boolean(),
  /** The hub takes packed pushes (shared/sync-packed.ts); absent from an older hub: the desk pushes plain. */
  packedPush: z.boolean().optional(),
});
export type PullResponse = z.infer<typeof PullResponse>;

// ---------- auth and errors ----------

export const LoginRequest = z.object({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(256),
  deviceId: DeviceId.optional(),
});
export const LoginResponse = z.object({
  token: z.string(),
  expiresAt: Instant,
  role: Role,
  agentId: HubId,
  displayName: z.string(),
  agentNo: z.string(),
  teamId: HubId.nullable(),
});
export type LoginResponse = z.infer<typeof LoginResponse>;

export const HubErrorCode = z.enum([
  'BAD_REQUEST', // malformed body (400)
  'UNAUTHENTICATED', // missing, forged, expired or revoked token (401)
  'FORBIDDEN', // outside the caller's role or scope (403)
  'NOT_FOUND', // 404
  'MUTATION_GAP', // a mutation id skipped (409): params.expected says which id comes next
  'RULE_VIOLATION', // a lead's decision the hub's current data refuses (409): params.rule is the RuleId
  'TOO_LARGE', // body or batch above the limits (413)
  'UPDATE_REQUIRED', // schemaVersion not supported (426)
  'TOO_MANY_ATTEMPTS', // login throttled after repeated failures (429): params.retryAfterSec
  'INTERNAL', // 500: retry with backoff
]);
export type HubErrorCode = z.infer<typeof HubErrorCode>;

export const HubError = z.object({
  error: z.object({
    code: HubErrorCode,
    message: z.string(),
    params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
  }),
});
export type HubError = z.infer<typeof HubError>;

/** Business reasons a mutation is rejected for good (i18n keys on the desk: `rejections.<reason>`). */
export const REJECTION_REASONS = [
  'unknownMutation', // a name this hub does not know
  'invalidArgs', // args fail the mutation's schema
  'clockAhead', // a timestamp far ahead of the hub's clock
  'caseNotFound',
  'outOfScope', // the case is not (or no longer) the agent's, and the work is not late history
  'reassigned', // a former holder's payment or promise state change: the case moved on; a conflict for the lead (shared/domain/late-work)
  'forbidden', // e.g. an agent sending a lead-only mutation
  'invalidTransition', // a promise state change the state machine or the hub's payments refuse (also a conflict)
  'ruleViolation', // a business rule the hub checked again (shared/domain): the rule id (`rules.<id>`) is the detail
  'hubError', // applying it failed unexpectedly on the hub, twice: refused so the mutations behind it go on
] as const;
export type RejectionReason = (typeof REJECTION_REASONS)[number];
