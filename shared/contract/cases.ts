import { PaymentChannel } from '../domain/payment-channel';
import { PaymentVerification } from '../domain/payment-verify';
import { z } from 'zod';
import {
  BucketId, CaseStatus, CaseTag, Channel, Fen, Id, Instant, LocalDate, Party, PaymentSource, PhoneKind, PhoneOwner,
  PhoneStatus, Product, PromiseState, Relation,
} from '../domain/enums';
import { PhoneMark } from '../domain/phone-entry';
import { MessageChannel } from '../domain/message-templates';
import { MessageParty, MessageStatus } from './messages';
import { NoteDraft } from './notes';
import { route } from './route';

export const PhoneView = z.object({
  id: Id,
  owner: PhoneOwner,
  kind: PhoneKind,
  contactId: Id.nullable(),
  numberMasked: z.string(),
  status: PhoneStatus,
  /** Why an agent marked it bad (空号/停机/非本人), null when nobody did (issue 9). */
  mark: PhoneMark.nullable().optional(),
  /** Added on this desk and not yet confirmed by the hub: it cannot be dialled or marked yet. */
  pending: z.boolean().optional(),
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
  /** The debtor's own time zone for the quiet hours (null or absent: the team's). */
  timeZone: z.string().nullable().optional(),
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
    /** 外访地址 of a visit (issue 9). */
    visitAddress: z.string().nullable().optional(),
    /** The softphone's recording reference of the call (click-to-dial), when it returned one. */
    recordingRef: z.string().nullable().default(null),
  }),
  z.object({ kind: z.literal('promise'), at: Instant, promise: PromiseView }),
  /** recordedBy: who recorded the payment (an agent's name; null for a creditor feed or 代扣). */
  z.object({
    kind: z.literal('payment'), at: Instant, id: Id, amountFen: Fen, paidDate: LocalDate, source: PaymentSource, recordedBy: z.string().nullable(),
    // issue 9: how it was paid, the bank's number, and whether a lead has verified it (待核实 / 已驳回 count for nothing)
    channel: PaymentChannel.nullable(), txnNo: z.string().nullable(), verification: PaymentVerification, verifyReason: z.string().nullable(),
  }),
  z.object({ kind: z.literal('followup'), at: Instant, followUp: FollowUpView }),
  /** An SMS or letter sent on the case (issue 11): masked destination, the subject and the start of the text. */
  z.object({
    kind: z.literal('message'), id: Id, at: Instant, channel: MessageChannel, status: MessageStatus, party: MessageParty,
    destination: z.string(), subject: z.string(), excerpt: z.string(), agentName: z.string().nullable(),
  }),
]);
export type TimelineEntry = z.infer<typeof TimelineEntry>;

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

export const caseRoutes = {
  'case.get': route({ access: 'agent', input: z.object({ caseId: Id }), output: CaseDetail }),
  /** Show one masked value in clear; every reveal is written to the audit log. */
  'case.reveal': route({
    access: 'agent',
    input: z.object({ caseId: Id, field: z.enum(['idNumber', 'account', 'phone']), phoneId: Id.optional() }),
    output: z.object({ value: z.string() }),
  }),
  /** The agent-owned preferred number of a case (synced as 'case.setPreferredPhone'). */
  'case.setPreferredPhone': route({
    access: 'agent',
    input: z.object({ caseId: Id, phoneId: Id.nullable() }),
    output: z.object({ ok: z.literal(true), preferredPhoneId: Id.nullable() }),
  }),
};
