import type { reportRoutes } from '../../../shared/contract/reports';
import { nextPeriod } from '../../../shared/reports/periods';
import { reportLabels } from '../../../shared/reports/labels';
import type { ReportScope } from '../../../shared/reports/model';
import { requireAgent, nowIso, type Ctx } from '../context';
import { forbidden } from '../errors';
import type { DeskRuntime, Handlers } from '../runtime';
import { exportReport } from '../../../node-shared/reports/export';
import { writeNote } from './notes';
import { buildPlan } from './plan';
import { readAgent, readTeamAgents } from './records';
import { buildSummary, type ReportClock } from './summary';

/** An agent sees their own plans and summaries; a lead (or admin) any agent's and the team's. */
function allowed(ctx: Ctx, scope: ReportScope): void {
  const { agent, agentId } = requireAgent(ctx);
  if (agent.role !== 'agent') return;
  if (scope.kind === 'team' || Number(scope.agentId) !== agentId) throw forbidden('an agent sees only their own plans and summaries', 'lead.only');
}

const clockOf = (rt: DeskRuntime): ReportClock => ({ today: rt.core.today(), now: rt.clock(), settings: rt.core.ctx.settings() });
const team = (rt: DeskRuntime): string => reportLabels(rt.core.ctx.settings().locale).team;

export const reportHandlers = (rt: DeskRuntime): Handlers<keyof typeof reportRoutes> => ({
  'reports.agents': () => {
    const { ctx } = rt.core;
    const { agent, agentId } = requireAgent(ctx);
    if (agent.role === 'agent') {
      const me = readAgent(ctx, agentId);
      return me ? [{ id: String(me.id), name: me.name }] : [];
    }
    return readTeamAgents(ctx).map((a) => ({ id: String(a.id), name: a.name }));
  },
  'reports.summary': (i) => {
    allowed(rt.core.ctx, i.scope);
    return buildSummary(rt.core.ctx, i.scope, i.from, i.to, clockOf(rt), team(rt));
  },
  'reports.plan': (i) => {
    allowed(rt.core.ctx, i.scope);
    return buildPlan(rt.core.ctx, i.scope, i.from, i.to, clockOf(rt), team(rt));
  },
  'reports.saveNotes': (i) => {
    const { ctx } = rt.core;
    allowed(ctx, i.scope);
    const by = requireAgent(ctx).agentId;
    const now = nowIso(ctx);
    ctx.db.transaction(() => {
      if (i.reflection !== undefined || i.commitments !== undefined) {
        writeNote(ctx, i.scope, i.from, i.to, { ...(i.reflection !== undefined ? { reflection: i.reflection } : {}), ...(i.commitments !== undefined ? { commitments: i.commitments } : {}) }, now, by);
      }
      if (i.nextCommitments !== undefined) {
        const next = nextPeriod(i.from, i.to);
        writeNote(ctx, i.scope, next.from, next.to, { commitments: i.nextCommitments }, now, by);
      }
    })();
    return { ok: true as const };
  },
  'reports.export': async (i) => {
    const { ctx } = rt.core;
    allowed(ctx, i.scope);
    const teamName = reportLabels(i.locale).team;
    const file = i.doc === 'summary'
      ? await exportReport({ kind: 'summary', data: buildSummary(ctx, i.scope, i.from, i.to, clockOf(rt), teamName) }, i.format, i.locale)
      : await exportReport({ kind: 'plan', data: buildPlan(ctx, i.scope, i.from, i.to, clockOf(rt), teamName) }, i.format, i.locale);
    return { fileName: file.fileName, mime: file.mime, base64: file.bytes.toString('base64') };
  },
});
