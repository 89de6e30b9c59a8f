/** The import report as XLSX (exceljs) or CSV, every text cell formula-escaped (shared/import/report). */
import { loadExcelJS } from '../../../node-shared/reports/writers/exceljs';
import { reportCsv, reportTable, REPORT_LABELS_EN, type ImportReport, type ReportLabels } from '../../../shared/import';

const LABELS_ZH: ReportLabels = { row: '行号', column: '列', reason: '原因', accepted: '新增案件', updated: '更新案件', rejected: '拒绝行数', account: '账号', updatedHeading: '已更新的案件' };

export const reportLabels = (locale: 'zh-CN' | 'en'): ReportLabels => (locale === 'en' ? REPORT_LABELS_EN : LABELS_ZH);

export async function reportXlsx(r: ImportReport, labels: ReportLabels): Promise<Buffer> {
  const wb = new (await loadExcelJS()).Workbook();
  const ws = wb.addWorksheet('report');
  // every cell is written as text: an escaped row number or account stays what it is
  for (const row of reportTable(r, labels)) ws.addRow(row);
  ws.columns.forEach((c, i) => {
    c.width = i === 2 ? 60 : 18;
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export async function exportReport(r: ImportReport, format: 'xlsx' | 'csv', locale: 'zh-CN' | 'en', baseName: string): Promise<{ fileName: string; mime: string; base64: string }> {
  const labels = reportLabels(locale);
  const stem = `${baseName.replace(/\.[^.]+$/, '')}-report`;
  if (format === 'csv') return { fileName: `${stem}.csv`, mime: 'text/csv', base64: Buffer.from(reportCsv(r, labels), 'utf8').toString('base64') };
  return { fileName: `${stem}.xlsx`, mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', base64: (await reportXlsx(r, labels)).toString('base64') };
}
