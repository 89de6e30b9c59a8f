/** The lead's dashboard (看板) and the agent's progress against their own targets (shared/domain/kpi.ts, targets.ts). */
import { z } from 'zod';
import { Fen, Id, LocalDate } from '../domain/enums';
import { Empty, route } from './route';

export const DashboardPeriod = z.enum(['day', 'week', 'month', 'range']);
export type DashboardPeriod = z.infer<typeof DashboardPeriod>;

const Rate = z.number().nullable(); // null: nothing to divide by (shown as "—")
const TargetValue = z.number().nullable(); // null: no target set

/** The targets that apply to a row over the period (null: none set). */
export const DashboardTargets = z.object({ calls: TargetValue, rightParty: TargetValue, ptpFen: TargetValue, recoveredFen: TargetValue, recoveryPct: TargetValue });
export type DashboardTargets = z.infer<typeof DashboardTargets>;

/** One row of figures: the team's or one agent's, over the period. */
export const DashboardFigures = z.object({
  /** Dial attempts (phone 催记). */
  calls: z.number().int(),
  connected: z.number().int(),
  rightParty: z.number().int(),
  /** Promises made in the period and their sum. */
  ptps: z.number().int(),
  ptpFen: Fen,
  /** Promises due in the period and decided; of them kept. */
  due: z.number().int(),
  keptOfDue: z.number().int(),
  /** Payments dated in the period on the cases held; the balance those cases held when the period began. */
  recoveredFen: Fen,
  assignedFen: Fen,
  contactRate: Rate,
  rpcRate: Rate,
  ptpRate: Rate,
  keptRate: Rate,
  recoveryRate: Rate,
  targets: DashboardTargets,
  /** Compliance beside money (shared/domain/compliance.ts): dials outside the contact rules and their share, complaints, lead overrides. */
  compliance: z.object({ violations: z.number().int(), violationShare: Rate, complaints: z.number().int(), overrides: z.number().int() }),
});
export type DashboardFigures = z.infer<typeof DashboardFigures>;

export const DashboardAgentRow = DashboardFigures.extend({ agentId: Id, displayName: z.string(), agentNo: z.string() });
export type DashboardAgentRow = z.infer<typeof DashboardAgentRow>;

export const RecoveryGroupRow = z.object({ key: z.string(), label: z.string(), cases: z.number().int(), assignedFen: Fen, recoveredFen: Fen, rate: Rate });
export type RecoveryGroupRow = z.infer<typeof RecoveryGroupRow>;

export const RollRateRow = z.object({ bucket: z.enum(['M0', 'M1', 'M2', 'M3', 'M4P']), start: z.number().int(), rolled: z.number().int(), cured: z.number().int(), rate: Rate });
export type RollRateRow = z.infer<typeof RollRateRow>;

export const DashboardDay = z.object({ date: LocalDate, calls: z.number().int(), connected: z.number().int(), rightParty: z.number().int(), ptpFen: Fen, recoveredFen: Fen });
export type DashboardDay = z.infer<typeof DashboardDay>;

export const DashboardInput = z.object({
  period: DashboardPeriod,
  /** The day the period holds (default: today in the desk's zone); for 'range' the first day. */
  date: LocalDate.optional(),
  /** The last day of a 'range' (at most 92 days after `date`). */
  to: LocalDate.optional(),
}).strict();

export const Dashboard = z.object({
  period: DashboardPeriod,
  from: LocalDate,
  to: LocalDate,
  today: LocalDate,
  team: DashboardFigures,
  agents: z.array(DashboardAgentRow),
  byBatch: z.array(RecoveryGroupRow),
  byBucket: z.array(RecoveryGroupRow),
  roll: z.array(RollRateRow),
  daily: z.array(DashboardDay),
  /** How long the query took on this desk (ms), for the lead's confidence and the bench. */
  tookMs: z.number(),
});
export type Dashboard = z.infer<typeof Dashboard>;

/** The signed-in user's figures for today against their own day targets (the top bar). */
export const MyProgress = z.object({
  today: LocalDate,
  calls: z.number().int(),
  ptpFen: Fen,
  recoveredFen: Fen,
  targets: z.object({ calls: TargetValue, ptpFen: TargetValue, recoveredFen: TargetValue }),
});
export type MyProgress = z.infer<typeof MyProgress>;

export const dashboardRoutes = {
  'dashboard.get': route({ access: 'lead', input: DashboardInput, output: Dashboard }),
  /** The dashboard's tables as an XLSX workbook (base64), formula-leading cells escaped. */
  'dashboard.exportXlsx': route({ access: 'lead', input: DashboardInput.extend({ locale: z.enum(['zh-CN', 'en']).default('zh-CN') }), output: z.object({ fileName: z.string(), base64: z.string() }) }),
  'dashboard.myProgress': route({ access: 'agent', input: Empty, output: MyProgress }),
};
