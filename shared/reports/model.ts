/**
 * Work plans and summaries (工作计划 / 工作总结): the data a document is written from. The desk
 * core fills these from its database (electron/core/reports), the renderer shows them, and
 * `document.ts` turns them into a neutral document model the DOCX, PDF and XLSX writers print.
 */
import { PaymentChannel } from '../domain/payment-channel';
import { z } from 'zod';
import { Fen, Id, Instant, LocalDate, Locale } from '../domain/enums';

export const ReportScope = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('agent'), agentId: Id }).strict(),
  z.object({ kind: z.literal('team') }).strict(),
]);
export type ReportScope = z.infer<typeof ReportScope>;

export const PeriodKind = z.enum(['day', 'week', 'month', 'range']);
export type PeriodKind = z.infer<typeof PeriodKind>;

const Rate = z.number().nullable();
export const ReportFigures = z.object({
  attempts: z.number().int(),
  calls: z.number().int(),
  connected: z.number().int(),
  rightParty: z.number().int(),
  casesWorked: z.number().int(),
  ptps: z.number().int(),
  ptpFen: Fen,
  kept: z.number().int(),
  keptFen: Fen,
  due: z.number().int(),
  keptOfDue: z.number().int(),
  brokenOfDue: z.number().int(),
  recoveredFen: Fen,
  payments: z.number().int(),
  contactRate: Rate,
  rpcRate: Rate,
  ptpRate: Rate,
  keptRate: Rate,
});
export type ReportFigures = z.infer<typeof ReportFigures>;

/** Where a payment is credited: the channel of the case's last attempt on or before it; 诉讼 cases go to legal. */
export const RecoveryChannel = z.enum(['phone', 'sms', 'letter', 'visit', 'email', 'legal', 'unattributed']);
export type RecoveryChannel = z.infer<typeof RecoveryChannel>;

export const ProblemCategory = z.enum(['unreachable', 'unwilling', 'unable', 'dispute', 'deceased']);
export type ProblemCategory = z.infer<typeof ProblemCategory>;

export const ReportCaseRef = z.object({
  caseId: Id,
  debtorName: z.string(),
  accountMasked: z.string(),
  overdueFen: Fen,
  agentName: z.string().nullable(),
});
export type ReportCaseRef = z.infer<typeof ReportCaseRef>;

export const TargetLine = z.object({
  metric: z.string(),
  value: z.number(),
  /** The period's actual figure for the metric (null when it has no figure here). */
  actual: z.number().nullable(),
});
export type TargetLine = z.infer<typeof TargetLine>;

export const SummaryData = z.object({
  scope: ReportScope,
  /** 'name（工号）' of the agent, or the team. */
  scopeName: z.string(),
  periodKind: PeriodKind,
  from: LocalDate,
  to: LocalDate,
  timeZone: z.string(),
  generatedAt: Instant,
  figures: ReportFigures,
  byChannel: z.array(z.object({ channel: RecoveryChannel, amountFen: Fen, payments: z.number().int() })),
  targets: z.array(TargetLine),
  /** The plan's commitments for this period (what was promised). */
  commitments: z.array(z.string()),
  problems: z.array(z.object({
    category: ProblemCategory,
    count: z.number().int(),
    cases: z.array(ReportCaseRef.extend({ outcomeCode: z.string(), at: Instant })),
  })),
  largestPayments: z.array(ReportCaseRef.extend({ amountFen: Fen, paidDate: LocalDate, payChannel: PaymentChannel.nullable().default(null), txnNo: z.string().nullable().default(null) })),
  keptPromises: z.array(ReportCaseRef.extend({ amountFen: Fen, dueDate: LocalDate, keptOn: LocalDate })),
  /** Per agent (team summaries); empty for an agent's own. */
  agents: z.array(z.object({ agentId: Id, name: z.string(), figures: ReportFigures })),
  reflection: z.string(),
  /** The next period and its commitments: saving them makes them the next plan's. */
  next: z.object({ from: LocalDate, to: LocalDate, commitments: z.array(z.string()) }),
});
export type SummaryData = z.infer<typeof SummaryData>;

export const WorkKind = z.enum(['followup', 'ptpDue', 'broken', 'new']);
export type WorkKind = z.infer<typeof WorkKind>;

export const PlanData = z.object({
  scope: ReportScope,
  scopeName: z.string(),
  periodKind: PeriodKind,
  from: LocalDate,
  to: LocalDate,
  timeZone: z.string(),
  generatedAt: Instant,
  targets: z.array(TargetLine),
  commitments: z.array(z.string()),
  /** The worklist of `workDay` in order: due follow-ups and PTPs, broken promises, new cases. */
  workDay: LocalDate,
  worklist: z.array(ReportCaseRef.extend({
    kind: WorkKind,
    /** Follow-up time, or the PTP's due date, when there is one. */
    due: z.string().nullable(),
    amountFen: Fen.nullable(),
    /** Best contact hours learned from answered calls, e.g. ['19:00–20:00']; empty when unknown. */
    bestHours: z.array(z.string()),
  })),
  /** Progress so far in the period, live. */
  progress: ReportFigures,
});
export type PlanData = z.infer<typeof PlanData>;

export const DocFormat = z.enum(['docx', 'pdf', 'xlsx']);
export type DocFormat = z.infer<typeof DocFormat>;
export { Locale as ReportLocale };

/** Commitments are short lines the user writes; bounded so one paste cannot bloat the database. */
export const Commitments = z.array(z.string().trim().min(1).max(200)).max(30);
export const Reflection = z.string().max(20_000);
