/** The hub's own hash chain of admin actions: written by imports, assignments, reference and account changes; `npm run hub -- audit verify` on both stores. */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import pg from 'pg';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setDisabled } from '../../../hub/admin';
import { SQLITE_FILE } from '../../../hub/store/sqlite';
import { generateDemoRows } from '../../../shared/demo/generate';
import { call, deskOf, makeWorld, pgAvailable, PG_URL, type Kind, type World } from './harness';

const root = path.resolve(__dirname, '../../..');
const pgOk = await pgAvailable();
if (!pgOk) console.warn('PostgreSQL unreachable at', PG_URL, '- the postgres half of the hub admin audit tests is skipped');

function hubCli(args: string[]): { code: number | null; out: string; err: string } {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('HUB_')));
  const r = spawnSync(process.execPath, [path.join(root, 'node_modules/tsx/dist/cli.mjs'), path.join(root, 'hub/cli.ts'), ...args], { cwd: root, env: clean, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** Tamper as someone with the database would: past the append-only guard. */
async function tamper(w: World, kind: Kind, sql: string): Promise<void> {
  if (kind === 'sqlite') {
    const db = new Database(path.join(w.spot.opts.dataDir ?? '', SQLITE_FILE));
    db.exec('DROP TRIGGER IF EXISTS admin_audit_no_update; DROP TRIGGER IF EXISTS admin_audit_no_delete;');
    db.exec(sql);
    db.close();
    return;
  }
  const c = new pg.Client({ connectionString: PG_URL });
  await c.connect();
  try {
    await c.query(`SET search_path TO ${w.spot.opts.pgSchema}`);
    await c.query('DROP TRIGGER IF EXISTS admin_audit_no_change ON admin_audit');
    await c.query(sql);
  } finally {
    await c.end();
  }
}

describe.each([
  ['sqlite', true],
  ['postgres', pgOk],
] as [Kind, boolean][])('hub admin audit on %s', (kind, enabled) => {
  let w: World;
  beforeAll(async () => {
    if (enabled) w = await makeWorld(kind);
  });
  afterAll(async () => {
    if (enabled) await w.close();
  });
  const where = (): string[] => (kind === 'sqlite' ? ['--data-dir', w.spot.opts.dataDir ?? ''] : ['--pg', PG_URL, '--pg-schema', w.spot.opts.pgSchema ?? '']);

  it.skipIf(!enabled)('records imports, assignments, reference and account changes in a chain that verifies; a tampered row fails naming it', async () => {
    const lead = await w.tokenOf('lead1');
    const rows = generateDemoRows({ cases: 2, firstId: 7000, agentId: null, today: '2026-03-10', history: 0 });
    expect((await call(w.hub, 'POST', '/v1/admin/cases', rows, lead)).status).toBe(200);
    expect((await call(w.hub, 'PUT', '/v1/admin/reference', { settings: { ptpMaxDays: 20 } }, lead)).status).toBe(200);
    const desk = await deskOf(w, 'lead1');
    const r = await desk.push([desk.m('case.assign', { caseIds: [rows.cases[0]?.id ?? ''], agentId: String(w.ids.agentA), at: w.now.t.toISOString() })]);
    expect(r.body.rejected, JSON.stringify(r.body)).toEqual([]);
    await setDisabled(w.hub.store, 'agentB', true, w.now.t);

    const log = await w.hub.store.read((q) => q.all<{ seq: number; actor: string; action: string }>('SELECT seq, actor, action FROM admin_audit ORDER BY seq'));
    const actions = log.map((l) => l.action);
    // makeWorld: 2 teams and 6 users by the CLI's functions
    expect(actions.slice(0, 8)).toEqual(['team.add', 'team.add', ...Array(6).fill('user.add')]);
    expect(actions.slice(8)).toEqual(['cases.upsert', 'reference.update', 'case.assign', 'user.disable']);
    expect(log[8]?.actor).toBe(`user:${w.ids.lead1}`);
    expect(log[11]?.actor).toBe('cli');

    const ok = hubCli(['audit', 'verify', ...where()]);
    expect(ok.code, ok.err).toBe(0);
    expect(ok.out).toContain('hub audit log intact: 12 entries');

    await tamper(w, kind, "UPDATE admin_audit SET detail = '{\"ptpMaxDays\":99}' WHERE seq = 10");
    const bad = hubCli(['audit', 'verify', ...where()]);
    expect(bad.code).toBe(1);
    expect(bad.out).toContain('BROKEN at seq 10: row content does not match its hash (9 entries before it verify)');
  });

  it.skipIf(!enabled)('rows cut off the end of the chain are caught by its head', async () => {
    await tamper(w, kind, 'DELETE FROM admin_audit WHERE seq >= 10');
    const bad = hubCli(['audit', 'verify', ...where()]);
    expect(bad.code).toBe(1);
    expect(bad.out).toContain('BROKEN at seq 10: rows missing at the end');
  });
});
