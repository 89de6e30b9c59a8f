/**
 * A work summary (工作总结) for an agent or the team and a period, from the desk's records: read
 * here, put together by shared/reports/assemble.ts (the hub's summaries go through it too).
 */
import type { Channel } from '../../../shared/domain/enums';
import type { DeskSettings } from '../../../shared/contract';
import { assembleSummary, type SummaryPayment } from '../../../shared/reports/assemble';
import type { RecoveryChannel, ReportScope, SummaryData } from '../../../shared/reports/model';
import { nextPeriod } from '../../../shared/reports/periods';
import { readNote } from './notes';
import { readRecords } from './figures';
import { caseRefs, periodInstants, readAgent, readCodes, readTeamAgents, type ReadCtx } from './records';
import { readTargetsFor, scopeBalance, withActuals } from './targets';

export interface ReportClock {
  today: string;
  now: Date;
  settings: Pick<DeskSettings, 'timeZone' | 'ptpGraceDays'>;
}

/** The agent id of a scope, or null for the team; throws on an agent this desk does not know. */
export function scopeAgent(ctx: ReadCtx, scope: ReportScope): { id: number | null; name: string } {
  if (scope.kind === 'team') return { id: null, name: '' };
  const a = readAgent(ctx, Number(scope.agentId));
  if (!a) throw new Error(`no agent ${scope.agentId} on this desk`);
  return { id: a.id, name: a.name };
}

export function buildSummary(ctx: ReadCtx, scope: ReportScope, from: string, to: string, c: ReportClock, teamLabel: string): SummaryData {
  const zone = c.settings.timeZone;
  const agent = scopeAgent(ctx, scope);
  const codes = readCodes(ctx);
  const { attempts, promises, allPayments } = readRecords(ctx, agent.id, from, to, c, codes);

  // Recovery by channel: the channel of the case's last attempt on or before the payment's day;
  // a case in litigation (诉讼 tag) credits legal.
  const lastChannel = ctx.prep<{ channel: Channel }>('SELECT channel FROM attempts WHERE case_id = ? AND at < ? ORDER BY at DESC LIMIT 1');
  // Litigation cases once (one scan), not a json_each per payment; the last channel once per case and day.
  const inLitigation = new Set(ctx.prep<{ id: number }>("SELECT id FROM cases WHERE EXISTS (SELECT 1 FROM json_each(cases.tags) WHERE value = 'litigation')").all().map((r) => r.id));
  const channelAt = new Map<string, RecoveryChannel>();
  const ends = new Map<string, string>(); // zone math once per day, not per payment
  const dayEnd = (d: string): string => {
    let e = ends.get(d);
    if (e === undefined) ends.set(d, (e = periodInstants(d, d, zone).end));
    return e;
  };
  const channelOf = (p: SummaryPayment): RecoveryChannel => {
    if (inLitigation.has(p.caseId)) return 'legal';
    const key = `${p.caseId}|${p.paidDate}`;
    let ch = channelAt.get(key);
    if (ch === undefined) channelAt.set(key, (ch = lastChannel.get(p.caseId, dayEnd(p.paidDate))?.channel ?? 'unattributed'));
    return ch;
  };

  const note = readNote(ctx, scope, from, to);
  const next = nextPeriod(from, to);
  const data = assembleSummary({
    scope, agentId: agent.id, scopeName: agent.id === null ? teamLabel : agent.name, from, to, today: c.today, now: c.now, timeZone: zone,
    graceDays: c.settings.ptpGraceDays, codes, attempts, promises, payments: allPayments, caseRef: caseRefs(ctx), channelOf,
    teamAgents: agent.id === null ? readTeamAgents(ctx) : [], targets: [], commitments: note.commitments, reflection: note.reflection,
    nextCommitments: readNote(ctx, scope, next.from, next.to).commitments,
  });
  return { ...data, targets: withActuals(readTargetsFor(ctx, scope, data.periodKind, from, to), data.figures, scopeBalance(ctx, scope)) };
}
