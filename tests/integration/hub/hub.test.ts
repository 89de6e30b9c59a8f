/**
 * The hub's integration suite, run against both stores. PostgreSQL gets a fresh schema per run
 * on 127.0.0.1:5432 (HUB_TEST_DATABASE_URL to change); without a reachable server that half is
 * skipped with a warning, never failed.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, setDisabled } from '../../../hub/admin';
import { generateDemoRows, type DemoRows } from '../../../shared/demo/generate';
import { MAX_BODY_BYTES, MAX_PUSH_MUTATIONS, PullResponse, SUPPORTED_SCHEMA_VERSIONS, type Change } from '../../../shared/sync';
import { PackedPullResponse, packPushRequest, unpackPullResponse } from '../../../shared/sync-packed';
import { call, Desk, fold, makeWorld, pgAvailable, PASSWORD, type Kind, type World, deskOf, attemptArgs, countRows } from './harness';

const pgOk = await pgAvailable();
if (!pgOk) console.warn('hub tests: no PostgreSQL reachable at 127.0.0.1:5432 — the PostgreSQL half is SKIPPED');

const EVIL = ["'; DROP TABLE cases; --", '1 OR 1=1', 'a\u0000b', 'Robert"); DELETE FROM users; --', '\\x00 $1 ? %s'];

describe.each([
  ['sqlite', true],
  ['postgres', pgOk],
] as [Kind, boolean][])('hub on %s', (kind, enabled) => {
  let w: World;
  const rows: Record<string, DemoRows> = {};
  const T0 = '2026-03-10T02:00:00.000Z';

  const attempt = (caseId: string, extra: Record<string, unknown> = {}) => attemptArgs(caseId, w.now.t, { party: 'self', ...extra });
  const desk = (user: string): Promise<Desk> => deskOf(w, user);
  const count = (sql: string, params: (string | number)[] = []) => countRows(w.hub, sql, params);
  const ids = (changes: Change[], entity: string, op: 'put' | 'del' = 'put') =>
    changes.filter((c) => c.entity === entity && c.op === op).map((c) => (c.op === 'put' ? String(c.row.id) : c.id)).sort();
  const caseOf = (agent: string, i = 0) => rows[agent]!.cases[i]!.id;

  beforeAll(async () => {
    if (!enabled) return;
    w = await makeWorld(kind);
    const seeds: [string, number, string][] = [['agentA', 1000, 'lead1'], ['agentB', 2000, 'lead1'], ['agentC', 3000, 'lead2']];
    for (const [agent, firstId, lead] of seeds) {
      rows[agent] = generateDemoRows({ cases: 6, firstId, agentId: String(w.ids[agent]), today: '2026-03-10', history: 2, seed: firstId });
      const r = await call(w.hub, 'POST', '/v1/admin/cases', rows[agent], await w.tokenOf(lead));
      expect(r.status, JSON.stringify(r.body)).toBe(200);
    }
  });
  afterAll(async () => {
    if (enabled) await w.close();
  });

  it.skipIf(!enabled)('health says ok, the version and the store', async () => {
    const r = await call(w.hub, 'GET', '/v1/health');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ ok: true, store: kind, time: T0 });
    expect(typeof r.body.version).toBe('string');
    expect((await call(w.hub, 'GET', '/v1/nope')).body.error.code).toBe('NOT_FOUND');
  });

  it.skipIf(!enabled)('login: good, wrong password, unknown user, disabled user', async () => {
    const ok = await call(w.hub, 'POST', '/v1/auth/login', { username: 'AgentA', password: PASSWORD });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ role: 'agent', agentId: String(w.ids.agentA), displayName: '名agentA', agentNo: 'N-agentA', teamId: String(w.teamId) });
    expect(ok.body.expiresAt).toBe(new Date(Date.parse(T0) + 12 * 3600_000).toISOString());
    for (const body of [{ username: 'agentA', password: 'wrong-pass' }, { username: 'ghost', password: PASSWORD }]) {
      const r = await call(w.hub, 'POST', '/v1/auth/login', body);
      expect(r.status).toBe(401);
      expect(r.body.error.code).toBe('UNAUTHENTICATED');
    }
    await addUser(w.hub.store, { username: 'leaver', password: PASSWORD, role: 'agent', team: 'T1', displayName: '离职', agentNo: 'X9' }, w.now.t);
    const before = await call(w.hub, 'POST', '/v1/auth/login', { username: 'leaver', password: PASSWORD });
    expect(before.status).toBe(200);
    await setDisabled(w.hub.store, 'leaver', true, w.now.t);
    // a disabled account is answered like a wrong password (issue 11: nothing tells an outsider it exists)
    expect((await call(w.hub, 'POST', '/v1/auth/login', { username: 'leaver', password: PASSWORD })).status).toBe(401);
    // Disabling revoked the token they had.
    expect((await call(w.hub, 'POST', '/v1/sync/pull', { deviceId: 'dev-leaver-1', schemaVersion: 1, cursor: 0 }, before.body.token)).status).toBe(401);
  });

  it.skipIf(!enabled)('tokens expire (injected clock), can be revoked, and forged ones fail', async () => {
    const r = await call(w.hub, 'POST', '/v1/auth/login', { username: 'agentB', password: PASSWORD });
    const token = r.body.token as string;
    const pull = (t?: string) => call(w.hub, 'POST', '/v1/sync/pull', { deviceId: 'dev-expiry-1', schemaVersion: 1, cursor: 0, limit: 1 }, t);
    expect((await pull(token)).status).toBe(200);
    w.now.t = new Date(Date.parse(T0) + 12 * 3600_000 + 1000);
    try {
      expect((await pull(token)).status).toBe(401);
    } finally {
      w.now.t = new Date(T0);
    }
    expect((await pull(token)).status).toBe(200);
    expect((await call(w.hub, 'POST', '/v1/auth/logout', {}, token)).status).toBe(200);
    const revoked = await pull(token);
    expect(revoked.status).toBe(401);
    expect(revoked.body.error.code).toBe('UNAUTHENTICATED');
    expect((await pull('A'.repeat(43))).status).toBe(401);
    expect((await pull()).status).toBe(401);
    expect((await call(w.hub, 'POST', '/v1/sync/pull', { deviceId: 'dev-expiry-1', schemaVersion: 1, cursor: 0 }, "x' OR '1'='1")).status).toBe(401);
  });

  it.skipIf(!enabled)('push applies a mutation exactly once; a duplicate push changes nothing', async () => {
    const d = await desk('agentA');
    const caseId = caseOf('agentA', 0);
    const before = await count('SELECT attempt_count AS n FROM cases WHERE id = ?', [Number(caseId)]);
    const m = d.m('attempt.save', attempt(caseId));
    const r1 = await d.push([m]);
    expect(r1.status, JSON.stringify(r1.body)).toBe(200);
    expect(r1.body).toEqual({ lastMutationId: 1, rejected: [] });
    const r2 = await d.push([m]);
    expect(r2.body).toEqual({ lastMutationId: 1, rejected: [] });
    expect(await count('SELECT attempt_count AS n FROM cases WHERE id = ?', [Number(caseId)])).toBe(before + 1);
    expect(await count('SELECT count(*) AS n FROM attempts WHERE id = ?', [(m.args as { attemptId: string }).attemptId])).toBe(1);
    const pulled = await d.pullAll();
    expect(pulled.lastMutationId).toBe(1);
  });

  it.skipIf(!enabled)('a gap answers 409 with the expected id; earlier ones stay applied, nothing past it', async () => {
    const d = await desk('agentA');
    const caseId = caseOf('agentA', 1);
    const m1 = d.m('attempt.save', attempt(caseId));
    d.nextId = 3;
    const m3 = d.m('attempt.save', attempt(caseId));
    const r = await d.push([m1, m3]);
    expect(r.status).toBe(409);
    expect(r.body.error).toMatchObject({ code: 'MUTATION_GAP', params: { expected: 2 } });
    expect(await count('SELECT count(*) AS n FROM attempts WHERE id = ?', [(m1.args as { attemptId: string }).attemptId])).toBe(1);
    expect(await count('SELECT count(*) AS n FROM attempts WHERE id = ?', [(m3.args as { attemptId: string }).attemptId])).toBe(0);
    expect((await d.pullAll()).lastMutationId).toBe(1);
  });

  it.skipIf(!enabled)('unknown mutations, invalid args and far-future timestamps are rejected for good, recorded and pulled back', async () => {
    const d = await desk('agentA');
    await d.pullAll();
    const caseId = caseOf('agentA', 2);
    const future = new Date(w.now.t.getTime() + 11 * 60_000).toISOString();
    const r = await d.push([
      d.m('case.explode', { caseId }),
      d.m('attempt.save', { ...attempt(caseId), durationSec: -5 }),
      d.m('attempt.save', attempt(caseId, { at: future })),
      d.m('attempt.save', attempt(caseId)),
    ]);
    expect(r.status).toBe(200);
    expect(r.body).toEqual({
      lastMutationId: 4,
      rejected: [{ mutationId: 1, reason: 'unknownMutation' }, { mutationId: 2, reason: 'invalidArgs' }, { mutationId: 3, reason: 'clockAhead' }],
    });
    expect(await count('SELECT count(*) AS n FROM rejections WHERE device_id = ?', [d.deviceId])).toBe(3);
    const pulled = await d.pullAll();
    const rej = pulled.changes.filter((c) => c.entity === 'rejection' && c.op === 'put').map((c) => (c.op === 'put' ? c.row : {}));
    expect(rej.map((x) => [x.mutationId, x.reason, x.name])).toEqual([[1, 'unknownMutation', 'case.explode'], [2, 'invalidArgs', 'attempt.save'], [3, 'clockAhead', 'attempt.save']]);
    expect(rej[0]?.args).toEqual({ caseId });
    expect(pulled.lastMutationId).toBe(4);
    // Another agent does not see A's rejections.
    const b = await desk('agentB');
    expect(ids((await b.pullAll()).changes, 'rejection')).toEqual([]);
  });

  it.skipIf(!enabled)('malformed JSON and wrong types are 400; oversized bodies and batches 413; old desks 426', async () => {
    const token = await w.tokenOf('agentA');
    const bad = await call(w.hub, 'POST', '/v1/sync/push', undefined, token, '{"deviceId": "dev-xxxxxxxx", ');
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('BAD_REQUEST');
    for (const body of [{ deviceId: 12, schemaVersion: 1, mutations: [] }, { deviceId: 'dev-okokokok', schemaVersion: 1, mutations: 'x' }, { deviceId: 'dev-okokokok', schemaVersion: 1, mutations: [{ id: -1, name: 'a', args: {}, clientTime: T0 }] }, []]) {
      const r = await call(w.hub, 'POST', '/v1/sync/push', body, token);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.body.error.code).toBe('BAD_REQUEST');
    }
    expect((await call(w.hub, 'POST', '/v1/sync/pull', { deviceId: 'dev-okokokok', schemaVersion: 1, cursor: 'x' }, token)).status).toBe(400);
    expect((await call(w.hub, 'POST', '/v1/auth/login', { username: 5 })).status).toBe(400);
    const big = await call(w.hub, 'POST', '/v1/sync/push', { deviceId: 'dev-okokokok', schemaVersion: 1, mutations: [], pad: 'x'.repeat(MAX_BODY_BYTES) }, token);
    expect(big.status).toBe(413);
    expect(big.body.error.code).toBe('TOO_LARGE');
    const d = await desk('agentA');
    const many = Array.from({ length: MAX_PUSH_MUTATIONS + 1 }, () => d.m('attempt.save', attempt(caseOf('agentA', 0))));
    const tooMany = await d.push(many);
    expect(tooMany.status).toBe(413);
    expect(tooMany.body.error).toMatchObject({ code: 'TOO_LARGE', params: { maxMutations: MAX_PUSH_MUTATIONS } });
    for (const url of ['/v1/sync/push', '/v1/sync/pull']) {
      const r = await call(w.hub, 'POST', url, { deviceId: 'dev-okokokok', schemaVersion: 99, mutations: [], cursor: 0 }, token);
      expect(r.status).toBe(426);
      expect(r.body.error).toMatchObject({ code: 'UPDATE_REQUIRED', params: { supported: SUPPORTED_SCHEMA_VERSIONS.join(','), got: 99 } });
    }
  });

  it.skipIf(!enabled)("an agent's work on another agent's case is outOfScope and changes nothing; case.assign by an agent is forbidden", async () => {
    const d = await desk('agentA');
    const theirs = caseOf('agentB', 0);
    const otherTeam = caseOf('agentC', 0);
    const before = await count('SELECT count(*) AS n FROM attempts');
    const r = await d.push([
      d.m('attempt.save', attempt(theirs)),
      d.m('attempt.save', attempt(otherTeam)),
      d.m('case.setPreferredPhone', { caseId: theirs, phoneId: null, at: w.now.t.toISOString() }),
      d.m('payment.record', { paymentId: randomUUID(), caseId: theirs, amountFen: 100, paidDate: '2026-03-09', source: 'agent', at: w.now.t.toISOString() }),
      d.m('case.assign', { caseIds: [caseOf('agentA', 0)], agentId: String(w.ids.agentA), at: w.now.t.toISOString() }),
      d.m('attempt.save', attempt('999999')),
    ]);
    expect(r.body.rejected).toEqual([
      { mutationId: 1, reason: 'outOfScope' }, { mutationId: 2, reason: 'outOfScope' }, { mutationId: 3, reason: 'outOfScope' },
      { mutationId: 4, reason: 'outOfScope' }, { mutationId: 5, reason: 'forbidden' }, { mutationId: 6, reason: 'caseNotFound' },
    ]);
    expect(await count('SELECT count(*) AS n FROM attempts')).toBe(before);
    expect(await count('SELECT count(*) AS n FROM payments')).toBe(0);
    // A lead cannot reach into another team either.
    const l2 = await desk('lead2');
    const r2 = await l2.push([l2.m('case.assign', { caseIds: [theirs], agentId: String(w.ids.agentC), at: w.now.t.toISOString() })]);
    expect(r2.body.rejected).toEqual([{ mutationId: 1, reason: 'outOfScope' }]);
    // A device is bound to its user.
    const b = new Desk(w, await w.tokenOf('agentB'));
    (b as { deviceId: string }).deviceId = d.deviceId;
    expect((await b.push([])).status).toBe(403);
    expect((await b.pullAll().catch((e: Error) => e.message))).toContain('403');
  });

  it.skipIf(!enabled)('SQL-looking strings round-trip unchanged through every text field and harm nothing', async () => {
    const lead = await w.tokenOf('lead1');
    const base = generateDemoRows({ cases: EVIL.length, firstId: 5000, agentId: String(w.ids.agentA), today: '2026-03-10', history: 0, seed: 5 });
    base.debtors.forEach((d, i) => Object.assign(d, { name: EVIL[i], homeAddress: EVIL[i], workAddress: EVIL[i], registeredAddress: EVIL[i], employer: EVIL[i], idNumber: EVIL[i] }));
    base.contacts.forEach((c, i) => Object.assign(c, { name: EVIL[i % EVIL.length] }));
    base.phones.forEach((p, i) => Object.assign(p, { number: `${EVIL[i % EVIL.length]}12345` }));
    base.cases.forEach((c, i) => Object.assign(c, { creditor: EVIL[i], accountNo: EVIL[i] }));
    base.batches.forEach((b) => Object.assign(b, { batchNo: EVIL[0], creditor: EVIL[1] }));
    const up = await call(w.hub, 'POST', '/v1/admin/cases', base, lead);
    expect(up.status, JSON.stringify(up.body)).toBe(200);
    const d = await desk('agentA');
    const sent = base.cases.map((c, i) =>
      attempt(c.id, {
        note: EVIL[i], clientRequestId: `${EVIL[i]}-crid-${i}`, stepsDone: EVIL,
        followUp: { id: randomUUID(), dueAt: new Date(w.now.t.getTime() + 3600_000).toISOString(), reason: EVIL[i] },
      }),
    );
    const r = await d.push(sent.map((a) => d.m('attempt.save', a)));
    expect(r.body).toEqual({ lastMutationId: sent.length, rejected: [] });
    const state = fold((await d.pullAll()).changes);
    for (const [i, c] of base.cases.entries()) {
      expect(state.get('case')?.get(c.id)).toMatchObject({ creditor: EVIL[i], accountNo: EVIL[i] });
      expect(state.get('debtor')?.get(c.debtorId)).toMatchObject({ name: EVIL[i], homeAddress: EVIL[i], employer: EVIL[i], idNumber: EVIL[i] });
    }
    for (const c of base.contacts) expect(state.get('contact')?.get(c.id)?.name).toBe(c.name);
    for (const p of base.phones) expect(state.get('phone')?.get(p.id)?.number).toBe(p.number);
    expect(state.get('batch')?.get(base.batches[0]!.id)).toMatchObject({ batchNo: EVIL[0], creditor: EVIL[1] });
    for (const a of sent) {
      expect(state.get('attempt')?.get(a.attemptId)).toMatchObject({ note: a.note, clientRequestId: a.clientRequestId, stepsDone: EVIL, outcomeCode: a.outcomeCode });
      const fu = a.followUp as unknown as { id: string; reason: string };
      expect(state.get('followUp')?.get(fu.id)?.reason).toBe(fu.reason);
    }
    // An outcome code is no free text: one the team's code table lacks is refused, and stored nowhere.
    const evilCodes = base.cases.map((c, i) => attempt(c.id, { outcomeCode: EVIL[i]!.slice(0, 32) }));
    const rc = await d.push(evilCodes.map((a) => d.m('attempt.save', a)));
    expect(rc.body.rejected).toEqual(evilCodes.map((_, i) => ({ mutationId: sent.length + 1 + i, reason: 'ruleViolation' })));
    for (const a of evilCodes) expect(await count('SELECT count(*) AS n FROM attempts WHERE id = ?', [a.attemptId])).toBe(0);
    // The login form is no way in either.
    expect((await call(w.hub, 'POST', '/v1/auth/login', { username: "' OR 1=1 --", password: "' OR '1'='1" })).status).toBe(401);
    expect(await count('SELECT count(*) AS n FROM cases')).toBeGreaterThanOrEqual(18);
    expect(await count('SELECT count(*) AS n FROM users')).toBeGreaterThanOrEqual(6);
  });

  it.skipIf(!enabled)('pull scope: an agent gets exactly their cases with dependents and reference data; a lead the team; another lead nothing of it', async () => {
    const a = await desk('agentA');
    const pa = (await a.pullAll()).changes;
    const mine = await w.hub.store.read((q) => q.all<{ id: number }>('SELECT id FROM cases WHERE assigned_agent_id = ?', [w.ids.agentA!]));
    expect(ids(pa, 'case')).toEqual(mine.map((r) => String(r.id)).sort());
    const myCases = new Set(ids(pa, 'case'));
    const myDebtors = new Set(pa.filter((c) => c.op === 'put' && c.entity === 'case').map((c) => (c.op === 'put' ? String(c.row.debtorId) : '')));
    expect(new Set(ids(pa, 'debtor'))).toEqual(myDebtors);
    for (const e of ['contact', 'phone']) for (const c of pa) if (c.op === 'put' && c.entity === e) expect(myDebtors.has(String(c.row.debtorId))).toBe(true);
    for (const e of ['attempt', 'promise', 'followUp', 'payment']) for (const c of pa) if (c.op === 'put' && c.entity === e) expect(myCases.has(String(c.row.caseId))).toBe(true);
    expect(ids(pa, 'attempt').length).toBeGreaterThan(0);
    expect(pa.filter((c) => c.entity === 'outcomeCode').length).toBe(13);
    expect(pa.filter((c) => c.entity === 'script').length).toBe(2);
    expect(pa.filter((c) => c.entity === 'setting').length).toBeGreaterThan(0);
    // Team members are reference data: the agent's history shows their names, not "#2".
    expect(ids(pa, 'agent')).toEqual(expect.arrayContaining([String(w.ids.agentA), String(w.ids.agentB), String(w.ids.lead1)]));
    expect(ids(pa, 'agent')).not.toContain(String(w.ids.agentC));
    expect(pa.find((c) => c.op === 'put' && c.entity === 'agent' && String(c.row.id) === String(w.ids.agentB))).toMatchObject({ row: { displayName: '名agentB' } });
    expect(ids(pa, 'case')).not.toContain(caseOf('agentB'));

    const lead = await desk('lead1');
    const pl = (await lead.pullAll()).changes;
    const team = await w.hub.store.read((q) => q.all<{ id: number }>('SELECT id FROM cases WHERE team_id = ?', [w.teamId]));
    expect(ids(pl, 'case')).toEqual(team.map((r) => String(r.id)).sort());
    expect(ids(pl, 'agent')).toEqual(expect.arrayContaining([String(w.ids.agentA), String(w.ids.agentB), String(w.ids.lead1)]));
    expect(ids(pl, 'agent')).not.toContain(String(w.ids.agentC));

    const other = await desk('lead2');
    const po = (await other.pullAll()).changes;
    const t1 = new Set(ids(pl, 'case'));
    expect(ids(po, 'case').filter((x) => t1.has(x))).toEqual([]);
    expect(ids(po, 'debtor').filter((x) => new Set(ids(pl, 'debtor')).has(x))).toEqual([]);
    expect(ids(po, 'case')).toContain(caseOf('agentC'));
  });

  it.skipIf(!enabled)("reassignment A -> B: A pulls a del, B the whole bundle; A's late attempt is accepted as history", async () => {
    const a = await desk('agentA');
    const b = await desk('agentB');
    await a.pullAll();
    await b.pullAll();
    const moved = caseOf('agentA', 3);
    const lead = await desk('lead1');
    const r = await lead.push([lead.m('case.assign', { caseIds: [moved], agentId: String(w.ids.agentB), at: w.now.t.toISOString() })]);
    expect(r.body).toEqual({ lastMutationId: 1, rejected: [] });
    const pa = (await a.pullAll()).changes;
    // the del names who holds the case now, so A's desk can say where it went (issue 9 #16)
    expect(pa).toContainEqual({ op: 'del', entity: 'case', id: moved, movedTo: { agentId: String(w.ids.agentB), name: expect.any(String) } });
    expect(ids(pa, 'case')).not.toContain(moved);
    const pb = (await b.pullAll()).changes;
    const src = rows.agentA!;
    const c = src.cases[3]!;
    expect(ids(pb, 'case')).toContain(moved);
    expect(pb.find((x) => x.op === 'put' && x.entity === 'case' && x.row.id === moved)).toMatchObject({ row: { assignedAgentId: String(w.ids.agentB) } });
    expect(ids(pb, 'debtor')).toContain(c.debtorId);
    expect(ids(pb, 'contact')).toEqual(expect.arrayContaining(src.contacts.filter((x) => x.debtorId === c.debtorId).map((x) => x.id)));
    expect(ids(pb, 'phone')).toEqual(expect.arrayContaining(src.phones.filter((x) => x.debtorId === c.debtorId).map((x) => x.id)));
    expect(ids(pb, 'attempt')).toEqual(expect.arrayContaining(src.attempts.filter((x) => x.caseId === moved).map((x) => x.id)));
    // A worked the case offline before the del arrived: accepted as history, and B sees it.
    const late = attempt(moved, { note: '离线时的催记' });
    const lr = await a.push([a.m('attempt.save', late)]);
    expect(lr.body.rejected).toEqual([]);
    expect(ids((await b.pullAll()).changes, 'attempt')).toContain(late.attemptId);
    expect(ids((await a.pullAll()).changes, 'attempt')).not.toContain(late.attemptId);
    // But A can no longer set its agent-owned fields.
    const pr = await a.push([a.m('case.setPreferredPhone', { caseId: moved, phoneId: null, at: w.now.t.toISOString() })]);
    expect(pr.body.rejected).toEqual([{ mutationId: 2, reason: 'outOfScope' }]);
  });

  it.skipIf(!enabled)('要求停止联系 from the debtor: the hub locks every number of theirs and holds the case, as the desk does (shared rule)', async () => {
    const a = await desk('agentA');
    const caseId = caseOf('agentA', 5);
    const c = rows.agentA!.cases[5]!;
    const own = rows.agentA!.phones.filter((p) => p.debtorId === c.debtorId && p.owner === 'self');
    await w.hub.store.write((q) => q.run("INSERT INTO phones (id, team_id, debtor_id, contact_id, owner, kind, number, status) SELECT (SELECT max(id) + 1 FROM phones), team_id, debtor_id, NULL, 'self', 'home', '01088886666', 'valid' FROM phones WHERE id = ?", [Number(own[0]!.id)]));
    const r = await a.push([a.m('attempt.save', attempt(caseId, { outcomeCode: 'STOP_CONTACT', party: 'self', phoneId: own[0]!.id }))]);
    expect(r.body.rejected).toEqual([]);
    const state = fold((await a.pullAll()).changes);
    expect(state.get('case')?.get(caseId)).toMatchObject({ status: 'hold', tags: ['complaint_risk'] });
    const mine = [...(state.get('phone')?.values() ?? [])].filter((p) => p.debtorId === c.debtorId && p.owner === 'self');
    expect(mine.length).toBeGreaterThanOrEqual(2);
    expect(mine.every((p) => p.status === 'do_not_call')).toBe(true);
    expect([...(state.get('phone')?.values() ?? [])].filter((p) => p.debtorId === c.debtorId && p.owner !== 'self').every((p) => p.status !== 'do_not_call')).toBe(true);
  });

  it.skipIf(!enabled)('outcome effects, payments and promise states are re-derived on the hub; an impossible transition lands in conflicts for the lead', async () => {
    const a = await desk('agentA');
    const caseId = caseOf('agentA', 4);
    const c = rows.agentA!.cases[4]!;
    const phone = rows.agentA!.phones.find((p) => p.debtorId === c.debtorId && p.owner !== 'self')!;
    const promiseId = randomUUID();
    const r = await a.push([
      a.m('attempt.save', attempt(caseId, { outcomeCode: 'PTP', party: 'spouse', promise: { id: promiseId, amountFen: 10_000, dueDate: '2026-03-12', createdDate: '2026-03-10' } })),
      a.m('attempt.save', attempt(caseId, { outcomeCode: 'STOP_CONTACT', party: 'third_party', phoneId: phone.id })),
      a.m('payment.record', { paymentId: randomUUID(), caseId, amountFen: 10_000, paidDate: '2026-03-10', source: 'agent', at: w.now.t.toISOString() }),
      a.m('promise.transition', { promiseId, caseId, from: 'pending', to: 'kept', paidFen: 10_000, at: w.now.t.toISOString() }),
      a.m('promise.transition', { promiseId, caseId, from: 'pending', to: 'broken', paidFen: 0, at: w.now.t.toISOString() }),
    ]);
    expect(r.body.rejected).toEqual([{ mutationId: 5, reason: 'invalidTransition' }]);
    const state = fold((await a.pullAll()).changes);
    const cs = state.get('case')?.get(caseId);
    expect(cs).toMatchObject({ balanceFen: c.balanceFen - 10_000, lastPaymentFen: 10_000, lastPaymentDate: '2026-03-10', lastOutcomeCode: 'STOP_CONTACT', status: 'open' });
    expect(cs?.attemptCount).toBe((c.attemptCount ?? 0) + 2);
    expect(state.get('promise')?.get(promiseId)).toMatchObject({ state: 'kept', paidFen: 10_000 });
    expect(state.get('phone')?.get(phone.id)?.status).toBe('do_not_call');
    expect(state.get('contact')?.get(phone.contactId!)?.refusedContact).toBe(true);

    const lead = await desk('lead1');
    const all = (await lead.pullAll()).changes.filter((x) => x.entity === 'conflict' && x.op === 'put');
    // The call to the spouse (a third party) while the debtor is still reachable breaks a contact rule: flagged for the lead too.
    const kindOf = (x: (typeof all)[number]): unknown => (x.op === 'put' ? x.row.kind : undefined);
    expect(all.filter((x) => kindOf(x) === 'contactViolation')).toHaveLength(1);
    const conflicts = all.filter((x) => kindOf(x) !== 'contactViolation');
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]).toMatchObject({ row: { caseId, kind: 'promise.transition', detail: { promiseId, hubState: 'kept', to: 'broken' }, resolvedAt: null } });
    const open = async () => ((await call(w.hub, 'GET', '/v1/conflicts', undefined, await w.tokenOf('lead1'))).body.conflicts as { id: string; kind: string }[]).filter((c) => c.kind !== 'contactViolation');
    const list = await open();
    expect(list).toHaveLength(1);
    expect((await call(w.hub, 'GET', '/v1/conflicts', undefined, await w.tokenOf('agentA'))).status).toBe(403);
    expect((await call(w.hub, 'GET', '/v1/conflicts', undefined, await w.tokenOf('lead2'))).body.conflicts).toEqual([]);
    const id = list[0]!.id;
    expect((await call(w.hub, 'POST', `/v1/conflicts/${id}/resolve`, { resolution: 'x' }, await w.tokenOf('lead2'))).status).toBe(404);
    const res = await call(w.hub, 'POST', `/v1/conflicts/${id}/resolve`, { resolution: '以已兑现为准' }, await w.tokenOf('lead1'));
    expect(res.body.conflict).toMatchObject({ id, resolution: '以已兑现为准', resolvedBy: String(w.ids.lead1) });
    expect(await open()).toEqual([]);
    expect((await lead.pullAll()).changes.find((x) => x.entity === 'conflict' && x.op === 'put' && x.row.kind !== 'contactViolation')).toMatchObject({ row: { id, resolution: '以已兑现为准' } });
  });

  it.skipIf(!enabled)('pages: small limits give the same state in several pages with `more`', async () => {
    const one = await desk('lead1');
    const all = fold((await one.pullAll()).changes);
    const paged = await desk('lead1');
    const p = await paged.pullAll(7);
    expect(p.pages).toBeGreaterThan(3);
    const st = fold(p.changes);
    for (const [entity, m] of all) expect([...(st.get(entity)?.keys() ?? [])].sort(), entity).toEqual([...m.keys()].sort());
    expect(paged.cursor).toBe(one.cursor);
    const again = await paged.pullAll(7);
    expect(again.changes).toEqual([]);
  });

  it.skipIf(!enabled)('packed pages: a desk that asks gets each run of puts packed, which unpacks to the plain page; others get plain changes', async () => {
    const token = await w.tokenOf('agentA');
    const body = { deviceId: `dev-${randomUUID()}`, schemaVersion: 1, cursor: 0 };
    const plain = await call(w.hub, 'POST', '/v1/sync/pull', body, token);
    const packed = await call(w.hub, 'POST', '/v1/sync/pull', { ...body, packed: true }, token);
    expect(plain.status).toBe(200);
    expect(packed.status).toBe(200);
    const ops = (r: typeof plain) => new Set((r.body.changes as { op: string }[]).map((c) => c.op));
    expect(ops(plain).has('puts')).toBe(false);
    expect(ops(packed).has('puts')).toBe(true);
    expect(ops(packed).has('put')).toBe(false);
    const wire = PackedPullResponse.parse(packed.body);
    expect(wire.changes.length).toBeLessThan((plain.body.changes as unknown[]).length / 4);
    // the same page, Chinese text and all, once unpacked
    expect(unpackPullResponse(wire)).toEqual(PullResponse.parse(plain.body));
    expect(JSON.stringify(packed.body)).toContain(rows.agentA!.debtors[0]!.name);
    // every page tells the desk this hub takes packed pushes
    expect(plain.body.packedPush).toBe(true);
    expect(packed.body.packedPush).toBe(true);
  });

  it.skipIf(!enabled)('packed pushes: applied exactly as the plain push of the same mutations, bad args rejected alone; more than the limit is a 413', async () => {
    const plainDesk = await desk('agentA');
    const packedDesk = await desk('agentA');
    const batch = (d: Desk, caseId: string) => [
      d.m('attempt.save', attemptArgs(caseId, w.now.t, { note: '本人接听，下周还款' })),
      d.m('attempt.save', { ...attemptArgs(caseId, w.now.t), durationSec: -5 }), // bad args: its own rejection
      d.m('case.setPreferredPhone', { caseId, phoneId: null, at: w.now.t.toISOString() }),
      d.m('attempt.save', attemptArgs(caseId, w.now.t)),
    ];
    const send = (d: Desk, mutations: ReturnType<typeof batch>, packed: boolean) => {
      const body = { deviceId: d.deviceId, schemaVersion: SUPPORTED_SCHEMA_VERSIONS[0] ?? 1, mutations };
      return call(w.hub, 'POST', '/v1/sync/push', packed ? packPushRequest(body) : body, d.token);
    };
    // one of agentA's cases now (earlier tests move some), for both pushes
    const held = await w.hub.store.read((q) => q.get<{ id: number }>("SELECT id FROM cases WHERE assigned_agent_id = ? AND status = 'open' ORDER BY id LIMIT 1", [w.ids.agentA!]));
    const caseId = String(held?.id);
    const before = await countRows(w.hub, 'SELECT count(*) AS n FROM attempts WHERE case_id = ?', [Number(caseId)]);
    const a = await send(plainDesk, batch(plainDesk, caseId), false);
    const b = await send(packedDesk, batch(packedDesk, caseId), true);
    expect(a.status, JSON.stringify(a.body)).toBe(200);
    expect(b.status, JSON.stringify(b.body)).toBe(200);
    expect(b.body).toEqual(a.body);
    expect(b.body).toEqual({ lastMutationId: 4, rejected: [{ mutationId: 2, reason: 'invalidArgs' }] });
    expect(await countRows(w.hub, 'SELECT count(*) AS n FROM attempts WHERE case_id = ?', [Number(caseId)])).toBe(before + 4);
    expect(await countRows(w.hub, "SELECT count(*) AS n FROM attempts WHERE device_id = ? AND note = '本人接听，下周还款'", [packedDesk.deviceId])).toBe(1);
    expect(await countRows(w.hub, 'SELECT count(*) AS n FROM attempts WHERE device_id = ?', [packedDesk.deviceId])).toBe(2);
    // a repeat is skipped as a plain one is
    expect((await send(packedDesk, batch(packedDesk, caseId).map((m, i) => ({ ...m, id: i + 1 })), true)).body).toEqual({ lastMutationId: 4, rejected: [] });

    const tooMany = Array.from({ length: MAX_PUSH_MUTATIONS + 1 }, () => packedDesk.m('attempt.save', attemptArgs(caseId, w.now.t)));
    const big = await send(packedDesk, tooMany, true);
    expect(big.status).toBe(413);
    expect(big.body.error.code).toBe('TOO_LARGE');
    // a malformed packed run is a 400 that names where
    const bad = await call(w.hub, 'POST', '/v1/sync/push', { deviceId: packedDesk.deviceId, schemaVersion: 1, packed: [{ name: 'attempt.save', cols: ['__proto__'], rows: [[5, w.now.t.toISOString(), 1]] }] }, packedDesk.token);
    expect(bad.status).toBe(400);
    const wrongWidth = await call(w.hub, 'POST', '/v1/sync/push', { deviceId: packedDesk.deviceId, schemaVersion: 1, packed: [{ name: 'attempt.save', cols: ['caseId'], rows: [[5, w.now.t.toISOString()]] }] }, packedDesk.token);
    expect(wrongWidth.status).toBe(400);
    expect(wrongWidth.body.error.message).toMatch(/packed\.0\.rows\.0/);
    expect(await countRows(w.hub, 'SELECT count(*) AS n FROM attempts WHERE device_id = ?', [packedDesk.deviceId])).toBe(2);
  });
});
