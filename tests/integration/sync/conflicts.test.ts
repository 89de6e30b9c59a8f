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
    // the lead sees the amounts and dates: the promise, the payment that kept it and who recorded it
    expect(conflict?.context).toEqual({
      promise: { amountFen: 50_000, dueDate, createdDate: expect.any(String), state: 'kept', paidFen: 50_000 },
      payments: [{ amountFen: 50_000, paidDate: dueDate, recordedBy: '陈组长' }],
      newerPromise: null,
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

describe("a former holder's late work, decided on the lead's desk", () => {
  it("A's payment pushed after the case moved to B is refused and filed; the lead accepts it through lead.resolveConflict and every desk gets the result by pull", async () => {
    const [c] = await world.addCases(1, world.ids.agentA);
    const caseId = c?.caseId ?? '';
    const a = await desk('agenta');
    const b = await desk('agentb');
    const lead = await desk('lead1');
    for (const d of [a, b, lead]) await d.call('sync.now', {});

    // A is offline; the lead moves the case to B, who makes a promise
    a.net.down = true;
    await lead.call('lead.assign', { caseIds: [caseId], agentId: String(world.ids.agentB) });
    await lead.call('sync.now', {});
    await b.call('sync.now', {});
    const steps = await requiredSteps(b, Number(caseId));
    const dueDate = new Date(world.clock().getTime() + 2 * 86_400_000).toISOString().slice(0, 10);
    await b.call('attempt.save', attemptInput(caseId, { party: 'self', outcomeCode: 'PTP', stepsDone: steps, ptp: { amountFen: 50_000, dueDate } }));
    await b.call('sync.now', {});
    const hubCase = () => world.hub.store.read((q) => q.get<{ balance_fen: number; status: string }>('SELECT balance_fen, status FROM cases WHERE id = ?', [Number(caseId)]));
    expect(await hubCase()).toMatchObject({ status: 'ptp' });

    // twelve minutes later A, not knowing, records the debtor's full payment and comes back online
    world.clock.advance(12 * 60_000);
    const today = new Date(world.clock().getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
    await a.call('payment.record', { caseId, amountFen: 1_000_000, paidDate: today });
    a.net.down = false;
    expect(await a.call('sync.now', {})).toMatchObject({ pending: 0, rejections: 1 });
    expect(Number((await hubCase())?.balance_fen)).toBe(1_000_000);
    expect(b.count('promises', "state = 'pending'")).toBe(1);

    // the lead sees it in words and data, and accepts it
    await lead.call('sync.now', {});
    const listed = await lead.call('lead.conflicts', {});
    const late = listed.items.find((x) => x.kind === 'latePayment');
    expect(late).toMatchObject({ caseId, agentName: '王芳（A1024）', late: { amountFen: 1_000_000, paidDate: today, dueDate: null }, decidable: true, resolvedAt: null });
    const done = await lead.call('lead.resolveConflict', { conflictId: late?.id, resolution: '已核实到账，采纳', decision: 'accept' });
    expect(done.conflict).toMatchObject({ id: late?.id, resolution: '已核实到账，采纳', resolvedBy: '陈组长', decidable: true });
    expect(await hubCase()).toMatchObject({ status: 'paid' });
    expect(Number((await hubCase())?.balance_fen)).toBe(0);

    // the holder and the lead get the payment, the balance and the re-derived promise by pull
    await b.call('sync.now', {});
    await lead.call('sync.now', {});
    for (const d of [b, lead]) {
      expect(d.count('payments', `case_id = ${Number(caseId)}`)).toBe(1);
      expect(d.count('cases', `id = ${Number(caseId)} AND balance_fen = 0 AND status = 'paid'`)).toBe(1);
    }
    expect(b.count('promises', "state = 'kept'")).toBe(1);
    expect((await lead.call('lead.conflicts', {})).open).toBe(0);
    // deciding again changes nothing
    const again = await lead.desk.invoke('lead.resolveConflict', { conflictId: late?.id ?? '', resolution: '再次采纳', decision: 'accept' });
    expect(again).toMatchObject({ ok: true, value: { conflict: { resolution: '已核实到账，采纳' } } });
    expect(Number((await hubCase())?.balance_fen)).toBe(0);
  });
});
