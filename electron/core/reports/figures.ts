/**
 * A scope's records for a period and the figures computed from them (shared/domain/kpi.ts):
 * calls, connected, right party, promises made and kept, recovered. The summary, the plan's
 * progress, the command line's --format json and the bench all go through here.
 */
import { periodFigures, type KpiPayment } from '../../../shared/domain/kpi';
import type { ReportFigures } from '../../../shared/reports/model';
import {
  periodInstants, readAttempts, readCodes, readPayments, readPromises,
  type AttemptRec, type CodeInfo, type PaymentRec, type PromiseRec, type ReadCtx,
} from './records';
import type { ReportClock } from './summary';

export interface PeriodRecords {
  attempts: AttemptRec[];
  promises: PromiseRec[];
  /** Payments from the earliest promise's date (they decide promises) to the period's end. */
  allPayments: PaymentRec[];
  /** The same as KPI payments, inScope = credited to this scope. */
  payments: KpiPayment[];
  figures: ReportFigures;
}

/** The period's attempts and promises of a scope (agentId null: the team), and the payments that decide them. */
export function readRecords(ctx: ReadCtx, agentId: number | null, from: string, to: string, c: ReportClock, codes: Map<string, CodeInfo>): Pick<PeriodRecords, 'attempts' | 'promises' | 'allPayments'> {
  const { start, end } = periodInstants(from, to, c.settings.timeZone);
  const attempts = readAttempts(ctx, codes, start, end, agentId);
  const promises = readPromises(ctx, from, to, c.settings.ptpGraceDays, agentId);
  let lo = from;
  for (const p of promises) if (p.createdDate < lo) lo = p.createdDate;
  return { attempts, promises, allPayments: readPayments(ctx, lo, to) };
}

/** agentId null: the team. A payment is the scope's recovery when it is credited to the agent (recorded by them, else their case). */
export function readPeriod(ctx: ReadCtx, agentId: number | null, from: string, to: string, c: ReportClock, codes: Map<string, CodeInfo> = readCodes(ctx)): PeriodRecords {
  const { attempts, promises, allPayments } = readRecords(ctx, agentId, from, to, c, codes);
  const payments = allPayments.map((p) => ({ caseId: p.caseId, amountFen: p.amountFen, paidDate: p.paidDate, inScope: agentId === null || p.creditedTo === agentId }));
  const figures = periodFigures({
    period: { from, to }, today: c.today, graceDays: c.settings.ptpGraceDays, timeZone: c.settings.timeZone, attempts, promises, payments,
  });
  return { attempts, promises, allPayments, payments, figures };
}

export function buildSummaryFigures(ctx: ReadCtx, agentId: number | null, from: string, to: string, c: ReportClock, codes?: Map<string, CodeInfo>): ReportFigures {
  return readPeriod(ctx, agentId, from, to, c, codes).figures;
}
