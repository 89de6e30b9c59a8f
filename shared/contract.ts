/**
 * The one contract between the renderer and the desk core.
 * Electron IPC (main/preload) and the web-host (HTTP + SSE) both carry exactly these
 * routes and events; every side validates with these schemas.
 */
import { z } from 'zod';
import {
  BucketId, CaseStatus, CaseTag, Channel, Fen, Id, Instant, Locale, LocalDate, Party,
  PaymentSource, PhoneKind, PhoneOwner, PhoneStatus, Product, PromiseState, Relation, Role,
  ScenarioId, ScriptStage,
} from './domain/enums';

// ---------- shared shapes ----------

export const AgentInfo = z.object({
  id: Id,
  username: z.string(),
  displayName: z.string(),
  agentNo: z.string(), // 工号, spoken at the start of every call
  role: Role,
});
export type AgentInfo = z.infer<typeof AgentInfo>;

export const DeskSettings = z.object({
  locale: Locale,
  timeZone: z.string(), // IANA zone, default Asia/Shanghai
  institutionName: z.string(), // 机构全称, merged into scripts
  ptpMaxDays: z.number().int().min(1).max(366), // furthest PTP date allowed from today
  ptpGraceDays: z.number().int().min(0).max(30), // broken after due date + grace
  bucketBounds: z.object({ earlyMax: z.number().int(), midMax: z.number().int(), m1Max: z.number().int(), m2Max: z.number().int(), m3Max: z.number().int() }),
});
export type DeskSettings = z.infer<typeof DeskSettings>;

export const OutcomeCode = z.object({
  code: z.string(), // stable id, e.g. 'PTP'
  hotkey: z.string().nullable(), // '1'..'9','0' or null
  label: z.object({ 'zh-CN': z.string(), en: z.string() }),
  isContact: z.boolean(), // 接通
  isRpc: z.boolean(), // right-party contact (本人)
  needsPtp: z.boolean(),
  needsFollowUp: z.boolean(),
  needsPaidDate: z.boolean(), // 已还款: the date they claim to have paid
  setsStatus: CaseStatus.nullable(),
  addsTag: CaseTag.nullable(),
  locksPhone: z.boolean(), // 要求停止联系 / 空号: the dialled number is no longer callable
  sort: z.number().int(),
});
export type OutcomeCode = z.infer<typeof OutcomeCode>;

export const QueueItem = z.object({
  caseId: Id,
  debtorName: z.string(),
  accountMasked: z.string(),
  creditor: z.string(),
  product: Product,
  overdueAmountFen: Fen,
  balanceFen: Fen,
  dpd: z.number().int(),
  bucket: BucketId,
  status: CaseStatus,
  tags: z.array(CaseTag),
  priority: z.number().int(),
  /** Why the case is at the top: a follow-up or a PTP that is due now. */
  dueKind: z.enum(['followup', 'ptp']).nullable(),
  dueAt: Instant.nullable(),
  brokenPromises: z.number().int(),
  lastOutcomeCode: z.string().nullable(),
  lastAttemptAt: Instant.nullable(),
  expiryDate: LocalDate.nullable(),
});
export type QueueItem = z.infer<typeof QueueItem>;

export const QueueFilter = z.object({
  search: z.string().trim().max(64).optional(),
  bucket: BucketId.optional(),
  status: CaseStatus.optional(),
  tag: CaseTag.optional(),
});
export type QueueFilter = z.infer<typeof QueueFilter>;

export const PhoneView = z.object({
  id: Id,
  owner: PhoneOwner,
  kind: PhoneKind,
  contactId: Id.nullable(),
  numberMasked: z.string(),
  status: PhoneStatus,
});
export type PhoneView = z.infer<typeof PhoneView>;

export const ContactView = z.object({
  id: Id,
  name: z.string(),
  relation: Relation,
  party: z.enum(['related', 'third_party']),
  refusedContact: z.boolean(),
});
export type ContactView = z.infer<typeof ContactView>;

export const CaseView = z.object({
  id: Id,
  accountMasked: z.string(),
  creditor: z.string(),
  product: Product,
  batchNo: z.string().nullable(),
  principalFen: Fen,
  balanceFen: Fen,
  overdueAmountFen: Fen,
  minDueFen: Fen,
  overdueSince: LocalDate,
  dpd: z.number().int(),
  bucket: BucketId,
  lastPaymentDate: LocalDate.nullable(),
  lastPaymentFen: Fen.nullable(),
  entrustDate: LocalDate.nullable(),
  expiryDate: LocalDate.nullable(),
  status: CaseStatus,
  tags: z.array(CaseTag),
  priority: z.number().int(),
  brokenPromises: z.number().int(),
  assignedAgentId: Id.nullable(),
  /** The agent-owned preferred number (synced: last write in hub order wins). */
  preferredPhoneId: Id.nullable().optional(),
});
export type CaseView = z.infer<typeof CaseView>;

export const DebtorView = z.object({
  id: Id,
  name: z.string(),
  gender: z.enum(['M', 'F']).nullable(),
  idNumberMasked: z.string(),
  age: z.number().int().nullable(),
  homeAddress: z.string().nullable(),
  workAddress: z.string().nullable(),
  registeredAddress: z.string().nullable(),
  employer: z.string().nullable(),
});
export type DebtorView = z.infer<typeof DebtorView>;

export const PromiseView = z.object({
  id: Id,
  attemptId: Id.nullable(),
  amountFen: Fen,
  dueDate: LocalDate,
  state: PromiseState,
  paidFen: Fen,
  createdAt: Instant,
});
export type PromiseView = z.infer<typeof PromiseView>;

export const FollowUpView = z.object({
  id: Id,
  caseId: Id,
  dueAt: Instant,
  reason: z.string().nullable(),
  state: z.enum(['pending', 'done', 'cancelled']),
});
export type FollowUpView = z.infer<typeof FollowUpView>;

export const TimelineEntry = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('attempt'),
    id: Id,
    at: Instant,
    agentName: z.string(),
    channel: Channel,
    party: Party,
    outcomeCode: z.string(),
    note: z.string(),
    durationSec: z.number().int(),
    phoneMasked: z.string().nullable(),
  }),
  z.object({ kind: z.literal('promise'), at: Instant, promise: PromiseView }),
  z.object({ kind: z.literal('payment'), at: Instant, id: Id, amountFen: Fen, paidDate: LocalDate, source: PaymentSource }),
  z.object({ kind: z.literal('followup'), at: Instant, followUp: FollowUpView }),
]);
export type TimelineEntry = z.infer<typeof TimelineEntry>;

/** The note pane's unsaved state; autosaved so a crash loses at most a few seconds. */
export const NoteDraft = z.object({
  outcomeCode: z.string().nullable(),
  party: Party.nullable(),
  phoneId: Id.nullable(),
  note: z.string().max(4000),
  ptpAmountFen: Fen.nullable(),
  ptpDate: LocalDate.nullable(),
  followUpAt: Instant.nullable(),
  claimedPaidDate: LocalDate.nullable(),
  stepsDone: z.array(z.string()).max(50),
  scenario: ScenarioId.nullable(),
});
export type NoteDraft = z.infer<typeof NoteDraft>;

export const CaseDetail = z.object({
  case: CaseView,
  debtor: DebtorView,
  phones: z.array(PhoneView),
  contacts: z.array(ContactView),
  promises: z.array(PromiseView),
  followUps: z.array(FollowUpView),
  timeline: z.array(TimelineEntry), // newest first
  draft: NoteDraft.nullable(),
  draftSavedAt: Instant.nullable(),
});
export type CaseDetail = z.infer<typeof CaseDetail>;

export const ScriptStep = z.object({ id: z.string(), text: z.string(), required: z.boolean() });
export type ScriptStep = z.infer<typeof ScriptStep>;

export const ScriptView = z.object({
  stage: ScriptStage,
  title: z.string(),
  opening: z.array(ScriptStep), // identify + recording notice + verify identity: required
  body: z.array(ScriptStep),
  scenarios: z.array(z.object({ id: ScenarioId, title: z.string(), steps: z.array(ScriptStep) })),
});
export type ScriptView = z.infer<typeof ScriptView>;

export const FollowUpDue = z.object({
  followUpId: Id,
  caseId: Id,
  dueAt: Instant,
  debtorName: z.string(),
  reason: z.string().nullable(),
});
export type FollowUpDue = z.infer<typeof FollowUpDue>;

export const SyncStatus = z.object({
  /** local = this desk only (demo / single user); hub = synced with a team hub. */
  mode: z.enum(['local', 'hub']),
  hubUrl: z.string().nullable(),
  hubUser: z.object({ username: z.string(), displayName: z.string(), role: Role }).nullable(),
  /** The last request reached the hub. */
  online: z.boolean(),
  syncing: z.boolean(),
  /** Outbox rows the hub has not confirmed. */
  pending: z.number().int(),
  lastSyncAt: Instant.nullable(),
  /** Why the last sync failed, as an i18n key under `sync.errors.` (offline, unauthenticated, updateRequired, ...). */
  lastError: z.string().nullable(),
  /** Work the hub refused for good (shown to the agent). */
  rejections: z.number().int(),
  /** Set when this desk hosts the team hub in-process: where agents point their desks. */
  hosting: z.object({ port: z.number().int(), urls: z.array(z.string()) }).nullable(),
});
export type SyncStatus = z.infer<typeof SyncStatus>;

/** What an unsynced change says, as data: the renderer words it in the desk's language. */
export const UnsyncedDetail = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('attempt'), outcomeCode: z.string(), note: z.string(), ptp: z.object({ amountFen: Fen, dueDate: z.string() }).nullable() }),
  z.object({ kind: z.literal('payment'), amountFen: Fen, paidDate: z.string() }),
  z.object({ kind: z.literal('promise'), from: z.string(), to: z.string(), paidFen: Fen }),
  /** The number's last four digits only (the list is on screen). */
  z.object({ kind: z.literal('phone'), tail4: z.string().nullable() }),
  z.object({ kind: z.literal('assign'), count: z.number().int(), agentName: z.string().nullable() }),
  z.object({ kind: z.literal('other') }),
]);
export type UnsyncedDetail = z.infer<typeof UnsyncedDetail>;

export const UnsyncedItem = z.object({
  mutationId: z.number().int(),
  name: z.string(),
  caseId: Id.nullable(),
  debtorName: z.string().nullable(),
  createdAt: Instant,
  detail: UnsyncedDetail,
});
export type UnsyncedItem = z.infer<typeof UnsyncedItem>;

export const RejectionView = z.object({
  id: Id,
  mutationId: z.number().int(),
  name: z.string(),
  caseId: Id.nullable(),
  debtorName: z.string().nullable(),
  /** i18n key under `rejections.` (see REJECTION_REASONS in shared/sync.ts). */
  reason: z.string(),
  detail: z.string().nullable(),
  at: Instant,
});
export type RejectionView = z.infer<typeof RejectionView>;

export const LeadAgent = z.object({ id: Id, displayName: z.string(), agentNo: z.string(), role: Role, openCases: z.number().int() });
export type LeadAgent = z.infer<typeof LeadAgent>;

export const LeadCase = z.object({
  caseId: Id,
  debtorName: z.string(),
  accountMasked: z.string(),
  creditor: z.string(),
  overdueAmountFen: Fen,
  dpd: z.number().int(),
  bucket: BucketId,
  status: CaseStatus,
  assignedAgentId: Id.nullable(),
  assignedAgentName: z.string().nullable(),
});
export type LeadCase = z.infer<typeof LeadCase>;

/** A change the hub could not merge (see hub push), as the lead reviews it. */
export const LeadConflict = z.object({
  id: Id,
  /** What was refused, e.g. 'promise.transition' (i18n key under `conflicts.kind.`). */
  kind: z.string(),
  caseId: Id.nullable(),
  debtorName: z.string().nullable(),
  /** The agent whose change it was, 'name（工号）'. */
  agentName: z.string().nullable(),
  /** For state machines: the change the desk asked for, and the state the hub holds. */
  wanted: z.object({ from: z.string(), to: z.string() }).nullable(),
  hubState: z.string().nullable(),
  /** When the agent made the change (desk clock, display only), and when the hub refused it. */
  at: Instant,
  createdAt: Instant,
  resolvedAt: Instant.nullable(),
  resolvedBy: z.string().nullable(),
  resolution: z.string().nullable(),
});
export type LeadConflict = z.infer<typeof LeadConflict>;

const Empty = z.object({}).strict();
const Ok = z.object({ ok: z.literal(true) });

// ---------- routes ----------

export const contract = {
  'auth.login': {
    input: z.object({ username: z.string().trim().min(1).max(64), password: z.string().min(1).max(256) }),
    output: z.object({ agent: AgentInfo }),
  },
  'auth.logout': { input: Empty, output: Ok },
  'auth.session': { input: Empty, output: z.object({ agent: AgentInfo.nullable() }) },

  'settings.get': { input: Empty, output: DeskSettings },
  'settings.update': {
    input: z.object({ locale: Locale.optional(), timeZone: z.string().min(1).max(64).optional() }).strict(),
    output: DeskSettings,
  },

  /** Outcome codes and everything else the note pane needs that rarely changes. */
  'reference.get': { input: Empty, output: z.object({ outcomeCodes: z.array(OutcomeCode) }) },

  'queue.list': {
    input: z.object({
      filter: QueueFilter.default({}),
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(500).default(100),
    }),
    output: z.object({ items: z.array(QueueItem), total: z.number().int(), dueCount: z.number().int() }),
  },

  'case.get': { input: z.object({ caseId: Id }), output: CaseDetail },
  /** Show one masked value in clear; every reveal is written to the audit log. */
  'case.reveal': {
    input: z.object({ caseId: Id, field: z.enum(['idNumber', 'account', 'phone']), phoneId: Id.optional() }),
    output: z.object({ value: z.string() }),
  },

  'script.forCase': {
    input: z.object({ caseId: Id, locale: Locale }),
    output: ScriptView,
  },

  'draft.save': {
    input: z.object({ caseId: Id, draft: NoteDraft }),
    output: z.object({ savedAt: Instant }),
  },

  /** Record a contact attempt (催记) with its PTP and follow-up, atomically with its outbox row. */
  'attempt.save': {
    input: z.object({
      clientRequestId: z.string().min(8).max(64), // a double-submitted save stores once
      caseId: Id,
      phoneId: Id.nullable(),
      channel: Channel,
      party: Party,
      outcomeCode: z.string().min(1).max(32),
      note: z.string().max(4000),
      callStartedAt: Instant.nullable(),
      durationSec: z.number().int().min(0).max(86_400),
      ptp: z.object({ amountFen: Fen, dueDate: LocalDate }).nullable(),
      followUp: z.object({ dueAt: Instant, reason: z.string().max(200).nullable() }).nullable(),
      claimedPaidDate: LocalDate.nullable(),
      stepsDone: z.array(z.string()).max(50),
      scenario: ScenarioId.nullable(),
    }),
    output: z.object({
      attemptId: Id,
      promiseId: Id.nullable(),
      followUpId: Id.nullable(),
      /** The case to open for save-and-next (queue order, this one excluded). */
      nextCaseId: Id.nullable(),
    }),
  },

  /** An agent-recorded payment; promise states are re-evaluated at once. */
  'payment.record': {
    input: z.object({ caseId: Id, amountFen: Fen, paidDate: LocalDate }),
    output: z.object({ paymentId: Id, promises: z.array(PromiseView) }),
  },

  /** The agent-owned preferred number of a case (synced as 'case.setPreferredPhone'). */
  'case.setPreferredPhone': {
    input: z.object({ caseId: Id, phoneId: Id.nullable() }),
    output: z.object({ ok: z.literal(true), preferredPhoneId: Id.nullable() }),
  },

  // ---------- sync with the team hub ----------
  'sync.status': { input: Empty, output: SyncStatus },
  /** Log in to a hub (the desk keeps a token, never the password) and start syncing. */
  'sync.connect': {
    input: z.object({ hubUrl: z.string().url().max(200), username: z.string().trim().min(1).max(64), password: z.string().min(1).max(256) }),
    output: SyncStatus,
  },
  /** Back to local-only; refused while work is unsynced (rule sync.pendingWork). */
  'sync.disconnect': { input: Empty, output: SyncStatus },
  /** Sync now (also runs after each change, on a timer and when the network returns). */
  'sync.now': { input: Empty, output: SyncStatus },
  /** What has not reached the hub yet. */
  'sync.unsynced': { input: Empty, output: z.object({ items: z.array(UnsyncedItem) }) },
  /** The unsynced work as a JSON document the agent can save and hand to IT. */
  'sync.exportUnsynced': { input: Empty, output: z.object({ fileName: z.string(), json: z.string() }) },
  'sync.rejections': { input: Empty, output: z.object({ items: z.array(RejectionView) }) },
  /** A lead's desk hosts the team hub in-process (SQLite in the app's data folder). */
  'hub.host': {
    input: z.object({
      enabled: z.boolean(),
      port: z.number().int().min(1024).max(65535).optional(),
      /**
       * The lead's password: with it the hosted hub gets the lead's account (if new) and this desk
       * connects to it at 127.0.0.1 at once. Used for that login only, never stored.
       */
      password: z.string().min(1).max(256).optional(),
    }),
    output: SyncStatus,
  },

  // ---------- the lead's assignment view (role lead) ----------
  'lead.agents': { input: Empty, output: z.object({ agents: z.array(LeadAgent) }) },
  'lead.cases': {
    input: z.object({
      agentId: z.union([Id, z.literal('unassigned')]).optional(),
      search: z.string().trim().max(64).optional(),
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(500).default(100),
    }),
    output: z.object({ items: z.array(LeadCase), total: z.number().int() }),
  },
  'lead.assign': {
    input: z.object({ caseIds: z.array(Id).min(1).max(1000), agentId: Id.nullable() }),
    output: z.object({ assigned: z.number().int() }),
  },
  /** Open conflicts first (oldest first), then the recently resolved. */
  'lead.conflicts': { input: Empty, output: z.object({ items: z.array(LeadConflict), open: z.number().int() }) },
  /** Record the lead's decision on the hub (needs the hub: it is the team's record). */
  'lead.resolveConflict': {
    input: z.object({ conflictId: Id, resolution: z.string().trim().min(1).max(1000) }),
    output: z.object({ conflict: LeadConflict }),
  },

  /** The agent's next pending follow-up (for the countdown) and how many are due now. */
  'followup.next': {
    input: Empty,
    output: z.object({ next: FollowUpDue.nullable(), dueCount: z.number().int() }),
  },
} as const;

export type Contract = typeof contract;
export type RouteName = keyof Contract;
export type RouteInput<R extends RouteName> = z.input<Contract[R]['input']>;
export type RouteOutput<R extends RouteName> = z.output<Contract[R]['output']>;

// ---------- events pushed from the core to the renderer ----------

export const events = {
  /** A follow-up fell due: notify the agent and lift the case to the top. */
  'followup.due': FollowUpDue,
  /** Sync state changed (online/offline, pending count, last sync, rejections). */
  'sync.status': SyncStatus,
  /** The queue order changed (save, payment, promise broken, due item). */
  'queue.changed': z.object({ reason: z.string() }),
  /**
   * Host-only (never emitted by the core): the agent clicked a follow-up's desktop
   * notification; the renderer opens that case.
   */
  'case.open': z.object({ caseId: Id }),
  /**
   * Host-only: the agent picked a language in the application menu; the renderer switches
   * its i18n and persists it with settings.update.
   */
  'locale.changed': z.object({ locale: Locale }),
} as const;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.output<Events[E]>;

// ---------- results and errors ----------

export const ErrorCode = z.enum([
  'UNKNOWN_ROUTE',
  'INVALID_INPUT',
  'UNAUTHENTICATED',
  'BAD_CREDENTIALS',
  'NOT_FOUND',
  'FORBIDDEN',
  'VALIDATION', // a business rule: field + params say which and why
  'INTERNAL',
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const DeskError = z.object({
  code: ErrorCode,
  /** English fallback; the renderer translates `errors.<code>` / `rules.<rule>` through i18n. */
  message: z.string(),
  /** Dotted path of the offending field, e.g. "ptp.amountFen". */
  field: z.string().optional(),
  /** Which business rule failed, e.g. "ptp.amountAboveBalance". */
  rule: z.string().optional(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});
export type DeskError = z.infer<typeof DeskError>;

export type Result<T> = { ok: true; value: T } | { ok: false; error: DeskError };

/** What both hosts expose to the renderer as window.desk. */
export interface DeskApi {
  invoke<R extends RouteName>(route: R, input: RouteInput<R>): Promise<Result<RouteOutput<R>>>;
  on<E extends EventName>(event: E, cb: (payload: EventPayload<E>) => void): () => void;
}

export const isRouteName = (name: unknown): name is RouteName =>
  typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name);

/** Validate raw input for a route; used by the core, the IPC helper and the web-host alike. */
export function parseInput<R extends RouteName>(route: R, raw: unknown): Result<z.output<Contract[R]['input']>> {
  const parsed = contract[route].input.safeParse(raw ?? {});
  if (parsed.success) return { ok: true, value: parsed.data as z.output<Contract[R]['input']> };
  const issue = parsed.error.issues[0];
  return {
    ok: false,
    error: {
      code: 'INVALID_INPUT',
      message: `${route}: ${issue?.path.join('.') || 'input'}: ${issue?.message ?? 'invalid'}`,
      field: issue?.path.join('.') || undefined,
    },
  };
}
