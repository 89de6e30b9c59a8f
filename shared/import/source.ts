/**
 * The one loop both readers feed: rows (with their spreadsheet row numbers) -> header, checked
 * rows, rejections. CSV bytes become rows here; XLSX rows come from the Node hosts' exceljs
 * streaming reader. Nothing holds the whole file.
 */
import { BatchChecker, ImportRefused, type CheckOptions, type HeaderInfo } from './checker';
import { CsvRows } from './csv';
import { TextChunks, type TextEncodingName } from './encoding';
import { isBlank, type Cell } from './text';
import type { ImportedRow, Rejection } from './types';

export interface SheetRow {
  cells: Cell[];
  /** As the spreadsheet shows it: the header is row 1 in a file that starts with it. */
  rowNo: number;
}

/** CSV bytes -> rows; a record is one spreadsheet row (a quoted newline does not start another). */
export async function* csvRows(chunks: AsyncIterable<Uint8Array>, encoding: TextEncodingName): AsyncGenerator<SheetRow> {
  const text = new TextChunks(encoding);
  const csv = new CsvRows();
  let rowNo = 0;
  for await (const chunk of chunks) {
    for (const cells of csv.push(text.decode(chunk))) yield { cells, rowNo: ++rowNo };
  }
  for (const cells of csv.push(text.end())) yield { cells, rowNo: ++rowNo };
  for (const cells of csv.end()) yield { cells, rowNo: ++rowNo };
}

export interface CheckResult {
  header: HeaderInfo;
  rejected: Rejection[];
  /** Data rows read (blank rows not counted), rows that passed. */
  rows: number;
  good: number;
}

export interface CheckHooks {
  /** Each row that passed, in file order (the desk writes it inside its transaction). */
  onRow?: (row: ImportedRow) => void | Promise<void>;
  /** Every `every` data rows, for a progress bar. */
  onProgress?: (rowsRead: number) => void;
  progressEvery?: number;
  /** Stop after this many data rows (a preview); the result then covers those rows only. */
  limit?: number;
}

/** Header = the first non-blank row. Refuses a file with no header or no data rows. */
export async function checkRows(rows: AsyncIterable<SheetRow>, opts: CheckOptions, hooks: CheckHooks = {}): Promise<CheckResult> {
  let checker: BatchChecker | null = null;
  const every = hooks.progressEvery ?? 1000;
  for await (const r of rows) {
    if (checker === null) {
      if (r.cells.every(isBlank)) continue;
      checker = new BatchChecker(r.cells, opts);
      continue;
    }
    const row = checker.row(r.cells, r.rowNo);
    if (row && hooks.onRow) await hooks.onRow(row);
    if (hooks.onProgress && checker.rows % every === 0 && checker.rows > 0) hooks.onProgress(checker.rows);
    if (hooks.limit !== undefined && checker.rows >= hooks.limit) break;
  }
  if (checker === null) throw new ImportRefused('empty', 'The file is empty.');
  if (checker.rows === 0) throw new ImportRefused('empty', 'The file has a header but no data rows.');
  return { header: checker.header, rejected: checker.rejected, rows: checker.rows, good: checker.good };
}
