/**
 * Team mode: the lead's desk checks a batch and sends it normalised; the hub checks every row
 * again, applies it in one transaction, logs it and answers its report; the hub CLI does the same
 * from a file. Both stores.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkRows, csvRows, type ImportedRow, type Rejection } from '../../../shared/import';
import { hubDesk, makeHubWorld, connectDesk, type HubWorld } from '../../fixtures/hub-world';
import { unwrap } from '../../fixtures/desk';
import { newSpot, pgAvailable, PG_URL, type Kind, type StoreSpot, countRows } from '../hub/harness';
import { fixture, MESSY_OVERDUE_FEN, MESSY_REJECTED, uploadFixture } from './helpers';

const pgOk = await pgAvailable();
if (!pgOk) console.warn('hub import tests: no PostgreSQL reachable at 127.0.0.1:5432 — the PostgreSQL half is SKIPPED');
const ROOT = path.resolve(__dirname, '../../..');

async function* bytes(file: string): AsyncGenerator<Uint8Array> {
  yield fs.readFileSync(file);
}
async function checked(name: string, encoding: 'utf-8' | 'gb18030'): Promise<{ rows: ImportedRow[]; rejected: Rejection[] }> {
  const rows: ImportedRow[] = [];
  const r = await checkRows(csvRows(bytes(fixture(name)), encoding), { asOf: '2026-03-10' }, { onRow: (x) => void rows.push(x) });
  return { rows, rejected: r.rejected };
}

async function post(w: HubWorld, token: string, body: unknown): Promise<{ status: number; body: any }> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const res = await fetch(`${w.url}/v1/import`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(body) });
  return { status: res.status, body: await res.json() };
}
async function login(w: HubWorld, username: string): Promise<string> {
  const res = await fetch(`${w.url}/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: 'secret-123' }) });
  return ((await res.json()) as { token: string }).token;
}

describe.each([
  ['sqlite', true],
  ['postgres', pgOk],
] as [Kind, boolean][])('batch import on a %s hub', (kind, enabled) => {
  let w: HubWorld;
  let spot: StoreSpot;
  beforeAll(async () => {
    if (!enabled) return;
    spot = newSpot(kind);
    w = await makeHubWorld({ store: spot.opts });
  });
  afterAll(async () => {
    if (!enabled) return;
    await w.close();
    await spot.drop();
  });
  const count = (sql: string, params: (string | number)[] = []) => countRows(w.hub, sql, params);

  it.skipIf(!enabled)('a lead posts a normalised batch: accepted, then updated on a second post; dry run and agents write nothing', async () => {
    const lead = await login(w, 'lead1');
    const { rows, rejected } = await checked('messy-gbk.csv', 'gb18030');
    const before = await count('SELECT count(*) AS n FROM cases');
    const dry = await post(w, lead, { fileName: 'messy-gbk.csv', dryRun: true, rows, rejected });
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({ accepted: 6, updated: 0, dryRun: true });
    expect(await count('SELECT count(*) AS n FROM cases')).toBe(before);

    const r = await post(w, lead, { fileName: 'messy-gbk.csv', rows, rejected });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ accepted: 6, updated: 0, totals: { cases: 6, overdue_fen: MESSY_OVERDUE_FEN } });
    expect(r.body.rejected.map((x: Rejection) => [x.row, x.column, x.code])).toEqual(MESSY_REJECTED);
    expect(await count('SELECT count(*) AS n FROM cases WHERE team_id = ? AND assigned_agent_id IS NULL', [w.teamId])).toBe(before + 6);
    expect(await count("SELECT count(*) AS n FROM debtors WHERE id_number = '110105198503121234'")).toBe(1);
    expect(await count('SELECT count(*) AS n FROM import_log WHERE team_id = ? AND accepted = 6', [w.teamId])).toBe(1);
    expect(await count("SELECT count(*) AS n FROM admin_audit WHERE action = 'cases.import' AND team_id = ?", [w.teamId])).toBe(1); // the hash-chained admin log

    const again = await post(w, lead, { fileName: 'messy-gbk.csv', rows, rejected: [] });
    expect(again.body).toMatchObject({ accepted: 0, updated: 6, rejected: [] });
    expect(await count('SELECT count(*) AS n FROM cases')).toBe(before + 6);

    const agent = await login(w, 'agenta');
    expect((await post(w, agent, { fileName: 'x.csv', rows, rejected })).status).toBe(403);
  });

  it.skipIf(!enabled)('the hub checks every row again: a bad ID, phone, amount or a duplicate is rejected, the rest applies', async () => {
    const lead = await login(w, 'lead1');
    const { rows } = await checked('messy-utf8-bom.csv', 'utf-8');
    const good = rows[0] as ImportedRow;
    const hostile = [
      { ...good, row: 2, accountNo: 'H-1', idNumber: '110105198503121235' },
      { ...good, row: 3, accountNo: 'H-2', phones: [{ kind: 'mobile', number: '123' }] },
      { ...good, row: 4, accountNo: 'H-3', overdueFen: -5 },
      { ...good, row: 5, accountNo: 'H-4', overdueSince: '2024-02-30' },
      { ...good, row: 6, accountNo: 'H-5' },
      { ...good, row: 7, accountNo: 'H-5' },
      'not a row',
    ];
    const r = await post(w, lead, { fileName: 'hostile.json', rows: hostile });
    expect(r.status).toBe(200);
    expect(r.body.accepted).toBe(1);
    expect(r.body.rejected.map((x: Rejection) => [x.row, x.code])).toEqual([[2, 'badIdNumber'], [3, 'badPhone'], [4, 'badAmount'], [5, 'badDate'], [7, 'duplicateInFile'], [8, 'required']]);
    expect(await count("SELECT count(*) AS n FROM cases WHERE account_no LIKE 'H-%'")).toBe(1);
    expect((await post(w, lead, { fileName: 'x', rows: 'nope' })).status).toBe(400);
  });

  it.skipIf(!enabled)('npm run hub -- import --team T FILE: one JSON line, exit 0; --dry-run writes nothing; a refused file exits 2', () => {
    const where = kind === 'sqlite' ? ['--data-dir', String(spot.opts.dataDir)] : ['--pg', PG_URL, '--pg-schema', String(spot.opts.pgSchema)];
    const hub = (args: string[]) => spawnSync(process.execPath, [path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'), path.join(ROOT, 'hub/cli.ts'), ...args, ...where], { cwd: ROOT, encoding: 'utf8', timeout: 90_000 });
    const dry = hub(['import', '--team', 'T1', fixture('libreoffice.xlsx'), '--dry-run', '--json']);
    expect(dry.status, dry.stderr).toBe(0);
    expect(JSON.parse(dry.stdout.trim())).toMatchObject({ accepted: 2, updated: 0 });
    const ok = hub(['import', '--team', 'T1', fixture('libreoffice.xlsx'), '--json']);
    expect(ok.status, ok.stderr).toBe(0);
    const lines = ok.stdout.split('\n').filter(Boolean);
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] ?? '')).toEqual({
      accepted: 2, updated: 0, totals: { cases: 2, overdue_fen: 900_000 },
      rejected: [{ row: 3, column: '逾期金额', reason: expect.any(String) }, { row: 5, column: '逾期日期', reason: expect.any(String) }],
    });
    const refused = hub(['import', '--team', 'T1', fixture('not-a-spreadsheet.pdf')]);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('not a spreadsheet');
  });
});

describe('a lead desk in team mode', () => {
  let w: HubWorld;
  beforeAll(async () => {
    w = await makeHubWorld();
  });
  afterAll(async () => w.close());

  it('checks locally, the hub applies and reports; the cases reach the lead desk by sync; nothing is written locally first', async () => {
    const t = await hubDesk(w);
    try {
      await connectDesk(t, w, 'lead1');
      const id = await uploadFixture(t, 'messy-utf8.csv');
      const preview = await t.call('importer.preview', { uploadId: id });
      expect(preview.refused).toBeNull();
      const r = await t.call('importer.apply', { uploadId: id });
      expect(r.team).toBe(true);
      expect(r.report).toMatchObject({ accepted: 6, updated: 0, totals: { overdue_fen: MESSY_OVERDUE_FEN } });
      expect(r.report?.rejected.map((x) => [x.row, x.column, x.code])).toEqual(MESSY_REJECTED);
      await unwrap(t.desk.invoke('sync.now', {}));
      expect(t.count('cases', "account_no = '6222020000000001'")).toBe(2);
      expect(t.count('audit_log', "action = 'import.sent'")).toBe(1);
    } finally {
      t.close();
    }
  });
});
