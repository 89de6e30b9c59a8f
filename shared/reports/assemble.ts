/**
 * A work summary (SummaryData) put together from a scope's records, with no database: the desk
 * (electron/core/reports/summary.ts) and the hub (hub/reports/) read their stores and hand the
 * records here, so both write the same summary. Figures by shared/domain/kpi.ts; recovery by channel = the
 * channel of the case's last attempt before the end of the payment's day (a 诉讼 case: legal);
 * problems = each worked case judged by its last attempt in the period; what went well = the
 * largest payments and the promises kept in the period; per agent for the team.
 */
import type { PaymentChannel } from '../domain/payment-channel';
import { effectivePromiseState, inPeriod, periodFigures, type KpiAttempt, type KpiPayment, type KpiPromise } from '../domain/kpi';
import type { ProblemCategory, RecoveryChannel, ReportCaseRef, ReportFigures, ReportScope, SummaryData } from './model';
import { RecoveryChannel as RecoveryChannelEnum } from './model';
import { nextPeriod, periodKindOf } from './periods';
import { PROBLEM_ORDER, problemCategoryOf, type ProblemCode } from './problems';

export interface SummaryAttempt extends KpiAttempt { id: string; agentId: number }
export interface SummaryPromise extends KpiPromise { agentId: number | null }
/** `creditedTo`: whose recovery it is (the agent who recorded it, else the case's holder). */
export interface SummaryPayment { id: string; caseId: number; amountFen: number; paidDate: string; creditedTo: number | null; payChannel: PaymentChannel | null; txnNo: string | null }

export interface SummaryInput {
  scope: ReportScope;
  /** The agent's id for an agent scope, null for the team. */
  agentId: number | null;
  scopeName: string;
  from: string;
  to: string;
  today: string;
  now: Date;
  timeZone: string;
  graceDays: number;
  codes: ReadonlyMap<string, ProblemCode>;
  /** Attempts in the period (of the scope). */
  attempts: readonly SummaryAttempt[];
  /** Promises that can count in the period (made by `to`, due no earlier than from − grace). */
  promises: readonly SummaryPromise[];
  /** Every payment from the earliest promise's date to `to` (they decide promises). */
  payments: readonly SummaryPayment[];
  caseRef(caseId: number): ReportCaseRef;
  /** The channel a payment is credited to (the loader knows the case's attempts and tags). */
  channelOf(p: SummaryPayment): RecoveryChannel;
  teamAgents: readonly { id: number; name: string }[];
  targets: SummaryData['targets'];
  commitments: string[];
  reflection: string;
  nextCommitments: string[];
}

const MAX_CASES_PER_PROBLEM = 200;
const TOP_PAYMENTS = 5;
const TOP_KEPT = 10;

function figuresOf(i: SummaryInput, attempts: readonly KpiAttempt[], promises: readonly KpiPromise[], payments: readonly KpiPayment[]): ReportFigures {
  return periodFigures({ period: { from: i.from, to: i.to }, today: i.today, graceDays: i.graceDays, timeZone: i.timeZone, attempts, promises, payments });
}

/** The figures alone (what `--format json` and the hub's JSON answer carry). */
export function summaryFigures(i: Pick<SummaryInput, 'agentId' | 'from' | 'to' | 'today' | 'graceDays' | 'timeZone' | 'attempts' | 'promises' | 'payments'>): ReportFigures {
  return periodFigures({
    period: { from: i.from, to: i.to }, today: i.today, graceDays: i.graceDays, timeZone: i.timeZone, attempts: i.attempts, promises: i.promises,
    payments: i.payments.map((p) => ({ caseId: p.caseId, amountFen: p.amountFen, paidDate: p.paidDate, inScope: i.agentId === null || p.creditedTo === i.agentId })),
  });
}

function groupBy<T, K>(rows: readonly T[], key: (r: T) => K): Map<K, T[]> {
  const m = new Map<K, T[]>();
  for (const r of rows) {
    const k = key(r);
    let l = m.get(k);
    if (!l) m.set(k, (l = []));
    l.push(r);
  }
  return m;
}

/**
 * Each team agent's figures over their own records: their recovery (payments credited to them)
 * and, not in scope, the other payments on the cases of their promises (they decide those
 * promises). The same figures as handing every payment to each agent, without 50 agents x
 * 30,000 payments.
 */
function perAgent(i: SummaryInput): SummaryData['agents'] {
  const attemptsOf = groupBy(i.attempts, (a) => a.agentId);
  const promisesOf = groupBy(i.promises, (p) => p.agentId);
  const creditedOf = groupBy(i.payments, (p) => p.creditedTo);
  const onCase = groupBy(i.payments, (p) => p.caseId);
  return i.teamAgents.map((a) => {
    const own = promisesOf.get(a.id) ?? [];
    const theirs: KpiPayment[] = (creditedOf.get(a.id) ?? []).map((p) => ({ caseId: p.caseId, amountFen: p.amountFen, paidDate: p.paidDate, inScope: true }));
    for (const caseId of new Set(own.map((p) => p.caseId))) {
      for (const p of onCase.get(caseId) ?? []) if (p.creditedTo !== a.id) theirs.push({ caseId: p.caseId, amountFen: p.amountFen, paidDate: p.paidDate, inScope: false });
    }
    return { agentId: String(a.id), name: a.name, figures: figuresOf(i, attemptsOf.get(a.id) ?? [], own, theirs) };
  });
}

export function assembleSummary(i: SummaryInput): SummaryData {
  const period = { from: i.from, to: i.to };
  const inScope = (p: SummaryPayment): boolean => i.agentId === null || p.creditedTo === i.agentId;
  const kpiPayments = i.payments.map((p) => ({ caseId: p.caseId, amountFen: p.amountFen, paidDate: p.paidDate, inScope: inScope(p) }));
  const figures = figuresOf(i, i.attempts, i.promises, kpiPayments);

  const periodPayments = i.payments.filter((p) => inScope(p) && inPeriod(p.paidDate, period));
  const channelSums = new Map<RecoveryChannel, { amountFen: number; payments: number }>(RecoveryChannelEnum.options.map((ch) => [ch, { amountFen: 0, payments: 0 }]));
  for (const p of periodPayments) {
    const s = channelSums.get(i.channelOf(p));
    if (s) {
      s.amountFen += p.amountFen;
      s.payments += 1;
    }
  }

  const lastByCase = new Map<number, SummaryAttempt>();
  for (const a of i.attempts) {
    const prev = lastByCase.get(a.caseId);
    if (!prev || a.at > prev.at || (a.at === prev.at && a.id > prev.id)) lastByCase.set(a.caseId, a);
  }
  const problems = new Map<ProblemCategory, SummaryData['problems'][number]>(PROBLEM_ORDER.map((cat) => [cat, { category: cat, count: 0, cases: [] }]));
  const byOverdue = [...lastByCase.values()].sort((a, b) => i.caseRef(b.caseId).overdueFen - i.caseRef(a.caseId).overdueFen || a.caseId - b.caseId);
  for (const a of byOverdue) {
    const code = i.codes.get(a.outcomeCode);
    const cat = code ? problemCategoryOf(code) : null;
    const p = cat ? problems.get(cat) : undefined;
    if (!p) continue;
    p.count += 1;
    if (p.cases.length < MAX_CASES_PER_PROBLEM) p.cases.push({ ...i.caseRef(a.caseId), outcomeCode: code?.code ?? a.outcomeCode, at: a.at });
  }

  const largestPayments = [...periodPayments]
    .sort((a, b) => b.amountFen - a.amountFen || (a.paidDate < b.paidDate ? -1 : 1))
    .slice(0, TOP_PAYMENTS)
    .map((p) => ({ ...i.caseRef(p.caseId), amountFen: p.amountFen, paidDate: p.paidDate, payChannel: p.payChannel, txnNo: p.txnNo }));
  const paymentsByCase = new Map<number, KpiPayment[]>();
  for (const p of kpiPayments) {
    let l = paymentsByCase.get(p.caseId);
    if (!l) paymentsByCase.set(p.caseId, (l = []));
    l.push(p);
  }
  const kept: SummaryData['keptPromises'] = [];
  for (const p of i.promises) {
    if (p.state === 'cancelled') continue;
    const e = effectivePromiseState(p, paymentsByCase.get(p.caseId) ?? [], i.today, i.graceDays);
    if (e.state === 'kept' && e.keptOn !== null && inPeriod(e.keptOn, period)) kept.push({ ...i.caseRef(p.caseId), amountFen: p.amountFen, dueDate: p.dueDate, keptOn: e.keptOn });
  }
  kept.sort((a, b) => b.amountFen - a.amountFen || (a.keptOn < b.keptOn ? -1 : 1));

  const agents: SummaryData['agents'] = i.agentId === null ? perAgent(i) : [];

  const next = nextPeriod(i.from, i.to);
  return {
    scope: i.scope,
    scopeName: i.scopeName,
    periodKind: periodKindOf(i.from, i.to),
    from: i.from,
    to: i.to,
    timeZone: i.timeZone,
    generatedAt: i.now.toISOString(),
    figures,
    byChannel: [...channelSums.entries()].map(([channel, s]) => ({ channel, ...s })),
    targets: i.targets,
    commitments: i.commitments,
    problems: [...problems.values()],
    largestPayments,
    keptPromises: kept.slice(0, TOP_KEPT),
    agents,
    reflection: i.reflection,
    next: { ...next, commitments: i.nextCommitments },
  };
}
