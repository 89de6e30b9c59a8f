import { beforeEach, describe, expect, it } from 'vitest';
import { attemptInput, type TestDesk } from '../../fixtures/desk';
import { useHubWorld, type HubWorld } from '../../fixtures/hub-world';

const hw = useHubWorld();
const desk = hw.desk;
let world: HubWorld;
beforeEach(() => {
  world = hw.world();
});

const caseRow = (t: TestDesk, id: string) =>
  t.desk.ctx.db.prepare('SELECT assigned_agent_id, preferred_phone_id, attempt_count FROM cases WHERE id = ?').get(Number(id)) as
    | { assigned_agent_id: number | null; preferred_phone_id: number | null; attempt_count: number }
    | undefined;
const attemptIds = (t: TestDesk, id: string): string[] =>
  (t.desk.ctx.db.prepare('SELECT id FROM attempts WHERE case_id = ? ORDER BY id').all(Number(id)) as { id: string }[]).map((r) => r.id);

describe('two agents and a lead', () => {
  it('assign, work offline, reconnect, reassign mid-work, both set the preferred phone: everything converges', async () => {
    const [x, y] = await world.addCases(2, null);
    const caseX = x?.caseId ?? '';
    const [p1, p2] = x?.phoneIds ?? [];
    const lead = await desk('lead1');
    const a = await desk('agenta');
    const b = await desk('agentb');

    // the lead's view: the team's agents and the unassigned cases
    const { agents } = await lead.call('lead.agents', {});
    expect(agents.map((g) => g.agentNo)).toEqual(expect.arrayContaining(['A1024', 'A1025']));
    const unassigned = await lead.call('lead.cases', { agentId: 'unassigned' });
    expect(unassigned.items.map((i) => i.caseId).sort()).toEqual([caseX, y?.caseId].sort());
    expect(await a.desk.invoke('lead.agents', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });

    // assign X to A
    await lead.call('lead.assign', { caseIds: [caseX], agentId: String(world.ids.agentA) });
    expect((await lead.call('lead.cases', { agentId: String(world.ids.agentA) })).items.map((i) => i.caseId)).toEqual([caseX]); // optimistic
    expect(await lead.call('sync.now', {})).toMatchObject({ pending: 0, rejections: 0 });
    const told: number[] = [];
    a.desk.on('cases.assigned', (e) => told.push(e.count));
    await a.call('sync.now', {});
    expect((await a.call('queue.list', {})).items.map((i) => i.caseId)).toEqual([caseX]);
    expect(told).toEqual([1]); // the agent is told a case was assigned to them
    await b.call('sync.now', {});
    expect((await b.call('queue.list', {})).total).toBe(0);

    // A works offline: two attempts and a preferred phone (P1)
    a.net.down = true;
    const a1 = await a.call('attempt.save', attemptInput(caseX, { note: 'A 第一次' }));
    const a2 = await a.call('attempt.save', attemptInput(caseX, { note: 'A 第二次' }));
    await a.call('case.setPreferredPhone', { caseId: caseX, phoneId: p1 });
    expect(await a.call('sync.now', {})).toMatchObject({ online: false, pending: 3 });

    // meanwhile the lead sets P2 and syncs first; A's P1 reaches the hub later: last in HUB order wins
    world.clock.advance(60_000);
    await lead.call('case.setPreferredPhone', { caseId: caseX, phoneId: p2 });
    await lead.call('sync.now', {});
    a.net.down = false;
    expect(await a.call('sync.now', {})).toMatchObject({ online: true, pending: 0, rejections: 0 });
    await lead.call('sync.now', {});
    expect(caseRow(a, caseX)?.preferred_phone_id).toBe(Number(p1));
    expect(caseRow(lead, caseX)?.preferred_phone_id).toBe(Number(p1));
    expect(attemptIds(lead, caseX)).toEqual([a1.attemptId, a2.attemptId].sort());

    // A keeps working offline while the lead reassigns X to B mid-work
    a.net.down = true;
    const a3 = await a.call('attempt.save', attemptInput(caseX, { note: 'A 第三次（转派途中）' }));
    await lead.call('lead.assign', { caseIds: [caseX], agentId: String(world.ids.agentB) });
    await lead.call('sync.now', {});
    a.net.down = false;
    expect(await a.call('sync.now', {})).toMatchObject({ pending: 0, rejections: 0 });
    expect(caseRow(a, caseX)).toBeUndefined(); // gone from A's desk ...
    expect((await a.call('queue.list', {})).total).toBe(0);

    // ... and B and the lead have it all: the late attempt was accepted as history
    for (const t of [b, lead]) await t.call('sync.now', {});
    const all = [a1.attemptId, a2.attemptId, a3.attemptId].sort();
    expect(attemptIds(b, caseX)).toEqual(all);
    expect(attemptIds(lead, caseX)).toEqual(all);
    expect((await b.call('queue.list', {})).items.map((i) => i.caseId)).toEqual([caseX]);
    const detail = await b.call('case.get', { caseId: caseX });
    expect(detail.timeline.filter((e) => e.kind === 'attempt')).toHaveLength(3);

    // converged: the same case row on the hub, B's desk and the lead's desk
    const hubCase = await world.hub.store.read((q) => q.get<{ assigned_agent_id: number; preferred_phone_id: number; attempt_count: number }>(
      'SELECT assigned_agent_id, preferred_phone_id, attempt_count FROM cases WHERE id = ?', [Number(caseX)]));
    const expected = { assigned_agent_id: world.ids.agentB, preferred_phone_id: Number(p1), attempt_count: Number(hubCase?.attempt_count) };
    expect({ assigned_agent_id: Number(hubCase?.assigned_agent_id), preferred_phone_id: Number(hubCase?.preferred_phone_id), attempt_count: Number(hubCase?.attempt_count) }).toEqual(expected);
    expect(caseRow(b, caseX)).toEqual(expected);
    expect(caseRow(lead, caseX)).toEqual(expected);
    expect(expected.attempt_count).toBe(3);
    for (const t of [a, b, lead]) expect(await t.call('sync.status', {})).toMatchObject({ pending: 0, lastError: null, rejections: 0 });
  });
});
