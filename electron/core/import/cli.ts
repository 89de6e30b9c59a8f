/**
 * `npm run import -- FILE [--creditor NAME] [--dry-run] [--json]` — a creditor's batch into the
 * local desk database in DATA_DIR (default ./.data/web, as `npm run web`). A desk in team mode
 * imports on the hub instead: `npm run hub -- import --team T FILE`.
 *
 * --json prints exactly one line:
 *   {"accepted":n,"updated":n,"rejected":[{"row":n,"column":"…","reason":"…"}],"totals":{"cases":n,"overdue_fen":n}}
 * Exit codes: 0 the batch applied (even with rejected rows; also a dry run), 2 a refused file or bad usage, 1 failure.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { ImportReport } from '../../../shared/import';
import { localDateOf } from '../../../shared/domain/dates';
import { statementCache, type Ctx } from '../context';
import { migrate } from '../db/migrate';
import { openDb } from '../db/open';
import { loadSettings } from '../settings/settings';
import { importLocal } from './run';

export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
  now?: () => Date;
}

const USAGE = 'usage: npm run import -- FILE [--creditor NAME] [--dry-run] [--json]   (database: DATA_DIR, default ./.data/web)';

/** The one --json line: accepted, updated, rejected (row, column, reason), totals. */
export const jsonLine = (r: ImportReport): string =>
  JSON.stringify({ accepted: r.accepted, updated: r.updated, rejected: r.rejected.map((x) => ({ row: x.row, column: x.column, reason: x.reason })), totals: r.totals });

export async function runImportCli(argv: string[], env: NodeJS.ProcessEnv, io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: { creditor: { type: 'string' }, 'dry-run': { type: 'boolean' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } });
  } catch (e) {
    io.err(`${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  const { values: v, positionals } = parsed;
  if (v.help) {
    io.out(USAGE);
    return 0;
  }
  const file = positionals[0];
  if (!file || positionals.length > 1) {
    io.err(USAGE);
    return 2;
  }
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) {
    io.err(`${file}: no such file`);
    return 2;
  }
  const dataDir = path.resolve(env.DATA_DIR || '.data/web');
  fs.mkdirSync(dataDir, { recursive: true });
  const db = openDb(dataDir);
  const staging = fs.mkdtempSync(path.join(os.tmpdir(), 'collectdesk-import-'));
  try {
    migrate(db);
    const settings = loadSettings(db);
    const clock = io.now ?? (() => new Date());
    const ctx: Ctx = {
      db, clock, prep: statementCache(db), settings: () => settings, log: () => {},
      session: { agent: null, agentId: null }, emit: () => {},
    };
    const out = await importLocal(ctx, {
      file, stagedFile: path.join(staging, 'rows.ndjson'), fileName: path.basename(file), creditor: v.creditor, dryRun: v['dry-run'] === true,
      today: localDateOf(clock(), settings.timeZone),
      ...(v.json ? {} : { onProgress: (phase, p) => { if (phase === 'reading' && p.totalBytes > 0) process.stderr.write(`\r${Math.floor((100 * p.bytesRead) / p.totalBytes)}%  ${p.rowsRead} rows`); } }),
    });
    if (!v.json) process.stderr.write('\n');
    if (out.refused) {
      if (v.json) io.out(JSON.stringify({ refused: out.refused.code, reason: out.refused.message }));
      else io.err(`refused: ${out.refused.message} Nothing was imported.`);
      return 2;
    }
    const r = out.report;
    if (v.json) io.out(jsonLine(r));
    else {
      io.out(`${r.dryRun ? 'dry run (nothing written): ' : ''}${r.accepted} new cases, ${r.updated} updated, ${r.rejected.length} rows rejected${r.batchNo ? ` — batch ${r.batchNo}` : ''} (${dataDir})`);
      for (const x of r.rejected) io.out(`  row ${x.row}, ${x.column}: ${x.reason}`);
    }
    return 0;
  } finally {
    db.close();
    fs.rmSync(staging, { recursive: true, force: true });
  }
}

if (require.main === module) {
  runImportCli(process.argv.slice(2), process.env, { out: (l) => console.log(l), err: (l) => console.error(l) }).then(
    (code) => process.exit(code),
    (e: unknown) => {
      console.error(e instanceof Error ? e.message : String(e));
      process.exit(1);
    },
  );
}
