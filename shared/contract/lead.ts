/** The lead's assignment view and conflicts (role lead or admin). */
import { z } from 'zod';
import { BucketId, CaseStatus, Fen, Id, Instant, LocalDate, Role } from '../domain/enums';
import { ConflictDecision } from '../domain/late-work';
import { Empty, route } from './route';

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

/** Cases an assignment moves, grouped by their current holder (null: unassigned), and those already with the target. */
export const AssignPlan = z.object({
  moving: z.array(z.object({ fromAgentId: Id.nullable(), fromName: z.string().nullable(), count: z.number().int() })),
  unchanged: z.number().int(),
  missing: z.number().int(),
});
export type AssignPlan = z.infer<typeof AssignPlan>;

/** A change the hub could not merge (see hub push), as the lead reviews it. */
export const LeadConflict = z.object({
  id: Id,
  /** What was refused: a ConflictKind (shared/domain/late-work), or a newer hub's kind shown as is. */
  kind: z.string(),
  caseId: Id.nullable(),
  debtorName: z.string().nullable(),
  /** The agent whose change it was, 'name（工号）'. */
  agentName: z.string().nullable(),
  /** For state machines: the change the desk asked for, and the state the hub holds. */
  wanted: z.object({ from: z.string(), to: z.string() }).nullable(),
  hubState: z.string().nullable(),
  /** A former holder's late promise (amount, dueDate) or payment (amount, paidDate), handed in after the case was reassigned. */
  late: z.object({ amountFen: Fen, dueDate: LocalDate.nullable(), paidDate: LocalDate.nullable() }).nullable(),
  /**
   * What the lead needs to judge a promise change, from this desk's copy of the team's rows: the
   * promise (amount, due date, state, paid), the case's payments from the promise's date on (who
   * recorded them) and a newer promise that replaced it.
   */
  context: z
    .object({
      promise: z.object({ amountFen: Fen, dueDate: LocalDate, createdDate: LocalDate, state: z.string(), paidFen: Fen }).nullable(),
      payments: z.array(z.object({ amountFen: Fen, paidDate: LocalDate, recordedBy: z.string().nullable() })),
      newerPromise: z.object({ amountFen: Fen, dueDate: LocalDate, createdDate: LocalDate, state: z.string() }).nullable(),
    })
    .nullable(),
  /** The lead may accept (apply it now, checked against the case as it is) or discard it. */
  decidable: z.boolean(),
  /** When the agent made the change (desk clock, display only), and when the hub refused it. */
  at: Instant,
  createdAt: Instant,
  resolvedAt: Instant.nullable(),
  resolvedBy: z.string().nullable(),
  resolution: z.string().nullable(),
  /** The lead's decision as the hub keeps it (null: a note only). */
  decision: z.enum(['accept', 'discard']).nullable(),
});
export type LeadConflict = z.infer<typeof LeadConflict>;

export const leadRoutes = {
  'lead.agents': route({ access: 'lead', input: Empty, output: z.object({ agents: z.array(LeadAgent) }) }),
  'lead.cases': route({
    access: 'lead',
    input: z.object({
      agentId: z.union([Id, z.literal('unassigned')]).optional(),
      search: z.string().trim().max(64).optional(),
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(500).default(100),
    }),
    output: z.object({ items: z.array(LeadCase), total: z.number().int() }),
  }),
  /** What an assignment would move, and from whom (the lead confirms before anything moves). */
  'lead.assignPreview': route({
    access: 'lead',
    input: z.object({ caseIds: z.array(Id).min(1).max(1000), agentId: Id.nullable() }),
    output: AssignPlan,
  }),
  'lead.assign': route({
    access: 'lead',
    input: z.object({ caseIds: z.array(Id).min(1).max(1000), agentId: Id.nullable() }),
    /** assigned: cases that moved; the plan says from whom (cases already with the agent stay as they are). */
    output: z.object({ assigned: z.number().int(), plan: AssignPlan }),
  }),
  /** Open conflicts first (oldest first), then the recently resolved. */
  'lead.conflicts': route({ access: 'lead', input: Empty, output: z.object({ items: z.array(LeadConflict), open: z.number().int() }) }),
  /**
   * Clear a case's hold (dispute/complaint): back to its holder's queue (shared/domain/case-hold).
   * Done here at once, audited, and pushed as case.clearHold; the hub checks it again.
   */
  'lead.clearHold': route({
    access: 'lead',
    input: z.object({ caseId: Id, reason: z.string().trim().min(2).max(500) }),
    output: z.object({ caseId: Id, status: z.string() }),
  }),
  /** Set or clear the debtor's own time zone (IANA name; null: the team's), used by the quiet hours; pushed as case.setTimeZone. */
  'lead.setCaseTimeZone': route({
    access: 'lead',
    input: z.object({ caseId: Id, timeZone: z.string().trim().max(64).nullable() }),
    output: z.object({ caseId: Id, timeZone: z.string().nullable() }),
  }),
  /** Record the lead's decision on the hub (needs the hub: it is the team's record); `accept` applies late work there. */
  'lead.resolveConflict': route({
    access: 'lead',
    input: z.object({ conflictId: Id, resolution: z.string().trim().min(1).max(1000), decision: ConflictDecision.optional() }),
    output: z.object({ conflict: LeadConflict }),
  }),
};
