/** Work plans and summaries (工作计划 / 工作总结): an agent their own, a lead any agent's or the team's. */
import { z } from 'zod';
import { isValidLocalDate, daysBetween } from '../domain/dates';
import { Id, LocalDate, Locale } from '../domain/enums';
import { Commitments, DocFormat, PlanData, Reflection, ReportScope, SummaryData } from '../reports/model';
import { Empty, Ok, route } from './route';

/** A plan or summary covers a year and a bit at most (a month's is the usual longest). */
export const MAX_REPORT_DAYS = 400;

const Query = {
  scope: ReportScope,
  from: LocalDate.refine(isValidLocalDate, 'not a calendar date'),
  to: LocalDate.refine(isValidLocalDate, 'not a calendar date'),
};
const periodOk = (q: { from: string; to: string }): boolean =>
  !isValidLocalDate(q.from) || !isValidLocalDate(q.to) || (q.from <= q.to && daysBetween(q.from, q.to) <= MAX_REPORT_DAYS);
const periodIssue = { message: `"from" must not be after "to", and a period spans at most ${MAX_REPORT_DAYS} days`, path: ['to'] };

export const ReportQuery = z.object(Query).strict().refine(periodOk, periodIssue);

export const reportRoutes = {
  'reports.agents': route({ access: 'agent', input: Empty, output: z.array(z.object({ id: Id, name: z.string() })) }),
  'reports.summary': route({ access: 'agent', input: ReportQuery, output: SummaryData }),
  'reports.plan': route({ access: 'agent', input: ReportQuery, output: PlanData }),
  /** The summary's reflection and next plan (which becomes the next period's plan), or the plan's commitments. */
  'reports.saveNotes': route({
    access: 'agent',
    input: z.object({ ...Query, reflection: Reflection.optional(), commitments: Commitments.optional(), nextCommitments: Commitments.optional() })
      .strict().refine(periodOk, periodIssue),
    output: Ok,
  }),
  'reports.export': route({
    access: 'agent',
    input: z.object({ ...Query, doc: z.enum(['summary', 'plan']), format: DocFormat, locale: Locale }).strict().refine(periodOk, periodIssue),
    output: z.object({ fileName: z.string(), mime: z.string(), base64: z.string() }),
  }),
};
