/**
 * A work summary (工作总结) for an agent or the team and a period, written from the desk's records
 * with the KPI definitions of shared/domain/kpi.ts.
 */
import { effectivePromiseState, inPeriod, periodFigures, type KpiPayment } from '../../../shared/domain/kpi';
import type { Channel } from '../../../shared/domain/enums';
import type { DeskSettings } from '../../../shared/contract';
import type { ProblemCategory, RecoveryChannel, ReportFigures, ReportScope, SummaryData } from '../../../shared/reports/model';
import { RecoveryChannel as RecoveryChannelEnum } from '../../../shared/reports/model';
import { nextPeriod, periodKindOf } from '../../../shared/reports/periods';
import { PROBLEM_ORDER, problemCategoryOf } from '../../../shared/reports/problems';
import { readNote } from './notes';
import { readPeriod } from './figures';
import { caseRefs, periodInstants, readAgent, readCodes, readTeamAgents, type AttemptRec, type PaymentRec, type PromiseRec, type ReadCtx } from './records';
import { readTargetsFor, scopeBalance, withActuals } from './targets';

export interface ReportClock {
  today: string;
  now: Date;
  settings: Pick<DeskSettings, 'timeZone' | 'ptpGraceDays'>;
}

const MAX_CASES_PER_PROBLEM = 200;
const TOP_PAYMENTS = 5;
const TOP_KEPT = 10;

/** The agent id of a scope, or null for the team; throws on an agent this desk does not know. */
export function scopeAgent(ctx: ReadCtx, scope: ReportScope): { id: number | null; name: string } {
  if (scope.kind === 'team') return { id: null, name: '' };
  const a = readAgent(ctx, Number(scope.agentId));
  if (!a) throw new Error(`no agent ${scope.agentId} on this desk`);
  return { id: a.id, name: a.name };
}

function figuresOf(
  attempts: readonly AttemptRec[], promises: readonly PromiseRec[], payments: readonly KpiPayment[],
  from: string, to: string, c: ReportClock,
): ReportFigures {
  return periodFigures({ period: { from, to }, today: c.today, graceDays: c.settings.ptpGraceDays, timeZone: c.settings.timeZone, attempts, promises, payments });
}

export function buildSummary(ctx: ReadCtx, scope: ReportScope, from: string, to: string, c: ReportClock, teamLabel: string): SummaryData {
  const zone = c.settings.timeZone;
  const grace = c.settings.ptpGraceDays;
  const agent = scopeAgent(ctx, scope);
  const codes = readCodes(ctx);
  const { attempts, promises, allPayments, payments, figures } = readPeriod(ctx, agent.id, from, to, c, codes);
  const inScope = (p: PaymentRec): boolean => agent.id === null || p.creditedTo === agent.id;
  const ref = caseRefs(ctx);

  // Recovery by channel: the channel of the case's last attempt on or before the payment's day;
  // a case in litigation (诉讼 tag) credits legal.
  const periodPayments = allPayments.filter((p) => inScope(p) && inPeriod(p.paidDate, { from, to }));
  const lastChannel = ctx.prep<{ channel: Channel }>('SELECT channel FROM attempts WHERE case_id = ? AND at < ? ORDER BY at DESC LIMIT 1');
  // Litigation cases once (one scan), not a json_each per payment; the last channel once per case and day.
  const inLitigation = new Set(ctx.prep<{ id: number }>("SELECT id FROM cases WHERE EXISTS (SELECT 1 FROM json_each(cases.tags) WHERE value = 'litigation')").all().map((r) => r.id));
  const channelAt = new Map<string, RecoveryChannel>();
  const channelSums = new Map<RecoveryChannel, { amountFen: number; payments: number }>(RecoveryChannelEnum.options.map((ch) => [ch, { amountFen: 0, payments: 0 }]));
  const ends = new Map<string, string>(); // zone math once per day, not per payment
  const dayEnd = (d: string): string => {
    let e = ends.get(d);
    if (e === undefined) ends.set(d, (e = periodInstants(d, d, zone).end));
    return e;
  };
  for (const p of periodPayments) {
    let ch: RecoveryChannel | undefined;
    if (inLitigation.has(p.caseId)) ch = 'legal';
    else {
      const key = `${p.caseId}|${p.paidDate}`;
      ch = channelAt.get(key);
      if (ch === undefined) channelAt.set(key, (ch = lastChannel.get(p.caseId, dayEnd(p.paidDate))?.channel ?? 'unattributed'));
    }
    const s = channelSums.get(ch);
    if (s) {
      s.amountFen += p.amountFen;
      s.payments += 1;
    }
  }

  // Problems: each case worked in the period is judged by its last attempt in it.
  const lastByCase = new Map<number, AttemptRec>();
  for (const a of attempts) {
    const prev = lastByCase.get(a.caseId);
    if (!prev || a.at > prev.at || (a.at === prev.at && a.id > prev.id)) lastByCase.set(a.caseId, a);
  }
  const problems = new Map<ProblemCategory, SummaryData['problems'][number]>(PROBLEM_ORDER.map((cat) => [cat, { category: cat, count: 0, cases: [] }]));
  const byOverdue = [...lastByCase.values()].sort((a, b) => ref(b.caseId).overdueFen - ref(a.caseId).overdueFen || a.caseId - b.caseId);
  for (const a of byOverdue) {
    const code = codes.get(a.outcomeCode);
    const cat = code ? problemCategoryOf(code) : null;
    if (!cat) continue;
    const p = problems.get(cat);
    if (!p) continue;
    p.count += 1;
    if (p.cases.length < MAX_CASES_PER_PROBLEM) p.cases.push({ ...ref(a.caseId), outcomeCode: code?.code ?? a.outcomeCode, at: a.at });
  }

  // What went well: the largest payments and the promises kept in the period.
  const largestPayments = [...periodPayments]
    .sort((a, b) => b.amountFen - a.amountFen || (a.paidDate < b.paidDate ? -1 : 1))
    .slice(0, TOP_PAYMENTS)
    .map((p) => ({ ...ref(p.caseId), amountFen: p.amountFen, paidDate: p.paidDate, payChannel: p.payChannel, txnNo: p.txnNo }));
  const paymentsByCase = new Map<number, KpiPayment[]>();
  for (const p of payments) {
    let l = paymentsByCase.get(p.caseId);
    if (!l) paymentsByCase.set(p.caseId, (l = []));
    l.push(p);
  }
  const kept: SummaryData['keptPromises'] = [];
  for (const p of promises) {
    if (p.state === 'cancelled') continue;
    const e = effectivePromiseState(p, paymentsByCase.get(p.caseId) ?? [], c.today, grace);
    if (e.state === 'kept' && e.keptOn !== null && inPeriod(e.keptOn, { from, to })) kept.push({ ...ref(p.caseId), amountFen: p.amountFen, dueDate: p.dueDate, keptOn: e.keptOn });
  }
  kept.sort((a, b) => b.amountFen - a.amountFen || (a.keptOn < b.keptOn ? -1 : 1));

  // Per agent, for the team: the same definitions over each agent's own records.
  const agents: SummaryData['agents'] = [];
  if (agent.id === null) {
    const group = <T extends { agentId: number | null }>(rows: readonly T[]): Map<number | null, T[]> => {
      const m = new Map<number | null, T[]>();
      for (const r of rows) {
        let l = m.get(r.agentId);
        if (!l) m.set(r.agentId, (l = []));
        l.push(r);
      }
      return m;
    };
    const attemptsOf = group(attempts);
    const promisesOf = group(promises);
    const creditedOf = new Map<number | null, PaymentRec[]>();
    const onCase = new Map<number, PaymentRec[]>();
    for (const p of allPayments) {
      let l = creditedOf.get(p.creditedTo);
      if (!l) creditedOf.set(p.creditedTo, (l = []));
      l.push(p);
      let k = onCase.get(p.caseId);
      if (!k) onCase.set(p.caseId, (k = []));
      k.push(p);
    }
    for (const a of readTeamAgents(ctx)) {
      // The agent's recovery (credited to them) and, not in scope, the other payments on the cases
      // of their promises (they decide those promises): the same figures as every payment, without
      // handing all of the team's payments to each agent (50 agents x 30,000 payments).
      const own = promisesOf.get(a.id) ?? [];
      const theirs: KpiPayment[] = (creditedOf.get(a.id) ?? []).map((p) => ({ caseId: p.caseId, amountFen: p.amountFen, paidDate: p.paidDate, inScope: true }));
      for (const caseId of new Set(own.map((p) => p.caseId))) {
        for (const p of onCase.get(caseId) ?? []) if (p.creditedTo !== a.id) theirs.push({ caseId: p.caseId, amountFen: p.amountFen, paidDate: p.paidDate, inScope: false });
      }
      const f = figuresOf(attemptsOf.get(a.id) ?? [], own, theirs, from, to, c);
      agents.push({ agentId: String(a.id), name: a.name, figures: f });
    }
  }

  const kind = periodKindOf(from, to);
  const note = readNote(ctx, scope, from, to);
  const next = nextPeriod(from, to);
  return {
    scope,
    scopeName: agent.id === null ? teamLabel : agent.name,
    periodKind: kind,
    from,
    to,
    timeZone: zone,
    generatedAt: c.now.toISOString(),
    figures,
    byChannel: [...channelSums.entries()].map(([channel, s]) => ({ channel, ...s })),
    targets: withActuals(readTargetsFor(ctx, scope, kind, from, to), figures, scopeBalance(ctx, scope)),
    commitments: note.commitments,
    problems: [...problems.values()],
    largestPayments,
    keptPromises: kept.slice(0, TOP_KEPT),
    agents,
    reflection: note.reflection,
    next: { ...next, commitments: readNote(ctx, scope, next.from, next.to).commitments },
  };
}
