/**
 * The mutations a desk pushes to the hub (shared/sync.ts "Push"): one registry of names and
 * their argument schemas. The desk's outbox writer accepts only a (name, args) pair of it and
 * the hub keeps one applier per name, so both sides agree on every mutation's shape.
 */
import { z } from 'zod';
import { Channel, Fen, Instant, LocalDate, Party, PhoneKind, PromiseState, Relation, ScenarioId } from './domain/enums';
import { VISIT_ADDRESS_MAX } from './domain/channel-rules';
import { TimeZone } from './domain/settings';
import { CONTACT_NAME_MAX, PHONE_INPUT_MAX, PhoneMark } from './domain/phone-entry';
import { DeviceRowId, HubId } from './sync-ids';
import { PaymentChannel } from './domain/payment-channel';
import { VerifyDecision } from './domain/payment-verify';

/** What a call record (催记) says, the same for the desk's attempt.save route and the mutation it pushes. */
export const ATTEMPT_RECORD_FIELDS = {
  clientRequestId: z.string().min(8).max(64), // a double-submitted save stores once
  channel: Channel,
  party: Party,
  outcomeCode: z.string().min(1).max(32),
  note: z.string().max(4000),
  callStartedAt: Instant.nullable(),
  durationSec: z.number().int().min(0).max(86_400),
  claimedPaidDate: LocalDate.nullable(),
  /** What the softphone returned for this call (issue 9: click-to-dial); absent from older desks. */
  recordingRef: z.string().trim().min(1).max(200).nullable().optional(),
  stepsDone: z.array(z.string().max(64)).max(50),
  scenario: ScenarioId.nullable(),
  /** 外访地址 of a visit (shared/domain/channel-rules); optional: desks before issue 9 do not send it. */
  visitAddress: z.string().max(VISIT_ADDRESS_MAX * 2).nullable().optional(),
};

export const AttemptSaveArgs = z.object({
  attemptId: DeviceRowId,
  caseId: HubId,
  phoneId: HubId.nullable(),
  ...ATTEMPT_RECORD_FIELDS,
  at: Instant,
  promise: z.object({ id: DeviceRowId, amountFen: Fen.positive(), dueDate: LocalDate, createdDate: LocalDate }).nullable(),
  followUp: z.object({ id: DeviceRowId, dueAt: Instant, reason: z.string().max(200).nullable() }).nullable(),
  /** What the desk did to the dialled number; the hub re-derives it from the outcome code. */
  phoneLock: z.enum(['invalid', 'do_not_call']).nullable(),
  /** The lead's one-call override the desk used (issue 11); the hub checks it is open on this case and number. */
  overrideId: DeviceRowId.nullable().optional(),
});

export const PaymentRecordArgs = z.object({
  paymentId: DeviceRowId,
  caseId: HubId,
  amountFen: Fen.positive(),
  paidDate: LocalDate,
  source: z.literal('agent'),
  at: Instant,
  /** Issue 9 (absent from older desks): channel, transaction number (the hub checks it again), and whether the debtor only claims it (待核实). */
  channel: PaymentChannel.nullable().optional(),
  txnNo: z.string().max(64).nullable().optional(),
  claimed: z.boolean().optional(),
});

/** Lead only (issue 9): confirm or reject a claimed payment; the hub checks the role, the team and that it is still unverified. */
export const PaymentVerifyArgs = z.object({
  paymentId: z.string().min(1).max(64),
  caseId: HubId,
  decision: VerifyDecision,
  reason: z.string().max(500).nullable(),
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

/** Lead only (issue 11): one call on a case's number may go through a contact-rule block, with a written reason. */
export const ContactOverrideArgs = z.object({
  overrideId: DeviceRowId, caseId: HubId, phoneId: HubId, reason: z.string().trim().min(4).max(500), at: Instant,
});

/**
 * Agent-owned (issue 9): a number the debtor gave, the debtor's own or a new contact's. The desk
 * names the new rows with UUIDs (phoneKey, contact.key); the hub gives them its ids and sends the
 * keys back on the pulled rows, so the desk swaps its provisional rows for the hub's.
 * The hub checks the number and name again (shared/domain/phone-entry) and refuses a duplicate.
 */
export const PhoneAddArgs = z.object({
  phoneKey: DeviceRowId,
  caseId: HubId,
  number: z.string().min(1).max(PHONE_INPUT_MAX),
  kind: PhoneKind,
  contact: z.object({ key: DeviceRowId, name: z.string().max(CONTACT_NAME_MAX * 2), relation: Relation }).nullable(),
  at: Instant,
});

/**
 * Agent-owned (issue 9): a number marked 空号 / 停机 / 非本人 by hand; it becomes invalid (do-not-call
 * stays). `mark` null: the hand mark is withdrawn (shared/domain/phone-entry phoneAfterMark).
 */
export const PhoneMarkArgs = z.object({ caseId: HubId, phoneId: HubId, mark: PhoneMark.nullable(), at: Instant });

/** An outbound SMS or letter (issue 11): the hub re-checks holder, wording, amounts, length and contact rules. */
export const MessageSendArgs = z.object({
  messageId: DeviceRowId,
  caseId: HubId,
  phoneId: HubId.nullable(),
  channel: z.enum(['sms', 'letter']),
  templateId: z.string().min(1).max(40),
  party: z.enum(['self', 'co_borrower', 'guarantor', 'third_party']),
  destination: z.string().max(200), // masked: the hub keeps no more than the desk shows
  subject: z.string().max(100),
  content: z.string().min(1).max(8000),
  status: z.enum(['recorded', 'sent', 'failed']),
  gateway: z.string().max(40),
  at: Instant,
});
/** Lead only (issue 11): a case on hold (dispute/complaint) goes back to its holder's queue; the hub re-checks the hold. */
export const CaseClearHoldArgs = z.object({ caseId: HubId, reason: z.string().trim().min(2).max(500), at: Instant });

/** Lead only (issue 11): the debtor's own IANA zone for the quiet hours (null: the team's). Hub-owned, last write wins. */
export const CaseSetTimeZoneArgs = z.object({ caseId: HubId, timeZone: TimeZone.nullable(), at: Instant });

const SCHEMAS = {
  'attempt.save': AttemptSaveArgs,
  'payment.record': PaymentRecordArgs,
  'payment.verify': PaymentVerifyArgs,
  'promise.transition': PromiseTransitionArgs,
  'case.setPreferredPhone': CaseSetPreferredPhoneArgs,
  'case.assign': CaseAssignArgs,
  'contact.override': ContactOverrideArgs,
  'phone.add': PhoneAddArgs,
  'phone.mark': PhoneMarkArgs,
  'message.send': MessageSendArgs,
  'case.clearHold': CaseClearHoldArgs,
  'case.setTimeZone': CaseSetTimeZoneArgs,
} as const;
type Schemas = typeof SCHEMAS;

export type MutationName = keyof Schemas;
/** Each mutation's args as validated (what the hub applies). */
export type MutationArgsMap = { [N in MutationName]: z.output<Schemas[N]> };
/** Each mutation's args as written (what the desk's outbox accepts). */
export type MutationInputMap = { [N in MutationName]: z.input<Schemas[N]> };
export type MutationArgs<N extends MutationName> = MutationArgsMap[N];
export type MutationInput<N extends MutationName> = MutationInputMap[N];

/**
 * The registry, typed as a map over the names: indexed with a generic `N extends MutationName`
 * it gives that mutation's schema, so `MUTATION_ARGS[name].safeParse(x)` yields `MutationArgs<N>`.
 */
export const MUTATION_ARGS: { readonly [N in MutationName]: z.ZodType<MutationArgs<N>, MutationInput<N>> } = SCHEMAS;

export const isMutationName = (n: unknown): n is MutationName =>
  typeof n === 'string' && Object.prototype.hasOwnProperty.call(MUTATION_ARGS, n);

const named = <N extends MutationName>(name: N) => z.object({ name: z.literal(name), args: SCHEMAS[name] });
/**
 * A mutation's name with its validated args, as one discriminated union: narrowing on `name`
 * narrows `args` (the hub parses each pushed mutation once, with this).
 */
export const NamedMutation = z.discriminatedUnion('name', [
  named('attempt.save'),
  named('payment.record'),
  named('payment.verify'),
  named('promise.transition'),
  named('case.setPreferredPhone'),
  named('case.assign'),
  named('contact.override'),
  named('phone.add'),
  named('phone.mark'),
  named('message.send'),
  named('case.clearHold'),
  named('case.setTimeZone'),
]);
export type NamedMutation = z.output<typeof NamedMutation>;
// Every registered name is in the union (a name added to the registry alone fails to compile here).
const _everyName: Exclude<MutationName, NamedMutation['name']> extends never ? true : never = true;
