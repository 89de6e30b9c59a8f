/**
 * Reference data on the hub (outcome codes, scripts, team settings, targets): read and changed by
 * leads and admins, refused for agents and other teams, validated with nothing written on a bad
 * document, and delivered to the team's desks by the pull feed. Both stores.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import zhScript from '../../../resources/scripts/zh-CN.json';
import type { Change } from '../../../shared/sync';
import { tempDir } from '../../fixtures/desk';
import { connectDesk, hubDesk, makeHubWorld } from '../../fixtures/hub-world';
import { call, Desk, fold, makeWorld, pgAvailable, sqliteHubIn, type Kind, type World } from './harness';

const pgOk = await pgAvailable();
if (!pgOk) console.warn('hub reference tests: no PostgreSQL reachable at 127.0.0.1:5432 — the PostgreSQL half is SKIPPED');

const ROOT = path.resolve(__dirname, '..', '..', '..');
const newScript = () => {
  const s = structuredClone(zhScript) as typeof zhScript;
  s.version += 1;
  for (const stage of Object.values(s.stages)) stage.body[0]!.text = '（新话术）您好，关于您的账单我们再确认一下还款安排。';
  return s;
};

describe.each([
  ['sqlite', true],
  ['postgres', pgOk],
] as [Kind, boolean][])('reference data on %s', (kind, enabled) => {
  let w: World;
  beforeAll(async () => {
    if (enabled) w = await makeWorld(kind);
  });
  afterAll(async () => {
    if (enabled) await w.close();
  });

  it.skipIf(!enabled)('a lead changes codes, script, settings and targets; the team pulls them; bad documents change nothing', async () => {
    const lead = await w.tokenOf('lead1');
    const before = await call(w.hub, 'GET', '/v1/admin/reference', undefined, lead);
    expect(before.status).toBe(200);
    expect(before.body.outcomeCodes.map((c: { code: string }) => c.code)).toContain('PTP');
    expect(before.body.settings).toMatchObject({ ptpMaxDays: 30, ptpGraceDays: 1 });

    const agent = new Desk(w, await w.tokenOf('agentA'));
    const other = new Desk(w, await w.tokenOf('agentC')); // team T2
    const seen = fold((await agent.pullAll()).changes);
    await other.pullAll();

    // agents may not; a lead only for their own team; an admin for any
    expect((await call(w.hub, 'PUT', '/v1/admin/reference', { settings: { ptpMaxDays: 10 } }, await w.tokenOf('agentA'))).status).toBe(403);
    expect((await call(w.hub, 'GET', `/v1/admin/reference?teamId=${w.otherTeamId}`, undefined, lead)).status).toBe(403);
    expect((await call(w.hub, 'GET', `/v1/admin/reference?teamId=${w.otherTeamId}`, undefined, await w.tokenOf('admin'))).status).toBe(200);

    // bad documents: 400 naming the field, and nothing written
    const ptp = before.body.outcomeCodes.find((c: { code: string }) => c.code === 'PTP');
    const bad: [unknown, RegExp][] = [
      [{ settings: { ptpMaxDays: 0 } }, /settings\.ptpMaxDays/],
      [{ settings: { colour: 'red' } }, /settings/],
      [{ outcomeCodes: [{ ...ptp, label: { 'zh-CN': '承诺' } }] }, /outcomeCodes\.0\.label\.en/],
      [{ outcomeCodes: [ptp, { ...ptp, code: 'PTP2' }] }, /outcomeCodes\.1.*hotkey/],
      [{ scripts: [{ ...newScript(), stages: {} }] }, /scripts\.0\.stages/],
      [{ targets: [{ agentId: String(w.ids.agentC), period: 'month', metric: 'recoveredFen', value: 1, from: '2026-03-01', to: '2026-03-31' }] }, /targets\.0\.agentId/],
      [{ targets: [{ agentId: null, period: 'month', metric: 'calls', value: 5, from: '2026-03-31', to: '2026-03-01' }] }, /targets\.0\.to/],
      [{ settings: { ptpMaxDays: 10 }, extra: 1 }, /extra|Unrecognized/i],
    ];
    for (const [body, field] of bad) {
      const r = await call(w.hub, 'PUT', '/v1/admin/reference', body, lead);
      expect(r.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(r.body.error.message).toMatch(field);
    }
    expect((await call(w.hub, 'GET', '/v1/admin/reference', undefined, lead)).body).toEqual(before.body);
    expect((await agent.pullAll()).changes).toEqual([]);

    // a good one
    const script = newScript();
    const codes = [{ ...ptp, label: { 'zh-CN': '承诺还款（新）', en: 'Promise to pay (new)' } }];
    const targets = [
      { agentId: null, period: 'month', metric: 'calls', value: 40, from: '2026-03-01', to: '2026-03-31' },
      { agentId: String(w.ids.agentB), period: 'month', metric: 'recoveredFen', value: 5_000_000, from: '2026-03-01', to: '2026-03-31' },
    ];
    const ok = await call(w.hub, 'PUT', '/v1/admin/reference', { outcomeCodes: codes, scripts: [script], settings: { ptpMaxDays: 14 }, targets }, lead);
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body.changed).toEqual({ outcomeCodes: 1, scripts: 1, settings: 1, targets: 2 });

    // agent A's next pull: the code, the script, the setting, and the team-wide target only
    const changes: Change[] = (await agent.pullAll()).changes;
    fold(changes, seen);
    expect(seen.get('outcomeCode')?.get('PTP')).toMatchObject({ label: { 'zh-CN': '承诺还款（新）' } });
    expect(seen.get('script')?.get('zh-CN')).toMatchObject({ body: { version: script.version } });
    expect(seen.get('setting')?.get('ptpMaxDays')).toMatchObject({ value: 14 });
    expect([...(seen.get('target')?.values() ?? [])].map((t) => t.metric)).toEqual(['calls']);
    // the other team hears nothing
    expect((await other.pullAll()).changes).toEqual([]);

    // replacing the targets deletes the old ones on the desks
    expect((await call(w.hub, 'PUT', '/v1/admin/reference', { targets: [] }, lead)).status).toBe(200);
    fold((await agent.pullAll()).changes, seen);
    expect(seen.get('target')?.size ?? 0).toBe(0);
    expect((await call(w.hub, 'GET', '/v1/admin/reference', undefined, lead)).body).toMatchObject({ settings: { ptpMaxDays: 14 }, targets: [] });
  });
});

describe('reference data reaches a real desk', () => {
  it('the lead changes the script on the hub; the agent\'s desk shows it after its next sync', async () => {
    const world = await makeHubWorld();
    const t = await hubDesk(world);
    try {
      const [c] = await world.addCases(1, world.ids.agentA);
      await connectDesk(t, world, 'agenta');
      const text = async () => {
        const v = await t.call('script.forCase', { caseId: c?.caseId, locale: 'zh-CN' });
        return [...v.opening, ...v.body].map((s) => s.text).join('\n');
      };
      expect(await text()).not.toContain('（新话术）');

      const lead = (await call(world.hub, 'POST', '/v1/auth/login', { username: 'lead1', password: 'secret-123' })).body.token as string;
      const r = await call(world.hub, 'PUT', '/v1/admin/reference', { scripts: [newScript()], settings: { ptpMaxDays: 7 } }, lead);
      expect(r.status).toBe(200);
      await t.call('sync.now', {});
      expect(await text()).toContain('（新话术）您好，关于您的账单我们再确认一下还款安排。');
      expect((await t.call('settings.get', {})).ptpMaxDays).toBe(7);
    } finally {
      t.close();
      await world.close();
    }
  });

  it('`npm run hub -- reference export|import`: round trip, and a bad file is refused with the field and nothing written', async () => {
    const dir = tempDir('hub-cli-ref-');
    await sqliteHubIn(dir);
    const run = (...args: string[]) =>
      spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'hub', 'cli.ts'), ...args, '--data-dir', dir], { cwd: ROOT, encoding: 'utf8' });
    expect(run('team', 'add', '--name', '一组').status).toBe(0);
    const file = path.join(dir, 'ref.json');
    const exp = run('reference', 'export', '--team', '一组', file);
    expect(exp.status, exp.stderr).toBe(0);
    const doc = JSON.parse(fs.readFileSync(file, 'utf8')) as { settings: Record<string, unknown>; scripts: unknown[]; outcomeCodes: unknown[] };
    expect(doc.outcomeCodes.length).toBeGreaterThan(5);
    doc.settings.ptpMaxDays = 21;
    fs.writeFileSync(file, JSON.stringify(doc));
    const imp = run('reference', 'import', '--team', '一组', file);
    expect(imp.status, imp.stderr).toBe(0);
    expect(imp.stdout).toContain(`${Object.keys(doc.settings).length} setting(s)`);

    doc.settings.ptpGraceDays = 99;
    fs.writeFileSync(file, JSON.stringify(doc));
    const badRun = run('reference', 'import', '--team', '一组', file);
    expect(badRun.status).toBe(2);
    expect(badRun.stderr).toContain('settings.ptpGraceDays');
    expect(badRun.stderr).toContain('nothing was changed');
    const after = JSON.parse(run('reference', 'export', '--team', '一组').stdout) as { settings: Record<string, unknown> };
    expect(after.settings).toMatchObject({ ptpMaxDays: 21, ptpGraceDays: 1 });
  }, 60_000);
});
