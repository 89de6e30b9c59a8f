/**
 * The desk <-> hub sync protocol (DESIGN.md "Sync"): server-ordered push/pull.
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
import { OutcomeCode } from './contract';
import {
  CaseStatus, CaseTag, Channel, Fen, Instant, Locale, LocalDate, Party, PaymentSource, PhoneKind, PhoneOwner,
  PhoneStatus, Product, PromiseState, Relation, Role, ScenarioId,
} from './domain/enums';

/** The protocol version a desk speaks; the hub answers 426 "update required" to others. */
export const SYNC_SCHEMA_VERSION = 1;
export const SUPPORTED_SCHEMA_VERSIONS: readonly number[] = [1];

export const MAX_PUSH_MUTATIONS = 500; // per request; more -> 413
export const MAX_BODY_BYTES = 4 * 1024 * 1024; // per request; more -> 413
export const MAX_PULL_CHANGES = 2000; // per page
/** A client timestamp further ahead of the hub's clock than this is refused. */
export const MAX_CLOCK_AHEAD_MS = 10 * 60 * 1000;

const HubId = z.string().regex(/^[1-9]\d{0,15}$/, 'expected a hub id');
const DeviceRowId = z.string().uuid();
const DeviceId = z.string().min(8).max(64).regex(/^[\w-]+$/);

// ---------- mutations (desk -> hub) ----------

export const AttemptSaveArgs = z.object({
  attemptId: DeviceRowId,
  clientRequestId: z.string().min(8).max(64),
  caseId: HubId,
  phoneId: HubId.nullable(),
  channel: Channel,
  party: Party,
  outcomeCode: z.string().min(1).max(32),
  note: z.string().max(4000),
  callStartedAt: Instant.nullable(),
  durationSec: z.number().int().min(0).max(86_400),
  claimedPaidDate: LocalDate.nullable(),
  stepsDone: z.array(z.string().max(64)).max(50),
  scenario: ScenarioId.nullable(),
  at: Instant,
  promise: z.object({ id: DeviceRowId, amountFen: Fen.positive(), dueDate: LocalDate, createdDate: LocalDate }).nullable(),
  followUp: z.object({ id: DeviceRowId, dueAt: Instant, reason: z.string().max(200).nullable() }).nullable(),
  /** What the desk did to the dialled number; the hub re-derives it from the outcome code. */
  phoneLock: z.enum(['invalid', 'do_not_call']).nullable(),
});

export const PaymentRecordArgs = z.object({
  paymentId: DeviceRowId,
  caseId: HubId,
  amountFen: Fen.positive(),
  paidDate: LocalDate,
  source: z.literal('agent'),
  at: Instant,
});

export const PromiseTransitionArgs = z.object({
  promiseId: DeviceRowId,
  caseId: HubId,
  from: PromiseState,
  to: PromiseState,
  paidFen: Fen.nonnegative(),
  at: Instant,
});

/** Agent-owned field: last write in hub order wins. */
export const CaseSetPreferredPhoneArgs = z.object({ caseId: HubId, phoneId: HubId.nullable(), at: Instant });

/** Lead only: assignment is hub-owned; the hub checks the role and the team. */
export const CaseAssignArgs = z.object({ caseIds: z.array(HubId).min(1).max(1000), agentId: HubId.nullable(), at: Instant });

export const MUTATION_ARGS = {
  'attempt.save': AttemptSaveArgs,
  'payment.record': PaymentRecordArgs,
  'promise.transition': PromiseTransitionArgs,
  'case.setPreferredPhone': CaseSetPreferredPhoneArgs,
  'case.assign': CaseAssignArgs,
} as const;
export type MutationName = keyof typeof MUTATION_ARGS;
export type MutationArgs<N extends MutationName> = z.infer<(typeof MUTATION_ARGS)[N]>;
export const isMutationName = (n: unknown): n is MutationName =>
  typeof n === 'string' && Object.prototype.hasOwnProperty.call(MUTATION_ARGS, n);

/**
 * The envelope only: an unknown name or bad args is a per-mutation permanent rejection (the
 * desk must not be stuck behind it), while a malformed envelope refuses the whole request.
 */
export const Mutation = z.object({
  id: z.number().int().positive().safe(),
  name: z.string().min(1).max(64),
  args: z.unknown(),
  clientTime: Instant,
});
export type Mutation = z.infer<typeof Mutation>;

export const PushRequest = z.object({
  deviceId: DeviceId,
  schemaVersion: z.number().int(),
  mutations: z.array(Mutation).max(MAX_PUSH_MUTATIONS),
});
export type PushRequest = z.infer<typeof PushRequest>;

export const PushResponse = z.object({
  /** The last mutation id of this device the hub has processed (applied or rejected). */
  lastMutationId: z.number().int().nonnegative(),
  /** Mutations of this request rejected for good (they also arrive as `rejection` rows on pull). */
  rejected: z.array(z.object({ mutationId: z.number().int(), reason: z.string() })),
});
export type PushResponse = z.infer<typeof PushResponse>;

// ---------- rows (hub -> desk), one schema per entity ----------

export const AgentRow = z.object({
  id: HubId, username: z.string(), displayName: z.string(), agentNo: z.string(), role: Role, teamId: HubId.nullable(), disabled: z.boolean(),
});
export const DebtorRow = z.object({
  id: HubId, name: z.string().min(1), gender: z.enum(['M', 'F']).nullable(), idNumber: z.string().nullable(), birthDate: LocalDate.nullable(),
  homeAddress: z.string().nullable(), workAddress: z.string().nullable(), registeredAddress: z.string().nullable(), employer: z.string().nullable(),
});
export const ContactRow = z.object({
  id: HubId, debtorId: HubId, name: z.string(), relation: Relation, party: z.enum(['related', 'third_party']), refusedContact: z.boolean(),
});
export const PhoneRow = z.object({
  id: HubId, debtorId: HubId, contactId: HubId.nullable(), owner: PhoneOwner, kind: PhoneKind, number: z.string().min(5), status: PhoneStatus,
});
export const BatchRow = z.object({
  id: HubId, batchNo: z.string(), creditor: z.string(), entrustDate: LocalDate.nullable(), expiryDate: LocalDate.nullable(), importedAt: Instant,
});
export const CaseRow = z.object({
  id: HubId, debtorId: HubId, batchId: HubId.nullable(), creditor: z.string(), product: Product, accountNo: z.string(),
  principalFen: Fen, balanceFen: Fen, overdueFen: Fen, minDueFen: Fen, overdueSince: LocalDate,
  lastPaymentDate: LocalDate.nullable(), lastPaymentFen: Fen.nullable(), entrustDate: LocalDate.nullable(), expiryDate: LocalDate.nullable(),
  status: CaseStatus, tags: z.array(CaseTag), assignedAgentId: HubId.nullable(),
  preferredPhoneId: HubId.nullable(), // agent-owned
  brokenPromises: z.number().int().nonnegative(), refusals: z.number().int().nonnegative(), attemptCount: z.number().int().nonnegative(),
  lastAttemptAt: Instant.nullable(), lastOutcomeCode: z.string().nullable(),
});
export const AttemptRow = z.object({
  id: DeviceRowId, clientRequestId: z.string(), caseId: HubId, agentId: HubId, phoneId: HubId.nullable(), channel: Channel, party: Party,
  outcomeCode: z.string(), note: z.string(), callStartedAt: Instant.nullable(), durationSec: z.number().int(), claimedPaidDate: LocalDate.nullable(),
  stepsDone: z.array(z.string()), scenario: ScenarioId.nullable(), at: Instant,
});
export const PromiseRow = z.object({
  id: DeviceRowId, caseId: HubId, attemptId: DeviceRowId.nullable(), agentId: HubId.nullable(), amountFen: Fen, dueDate: LocalDate,
  createdDate: LocalDate, createdAt: Instant, state: PromiseState, paidFen: Fen, stateChangedAt: Instant.nullable(),
});
export const PaymentRow = z.object({
  id: z.string().min(1).max(64), caseId: HubId, amountFen: Fen, paidDate: LocalDate, source: PaymentSource, agentId: HubId.nullable(), createdAt: Instant,
});
export const FollowUpRow = z.object({
  id: DeviceRowId, caseId: HubId, agentId: HubId.nullable(), attemptId: DeviceRowId.nullable(), dueAt: Instant, reason: z.string().nullable(),
  state: z.enum(['pending', 'done', 'cancelled']), createdAt: Instant, closedAt: Instant.nullable(),
});
export const ScriptRow = z.object({ locale: Locale, body: z.unknown(), updatedAt: Instant });
/** Team rules and desk defaults set centrally (ptpMaxDays, ptpGraceDays, bucketBounds, contact rules ...). */
export const SettingRow = z.object({ key: z.string().min(1).max(64), value: z.unknown() });
export const TargetRow = z.object({
  id: HubId, agentId: HubId.nullable(), period: z.enum(['day', 'week', 'month']), metric: z.string(), value: z.number(), from: LocalDate, to: LocalDate,
});
export const RejectionRow = z.object({
  id: HubId, deviceId: DeviceId, mutationId: z.number().int(), name: z.string(), args: z.unknown(), reason: z.string(),
  detail: z.string().nullable(), at: Instant,
});
/** What could not be merged; a lead reviews and resolves it. */
export const ConflictRow = z.object({
  id: HubId, caseId: HubId.nullable(), kind: z.string(), detail: z.unknown(), createdAt: Instant, resolvedAt: Instant.nullable(),
  resolvedBy: HubId.nullable(), resolution: z.string().nullable(),
});

export const ENTITY_ROWS = {
  agent: AgentRow,
  debtor: DebtorRow,
  contact: ContactRow,
  phone: PhoneRow,
  batch: BatchRow,
  case: CaseRow,
  attempt: AttemptRow,
  promise: PromiseRow,
  payment: PaymentRow,
  followUp: FollowUpRow,
  outcomeCode: OutcomeCode,
  script: ScriptRow,
  setting: SettingRow,
  target: TargetRow,
  rejection: RejectionRow,
  conflict: ConflictRow,
} as const;
export type EntityName = keyof typeof ENTITY_ROWS;
export const EntityName = z.enum(Object.keys(ENTITY_ROWS) as [EntityName, ...EntityName[]]);
export type EntityRow<E extends EntityName> = z.infer<(typeof ENTITY_ROWS)[E]>;

/** The key of a row of an entity as it travels in a `del` (outcome codes by code, scripts by locale, settings by key). */
export const entityKey = (entity: EntityName, row: Record<string, unknown>): string =>
  String(entity === 'outcomeCode' ? row.code : entity === 'script' ? row.locale : entity === 'setting' ? row.key : row.id);

export const Change = z.discriminatedUnion('op', [
  z.object({ op: z.literal('put'), entity: EntityName, row: z.record(z.string(), z.unknown()) }),
  /**
   * A row leaves the receiver's scope or the hub. A `del` of a case means the case left the
   * desk's scope: the desk drops it with its dependents, but never its unpushed outbox rows.
   */
  z.object({ op: z.literal('del'), entity: EntityName, id: z.string().min(1).max(64) }),
]);
export type Change = z.infer<typeof Change>;

/** Validate a pulled row against its entity's schema (the desk does this before applying). */
export function parseRow<E extends EntityName>(entity: E, row: unknown): z.ZodSafeParseResult<EntityRow<E>> {
  return ENTITY_ROWS[entity].safeParse(row) as z.ZodSafeParseResult<EntityRow<E>>;
}

export const PullRequest = z.object({
  deviceId: DeviceId,
  schemaVersion: z.number().int(),
  /** The cursor of the last page applied; 0 = from the beginning (a new desk). */
  cursor: z.number().int().nonnegative().safe(),
  limit: z.number().int().min(1).max(MAX_PULL_CHANGES).optional(),
});
export type PullRequest = z.infer<typeof PullRequest>;

export const PullResponse = z.object({
  cursor: z.number().int().nonnegative(),
  /** This device's last processed mutation id: the desk may delete outbox rows up to it. */
  lastMutationId: z.number().int().nonnegative(),
  changes: z.array(Change),
  /** More pages wait after this one. */
  more: z.boolean(),
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
  'TOO_LARGE', // body or batch above the limits (413)
  'UPDATE_REQUIRED', // schemaVersion not supported (426)
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
  'forbidden', // e.g. an agent sending a lead-only mutation
  'invalidTransition', // a promise state change the state machine refuses (also a conflict)
] as const;
export type RejectionReason = (typeof REJECTION_REASONS)[number];
