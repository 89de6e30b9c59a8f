/**
 * The dashboard's tables as an XLSX workbook. Text a spreadsheet would run as a formula (a leading
 * =, +, - or @, or a tab/CR that hides one) is written with a leading apostrophe: agent names and
 * batch numbers come from imported files.
 */
import type ExcelJS from 'exceljs';
import { loadExcelJS } from '../../../node-shared/reports/writers/exceljs';
import type { Dashboard, DashboardFigures } from '../../../shared/contract/dashboard';

type Locale = 'zh-CN' | 'en';
const L = {
  'zh-CN': {
    agents: '坐席', batches: '按批次', buckets: '按账龄', roll: '迁徙率', daily: '每日',
    name: '姓名', agentNo: '工号', team: '全组', calls: '拨打', callsTarget: '拨打目标', connected: '接通', contactRate: '接通率',
    rightParty: '本人接通', rightPartyTarget: '本人接通目标', rpcRate: 'RPC率', ptps: '承诺笔数', ptpFen: '承诺金额(元)', ptpTarget: '承诺金额目标(元)',
    ptpRate: '承诺率', due: '到期承诺', kept: '兑现', keptRate: '兑现率', recovered: '回收金额(元)', recoveredTarget: '回收目标(元)',
    assigned: '委案余额(元)', recoveryRate: '回收率', recoveryTarget: '回收率目标(%)', batch: '批次', bucket: '账龄', cases: '案件数',
    start: '期初案件', rolled: '迁徙', cured: '好转', date: '日期', period: '期间',
    violations: '违规拨打', violationShare: '违规占比', complaints: '投诉', overrides: '组长特批',
  },
  en: {
    agents: 'Agents', batches: 'By batch', buckets: 'By bucket', roll: 'Roll rate', daily: 'Daily',
    name: 'Name', agentNo: 'Agent no.', team: 'Team', calls: 'Calls', callsTarget: 'Calls target', connected: 'Connected', contactRate: 'Contact rate',
    rightParty: 'Right party', rightPartyTarget: 'Right-party target', rpcRate: 'RPC rate', ptps: 'PTPs', ptpFen: 'PTP amount (¥)', ptpTarget: 'PTP target (¥)',
    ptpRate: 'PTP rate', due: 'PTPs due', kept: 'Kept', keptRate: 'Kept rate', recovered: 'Recovered (¥)', recoveredTarget: 'Recovered target (¥)',
    assigned: 'Assigned balance (¥)', recoveryRate: 'Recovery rate', recoveryTarget: 'Recovery target (%)', batch: 'Batch', bucket: 'Bucket', cases: 'Cases',
    start: 'Cases at start', rolled: 'Rolled', cured: 'Cured', date: 'Date', period: 'Period',
    violations: 'Calls outside the rules', violationShare: 'Outside the rules', complaints: 'Complaints', overrides: 'Lead overrides',
  },
} as const;

/** A text cell a spreadsheet must show as text, never run. */
export function safeText(s: string): string {
  return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
}
const yuan = (fen: number | null): number | null => (fen === null ? null : fen / 100);
const pct = (r: number | null): number | null => (r === null ? null : Math.round(r * 10000) / 10000);

function sheet(wb: ExcelJS.Workbook, name: string, header: string[], rows: (string | number | null)[][], percentCols: number[] = [], moneyCols: number[] = []): void {
  const ws = wb.addWorksheet(name);
  ws.addRow(header).font = { bold: true };
  for (const r of rows) ws.addRow(r.map((v) => (typeof v === 'string' ? safeText(v) : v)));
  header.forEach((h, i) => {
    const col = ws.getColumn(i + 1);
    col.width = Math.max(10, Math.min(28, h.length * 2 + 2));
    if (percentCols.includes(i)) col.numFmt = '0.0%';
    if (moneyCols.includes(i)) col.numFmt = '#,##0.00';
  });
  ws.views = [{ state: 'frozen', ySplit: 1 }];
}

export async function dashboardXlsx(d: Dashboard, locale: Locale): Promise<{ fileName: string; base64: string }> {
  const t = L[locale];
  const wb = new (await loadExcelJS()).Workbook();
  wb.created = new Date(0); // the content, not the moment, decides the file
  const figures = (f: DashboardFigures): (number | null)[] => [
    f.calls, f.targets.calls, f.connected, pct(f.contactRate), f.rightParty, f.targets.rightParty, pct(f.rpcRate),
    f.ptps, yuan(f.ptpFen), yuan(f.targets.ptpFen), pct(f.ptpRate), f.due, f.keptOfDue, pct(f.keptRate),
    yuan(f.recoveredFen), yuan(f.targets.recoveredFen), yuan(f.assignedFen), pct(f.recoveryRate), f.targets.recoveryPct,
    f.compliance.violations, pct(f.compliance.violationShare), f.compliance.complaints, f.compliance.overrides,
  ];
  sheet(wb, t.agents,
    [t.name, t.agentNo, t.calls, t.callsTarget, t.connected, t.contactRate, t.rightParty, t.rightPartyTarget, t.rpcRate, t.ptps, t.ptpFen, t.ptpTarget,
      t.ptpRate, t.due, t.kept, t.keptRate, t.recovered, t.recoveredTarget, t.assigned, t.recoveryRate, t.recoveryTarget,
      t.violations, t.violationShare, t.complaints, t.overrides],
    [[t.team, '', ...figures(d.team)], ...d.agents.map((a) => [a.displayName, a.agentNo, ...figures(a)])],
    [5, 8, 12, 15, 19, 22], [10, 11, 16, 17, 18]);
  const groups = (rows: Dashboard['byBatch']) => rows.map((g) => [g.label || g.key, g.cases, yuan(g.assignedFen), yuan(g.recoveredFen), pct(g.rate)]);
  sheet(wb, t.batches, [t.batch, t.cases, t.assigned, t.recovered, t.recoveryRate], groups(d.byBatch), [4], [2, 3]);
  sheet(wb, t.buckets, [t.bucket, t.cases, t.assigned, t.recovered, t.recoveryRate], groups(d.byBucket), [4], [2, 3]);
  sheet(wb, t.roll, [t.bucket, t.start, t.rolled, t.cured, t.roll], d.roll.map((r) => [r.bucket, r.start, r.rolled, r.cured, pct(r.rate)]), [4]);
  sheet(wb, t.daily, [t.date, t.calls, t.connected, t.rightParty, t.ptpFen, t.recovered],
    d.daily.map((x) => [x.date, x.calls, x.connected, x.rightParty, yuan(x.ptpFen), yuan(x.recoveredFen)]), [], [4, 5]);
  const buf = await wb.xlsx.writeBuffer();
  return { fileName: `dashboard-${d.from}_${d.to}.xlsx`, base64: Buffer.from(buf).toString('base64') };
}
