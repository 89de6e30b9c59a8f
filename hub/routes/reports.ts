/**
 * Work summaries (工作总结) from the hub's own records, for the team's leads (and admins, with
 * `teamId`) — the same rules and writers as the desk and `npm run report`:
 *
 *   GET /v1/reports/summary?scope=team|agent&agentId=&from=YYYY-MM-DD&to=YYYY-MM-DD
 *                          [&format=json|docx|pdf|xlsx][&locale=zh-CN|en][&teamId=]
 *
 * json (the default): the SummaryData (its `figures` are the numbers the document shows);
 * docx, pdf, xlsx: the file, named as the desk names it.
 */
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { isValidLocalDate } from '../../shared/domain/dates';
import { LocalDate, Locale } from '../../shared/domain/enums';
import { DocFormat, type ReportScope } from '../../shared/reports/model';
import { buildSummaryDoc } from '../../shared/reports/document';
import { MIME, writeDoc } from '../../node-shared/reports/export';
import { loadSummary } from '../reports/load';
import { teamOf } from '../teams';
import { HubIdText, parse } from './parse';

/** A summary reads every record of its period: a year at most. */
const MAX_DAYS = 366;
const Day = LocalDate.refine(isValidLocalDate, 'not a calendar date');

export const SummaryQuery = z.object({
  scope: z.enum(['team', 'agent']),
  agentId: HubIdText.optional(),
  from: Day,
  to: Day,
  format: z.union([z.literal('json'), DocFormat]).default('json'),
  locale: Locale.default('zh-CN'),
  teamId: HubIdText.optional(),
}).strict()
  .refine((q) => (q.scope === 'agent') === (q.agentId !== undefined), { path: ['agentId'], message: 'agentId is required for scope=agent and not allowed for scope=team' })
  .refine((q) => q.from <= q.to, { path: ['to'], message: 'to is before from' })
  .refine((q) => Date.parse(`${q.to}T00:00:00Z`) - Date.parse(`${q.from}T00:00:00Z`) < MAX_DAYS * 86_400_000, { path: ['to'], message: `a period is at most ${MAX_DAYS} days` });

export const reportRoutes: FastifyPluginAsync = async (app) => {
  app.get('/summary', { config: { access: 'lead' } }, async (req, reply) => {
    const query = parse(SummaryQuery, req.query);
    const scope: ReportScope = query.agentId === undefined ? { kind: 'team' } : { kind: 'agent', agentId: query.agentId };
    const data = await app.store.read(async (q) => loadSummary(q, await teamOf(q, req.session, query.teamId), scope, query.from, query.to, app.clock()));
    if (query.format === 'json') return data;
    const doc = buildSummaryDoc(data, query.locale);
    const bytes = await writeDoc(doc, query.format);
    return reply
      .header('content-type', MIME[query.format])
      .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(`${doc.fileStem}.${query.format}`)}`)
      .send(bytes);
  });
};
