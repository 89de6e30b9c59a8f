import { beforeEach, describe, expect, it } from 'vitest';
import { attemptInput, requiredSteps } from '../../fixtures/desk';
import { useHubWorld, type HubWorld } from '../../fixtures/hub-world';

const hw = useHubWorld();
const desk = hw.desk;
let world: HubWorld;
beforeEach(() => {
  world = hw.world();
});

describe('conflicts the lead sees and resolves from the desk', () => {
  it('a promise the agent marked broken offline while the lead recorded its payment: the lead sees it on the desk, resolves it, the hub keeps the decision', async () => {
    const [c] = await world.addCases(1, world.ids.agentA);
    const caseId = c?.caseId ?? '';
    const a = await desk('agenta');
    const lead = await desk('lead1');

    // A promises ¥500 due the day after tomorrow, synced
    const steps = await requiredSteps(a, Number(caseId));
    const dueDate = new Date(world.clock().getTime() + 2 * 86_400_000).toISOString().slice(0, 10);
    const saved = await a.call('attempt.save', attemptInput(caseId, { party: 'self', outcomeCode: 'PTP', stepsDone: steps, ptp: { amountFen: 50_000, dueDate } }));
    await a.call('sync.now', {});
    await lead.call('sync.now', {});

    // A goes offline; days pass, A's desk marks the promise broken
    a.net.down = true;
    world.clock.advance(5 * 86_400_000);
    a.desk.tick();
    expect(a.count('promises', "state = 'broken'")).toBe(1);
    // meanwhile the lead records the debtor's payment, which keeps the promise on the hub
    await lead.call('auth.login', { username: 'lead1', password: 'secret-123' }); // a new day's login (the token has expired)
    await lead.call('payment.record', { caseId, amountFen: 50_000, paidDate: dueDate });
    expect(await lead.call('sync.now', {})).toMatchObject({ pending: 0, lastError: null });

    // A comes back: the hub refuses pending -> broken (it holds kept) and files a conflict
    a.net.down = false;
    await a.call('auth.login', { username: 'agenta', password: 'secret-123' });
    expect(await a.call('sync.now', {})).toMatchObject({ pending: 0, rejections: 1 });
    expect(await a.desk.invoke('lead.conflicts', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });

    await lead.call('sync.now', {});
    const listed = await lead.call('lead.conflicts', {});
    expect(listed.open).toBe(1);
    const [conflict] = listed.items;
    expect(conflict).toMatchObject({
      kind: 'promise.transition', caseId, debtorName: expect.stringMatching(/^债务人/), agentName: '王芳（A1024）',
      wanted: { from: 'pending', to: 'broken' }, hubState: 'kept', resolvedAt: null, resolution: null,
    });
    expect(saved.promiseId).toBeTruthy();

    // offline, the decision cannot be recorded: a clear error, nothing changes
    lead.net.down = true;
    expect(await lead.desk.invoke('lead.resolveConflict', { conflictId: conflict?.id, resolution: '已核实' })).toMatchObject({ ok: false, error: { code: 'HUB_UNREACHABLE', rule: 'conflict.hubUnreachable' } });
    expect((await lead.call('lead.conflicts', {})).open).toBe(1);
    expect(await lead.desk.invoke('lead.resolveConflict', { conflictId: conflict?.id, resolution: '   ' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'resolution' } });
    lead.net.down = false;
    expect(await lead.desk.invoke('lead.resolveConflict', { conflictId: '999999', resolution: '已核实' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });

    const done = await lead.call('lead.resolveConflict', { conflictId: conflict?.id, resolution: '已核实：款项已到账，承诺已兑现' });
    expect(done.conflict).toMatchObject({ id: conflict?.id, resolution: '已核实：款项已到账，承诺已兑现', resolvedBy: '陈组长' });
    expect(done.conflict.resolvedAt).not.toBeNull();
    expect((await lead.call('lead.conflicts', {})).open).toBe(0);

    // the hub holds the decision; a second lead desk pulling from scratch sees it resolved
    const row = await world.hub.store.read((q) => q.get<{ resolution: string; resolved_by: number }>('SELECT resolution, resolved_by FROM conflicts WHERE id = ?', [Number(conflict?.id)]));
    expect({ resolution: row?.resolution, by: Number(row?.resolved_by) }).toEqual({ resolution: '已核实：款项已到账，承诺已兑现', by: world.ids.lead1 });
    const other = await desk('lead1');
    const seen = await other.call('lead.conflicts', {});
    expect(seen).toMatchObject({ open: 0, items: [{ id: conflict?.id, resolution: '已核实：款项已到账，承诺已兑现' }] });
    expect(lead.count('audit_log', "action = 'lead.resolveConflict'")).toBe(1);
  });
});
