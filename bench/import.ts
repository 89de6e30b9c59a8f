/**
 * Batch import speed and memory (issue 10): 100,000 CSV rows and 100,000 XLSX rows into a fresh
 * desk database through the real import (check, stage, one transaction), each in its own child
 * process so its peak RSS is its own; and a bare better-sqlite3 insert of the same rows (debtor,
 * phone, case) in one transaction. Targets: CSV within 3x of the bare insert; peak RSS < 300 MB.
 *
 *   runImportBench({ rows, log }) -> Stat[] (wired into bench/run.ts); BENCH_IMPORT_ROWS sets rows.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { statementCache, type Ctx } from '../electron/core/context';
import { migrate } from '../electron/core/db/migrate';
import { openDb } from '../electron/core/db/open';
import { importLocal } from '../electron/core/import/run';
import { loadSettings } from '../electron/core/settings/settings';
import { bigRow, writeBigCsv, writeBigXlsx } from '../tests/fixtures/import-big';
import type { Stat } from './core';

interface ChildResult { ms: number; rows: number; peakMb: number }


const TSX = path.resolve(__dirname, '../node_modules/tsx/dist/cli.mjs');

function child(mode: 'import' | 'bare', file: string, rows: number): ChildResult {
  const r = spawnSync(process.execPath, [TSX, __filename, 'child', mode, file, String(rows)], { encoding: 'utf8', maxBuffer: 1 << 20 });
  const line = r.stdout.trim().split('\n').pop() ?? '';
  if (r.status !== 0 || !line.startsWith('{')) throw new Error(`import bench child failed: ${r.stderr.slice(-2000)}`);
  return JSON.parse(line) as ChildResult;
}

const one = (name: string, value: number, target: number | null): Stat => ({ name, n: 1, p50: value, p95: value, p99: value, target, stat: 'p50' });

export async function runImportBench(opts: { rows?: number; log?: (s: string) => void } = {}): Promise<Stat[]> {
  const rows = opts.rows ?? Number(process.env.BENCH_IMPORT_ROWS ?? 100_000);
  const log = opts.log ?? (() => {});
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-import-'));
  try {
    const csv = path.join(dir, 'batch.csv');
    const xlsx = path.join(dir, 'batch.xlsx');
    writeBigCsv(csv, { rows });
    await writeBigXlsx(xlsx, rows);
    log(`import bench: ${rows} rows, CSV ${(fs.statSync(csv).size / 1e6).toFixed(1)} MB, XLSX ${(fs.statSync(xlsx).size / 1e6).toFixed(1)} MB`);
    const bare = child('bare', csv, rows);
    const c = child('import', csv, rows);
    const x = child('import', xlsx, rows);
    const rate = (r: ChildResult) => Math.round(r.rows / (r.ms / 1000));
    log(`  bare insert   ${bare.ms.toFixed(0)} ms  ${rate(bare)} rows/s  peak ${bare.peakMb} MB`);
    log(`  CSV import    ${c.ms.toFixed(0)} ms  ${rate(c)} rows/s  peak ${c.peakMb} MB  ratio ${(c.ms / bare.ms).toFixed(2)}x (target <= 3x)`);
    log(`  XLSX import   ${x.ms.toFixed(0)} ms  ${rate(x)} rows/s  peak ${x.peakMb} MB  ratio ${(x.ms / bare.ms).toFixed(2)}x`);
    return [
      one(`import bare ${rows / 1000}k ms`, bare.ms, null),
      one(`import csv ${rows / 1000}k ms`, c.ms, 3 * bare.ms),
      one(`import xlsx ${rows / 1000}k ms`, x.ms, null),
      one('import csv peak RSS (MB)', c.peakMb, 300),
      one('import xlsx peak RSS (MB)', x.peakMb, 300),
    ];
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** In the child: one run on a fresh desk database; prints {ms, rows, peakMb}. */
async function runChild(mode: string, file: string, rows: number): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-import-db-'));
  const db = openDb(dir);
  try {
    migrate(db);
    const settings = loadSettings(db);
    const t0 = performance.now();
    let n = rows;
    if (mode === 'bare') {
      // the same rows already split and typed (debtor, self phone, contact + phone, case): only the inserts, one transaction
      const data = Array.from({ length: rows }, (_, i) => bigRow(i));
      const t1 = performance.now();
      const d = db.prepare('INSERT INTO debtors (name, id_number, id_tail4, home_address, updated_at) VALUES (?, ?, ?, ?, ?)');
      const p = db.prepare("INSERT INTO phones (debtor_id, contact_id, owner, kind, number, number_tail4, status) VALUES (?, ?, ?, 'mobile', ?, ?, 'valid')");
      const k = db.prepare("INSERT INTO contacts (debtor_id, name, relation, party) VALUES (?, ?, 'spouse', 'related')");
      const c = db.prepare(`INSERT INTO cases (debtor_id, creditor, product, account_no, principal_fen, balance_fen, overdue_fen, min_due_fen, overdue_since, status, tags, priority, updated_at)
                            VALUES (?, ?, 'credit_card', ?, ?, ?, ?, 0, '2026-01-01', 'open', '[]', 0, ?)`);
      const at = new Date().toISOString();
      db.transaction(() => {
        data.forEach((r, i) => {
          const id = Number(d.run(r[0], r[1], (r[1] ?? '').slice(-4), r[9], at).lastInsertRowid);
          p.run(id, null, 'self', r[2], (r[2] ?? '').slice(-4));
          const contact = Number(k.run(id, r[10]).lastInsertRowid);
          p.run(id, contact, 'related', r[12], (r[12] ?? '').slice(-4));
          c.run(id, r[7], r[3], 100_050 + i, 100_050 + i, 100_000 + i, at);
        });
      })();
      process.stdout.write(`${JSON.stringify({ ms: performance.now() - t1, rows, peakMb: Math.round(process.resourceUsage().maxRSS / 1024) })}\n`);
      return;
    }
    const ctx: Ctx = { db, clock: () => new Date(), prep: statementCache(db), settings: () => settings, log: () => {}, session: { agent: null, agentId: null }, emit: () => {} };
    const out = await importLocal(ctx, { file, stagedFile: path.join(dir, 'rows.ndjson'), fileName: path.basename(file), dryRun: false, today: '2026-12-05' });
    if (!out.report) throw new Error(`refused: ${out.refused.message}`);
    n = out.report.accepted + out.report.updated;
    // exceljs's streaming reader can cut a UTF-8 character at a chunk edge: those rows are rejected (badCharacters), say how many
    if (n !== rows) process.stderr.write(`imported ${n} of ${rows} rows (${out.report.rejected.length} rejected: ${JSON.stringify(out.report.rejected.slice(0, 2))})\n`);
    process.stdout.write(`${JSON.stringify({ ms: performance.now() - t0, rows: n, peakMb: Math.round(process.resourceUsage().maxRSS / 1024) })}\n`);
  } finally {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module && process.argv[2] === 'child') {
  runChild(process.argv[3] ?? '', process.argv[4] ?? '', Number(process.argv[5])).catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
} else if (require.main === module) {
  // npx tsx bench/import.ts: this bench alone
  void runImportBench({ log: (s) => console.log(s) }).then((stats) => console.log(stats.map((s) => `${s.name}: ${s.p50.toFixed(0)}${s.target === null ? '' : ` (target ${s.target.toFixed(0)}) ${s.p50 <= s.target ? 'PASS' : 'FAIL'}`}`).join('\n')));
}
