import { describe, expect, it } from 'vitest';
import { bestContactHours } from './best-hours';
import { buildPlanDoc, buildSummaryDoc, formatRate } from './document';
import type { PlanData, ReportFigures, SummaryData } from './model';
import { nextPeriod, periodKindOf, periodOf } from './periods';
import { problemCategoryOf } from './problems';

describe('periods', () => {
  it('weeks start on Monday, months are calendar months', () => {
    expect(periodOf('week', '2026-03-11')).toEqual({ from: '2026-03-09', to: '2026-03-15' }); // a Wednesday
    expect(periodOf('week', '2026-03-15')).toEqual({ from: '2026-03-09', to: '2026-03-15' }); // Sunday ends it
    expect(periodOf('month', '2028-02-10')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
    expect(periodOf('month', '2026-12-31')).toEqual({ from: '2026-12-01', to: '2026-12-31' });
  });
  it('kinds and the next period of the same kind', () => {
    expect(periodKindOf('2026-03-10', '2026-03-10')).toBe('day');
    expect(periodKindOf('2026-03-09', '2026-03-15')).toBe('week');
    expect(periodKindOf('2026-03-10', '2026-03-16')).toBe('range');
    expect(periodKindOf('2026-02-01', '2026-02-28')).toBe('month');
    expect(nextPeriod('2026-03-10', '2026-03-10')).toEqual({ from: '2026-03-11', to: '2026-03-11' });
    expect(nextPeriod('2026-03-09', '2026-03-15')).toEqual({ from: '2026-03-16', to: '2026-03-22' });
    expect(nextPeriod('2026-01-01', '2026-01-31')).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(nextPeriod('2026-12-01', '2026-12-31')).toEqual({ from: '2027-01-01', to: '2027-01-31' });
  });
});

describe('best contact hours', () => {
  it('the hours with the most answered calls, ties to the better rate, shown in order', () => {
    const calls = [
      { hour: 19, answered: true }, { hour: 19, answered: true }, { hour: 19, answered: false },
      { hour: 10, answered: true }, { hour: 10, answered: true },
      { hour: 14, answered: true }, { hour: 9, answered: false }, { hour: 9, answered: false },
    ];
    expect(bestContactHours(calls)).toEqual(['10:00–11:00', '19:00–20:00']);
    expect(bestContactHours([{ hour: 23, answered: true }])).toEqual(['23:00–00:00']);
    expect(bestContactHours([{ hour: 9, answered: false }, { hour: 24, answered: true }])).toEqual([]);
  });
});

describe('problem categories', () => {
  const code = (o: Partial<Parameters<typeof problemCategoryOf>[0]>) => problemCategoryOf({ code: 'X', isContact: true, addsTag: null, setsStatus: null, ...o });
  it('from the flags a team can edit', () => {
    expect(code({ isContact: false })).toBe('unreachable');
    expect(code({ isContact: false, addsTag: 'lost_contact' })).toBe('unreachable');
    expect(code({ addsTag: 'refuses' })).toBe('unwilling');
    expect(code({ code: 'STOP_CONTACT' })).toBe('unwilling');
    expect(code({ addsTag: 'unable_to_pay' })).toBe('unable');
    expect(code({ setsStatus: 'hold' })).toBe('dispute');
    expect(code({ addsTag: 'deceased' })).toBe('deceased');
    expect(code({ setsStatus: 'ptp' })).toBeNull();
  });
});

const figures: ReportFigures = {
  attempts: 0, calls: 0, connected: 0, rightParty: 0, casesWorked: 0, ptps: 0, ptpFen: 0, kept: 0, keptFen: 0, due: 0, keptOfDue: 0,
  brokenOfDue: 0, recoveredFen: 0, payments: 0, contactRate: null, rpcRate: null, ptpRate: null, keptRate: null,
};

describe('documents', () => {
  it('rates: one decimal, — without a denominator', () => {
    expect(formatRate(2 / 3)).toBe('66.7%');
    expect(formatRate(0)).toBe('0.0%');
    expect(formatRate(null)).toBe('—');
  });
  const summary: SummaryData = {
    scope: { kind: 'team' }, scopeName: '全组', periodKind: 'week', from: '2026-03-09', to: '2026-03-15', timeZone: 'Asia/Shanghai',
    generatedAt: '2026-03-15T10:00:00.000Z', figures, byChannel: [], targets: [{ metric: 'recoveredFen', value: 1_000_000, actual: 250_000 }],
    commitments: [], problems: [], largestPayments: [], keptPromises: [], agents: [], reflection: '', next: { from: '2026-03-16', to: '2026-03-22', commitments: ['每天联系 60 位客户'] },
  };
  it('a summary: numbered sections, targets against actuals, next plan; English on request', () => {
    const zh = buildSummaryDoc(summary, 'zh-CN');
    expect(zh.title).toBe('周工作总结');
    const headings = zh.blocks.filter((b) => b.t === 'heading' && b.level === 1).map((b) => (b.t === 'heading' ? b.text : ''));
    expect(headings[0]).toBe('一、工作概况');
    expect(headings.at(-1)).toBe('七、下期工作计划（2026-03-16 ~ 2026-03-22）');
    expect(zh.blocks).toContainEqual({ t: 'table', header: ['指标', '目标', '实际', '完成率'], numeric: [1, 2, 3], rows: [['回款金额', '¥10,000.00', '¥2,500.00', '25.0%']] });
    expect(zh.blocks).toContainEqual({ t: 'bullets', items: ['每天联系 60 位客户'] });
    const en = buildSummaryDoc(summary, 'en');
    expect(en.title).toBe('Weekly work summary');
    expect(en.blocks.some((b) => b.t === 'heading' && b.text === '1. Overview')).toBe(true);
  });
  it('a plan: worklist rows in order with best hours', () => {
    const plan: PlanData = {
      scope: { kind: 'agent', agentId: '1' }, scopeName: '张三（A001）', periodKind: 'day', from: '2026-03-10', to: '2026-03-10', timeZone: 'Asia/Shanghai',
      generatedAt: '2026-03-10T01:00:00.000Z', targets: [], commitments: [], workDay: '2026-03-10', progress: figures,
      worklist: [{ caseId: '7', debtorName: '李四', accountMasked: '****1234', overdueFen: 12_345, agentName: null, kind: 'followup', due: '14:00', amountFen: null, bestHours: ['19:00–20:00'] }],
    };
    const doc = buildPlanDoc(plan, 'zh-CN');
    expect(doc.title).toBe('今日工作计划');
    expect(doc.blocks).toContainEqual(expect.objectContaining({ t: 'table', rows: [['1', '到期跟进', '李四', '¥123.45', '14:00', '19:00–20:00', '']] }));
    expect(doc.sheets[0]?.rows[0]).toEqual([1, '到期跟进', '李四', '****1234', 12_345, '14:00', '19:00–20:00', null]);
  });
});
