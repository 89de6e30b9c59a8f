/**
 * XLSX detail tables from a DocModel's sheets (exceljs). Text cells a spreadsheet would run as
 * a formula (leading = + - @, also after a tab or CR) are written with a leading apostrophe
 * quote prefix, so they show as typed and never execute.
 */
import type ExcelJS from 'exceljs';
import { loadExcelJS } from './exceljs';
import type { CellKind, DocModel } from '../../../shared/reports/document';

/** '=1+1' -> "'=1+1"; everything else as is. */
export function escapeFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

function value(kind: CellKind, v: string | number | null): ExcelJS.CellValue {
  if (v === null) return null;
  if (typeof v === 'number') return kind === 'yuan' ? v / 100 : v;
  return escapeFormula(v);
}

const FORMATS: Partial<Record<CellKind, string>> = { yuan: '#,##0.00', rate: '0.0%', int: '0' };

export async function writeXlsx(doc: DocModel): Promise<Buffer> {
  const wb = new (await loadExcelJS()).Workbook();
  wb.creator = 'CollectDesk';
  wb.title = doc.title;
  const used = new Set<string>();
  for (const s of doc.sheets) {
    // Sheet names: at most 31 characters, none of : \ / ? * [ ], unique.
    let name = s.name.replace(/[:\\/?*[\]]/g, ' ').slice(0, 31) || 'Sheet';
    for (let i = 2; used.has(name); i++) name = `${s.name.slice(0, 28)} ${i}`;
    used.add(name);
    const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = s.columns.map((c) => ({ header: escapeFormula(c.header), width: c.width ?? 14, style: FORMATS[c.kind] ? { numFmt: FORMATS[c.kind] } : {} }));
    ws.getRow(1).font = { bold: true };
    for (const r of s.rows) ws.addRow(r.map((v, i) => value(s.columns[i]?.kind ?? 'text', v)));
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
