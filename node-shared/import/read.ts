/**
 * A file on disk -> spreadsheet rows, streamed: CSV through shared/import (papaparse), XLSX
 * through exceljs's streaming reader. It needs Node streams, so it cannot live in shared/; the desk
 * core and the hub both run it from node-shared/. Only the first worksheet is read.
 */
import fs from 'node:fs';
import type { CellValue } from 'exceljs';
import { excelJsReader } from './exceljs-utf8';
import { ImportRefused, SNIFF_BYTES, csvRows, isDecodeError, sniffFile, type Cell, type FileKind, type SheetRow, type TextEncodingName } from '../../shared/import';

export interface FileSource {
  kind: FileKind;
  size: number;
  /** The rows, from the start; call again to read the file again. */
  rows(onBytes?: (read: number) => void): AsyncIterable<SheetRow>;
}

/** Sniff a file: xlsx or csv (encoding), or ImportRefused. */
export function openSource(file: string, forceEncoding?: TextEncodingName): FileSource {
  const size = fs.statSync(file).size;
  const sample = Buffer.alloc(Math.min(size, SNIFF_BYTES));
  const fd = fs.openSync(file, 'r');
  try {
    fs.readSync(fd, sample, 0, sample.length, 0);
  } finally {
    fs.closeSync(fd);
  }
  const sniffed = sniffFile(sample, size <= SNIFF_BYTES);
  const kind: FileKind = sniffed.kind === 'csv' && forceEncoding ? { kind: 'csv', encoding: forceEncoding } : sniffed;
  return {
    kind,
    size,
    rows: (onBytes) => (kind.kind === 'xlsx' ? xlsxRows(file, onBytes) : csvFileRows(file, kind.encoding, onBytes)),
  };
}

async function* byteChunks(file: string, onBytes?: (read: number) => void): AsyncGenerator<Uint8Array> {
  let read = 0;
  // 64 KB: a chunk's parsed rows live until the checker has taken them all (see STAGE_PIECE in electron/core/import/stage.ts)
  for await (const chunk of fs.createReadStream(file, { highWaterMark: 64 * 1024 })) {
    const b = chunk as Buffer;
    read += b.length;
    onBytes?.(read);
    yield b;
  }
}

/**
 * A cell's text as a string of its own. V8 cuts a substring of 13 or more characters as a slice
 * that keeps its whole parent alive: the parser's decoded chunk (CSV) or XML text (XLSX). The
 * checker keeps every row's creditor and account number to find duplicates, so without the copy
 * a 100,000-row file kept its whole text in memory (XLSX: ~75 MB of XML).
 */
export function ownCell(c: Cell): Cell {
  return typeof c === 'string' && c.length >= 13 ? Buffer.from(c, 'utf8').toString('utf8') : c;
}

async function* csvFileRows(file: string, encoding: TextEncodingName, onBytes?: (read: number) => void): AsyncGenerator<SheetRow> {
  for await (const r of csvRows(byteChunks(file, onBytes), encoding)) yield { cells: r.cells.map(ownCell), rowNo: r.rowNo };
}

/** An exceljs cell value as a plain Cell: rich text (LibreOffice writes it) as its text, formulas as their result. */
export function plainCell(v: CellValue | undefined): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((r) => r.text).join('');
    if ('result' in v) return plainCell(v.result as CellValue);
    if ('text' in v && typeof v.text === 'string') return v.text;
    if ('error' in v) return String(v.error);
  }
  return null;
}

async function* xlsxRows(file: string, onBytes?: (read: number) => void): AsyncGenerator<SheetRow> {
  const stream = fs.createReadStream(file, { highWaterMark: 256 * 1024 });
  let read = 0;
  stream.on('data', (b) => {
    read += b.length;
    onBytes?.(read);
  });
  // styles: 'cache' so date-formatted numbers come back as Date cells
  const reader = new (excelJsReader().stream.xlsx.WorkbookReader)(stream, { worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', entries: 'ignore' });
  try {
    for await (const sheet of reader) {
      for await (const row of sheet) {
        const values = Array.isArray(row.values) ? row.values : [];
        const cells: Cell[] = [];
        for (let i = 1; i < values.length; i++) cells.push(ownCell(plainCell(values[i])));
        yield { cells, rowNo: row.number };
      }
      break; // the first worksheet only
    }
  } catch (e) {
    if (e instanceof ImportRefused) throw e;
    throw new ImportRefused('notSpreadsheet', `This .xlsx file cannot be read (${e instanceof Error ? e.message.slice(0, 120) : 'unknown error'}).`);
  } finally {
    stream.destroy();
  }
}

/**
 * Run `work` over the file's rows; if a file sniffed as UTF-8 turns out not to be further in,
 * run it again as GB18030 (`work` must not have written anything it cannot redo).
 */
export async function withRows<T>(file: string, work: (src: FileSource) => Promise<T>): Promise<T> {
  const src = openSource(file);
  try {
    return await work(src);
  } catch (e) {
    if (src.kind.kind === 'csv' && src.kind.encoding === 'utf-8' && isDecodeError(e)) return work(openSource(file, 'gb18030'));
    throw e;
  }
}
