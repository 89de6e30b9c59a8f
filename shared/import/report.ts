/** The import report as table rows, for the XLSX and CSV exports; every text cell formula-escaped. */
import Papa from 'papaparse';
import type { ImportReport } from './types';

/**
 * A cell a spreadsheet would run as a formula (leading =, +, -, @, or a tab/CR that hides one)
 * gets a leading apostrophe, so it shows as the text it is.
 */
export function escapeFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

export type ReportLabels = { row: string; column: string; reason: string; accepted: string; updated: string; rejected: string; account: string; updatedHeading: string };

export const REPORT_LABELS_EN: ReportLabels = { row: 'Row', column: 'Column', reason: 'Reason', accepted: 'Accepted (new cases)', updated: 'Updated (existing cases)', rejected: 'Rejected rows', account: 'Account no.', updatedHeading: 'Updated cases' };

/** The report as rows of text: the counts, then each rejection, then each updated case. */
export function reportTable(r: ImportReport, l: ReportLabels = REPORT_LABELS_EN): string[][] {
  const rows: string[][] = [
    [l.accepted, String(r.accepted)],
    [l.updated, String(r.updated)],
    [l.rejected, String(r.rejected.length)],
    [],
    [l.row, l.column, l.reason],
    ...r.rejected.map((x) => [String(x.row), x.column, x.reason]),
    [],
    [l.updatedHeading],
    [l.row, l.account],
    ...r.updatedAccounts.map((u) => [String(u.row), u.accountNo]),
  ];
  return rows.map((cells) => cells.map(escapeFormula));
}

/** CSV with a BOM, so Excel opens the Chinese text as UTF-8. */
export function reportCsv(r: ImportReport, l?: ReportLabels): string {
  return `\uFEFF${Papa.unparse(reportTable(r, l), { newline: '\r\n' })}\r\n`;
}
