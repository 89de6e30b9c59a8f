/**
 * Distribution (分案) on real desks. Local mode: the lead's desk plans and applies on its own
 * database in one transaction (audited, outbox case.assign). Team mode: the lead's desk asks the
 * hub, which applies; the three agents' desks receive exactly their cases by sync, and lose the
 * recalled ones.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { addUser } from '../../hub/admin';
import { createAgent } from '../../electron/core/auth/auth';
import { addCase, openTestDesk, type TestDesk } from '../fixtures/desk';
import { HUB_PASSWORD, useHubWorld } from '../fixtures/hub-world';

describe('local mode', () => {
  let t: TestDesk;
  afterEach(() => t?.close());

  it('preview changes nothing; apply moves the plan in one transaction, audited; a stale plan and a bad agent are refused', async () => {
    t = await openTestDesk();
    const ctx = t.desk.ctx;
    const third = ctx.db.transaction(() => createAgent(ctx, { username: 'third', password: 'secret4', displayName: '第三', agentNo: 'T0003', role: 'agent' }))();
    ctx.db.transaction(() => createAgent(ctx, { username: 'boss', password: 'secret3', displayName: '组长', agentNo: 'L0001', role: 'lead' }))();
    // Six unassigned cases of 600..100 yuan (fen x100); the tester already holds one of 1000.
    const ids = [6, 5, 4, 3, 2, 1].map((y) => addCase(t, { agentId: t.agentId, overdueFen: y * 10_000 }).caseId);
    ctx.prep('UPDATE cases SET assigned_agent_id = NULL WHERE id IN (SELECT value FROM json_each(?))').run(JSON.stringify(ids));
    addCase(t, { agentId: t.agentId, overdueFen: 100_000 });
    const agents = [String(t.agentId), String(t.otherAgentId), String(third)];
    expect((await t.desk.invoke('distribution.options', {})).ok).toBe(false); // an agent may not
    await t.call('auth.login', { username: 'boss', password: 'secret3' });

    expect(await t.call('distribution.select', { filter: { unassigned: true } })).toEqual({ cases: 6, amountFen: 210_000 });
    const operation = { op: 'distribute', filter: { unassigned: true }, strategy: 'byAmount', agentIds: agents };
    const p = await t.call('distribution.preview', { operation });
    // Largest first onto the lightest: tester starts at 100000. 60000->other 50000->third 40000->third(50000 vs other 60000)
    // 30000->other(60000 vs third 90000) 20000->other(90000 vs third 90000: fewer cases? 2 vs 2 -> order: other) 10000->third
    expect(p.rows.map((r) => [r.name, r.cases, r.amountFen])).toEqual([['测试员', 0, 0], ['其他', 3, 110_000], ['第三', 3, 100_000]]);
    expect(t.count('cases', 'assigned_agent_id IS NULL')).toBe(6);

    const bad = await t.desk.invoke('distribution.preview', { operation: { ...operation, agentIds: ['9999'] } });
    expect(bad).toMatchObject({ ok: false, error: { rule: 'distribution.unknownAgent' } });
    const stale = await t.desk.invoke('distribution.apply', { operation, token: 'x-stale' });
    expect(stale).toMatchObject({ ok: false, error: { rule: 'distribution.planChanged' } });
    expect(t.count('cases', 'assigned_agent_id IS NULL')).toBe(6);

    const outboxBefore = t.count('outbox');
    const r = await t.call('distribution.apply', { operation, token: p.token });
    expect(r.moved).toBe(6);
    expect(t.count('cases', `assigned_agent_id = ${t.otherAgentId}`)).toBe(3);
    expect(t.count('cases', `assigned_agent_id = ${third}`)).toBe(3);
    expect(t.count('outbox') - outboxBefore).toBe(2); // one case.assign per receiver
    expect(t.count('audit_log', "action = 'distribution.distribute'")).toBe(1);

    // Rebalance the absent "other" onto tester and third, by count.
    const reb = { op: 'rebalance', absentAgentId: String(t.otherAgentId), agentIds: [String(t.agentId), String(third)], strategy: 'byCount' };
    const rp = await t.call('distribution.preview', { operation: reb });
    expect(rp.rows.reduce((s, x) => s + x.cases, 0)).toBe(3);
    await t.call('distribution.apply', { operation: reb, token: rp.token });
    expect(t.count('cases', `assigned_agent_id = ${t.otherAgentId}`)).toBe(0);
  });

  it('recall: refused before the end date unless early; then the batch is closed and with nobody', async () => {
    t = await openTestDesk();
    const ctx = t.desk.ctx;
    ctx.db.transaction(() => createAgent(ctx, { username: 'boss', password: 'secret3', displayName: '组长', agentNo: 'L0001', role: 'lead' }))();
    ctx.prep("INSERT INTO batches (id, batch_no, creditor, entrust_date, expiry_date, imported_at) VALUES (51, 'B-51', '招商银行信用卡中心', '2026-02-01', '2026-03-20', '2026-02-01T00:00:00.000Z')").run();
    const a = addCase(t, { agentId: t.agentId }).caseId;
    const b = addCase(t, { agentId: t.otherAgentId }).caseId;
    addCase(t, { agentId: t.agentId }); // not in the batch
    ctx.prep('UPDATE cases SET batch_id = 51 WHERE id IN (?, ?)').run(a, b);
    await t.call('auth.login', { username: 'boss', password: 'secret3' });
    const early = await t.desk.invoke('distribution.preview', { operation: { op: 'recall', batchId: '51' } });
    expect(early).toMatchObject({ ok: false, error: { rule: 'distribution.recallBeforeEnd', field: 'early' } });
    const p = await t.call('distribution.preview', { operation: { op: 'recall', batchId: '51', early: true } });
    expect(p.rows[0]?.from.map((f) => f.cases)).toEqual([1, 1]);
    await t.call('distribution.apply', { operation: { op: 'recall', batchId: '51', early: true }, token: p.token });
    expect(t.count('cases', "batch_id = 51 AND status = 'closed' AND assigned_agent_id IS NULL")).toBe(2);
    expect(t.count('cases', 'batch_id IS NULL AND assigned_agent_id IS NOT NULL')).toBe(1);
  });
});

describe('team mode through a real hub', () => {
  const hw = useHubWorld();

  it('the lead distributes to three agents; each agent desk syncs exactly its cases; a recall takes them away', async () => {
    const world = hw.world();
    const agentC = await addUser(world.hub.store, { username: 'agentc', password: HUB_PASSWORD, role: 'agent', team: 'T1', displayName: '赵敏', agentNo: 'A1026' }, world.clock());
    const cases = await world.addCases(7, null);
    const lead = await hw.desk('lead1');
    const desks = { a: await hw.desk('agenta'), b: await hw.desk('agentb'), c: await hw.desk('agentc') };
    await lead.call('sync.now', {});
    const opts = await lead.call('distribution.options', {});
    expect(opts.agents.map((x) => x.displayName)).toEqual(expect.arrayContaining(['王芳', '李强', '赵敏']));
    expect(await lead.call('distribution.select', { filter: { unassigned: true } })).toMatchObject({ cases: 7 });

    const operation = { op: 'distribute', filter: { unassigned: true }, strategy: 'roundRobin', agentIds: [String(world.ids.agentA), String(world.ids.agentB), String(agentC)] };
    const p = await lead.call('distribution.preview', { operation });
    expect(p.rows.map((r) => r.cases)).toEqual([3, 2, 2]);
    await lead.call('distribution.apply', { operation, token: p.token });
    const ids = cases.map((c) => c.caseId);
    const want = { a: [ids[0], ids[3], ids[6]], b: [ids[1], ids[4]], c: [ids[2], ids[5]] };
    for (const [k, d] of Object.entries(desks)) {
      await d.call('sync.now', {});
      const got = (await d.call('queue.list', {})).items.map((i) => i.caseId).sort();
      expect(got, k).toEqual([...want[k as keyof typeof want]].sort());
    }

    // Recall needs a batch: put the cases in one that ended yesterday.
    await world.hub.store.write(async (q) => {
      await q.run("INSERT INTO batches (id, team_id, batch_no, creditor, entrust_date, expiry_date, imported_at) VALUES (61, ?, 'B-61', '招商银行信用卡中心', '2026-02-01', '2026-03-09', ?)", [world.teamId, world.clock().toISOString()]);
      await q.run(`UPDATE cases SET batch_id = 61 WHERE id IN (${ids.map(() => '?').join(', ')})`, ids.map(Number));
    });
    const recall = { op: 'recall', batchId: '61' };
    const rp = await lead.call('distribution.preview', { operation: recall });
    expect(rp.selected.cases).toBe(7);
    await lead.call('distribution.apply', { operation: recall, token: rp.token });
    for (const d of Object.values(desks)) {
      await d.call('sync.now', {});
      expect((await d.call('queue.list', {})).total).toBe(0);
    }
    const onHub = await world.hub.store.read((q) => q.all<{ n: number }>("SELECT count(*) AS n FROM cases WHERE batch_id = 61 AND status = 'closed'"));
    expect(Number(onHub[0]?.n)).toBe(7);
  });
});
