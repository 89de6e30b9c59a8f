/**
 * `npm run hub -- import --team T FILE [--creditor NAME] [--dry-run] [--json]`: the same check as a
 * lead's desk (shared/import), then the same one-transaction apply as POST /v1/import.
 * --json prints one line {"accepted","updated","rejected":[{"row","column","reason"}],"totals"}.
 * Exit codes: 0 applied (even with rejected rows), 2 a refused file.
 */
import fs from 'node:fs';
import path from 'node:path';
import { localDateOf } from '../../shared/domain/dates';
import { checkRows, HUB_IMPORT_MAX_ROWS, ImportRefused, type ImportedRow, type ImportReport } from '../../shared/import';
import { teamByName } from '../admin';
import type { Store } from '../store/types';
import { importInStore } from './apply';
import { withRows } from '../../node-shared/import/read';

export interface ImportCommand {
  team: string;
  file: string;
  creditor?: string | undefined;
  dryRun: boolean;
  json: boolean;
}

export const reportLine = (r: ImportReport): string =>
  JSON.stringify({ accepted: r.accepted, updated: r.updated, rejected: r.rejected.map((x) => ({ row: x.row, column: x.column, reason: x.reason })), totals: r.totals });

export async function hubImport(store: Store, c: ImportCommand, now: Date, out: (line: string) => void, err: (line: string) => void): Promise<number> {
  if (!fs.existsSync(c.file) || !fs.statSync(c.file).isFile()) {
    err(`${c.file}: no such file`);
    return 2;
  }
  const teamId = await store.read((q) => teamByName(q, c.team));
  let rows: ImportedRow[] = [];
  let rejected;
  try {
    ({ rejected } = await withRows(c.file, async (src) => {
      rows = [];
      return checkRows(src.rows(), { asOf: localDateOf(now), creditor: c.creditor }, {
        onRow: (r) => {
          if (rows.length >= HUB_IMPORT_MAX_ROWS) throw new ImportRefused('tooLarge', `A team import takes at most ${HUB_IMPORT_MAX_ROWS} rows at once: split the file.`);
          rows.push(r);
        },
      });
    }));
  } catch (e) {
    if (!(e instanceof ImportRefused)) throw e;
    if (c.json) out(JSON.stringify({ refused: e.code, reason: e.message }));
    else err(`refused: ${e.message} Nothing was imported.`);
    return 2;
  }
  const r = await importInStore((fn) => store.write(fn), teamId, { fileName: path.basename(c.file), dryRun: c.dryRun, rows, rejected, source: 'cli', userId: null }, now);
  if (c.json) out(reportLine(r));
  else {
    out(`team ${c.team}: ${r.dryRun ? 'dry run (nothing written): ' : ''}${r.accepted} new cases, ${r.updated} updated, ${r.rejected.length} rows rejected${r.batchNo ? ` — batch ${r.batchNo}` : ''}`);
    for (const x of r.rejected) out(`  row ${x.row}, ${x.column}: ${x.reason}`);
  }
  return 0;
}
