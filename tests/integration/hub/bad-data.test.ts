/**
 * Bad data cannot stop a team, on both stores: invalid team settings and targets are refused
 * with the field named and nothing written; a push nested 10,000 levels deep is refused, never a
 * 500, and the device goes on; a mutation that throws inside its applier is rejected (hubError)
 * while the rest of the push applies, exactly once; a lead's upload naming another team's agent
 * or rows is refused with the row named and nothing written.
 */
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { APPLIERS } from '../../../hub/mutations/registry';
import { generateDemoRows, type DemoRows } from '../../../shared/demo/generate';
import { tempDir } from '../../fixtures/desk';
import type { Desk} from './harness';
import { call, fold, makeWorld, newSpot, pgAvailable, sqliteHubIn, type Kind, type World, deskOf, countRows } from './harness';

const ROOT = path.resolve(__dirname, '..', '..', '..');

const pgOk = await pgAvailable();
if (!pgOk) console.warn('hub bad-data tests: no PostgreSQL reachable at 127.0.0.1:5432 — the PostgreSQL half is SKIPPED');

/** `{"a":{"a":…}}` nested `n` levels, as text (JSON.stringify of it would overflow the stack). */
const deepJson = (n: number): string => `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`;
const deepValue = (n: number): unknown => {
  let v: unknown = 1;
  for (let i = 0; i < n; i++) v = { a: v };
  return v;
};

describe.each([
  ['sqlite', true],
  ['postgres', pgOk],
] as [Kind, boolean][])('bad data on %s', (kind, enabled) => {
  let w: World;
  let rows: DemoRows;
  const desk = (user: string): Promise<Desk> => deskOf(w, user);
  const count = (sql: string, params: (string | number)[] = []) => countRows(w.hub, sql, params);
  const preferred = (caseId: string) => w.hub.store.read(async (q) => (await q.get<{ p: number | null }>('SELECT preferred_phone_id AS p FROM cases WHERE id = ?', [Number(caseId)]))?.p ?? null);
  const phonesOf = (caseIndex: number): string[] => {
    const c = rows.cases[caseIndex]!;
    return rows.phones.filter((p) => p.debtorId === c.debtorId).map((p) => p.id);
  };
  const setPhone = (caseId: string, phoneId: string | null) => ({ caseId, phoneId, at: w.now.t.toISOString() });

  beforeAll(async () => {
    if (!enabled) return;
    w = await makeWorld(kind);
    rows = generateDemoRows({ cases: 4, firstId: 1000, agentId: String(w.ids.agentA), today: '2026-03-10', history: 1, seed: 11 });
    const r = await call(w.hub, 'POST', '/v1/admin/cases', rows, await w.tokenOf('lead1'));
    expect(r.status, JSON.stringify(r.body)).toBe(200);
  });
  afterAll(async () => {
    if (enabled) await w.close();
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it.skipIf(!enabled)('Mars/Olympus, non-increasing buckets and impossible targets: 400 with params.field, nothing written, nothing pulled', async () => {
    const lead = await w.tokenOf('lead1');
    const before = (await call(w.hub, 'GET', '/v1/admin/reference', undefined, lead)).body;
    const agent = await desk('agentA');
    await agent.pullAll();
    const bad: [unknown, string][] = [
      [{ settings: { timeZone: 'Mars/Olympus' } }, 'settings.timeZone'],
      [{ settings: { ptpMaxDays: 7, timeZone: '' } }, 'settings.timeZone'],
      [{ settings: { bucketBounds: { earlyMax: 5, midMax: 5, m1Max: 30, m2Max: 60, m3Max: 90 } } }, 'settings.bucketBounds.midMax'],
      [{ settings: { bucketBounds: { earlyMax: 0, midMax: 18, m1Max: 30, m2Max: 60, m3Max: 90 } } }, 'settings.bucketBounds.earlyMax'],
      [{ settings: { ptpGraceDays: 31 } }, 'settings.ptpGraceDays'],
      [{ settings: { ptpMaxDays: 367 } }, 'settings.ptpMaxDays'],
      [{ settings: { institutionName: '   ' } }, 'settings.institutionName'],
      [{ settings: { institutionName: '机'.repeat(101) } }, 'settings.institutionName'],
      [{ settings: { ptpMaxDays: '30' } }, 'settings.ptpMaxDays'],
      [{ targets: [{ agentId: null, period: 'month', metric: 'calls', value: 5, from: '2026-02-30', to: '2026-03-31' }] }, 'targets.0.from'],
      [{ targets: [{ agentId: null, period: 'month', metric: '<b>x</b>', value: 5, from: '2026-03-01', to: '2026-03-31' }] }, 'targets.0.metric'],
      [{ targets: [{ agentId: null, period: 'year', metric: 'calls', value: 5, from: '2026-03-01', to: '2026-03-31' }] }, 'targets.0.period'],
      [{ targets: [{ agentId: null, period: 'month', metric: 'calls', value: -1, from: '2026-03-01', to: '2026-03-31' }] }, 'targets.0.value'],
      [{ targets: [{ agentId: null, period: 'month', metric: 'calls', value: 5, from: '2026-03-01', to: '9999-12-31' }] }, 'targets.0.to'],
    ];
    for (const [body, field] of bad) {
      const r = await call(w.hub, 'PUT', '/v1/admin/reference', body, lead);
      expect(r.status, JSON.stringify(body).slice(0, 100)).toBe(400);
      expect(r.body.error).toMatchObject({ code: 'BAD_REQUEST', params: { field } });
      expect(r.body.error.message).toContain(field);
    }
    expect((await call(w.hub, 'GET', '/v1/admin/reference', undefined, lead)).body).toEqual(before);
    expect((await agent.pullAll()).changes).toEqual([]);
    // a valid zone is taken
    expect((await call(w.hub, 'PUT', '/v1/admin/reference', { settings: { timeZone: 'Asia/Urumqi' } }, lead)).status).toBe(200);
    expect(fold((await agent.pullAll()).changes).get('setting')?.get('timeZone')).toMatchObject({ value: 'Asia/Urumqi' });
    expect((await call(w.hub, 'PUT', '/v1/admin/reference', { settings: { timeZone: 'Asia/Shanghai' } }, lead)).status).toBe(200);
  });

  it.skipIf(!enabled)('`npm run hub -- reference import` of Mars/Olympus exits 2 naming settings.timeZone; nothing written', async () => {
    const spot = newSpot(kind);
    const dir = tempDir('hub-cli-bad-');
    const where = kind === 'sqlite' ? ['--data-dir', spot.opts.dataDir ?? dir] : ['--pg', spot.opts.pgUrl ?? '', '--pg-schema', spot.opts.pgSchema ?? ''];
    const run = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'hub', 'cli.ts'), ...args, ...where], { cwd: ROOT, encoding: 'utf8' });
    if (kind === 'sqlite') await sqliteHubIn(spot.opts.dataDir ?? dir);
    try {
      expect(run('team', 'add', '--name', '一组').status).toBe(0);
      const file = path.join(dir, 'bad.json');
      fs.writeFileSync(file, JSON.stringify({ settings: { timeZone: 'Mars/Olympus', ptpMaxDays: 9 } }));
      const bad = run('reference', 'import', '--team', '一组', file);
      expect(bad.status, bad.stderr).toBe(2);
      expect(bad.stderr).toContain('settings.timeZone');
      expect(bad.stderr).toContain('nothing was changed');
      const after = JSON.parse(run('reference', 'export', '--team', '一组').stdout) as { settings: Record<string, unknown> };
      expect(after.settings).toMatchObject({ timeZone: 'Asia/Shanghai', ptpMaxDays: 30 });
    } finally {
      await spot.drop();
    }
  }, 60_000);

  it.skipIf(!enabled)('a push nested 10,000 levels deep is a 400, never a 500; args too deep for a mutation are its rejection (not stored) and the rest applies', async () => {
    const d = await desk('agentA');
    const caseId = rows.cases[0]!.id;
    const [p1, p2] = phonesOf(0);
    const raw = `{"deviceId":"${d.deviceId}","schemaVersion":1,"mutations":[{"id":1,"name":"case.setPreferredPhone","clientTime":"${w.now.t.toISOString()}","args":${deepJson(10_000)}}]}`;
    for (let i = 0; i < 2; i++) {
      const r = await call(w.hub, 'POST', '/v1/sync/push', undefined, d.token, raw);
      expect(r.status).toBe(400);
      expect(r.body.error.code).toBe('BAD_REQUEST');
    }
    // the other routes too
    expect((await call(w.hub, 'POST', '/v1/auth/login', undefined, undefined, `{"username":"agentA","password":"x","deviceId":${deepJson(10_000)}}`)).status).toBe(400);
    expect((await call(w.hub, 'POST', '/v1/sync/pull', undefined, d.token, `{"deviceId":"${d.deviceId}","schemaVersion":1,"cursor":0,"x":${deepJson(10_000)}}`)).status).toBe(400);
    expect((await call(w.hub, 'PUT', '/v1/admin/reference', undefined, await w.tokenOf('lead1'), `{"settings":${deepJson(10_000)}}`)).status).toBe(400);
    expect(await count('SELECT count(*) AS n FROM devices WHERE device_id = ? AND last_mutation_id > 0', [d.deviceId])).toBe(0);

    // within the body's bounds, beyond the args': rejected alone, not stored; the ones behind it apply
    const r = await d.push([
      d.m('case.setPreferredPhone', deepValue(20)),
      d.m('case.setPreferredPhone', { ...setPhone(caseId, p1!), pad: 'x'.repeat(9000) }),
      d.m('case.setPreferredPhone', setPhone(caseId, p2!)),
    ]);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toEqual({ lastMutationId: 3, rejected: [{ mutationId: 1, reason: 'invalidArgs' }, { mutationId: 2, reason: 'invalidArgs' }] });
    expect(await preferred(caseId)).toBe(Number(p2));
    const rejections = [...(fold((await d.pullAll()).changes).get('rejection')?.values() ?? [])].filter((x) => x.deviceId === d.deviceId);
    expect(rejections.map((x) => [x.mutationId, x.reason, x.args])).toEqual([[1, 'invalidArgs', null], [2, 'invalidArgs', null]]);
    expect(String(rejections[0]?.detail)).toMatch(/deeper than 8/);
  });

  it.skipIf(!enabled)('a body carrying __proto__ or constructor.prototype anywhere is a 400 that names it, and nothing of it is applied', async () => {
    const d = await desk('agentA');
    const caseId = rows.cases[2]!.id;
    const [p1] = phonesOf(2);
    const before = await preferred(caseId);
    const args = `{"caseId":"${caseId}","phoneId":"${p1}","at":"${w.now.t.toISOString()}"`;
    const body = (poison: string) =>
      `{"deviceId":"${d.deviceId}","schemaVersion":1,"mutations":[{"id":1,"name":"case.setPreferredPhone","clientTime":"${w.now.t.toISOString()}","args":${args},${poison}}}]}`;
    for (const poison of ['"__proto__":{"polluted":true}', '"constructor":{"prototype":{"polluted":true}}']) {
      const r = await call(w.hub, 'POST', '/v1/sync/push', undefined, d.token, body(poison));
      expect(r.status, poison).toBe(400);
      expect(r.body.error.code).toBe('BAD_REQUEST');
      expect(r.body.error.message).toMatch(poison.startsWith('"__proto__"') ? /__proto__/ : /constructor\.prototype/);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(await preferred(caseId)).toBe(before);
    expect(await count('SELECT count(*) AS n FROM devices WHERE device_id = ? AND last_mutation_id > 0', [d.deviceId])).toBe(0);
    // the same words as plain values are data
    const ok = await d.push([d.m('case.setPreferredPhone', { ...setPhone(caseId, p1!), note: '__proto__ constructor prototype' })]);
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(await preferred(caseId)).toBe(Number(p1));
  });

  it.skipIf(!enabled)('a mutation that throws inside its applier is rejected (hubError, no stack); the rest of the push applies, exactly once', async () => {
    const d = await desk('agentA');
    const caseId = rows.cases[1]!.id;
    const [p1, p2] = phonesOf(1);
    const real = APPLIERS['case.setPreferredPhone'];
    const spy = vi.spyOn(APPLIERS, 'case.setPreferredPhone').mockImplementation(async (ctx, args) => {
      if (args.phoneId === p1) throw new TypeError('injected failure at /secret/path.ts:12');
      return real(ctx, args);
    });
    const batch = [d.m('case.setPreferredPhone', setPhone(caseId, p2!)), d.m('case.setPreferredPhone', setPhone(caseId, p1!)), d.m('case.setPreferredPhone', setPhone(caseId, null))];
    const r = await d.push(batch);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toEqual({ lastMutationId: 3, rejected: [{ mutationId: 2, reason: 'hubError' }] });
    expect(await preferred(caseId)).toBeNull(); // 1 and 3 applied, in order
    const rej = [...(fold((await d.pullAll()).changes).get('rejection')?.values() ?? [])].filter((x) => x.deviceId === d.deviceId);
    expect(rej).toHaveLength(1);
    expect(rej[0]).toMatchObject({ mutationId: 2, reason: 'hubError', args: { caseId, phoneId: p1 } });
    expect(String(rej[0]?.detail)).toMatch(/TypeError/);
    expect(String(rej[0]?.detail)).not.toMatch(/secret|\.ts|at /);

    // a retry of the same push changes nothing: the rejected one is never applied later
    spy.mockRestore();
    const again = await d.push(batch);
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ lastMutationId: 3, rejected: [] });
    expect(await preferred(caseId)).toBeNull();
    expect(await count('SELECT count(*) AS n FROM rejections WHERE device_id = ?', [d.deviceId])).toBe(1);
  });

  it.skipIf(!enabled)('an unusable zone already stored on the hub (an older hub took it) never fails a push: each mutation is applied or rejected, and the next ones apply', async () => {
    await w.hub.store.write((q) => q.run("UPDATE settings SET value = ? WHERE team_id = ? AND key = 'timeZone'", [JSON.stringify('Mars/Olympus'), w.teamId]));
    try {
      const d = await desk('agentA');
      const caseId = rows.cases[2]!.id;
      const [p1] = phonesOf(2);
      const r = await d.push([
        d.m('payment.record', { paymentId: randomUUID(), caseId, amountFen: 100, paidDate: '2026-03-09', source: 'agent', at: w.now.t.toISOString() }),
        d.m('case.setPreferredPhone', setPhone(caseId, p1!)),
      ]);
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      expect(r.body.lastMutationId).toBe(2);
      expect(r.body.rejected.filter((x: { mutationId: number }) => x.mutationId === 2)).toEqual([]);
      expect(await preferred(caseId)).toBe(Number(p1));
    } finally {
      await w.hub.store.write((q) => q.run("UPDATE settings SET value = ? WHERE team_id = ? AND key = 'timeZone'", [JSON.stringify('Asia/Shanghai'), w.teamId]));
    }
  });

  it.skipIf(!enabled)("a lead's upload naming another team's agent or rows: 400 naming the row, nothing written", async () => {
    const lead = await w.tokenOf('lead1');
    const next = (): DemoRows => {
      const b = generateDemoRows({ cases: 2, firstId: 7000, agentId: String(w.ids.agentA), today: '2026-03-10', history: 2, seed: 5 });
      const a = b.attempts[0]!;
      b.promises.push({
        id: randomUUID(), caseId: a.caseId, attemptId: a.id, agentId: String(w.ids.agentA), amountFen: 10_000, dueDate: '2026-03-12', createdDate: '2026-03-09',
        createdAt: '2026-03-09T02:00:00.000Z', state: 'pending', paidFen: 0, stateChangedAt: null,
      });
      return b;
    };
    const foreign = generateDemoRows({ cases: 1, firstId: 8000, agentId: String(w.ids.agentC), today: '2026-03-10', history: 0, seed: 6 });
    expect((await call(w.hub, 'POST', '/v1/admin/cases', foreign, await w.tokenOf('lead2'))).status).toBe(200);
    const cases = () => count('SELECT count(*) AS n FROM cases WHERE team_id = ?', [w.teamId]);
    const before = await cases();
    const attemptsBefore = await count('SELECT count(*) AS n FROM attempts');

    const bad: [(b: DemoRows) => void, string][] = [
      [(b) => { b.promises[0]!.agentId = String(w.ids.agentC); }, 'promises.0.agentId'],
      [(b) => { b.attempts[0]!.agentId = String(w.ids.agentC); }, 'attempts.0.agentId'],
      [(b) => { b.cases[1]!.assignedAgentId = String(w.ids.lead2); }, 'cases.1.assignedAgentId'],
      [(b) => { b.cases[0]!.preferredPhoneId = foreign.phones[0]!.id; }, 'cases.0.preferredPhoneId'],
      [(b) => { b.cases[0]!.preferredPhoneId = b.phones.find((p) => p.debtorId === b.cases[1]!.debtorId)!.id; }, 'cases.0.preferredPhoneId'],
      [(b) => { b.cases[0]!.batchId = foreign.batches[0]!.id; }, 'cases.0.batchId'],
      [(b) => { b.attempts[0]!.phoneId = foreign.phones[0]!.id; }, 'attempts.0.phoneId'],
      [(b) => { b.promises[0]!.attemptId = foreign.attempts[0]?.id ?? randomUUID(); }, 'promises.0.attemptId'],
      [(b) => { const c = foreign.contacts[0]; const p = b.phones.find((x) => x.contactId !== null); if (c && p) p.contactId = c.id; }, 'contactId'],
    ];
    for (const [spoil, field] of bad) {
      const body = next();
      spoil(body);
      const r = await call(w.hub, 'POST', '/v1/admin/cases', body, lead);
      expect(r.status, field).toBe(400);
      expect(r.body.error.code).toBe('BAD_REQUEST');
      expect(String(r.body.error.params?.field)).toContain(field);
      expect(r.body.error.message).toContain(field);
    }
    expect(await cases()).toBe(before);
    expect(await count('SELECT count(*) AS n FROM attempts')).toBe(attemptsBefore);
    // the same upload unspoiled is taken
    expect((await call(w.hub, 'POST', '/v1/admin/cases', next(), lead)).status).toBe(200);
    expect(await cases()).toBe(before + 2);
  });
});
