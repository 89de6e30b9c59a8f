/**
 * A summary or a plan as a neutral document: headings, paragraphs, lists and tables of text.
 * The DOCX and PDF writers print exactly these blocks, so both files say the same thing, and the
 * XLSX writer prints `sheets` (typed detail tables). Pure: no library, no Node.
 */
import { localDateOf, localTimeOf } from '../domain/dates';
import type { Locale } from '../domain/enums';
import { formatFen } from '../domain/money';
import { reportLabels, type ReportLabels } from './labels';
import type { PlanData, ReportFigures, SummaryData, TargetLine } from './model';
import { PROBLEM_ORDER } from './problems';

export type DocBlock =
  | { t: 'title'; text: string }
  | { t: 'meta'; text: string }
  | { t: 'heading'; text: string; level: 1 | 2 }
  | { t: 'para'; text: string }
  | { t: 'bullets'; items: string[] }
  | { t: 'table'; header: string[]; rows: string[][]; numeric?: number[] };

/** A typed detail table for XLSX: numbers stay numbers, money in yuan with two decimals. */
export type CellKind = 'text' | 'int' | 'yuan' | 'rate' | 'date';
export interface SheetModel {
  name: string;
  columns: { header: string; kind: CellKind; width?: number }[];
  rows: (string | number | null)[][];
}
export interface DocModel {
  title: string;
  fileStem: string;
  blocks: DocBlock[];
  sheets: SheetModel[];
}

/** 0.4567 -> 45.7%; null -> — */
export function formatRate(rate: number | null): string {
  return rate === null ? '—' : `${(Math.round(rate * 1000) / 10).toFixed(1)}%`;
}

const MAX_CASES_PER_PROBLEM = 10;

function periodText(from: string, to: string): string {
  return from === to ? from : `${from} ~ ${to}`;
}

function metaLine(L: ReportLabels, d: { scopeName: string; from: string; to: string; generatedAt: string; timeZone: string }): string {
  const at = new Date(d.generatedAt);
  return `${d.scopeName} · ${L.period} ${periodText(d.from, d.to)} · ${L.generated} ${localDateOf(at, d.timeZone)} ${localTimeOf(at, d.timeZone)}`;
}

function figureRows(L: ReportLabels, f: ReportFigures): string[][] {
  const F = L.figures;
  return [
    [F.casesWorked, String(f.casesWorked), F.attempts, String(f.attempts)],
    [F.calls, String(f.calls), F.connected, String(f.connected)],
    [F.contactRate, formatRate(f.contactRate), F.rightParty, String(f.rightParty)],
    [F.rpcRate, formatRate(f.rpcRate), F.ptps, String(f.ptps)],
    [F.ptpFen, formatFen(f.ptpFen), F.ptpRate, formatRate(f.ptpRate)],
    [F.kept, String(f.kept), F.keptFen, formatFen(f.keptFen)],
    [F.due, String(f.due), F.keptRate, formatRate(f.keptRate)],
    [F.recoveredFen, formatFen(f.recoveredFen), F.payments, String(f.payments)],
  ];
}

function metricValue(metric: string, v: number): string {
  return metric.endsWith('Fen') ? formatFen(Math.round(v)) : metric.endsWith('Pct') ? `${v}%` : String(v);
}

function targetTable(L: ReportLabels, targets: readonly TargetLine[]): DocBlock {
  if (targets.length === 0) return { t: 'para', text: L.sections.none };
  return {
    t: 'table',
    header: [L.cols.metric, L.target, L.actual, L.reached],
    numeric: [1, 2, 3],
    rows: targets.map((t) => [
      L.metrics[t.metric] ?? t.metric,
      metricValue(t.metric, t.value),
      t.actual === null ? '—' : metricValue(t.metric, t.actual),
      t.actual === null || t.value <= 0 ? '—' : formatRate(t.actual / t.value),
    ]),
  };
}

const bulletsOr = (L: ReportLabels, items: readonly string[]): DocBlock => (items.length > 0 ? { t: 'bullets', items: [...items] } : { t: 'para', text: L.sections.none });

/** Numbered top-level headings (一、二、… / 1. 2. …). */
function headings(L: ReportLabels): (text: string) => DocBlock {
  let n = 0;
  return (text) => ({ t: 'heading', level: 1, text: L.numbered(++n, text) });
}

export function buildSummaryDoc(d: SummaryData, locale: Locale): DocModel {
  const L = reportLabels(locale);
  const h1 = headings(L);
  const title = L.summaryTitle[d.periodKind];
  const blocks: DocBlock[] = [
    { t: 'title', text: title },
    { t: 'meta', text: metaLine(L, d) },
    h1(L.sections.overview),
    { t: 'table', header: [], rows: figureRows(L, d.figures), numeric: [1, 3] },
    h1(L.sections.targets),
    targetTable(L, d.targets),
  ];
  if (d.commitments.length > 0) blocks.push({ t: 'heading', level: 2, text: L.sections.commitments }, { t: 'bullets', items: d.commitments });

  blocks.push(h1(L.sections.channels));
  const channels = d.byChannel.filter((c) => c.amountFen > 0 || c.payments > 0);
  blocks.push(channels.length === 0 ? { t: 'para', text: L.sections.none } : {
    t: 'table', header: [L.cols.channel, L.cols.amount, L.cols.payments], numeric: [1, 2],
    rows: channels.map((c) => [L.channels[c.channel], formatFen(c.amountFen), String(c.payments)]),
  });

  blocks.push(h1(L.sections.problems));
  const problems = PROBLEM_ORDER.map((cat) => d.problems.find((p) => p.category === cat)).filter((p) => p !== undefined && p.count > 0);
  if (problems.length === 0) blocks.push({ t: 'para', text: L.sections.none });
  for (const p of problems) {
    if (!p) continue;
    blocks.push({ t: 'heading', level: 2, text: `${L.problems[p.category]}${L.sep}${L.casesBehind(p.count)}` });
    const shown = p.cases.slice(0, MAX_CASES_PER_PROBLEM);
    blocks.push({
      t: 'table', header: [L.cols.debtor, L.cols.account, L.cols.overdue, L.cols.agent], numeric: [2],
      rows: shown.map((c) => [c.debtorName, c.accountMasked, formatFen(c.overdueFen), c.agentName ?? '']),
    });
    if (p.count > shown.length) blocks.push({ t: 'para', text: L.moreCases(p.count - shown.length) });
  }

  blocks.push(h1(L.sections.wentWell), { t: 'heading', level: 2, text: L.sections.largestPayments });
  blocks.push(d.largestPayments.length === 0 ? { t: 'para', text: L.sections.none } : {
    t: 'table', header: [L.cols.debtor, L.cols.account, L.cols.amount, L.cols.date, L.cols.agent], numeric: [2],
    rows: d.largestPayments.map((p) => [p.debtorName, p.accountMasked, formatFen(p.amountFen), p.paidDate, p.agentName ?? '']),
  });
  blocks.push({ t: 'heading', level: 2, text: L.sections.keptPromises });
  blocks.push(d.keptPromises.length === 0 ? { t: 'para', text: L.sections.none } : {
    t: 'table', header: [L.cols.debtor, L.cols.account, L.cols.amount, L.cols.keptOn, L.cols.agent], numeric: [2],
    rows: d.keptPromises.map((p) => [p.debtorName, p.accountMasked, formatFen(p.amountFen), p.keptOn, p.agentName ?? '']),
  });

  if (d.agents.length > 0) {
    blocks.push(h1(L.sections.agents), {
      t: 'table',
      header: [L.cols.agent, L.figures.calls, L.figures.contactRate, L.figures.rightParty, L.figures.ptps, L.figures.ptpFen, L.figures.kept, L.figures.recoveredFen],
      numeric: [1, 2, 3, 4, 5, 6, 7],
      rows: d.agents.map((a) => [a.name, String(a.figures.calls), formatRate(a.figures.contactRate), String(a.figures.rightParty), String(a.figures.ptps), formatFen(a.figures.ptpFen), String(a.figures.kept), formatFen(a.figures.recoveredFen)]),
    });
  }
  blocks.push(h1(L.sections.reflection));
  blocks.push({ t: 'para', text: d.reflection.trim() === '' ? L.noReflection : d.reflection.trim() });
  blocks.push(h1(`${L.sections.nextPlan}${L.paren(periodText(d.next.from, d.next.to))}`));
  blocks.push(bulletsOr(L, d.next.commitments));

  return { title, fileStem: `${locale === 'en' ? 'summary' : '工作总结'}-${d.from}_${d.to}`, blocks, sheets: summarySheets(L, d) };
}

export function buildPlanDoc(d: PlanData, locale: Locale): DocModel {
  const L = reportLabels(locale);
  const h1 = headings(L);
  const title = L.planTitle[d.periodKind];
  const blocks: DocBlock[] = [
    { t: 'title', text: title },
    { t: 'meta', text: metaLine(L, d) },
    h1(L.sections.targets),
    targetTable(L, d.targets),
    h1(L.sections.commitments),
    bulletsOr(L, d.commitments),
    h1(`${L.sections.worklist}${L.paren(d.workDay)}`),
  ];
  blocks.push(d.worklist.length === 0 ? { t: 'para', text: L.sections.none } : {
    t: 'table', header: [L.cols.no, L.cols.kind, L.cols.debtor, L.cols.overdue, L.cols.due, L.cols.bestHours, L.cols.agent], numeric: [0, 3],
    rows: d.worklist.map((w, i) => [String(i + 1), L.work[w.kind], w.debtorName, formatFen(w.overdueFen), w.due ?? '', w.bestHours.join('、') || '—', w.agentName ?? '']),
  });
  blocks.push(h1(L.sections.progress), { t: 'table', header: [], rows: figureRows(L, d.progress), numeric: [1, 3] });
  const sheets: SheetModel[] = [
    {
      name: L.sheet.worklist,
      columns: [
        { header: L.cols.no, kind: 'int', width: 6 }, { header: L.cols.kind, kind: 'text', width: 12 }, { header: L.cols.debtor, kind: 'text', width: 14 },
        { header: L.cols.account, kind: 'text', width: 22 }, { header: L.cols.overdue, kind: 'yuan', width: 14 }, { header: L.cols.due, kind: 'text', width: 18 },
        { header: L.cols.bestHours, kind: 'text', width: 26 }, { header: L.cols.agent, kind: 'text', width: 16 },
      ],
      rows: d.worklist.map((w, i) => [i + 1, L.work[w.kind], w.debtorName, w.accountMasked, w.overdueFen, w.due, w.bestHours.join('、'), w.agentName]),
    },
    targetSheet(L, d.targets),
  ];
  return { title, fileStem: `${locale === 'en' ? 'plan' : '工作计划'}-${d.from}_${d.to}`, blocks, sheets };
}

function targetSheet(L: ReportLabels, targets: readonly TargetLine[]): SheetModel {
  return {
    name: L.sheet.targets,
    columns: [{ header: L.cols.metric, kind: 'text', width: 20 }, { header: L.target, kind: 'text', width: 16 }, { header: L.actual, kind: 'text', width: 16 }],
    rows: targets.map((t) => [L.metrics[t.metric] ?? t.metric, metricValue(t.metric, t.value), t.actual === null ? null : metricValue(t.metric, t.actual)]),
  };
}

const FIGURE_KEYS = ['casesWorked', 'attempts', 'calls', 'connected', 'contactRate', 'rightParty', 'rpcRate', 'ptps', 'ptpFen', 'ptpRate', 'kept', 'keptFen', 'due', 'keptRate', 'recoveredFen', 'payments'] as const;
const kindOfFigure = (k: (typeof FIGURE_KEYS)[number]): CellKind => (k.endsWith('Fen') ? 'yuan' : k.endsWith('Rate') ? 'rate' : 'int');

function summarySheets(L: ReportLabels, d: SummaryData): SheetModel[] {
  const sheets: SheetModel[] = [
    {
      name: L.sheet.overview,
      columns: [{ header: L.cols.metric, kind: 'text', width: 22 }, { header: L.actual, kind: 'text', width: 18 }],
      rows: FIGURE_KEYS.map((k) => {
        const v = d.figures[k];
        return [L.figures[k], kindOfFigure(k) === 'yuan' ? formatFen(v ?? 0) : kindOfFigure(k) === 'rate' ? formatRate(v) : String(v)];
      }),
    },
  ];
  if (d.agents.length > 0) {
    sheets.push({
      name: L.sheet.agents,
      columns: [{ header: L.cols.agent, kind: 'text', width: 18 }, ...FIGURE_KEYS.map((k) => ({ header: L.figures[k], kind: kindOfFigure(k), width: 12 }))],
      rows: d.agents.map((a) => [a.name, ...FIGURE_KEYS.map((k) => a.figures[k])]),
    });
  }
  sheets.push({
    name: L.sheet.channels,
    columns: [{ header: L.cols.channel, kind: 'text', width: 14 }, { header: L.cols.amount, kind: 'yuan', width: 16 }, { header: L.cols.payments, kind: 'int', width: 10 }],
    rows: d.byChannel.map((c) => [L.channels[c.channel], c.amountFen, c.payments]),
  });
  sheets.push({
    name: L.sheet.problems,
    columns: [
      { header: L.cols.category, kind: 'text', width: 18 }, { header: L.cols.debtor, kind: 'text', width: 14 }, { header: L.cols.account, kind: 'text', width: 22 },
      { header: L.cols.overdue, kind: 'yuan', width: 14 }, { header: L.cols.outcome, kind: 'text', width: 18 }, { header: L.cols.agent, kind: 'text', width: 16 },
    ],
    rows: d.problems.flatMap((p) => p.cases.map((c) => [L.problems[p.category], c.debtorName, c.accountMasked, c.overdueFen, c.outcomeCode, c.agentName])),
  });
  sheets.push({
    name: L.sheet.payments,
    columns: [
      { header: L.cols.debtor, kind: 'text', width: 14 }, { header: L.cols.account, kind: 'text', width: 22 }, { header: L.cols.amount, kind: 'yuan', width: 14 },
      { header: L.cols.date, kind: 'date', width: 12 }, { header: L.cols.agent, kind: 'text', width: 16 },
      { header: L.cols.payChannel, kind: 'text', width: 12 }, { header: L.cols.txnNo, kind: 'text', width: 24 },
    ],
    rows: d.largestPayments.map((p) => [p.debtorName, p.accountMasked, p.amountFen, p.paidDate, p.agentName, p.payChannel ? L.payChannels[p.payChannel] : '', p.txnNo ?? '']),
  });
  sheets.push({
    name: L.sheet.kept,
    columns: [
      { header: L.cols.debtor, kind: 'text', width: 14 }, { header: L.cols.account, kind: 'text', width: 22 }, { header: L.cols.amount, kind: 'yuan', width: 14 },
      { header: L.cols.keptOn, kind: 'date', width: 12 }, { header: L.cols.agent, kind: 'text', width: 16 },
    ],
    rows: d.keptPromises.map((p) => [p.debtorName, p.accountMasked, p.amountFen, p.keptOn, p.agentName]),
  });
  sheets.push(targetSheet(L, d.targets));
  return sheets;
}
