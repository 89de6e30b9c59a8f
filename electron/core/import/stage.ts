/**
 * Phase 1 of an import: read and check the whole file (async, streamed), writing the rows that
 * passed to a staging file (NDJSON) beside it, so memory stays bounded however large the file
 * and phase 2 can apply them in one synchronous transaction.
 */
import fs from 'node:fs';
import { checkRows, type CheckOptions, type CheckResult, type FileKind, type ImportedRow } from '../../../shared/import';
import { withRows } from '../../../node-shared/import/read';

/**
 * Staged lines are written and read back in 64 KB pieces, not 1 MB: a piece's lines live until it
 * is written (or split), long enough for V8 to move them to the old generation, which then grows
 * far past what is live before it is collected (100,000 rows: ~60 MB of peak RSS).
 */
const STAGE_PIECE = 64 * 1024;

export interface Staged extends CheckResult {
  kind: FileKind;
  /** NDJSON of ImportedRow, one per line, in file order. */
  stagedFile: string;
}

export interface StageProgress {
  bytesRead: number;
  totalBytes: number;
  rowsRead: number;
}

/** Check `file`; the passing rows go to `stagedFile`. Throws ImportRefused for a refused file (and writes nothing lasting). */
export async function stageFile(file: string, stagedFile: string, opts: CheckOptions, onProgress?: (p: StageProgress) => void): Promise<Staged> {
  return withRows(file, async (src) => {
    const fd = fs.openSync(stagedFile, 'w');
    let buf: string[] = [];
    let bufChars = 0;
    let bytesRead = 0;
    const flush = (): void => {
      if (buf.length === 0) return;
      fs.writeSync(fd, buf.join(''));
      buf = [];
      bufChars = 0;
    };
    try {
      const result = await checkRows(src.rows((b) => (bytesRead = b)), opts, {
        onRow: (row: ImportedRow) => {
          const line = `${JSON.stringify(row)}\n`;
          buf.push(line);
          bufChars += line.length;
          if (bufChars > STAGE_PIECE) flush();
        },
        onProgress: (rowsRead) => onProgress?.({ bytesRead, totalBytes: src.size, rowsRead }),
        progressEvery: 2000,
      });
      flush();
      onProgress?.({ bytesRead: src.size, totalBytes: src.size, rowsRead: result.rows });
      return { ...result, kind: src.kind, stagedFile };
    } catch (e) {
      fs.rmSync(stagedFile, { force: true });
      throw e;
    } finally {
      try {
        fs.closeSync(fd);
      } catch {
        // already closed
      }
    }
  });
}

/** The staged rows, read synchronously in 64 KB pieces (phase 2 runs inside one database transaction). */
export function* stagedRows(stagedFile: string): Generator<ImportedRow> {
  const fd = fs.openSync(stagedFile, 'r');
  const chunk = Buffer.alloc(STAGE_PIECE);
  const decoder = new TextDecoder('utf-8');
  let rest = '';
  try {
    for (;;) {
      const n = fs.readSync(fd, chunk, 0, chunk.length, null);
      const text = rest + decoder.decode(chunk.subarray(0, n), { stream: n > 0 });
      const lines = text.split('\n');
      rest = lines.pop() ?? '';
      // our own file, written by stageFile from rows the checker built (parsing each again with zod would double the cost)
      for (const line of lines) if (line) yield JSON.parse(line) as ImportedRow;
      if (n === 0) break;
    }
    if (rest) yield JSON.parse(rest) as ImportedRow;
  } finally {
    fs.closeSync(fd);
  }
}
