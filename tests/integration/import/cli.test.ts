import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDb } from '../../../electron/core/db/open';
import { runImportCli } from '../../../electron/core/import/cli';
import { tempDir } from '../../fixtures/desk';
import { fixture, MESSY_OVERDUE_FEN, MESSY_REJECTED } from './helpers';

const ROOT = path.resolve(__dirname, '../../..');

async function cli(args: string[], dataDir: string): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runImportCli(args, { DATA_DIR: dataDir }, { out: (l) => out.push(l), err: (l) => err.push(l), now: () => new Date('2026-12-05T02:00:00Z') });
  return { code, out, err };
}

const count = (dir: string, table: string): number => {
  const db = openDb(dir, { readonly: true }); // encrypted at rest: opened with the test key
  try {
    return (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  } finally {
    db.close();
  }
};

describe('npm run import', () => {
  it('the npm script prints exactly one JSON line and exits 0; a refused file exits 2', () => {
    const dir = tempDir();
    const run = (file: string) => spawnSync('npm', ['run', '-s', 'import', '--', fixture(file), '--json'], { cwd: ROOT, env: { ...process.env, DATA_DIR: dir }, encoding: 'utf8' });
    const ok = run('messy-gbk.csv');
    expect(ok.status, ok.stderr).toBe(0);
    const lines = ok.stdout.split('\n').filter(Boolean);
    expect(lines).toHaveLength(1);
    const j = JSON.parse(lines[0] ?? '') as { accepted: number; updated: number; rejected: { row: number; column: string; reason: string }[]; totals: unknown };
    expect(Object.keys(j)).toEqual(['accepted', 'updated', 'rejected', 'totals']);
    expect(j).toMatchObject({ accepted: 6, updated: 0, totals: { cases: 6, overdue_fen: MESSY_OVERDUE_FEN } });
    expect(j.rejected.map((x) => [x.row, x.column])).toEqual(MESSY_REJECTED.map(([r, c]) => [r, c]));
    expect(Object.keys(j.rejected[0] ?? {})).toEqual(['row', 'column', 'reason']);
    expect(run('not-a-spreadsheet.pdf').status).toBe(2);
  });

  it('into DATA_DIR: updates on a second run, --dry-run writes nothing, --creditor names the creditor, refusals write nothing', async () => {
    const dir = tempDir();
    expect((await cli([fixture('messy-utf8-bom.csv'), '--json'], dir)).code).toBe(0);
    const cases = count(dir, 'cases');
    expect(cases).toBe(6);
    const again = await cli([fixture('messy-utf8.csv'), '--json', '--dry-run'], dir);
    expect(JSON.parse(again.out[0] ?? '')).toMatchObject({ accepted: 0, updated: 6 });
    expect(count(dir, 'batches')).toBe(2);

    const noCreditor = path.join(tempDir(), 'b.csv');
    fs.writeFileSync(noCreditor, '姓名,卡号,逾期金额,逾期天数\n张三,Z1,100,3\n');
    expect((await cli([noCreditor], dir)).code).toBe(2);
    expect(count(dir, 'cases')).toBe(cases);
    const named = await cli([noCreditor, '--creditor', '某银行'], dir);
    expect(named.code).toBe(0);
    expect(named.out[0]).toContain('1 new cases');
    for (const bad of [['malformed-truncated.xlsx'], ['missing.csv'], []]) {
      expect((await cli(bad.map((f) => fixture(f)), dir)).code).toBe(2);
    }
    expect(count(dir, 'cases')).toBe(cases + 1);
    expect(count(dir, 'audit_log')).toBe(2);
  });
});
