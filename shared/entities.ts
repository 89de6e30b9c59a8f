/** The rows the hub sends a desk (shared/sync.ts "Pull"): one schema per synced entity. */
import { z } from 'zod';
import { OutcomeCode } from './contract';
import {
  CaseStatus, CaseTag, Channel, Fen, Instant, Locale, LocalDate, Party, PaymentSource, PhoneKind, PhoneOwner,
  PhoneStatus, Product, PromiseState, Relation, Role, ScenarioId,
} from './domain/enums';
import { DeviceId, DeviceRowId, HubId } from './sync-ids';
import { PhoneMark } from './domain/phone-entry';
import { PaymentChannel } from './domain/payment-channel';
import { PaymentVerification } from './domain/payment-verify';

// Text caps, as the desk's mutations have them: a lead's upload (these rows) is bounded input too.
const NAME = 100;
const ADDRESS = 300;

export const AgentRow = z.object({
  id: HubId, username: z.string(), displayName: z.string(), agentNo: z.string(), role: Role, teamId: HubId.nullable(), disabled: z.boolean(),
});
export const DebtorRow = z.object({
  id: HubId, name: z.string().min(1).max(NAME), gender: z.enum(['M', 'F']).nullable(), idNumber: z.string().max(64).nullable(), birthDate: LocalDate.nullable(),
  homeAddress: z.string().max(ADDRESS).nullable(), workAddress: z.string().max(ADDRESS).nullable(), registeredAddress: z.string().max(ADDRESS).nullable(),
  employer: z.string().max(ADDRESS).nullable(),
});
export const ContactRow = z.object({
  id: HubId, debtorId: HubId, name: z.string().max(NAME), relation: Relation, party: z.enum(['related', 'third_party']), refusedContact: z.boolean(),
  /** The desk's key of a contact an agent added (issue 9): that desk swaps its provisional row for this one. */
  clientKey: DeviceRowId.nullable().optional(),
});
export const PhoneRow = z.object({
  id: HubId, debtorId: HubId, contactId: HubId.nullable(), owner: PhoneOwner, kind: PhoneKind, number: z.string().min(5).max(64), status: PhoneStatus,
  /** Issue 9: why an agent marked it bad, and the adding desk's key of a number added by hand. */
  mark: PhoneMark.nullable().optional(), clientKey: DeviceRowId.nullable().optional(),
});
export const BatchRow = z.object({
  id: HubId, batchNo: z.string().max(64), creditor: z.string().max(NAME), entrustDate: LocalDate.nullable(), expiryDate: LocalDate.nullable(), importedAt: Instant,
});
export const CaseRow = z.object({
  id: HubId, debtorId: HubId, batchId: HubId.nullable(), creditor: z.string().max(NAME), product: Product, accountNo: z.string().max(64),
  principalFen: Fen, balanceFen: Fen, overdueFen: Fen, minDueFen: Fen, overdueSince: LocalDate,
  lastPaymentDate: LocalDate.nullable(), lastPaymentFen: Fen.nullable(), entrustDate: LocalDate.nullable(), expiryDate: LocalDate.nullable(),
  status: CaseStatus, tags: z.array(CaseTag).max(20), assignedAgentId: HubId.nullable(),
  preferredPhoneId: HubId.nullable(), // agent-owned
  brokenPromises: z.number().int().nonnegative(), refusals: z.number().int().nonnegative(), attemptCount: z.number().int().nonnegative(),
  lastAttemptAt: Instant.nullable(), lastOutcomeCode: z.string().max(32).nullable(),
  // the debtor's IANA zone (hub migration 10; null: the team's); absent from an older hub
  timeZone: z.string().max(64).nullable().optional(),
});
export const AttemptRow = z.object({
  id: DeviceRowId, clientRequestId: z.string().max(64), caseId: HubId, agentId: HubId, phoneId: HubId.nullable(), channel: Channel, party: Party,
  outcomeCode: z.string().max(32), note: z.string().max(4000), callStartedAt: Instant.nullable(), durationSec: z.number().int(), claimedPaidDate: LocalDate.nullable(),
  stepsDone: z.array(z.string().max(64)).max(50), scenario: ScenarioId.nullable(), at: Instant,
  visitAddress: z.string().max(ADDRESS).nullable().optional(), // 外访地址 (issue 9)
  recordingRef: z.string().max(200).nullable().default(null),
});
export const PromiseRow = z.object({
  id: DeviceRowId, caseId: HubId, attemptId: DeviceRowId.nullable(), agentId: HubId.nullable(), amountFen: Fen, dueDate: LocalDate,
  createdDate: LocalDate, createdAt: Instant, state: PromiseState, paidFen: Fen, stateChangedAt: Instant.nullable(),
});
export const PaymentRow = z.object({
  id: z.string().min(1).max(64), caseId: HubId, amountFen: Fen, paidDate: LocalDate, source: PaymentSource, agentId: HubId.nullable(), createdAt: Instant,
  // issue 9; defaults read an older hub's row
  channel: PaymentChannel.nullable().default(null), txnNo: z.string().max(64).nullable().default(null),
  verification: PaymentVerification.default('verified'), verifiedBy: HubId.nullable().default(null), verifiedAt: Instant.nullable().default(null),
  verifyReason: z.string().max(500).nullable().default(null),
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
  // hub migration 10; absent from an older hub
  decision: z.enum(['accept', 'discard']).nullable().optional(),
});

/** A lead's one-call override of a contact-rule block (issue 11), sent to the case's holder and the leads. */
export const ContactOverrideRow = z.object({
  id: DeviceRowId, caseId: HubId, phoneId: HubId, leadId: HubId, reason: z.string().max(500), createdAt: Instant, usedAt: Instant.nullable(),
});

/** An SMS or letter an agent sent (issue 11), as the hub keeps it (destination masked), sent to the team's leads and the sender's desks. */
export const MessageRow = z.object({
  id: DeviceRowId, caseId: HubId, agentId: HubId, phoneId: HubId.nullable(), channel: z.enum(['sms', 'letter']), templateId: z.string().min(1).max(40),
  party: z.enum(['self', 'co_borrower', 'guarantor', 'third_party']), destination: z.string().max(200), subject: z.string().max(100),
  content: z.string().min(1).max(8000), status: z.enum(['recorded', 'sent', 'failed']), gateway: z.string().max(40), at: Instant,
});

const SCHEMAS = {
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
  contactOverride: ContactOverrideRow,
  message: MessageRow,
} as const;
type Schemas = typeof SCHEMAS;

export type EntityName = keyof Schemas;
export const EntityName = z.enum(Object.keys(SCHEMAS) as [EntityName, ...EntityName[]]);
/** Each entity's row as validated on the desk. */
export type EntityRowMap = { [E in EntityName]: z.output<Schemas[E]> };
export type EntityRow<E extends EntityName> = EntityRowMap[E];

/** Typed as a map over the names, so indexing with a generic `E` gives that entity's row type. */
export const ENTITY_ROWS: { readonly [E in EntityName]: z.ZodType<EntityRow<E>> } = SCHEMAS;

/** The key of a row of an entity as it travels in a `del` (outcome codes by code, scripts by locale, settings by key). */
export const entityKey = (entity: EntityName, row: Record<string, unknown>): string =>
  String(entity === 'outcomeCode' ? row.code : entity === 'script' ? row.locale : entity === 'setting' ? row.key : row.id);

/** Validate a pulled row against its entity's schema (the desk does this before applying). */
export function parseRow<E extends EntityName>(entity: E, row: unknown): z.ZodSafeParseResult<EntityRow<E>> {
  return ENTITY_ROWS[entity].safeParse(row);
}
