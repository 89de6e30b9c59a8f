/**
 * A large CSV imports with bounded memory: the file is streamed, never held, and the rows are
 * staged on disk, so the heap stays flat however large the file. 100 MB when CI=true or BIG=1
 * (about 90 s or more on a loaded 2-core machine); IMPORT_BIG_MB sets any size; 8 MB otherwise.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { statementCache, type Ctx } from '../../../electron/core/context';
import { migrate } from '../../../electron/core/db/migrate';
import { openDb } from '../../../electron/core/db/open';
import { importLocal } from '../../../electron/core/import/run';
import { loadSettings } from '../../../electron/core/settings/settings';
import { tempDir } from '../../fixtures/desk';
import { writeBigCsv } from '../../fixtures/import-big';

const MB = Number(process.env.IMPORT_BIG_MB ?? (process.env.CI === 'true' || process.env.BIG ? 100 : 8));

describe(`a ${MB} MB CSV`, () => {
  it('imports every row in one transaction with the heap bounded, not growing with the file', { timeout: 900_000 }, async () => {
    const dir = tempDir();
    const file = path.join(dir, 'big.csv');
    const rows = writeBigCsv(file, { bytes: MB * 1024 * 1024 });
    const size = fs.statSync(file).size;
    expect(size).toBeGreaterThan(MB * 1024 * 1024 * 0.9);
    const db = openDb(path.join(dir, 'desk'), { synchronous: 'NORMAL' });
    try {
      migrate(db);
      const settings = loadSettings(db);
      const ctx: Ctx = { db, clock: () => new Date('2026-12-05T02:00:00Z'), prep: statementCache(db), settings: () => settings, log: () => {}, session: { agent: null, agentId: null }, emit: () => {} };
      global.gc?.();
      const base = process.memoryUsage().heapUsed;
      let peak = base;
      const sample = () => {
        peak = Math.max(peak, process.memoryUsage().heapUsed);
      };
      const timer = setInterval(sample, 50);
      const t0 = performance.now();
      const out = await importLocal(ctx, { file, stagedFile: path.join(dir, 'rows.ndjson'), fileName: 'big.csv', dryRun: false, today: '2026-12-05', onProgress: sample });
      clearInterval(timer);
      sample();
      const ms = performance.now() - t0;
      expect(out.refused).toBeNull();
      expect(out.report).toMatchObject({ accepted: rows, updated: 0, rejected: [] });
      expect((db.prepare('SELECT count(*) AS n FROM cases').get() as { n: number }).n).toBe(rows);
      const grewMb = (peak - base) / 1024 / 1024;
      console.log(`large import: ${(size / 1024 / 1024).toFixed(0)} MB, ${rows} rows in ${(ms / 1000).toFixed(1)} s (${Math.round(rows / (ms / 1000))} rows/s), heap grew at most ${grewMb.toFixed(0)} MB`);
      // bounded: a fixed allowance (buffers, statement caches, garbage not yet collected) plus the
      // in-file duplicate check's one key per row (~100 B); the file itself is never held
      expect(grewMb).toBeLessThan(160 + (rows * 100) / 1024 / 1024);
    } finally {
      db.close();
    }
  });
});
