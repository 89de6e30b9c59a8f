import { randomUUID } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { ptpDueInstant, recomputeCase } from '../../../electron/core/cases/derive';
import { todayOf } from '../../../electron/core/sync/apply';
import type { Change, EntityRow } from '../../../shared/sync';
import { attemptInput, type TestDesk } from '../../fixtures/desk';
import { connectDesk, hubDesk, useHubWorld, makeNet, type HubWorld } from '../../fixtures/hub-world';

const hw = useHubWorld();
const desks = hw.desks;
let world: HubWorld;
beforeEach(() => {
  world = hw.world();
});

const cursorOf = (t: TestDesk): string | null => (t.desk.ctx.db.prepare('SELECT pull_cursor FROM sync_state').get() as { pull_cursor: string | null }).pull_cursor;

function debtor(id: string): EntityRow<'debtor'> {
  return { id, name: `新债务人${id}`, gender: 'F', idNumber: null, birthDate: null, homeAddress: null, workAddress: null, registeredAddress: null, employer: null };
}
function kase(id: string, debtorId: string, agentId: string): EntityRow<'case'> {
  return {
    id, debtorId, batchId: null, creditor: '平安银行', product: 'personal_loan', accountNo: `6222${id.padStart(12, '0')}`, principalFen: 100, balanceFen: 100,
    overdueFen: 100, minDueFen: 10, overdueSince: '2026-01-01', lastPaymentDate: null, lastPaymentFen: null, entrustDate: null, expiryDate: null, status: 'open',
    tags: [], assignedAgentId: agentId, preferredPhoneId: null, brokenPromises: 0, refusals: 0, attemptCount: 0, lastAttemptAt: null, lastOutcomeCode: null,
  };
}

describe('applying pulled pages', () => {
  it('a page and its cursor apply in one transaction: a failure mid-page applies nothing and keeps the cursor', async () => {
    const net = makeNet();
    const t = await hubDesk(world, net);
    desks.push(t);
    await world.addCases(1, world.ids.agentA);
    await connectDesk(t, world, 'agenta');
    const cursor = cursorOf(t);
    const cases = t.count('cases');
    const agent = String(world.ids.agentA);
    const good: Change[] = [
      { op: 'put', entity: 'debtor', row: debtor('777001') },
      { op: 'put', entity: 'case', row: kase('777001', '777001', agent) },
    ];
    // valid by the protocol's schema, refused by the database (a self phone with a contact): fails after rows were written
    const bad: Change = { op: 'put', entity: 'phone', row: { id: '777002', debtorId: '777001', contactId: '999', owner: 'self', kind: 'mobile', number: '13900000000', status: 'valid' } };
    net.fake.set('/v1/sync/pull', [{ status: 200, body: { cursor: 999_999, lastMutationId: 0, changes: [...good, bad], more: false } }]);
    expect(await t.call('sync.now', {})).toMatchObject({ lastError: 'applyFailed' });
    expect(t.count('cases')).toBe(cases);
    expect(t.count('debtors', 'id = 777001')).toBe(0);
    expect(cursorOf(t)).toBe(cursor);
    expect(t.count('sync_apply')).toBe(0);
    expect(t.desk.ctx.db.pragma('synchronous', { simple: true })).toBe(2); // FULL again after the refused page

    // a row failing its schema: the page is refused whole too
    net.fake.set('/v1/sync/pull', [{ status: 200, body: { cursor: 999_999, lastMutationId: 0, changes: [...good, { op: 'put', entity: 'case', row: { id: 'x' } }], more: false } }]);
    expect(await t.call('sync.now', {})).toMatchObject({ lastError: 'applyFailed' });
    expect(t.count('debtors', 'id = 777001')).toBe(0);
    expect(cursorOf(t)).toBe(cursor);

    // the same page without the bad row applies, with its cursor, and the case joins the queue with derived fields
    net.fake.set('/v1/sync/pull', [{ status: 200, body: { cursor: 999_999, lastMutationId: 0, changes: good, more: false } }]);
    expect(await t.call('sync.now', {})).toMatchObject({ lastError: null });
    expect(cursorOf(t)).toBe('999999');
    expect((await t.call('queue.list', {})).items.map((i) => i.caseId)).toContain('777001');
    expect((t.desk.ctx.db.prepare('SELECT priority FROM cases WHERE id = 777001').get() as { priority: number }).priority).toBeGreaterThan(0);
  });

  it("a case's priority and next due, written with its row, are what a recompute gives: its promise before or after it in the page, and a page that changes the time zone", async () => {
    const net = makeNet();
    const t = await hubDesk(world, net);
    desks.push(t);
    await world.addCases(1, world.ids.agentA);
    await connectDesk(t, world, 'agenta');
    const ctx = t.desk.ctx;
    const agent = String(world.ids.agentA);
    const now = ctx.clock();
    const inDays = (n: number): string => new Date(now.getTime() + n * 86_400_000).toISOString().slice(0, 10);
    const promise = (caseId: string, dueDate: string): Change => ({
      op: 'put', entity: 'promise',
      row: { id: randomUUID(), caseId, attemptId: null, agentId: agent, amountFen: 50, dueDate, createdDate: inDays(0), createdAt: now.toISOString(), state: 'pending', paidFen: 0, stateChangedAt: now.toISOString() },
    });
    const followUp = (caseId: string, dueAt: string): Change => ({
      op: 'put', entity: 'followUp', row: { id: randomUUID(), caseId, agentId: agent, attemptId: null, dueAt, reason: null, state: 'pending', createdAt: now.toISOString(), closedAt: null },
    });
    const withDebtor = (id: string): Change[] => [{ op: 'put', entity: 'debtor', row: debtor(id) }, { op: 'put', entity: 'case', row: kase(id, id, agent) }];
    const derived = () => ctx.db.prepare('SELECT id, priority, next_due_at, due_kind, followup_at FROM cases WHERE id > 777100 ORDER BY id').all() as { id: number; next_due_at: string | null; due_kind: string | null }[];
    const recomputed = () => {
      ctx.db.transaction(() => {
        for (const c of derived()) recomputeCase(ctx, c.id, todayOf(ctx));
      })();
      return derived();
    };
    const page = (changes: Change[]) => net.fake.set('/v1/sync/pull', [{ status: 200, body: { cursor: 999_999, lastMutationId: 0, changes, more: false } }]);

    // the promise before its case (the case put finds it), the follow-up after its case (recomputed at the end), a case with neither
    page([{ op: 'put', entity: 'debtor', row: debtor('777101') }, promise('777101', inDays(3)), { op: 'put', entity: 'case', row: kase('777101', '777101', agent) },
      ...withDebtor('777102'), followUp('777102', new Date(now.getTime() + 3_600_000).toISOString()), ...withDebtor('777103')]);
    expect(await t.call('sync.now', {})).toMatchObject({ lastError: null });
    const first = derived();
    expect(first.map((c) => c.due_kind)).toEqual(['ptp', 'followup', null]);
    expect(recomputed()).toEqual(first);

    // a case scored with the old zone in a page that then changes it is scored again with the new one
    page([{ op: 'put', entity: 'debtor', row: debtor('777105') }, promise('777105', inDays(4)), { op: 'put', entity: 'case', row: kase('777105', '777105', agent) },
      { op: 'put', entity: 'setting', row: { key: 'timeZone', value: 'Asia/Tokyo' } }]);
    expect(await t.call('sync.now', {})).toMatchObject({ lastError: null });
    expect(ctx.settings().timeZone).toBe('Asia/Tokyo');
    const second = derived();
    expect(second.find((c) => c.id === 777105)?.next_due_at).toBe(ptpDueInstant(inDays(4), 'Asia/Tokyo'));
    expect(recomputed().find((c) => c.id === 777105)).toEqual(second.find((c) => c.id === 777105));
  });

  it('a case reassigned away is dropped with its history, but its unpushed attempt still reaches the hub', async () => {
    const net = makeNet();
    const t = await hubDesk(world, net);
    desks.push(t);
    const [c, keep] = await world.addCases(2, world.ids.agentA);
    const caseId = c?.caseId ?? '';
    await connectDesk(t, world, 'agenta');
    await t.call('attempt.save', attemptInput(caseId, { note: '已推送' }));
    await t.call('sync.now', {});
    net.down = true;
    const offline = await t.call('attempt.save', attemptInput(caseId, { note: '离线记录' }));
    expect(t.count('attempts', `case_id = ${caseId}`)).toBe(2);

    // the lead moves the case to agent B on the hub (a lead's desk pushing case.assign)
    const lead = await hubDesk(world);
    desks.push(lead);
    await connectDesk(lead, world, 'lead1');
    expect(await lead.call('lead.assign', { caseIds: [caseId], agentId: String(world.ids.agentB) })).toMatchObject({ assigned: 1 });
    await lead.call('sync.now', {});

    // A's desk comes back: the push goes first (accepted as late history), then the pull drops the case
    net.down = false;
    expect(await t.call('sync.now', {})).toMatchObject({ pending: 0, lastError: null, rejections: 0 });
    expect(t.count('cases', `id = ${caseId}`)).toBe(0);
    expect(t.count('attempts', `case_id = ${caseId}`)).toBe(0);
    expect((await t.call('queue.list', {})).items.map((i) => i.caseId)).toEqual([keep?.caseId]);
    expect(await t.desk.invoke('case.get', { caseId })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const ids = (await world.hub.store.read((q) => q.all<{ id: string }>('SELECT id FROM attempts WHERE case_id = ?', [Number(caseId)]))).map((r) => r.id);
    expect(ids).toContain(offline.attemptId);
    expect(ids).toHaveLength(2);
    // audited
    expect(t.count('audit_log', "action = 'sync.caseLeftScope'")).toBe(1);
  });

  it('the drop of a case never takes its unpushed outbox rows (pull before push)', async () => {
    const net = makeNet();
    const t = await hubDesk(world, net);
    desks.push(t);
    const [c] = await world.addCases(1, world.ids.agentA);
    const caseId = c?.caseId ?? '';
    await connectDesk(t, world, 'agenta');
    net.down = true;
    await t.call('attempt.save', attemptInput(caseId));
    net.down = false;
    // a pull page arrives carrying the del while the push is still out (the hub says lastMutationId 0)
    net.fake.set('/v1/sync/push', [{ status: 500, body: { error: { code: 'INTERNAL', message: 'later' } } }]);
    await t.call('sync.now', {});
    const page = { cursor: 10_000_000, lastMutationId: 0, changes: [{ op: 'del', entity: 'case', id: caseId }], more: false };
    net.fake.set('/v1/sync/pull', [{ status: 200, body: page }]);
    net.fake.set('/v1/sync/push', [{ status: 200, body: { lastMutationId: 0, rejected: [] } }]);
    await t.call('sync.now', {});
    expect(t.count('cases', `id = ${caseId}`)).toBe(0);
    expect(t.count('outbox')).toBe(1);
    // the case is gone, but the unsynced list still names its debtor (left_cases)
    expect((await t.call('sync.unsynced', {})).items).toEqual([expect.objectContaining({ caseId, debtorName: `债务人${Number(caseId) - 1000}` })]); // hub-world.ts names them so
  });

  it('reference data, settings and the hub version of this desk\'s own rows replace the local ones; a pending preferred phone stays', async () => {
    const net = makeNet();
    const t = await hubDesk(world, net);
    desks.push(t);
    const [c] = await world.addCases(1, world.ids.agentA);
    const caseId = c?.caseId ?? '';
    const [p1, p2] = c?.phoneIds ?? [];
    await connectDesk(t, world, 'agenta');
    const saved = await t.call('attempt.save', attemptInput(caseId, { phoneId: p2, note: '本地版本' }));
    await t.call('sync.now', {});
    const cursor = Number(cursorOf(t));
    const hubAttempt = t.desk.ctx.db.prepare('SELECT * FROM attempts WHERE id = ?').get(saved.attemptId) as Record<string, unknown>;
    net.down = true;
    await t.call('case.setPreferredPhone', { caseId, phoneId: p1 }); // not pushed yet
    net.down = false;
    const caseRow = { ...kase(caseId, caseId, String(world.ids.agentA)), preferredPhoneId: null, attemptCount: 1 };
    const changes: Change[] = [
      { op: 'put', entity: 'outcomeCode', row: { code: 'NEW_CODE', hotkey: '1', label: { 'zh-CN': '新结果', en: 'New' }, isContact: false, isRpc: false, needsPtp: false, needsFollowUp: false, needsPaidDate: false, setsStatus: null, addsTag: null, locksPhone: false, sort: 0 } },
      { op: 'del', entity: 'outcomeCode', id: 'WRONG_NUMBER' },
      { op: 'put', entity: 'setting', row: { key: 'ptpMaxDays', value: 7 } },
      { op: 'put', entity: 'setting', row: { key: 'locale', value: 'en' } }, // the agent's own choice: ignored
      {
        op: 'put', entity: 'attempt', row: {
          id: saved.attemptId, clientRequestId: hubAttempt.client_request_id, caseId, agentId: String(world.ids.agentA), phoneId: p2, channel: 'phone', party: 'none',
          outcomeCode: 'NO_ANSWER', note: '枢纽版本', callStartedAt: null, durationSec: 0, claimedPaidDate: null, stepsDone: [], scenario: null, at: hubAttempt.at,
        },
      },
      { op: 'put', entity: 'case', row: caseRow },
      { op: 'del', entity: 'phone', id: p2 ?? '' },
      { op: 'put', entity: 'target', row: { id: '5', agentId: String(world.ids.agentA), period: 'day', metric: 'calls', value: 80, from: '2026-03-10', to: '2026-03-10' } },
    ];
    net.fake.set('/v1/sync/push', [{ status: 500, body: { error: { code: 'INTERNAL', message: 'later' } } }]);
    await t.call('sync.now', {});
    net.fake.set('/v1/sync/push', [{ status: 200, body: { lastMutationId: 1, rejected: [] } }]);
    net.fake.set('/v1/sync/pull', [{ status: 200, body: { cursor, lastMutationId: 1, changes, more: false } }]);
    await t.call('sync.now', {});

    const codes = (await t.call('reference.get', {})).outcomeCodes;
    expect(codes.find((x) => x.code === 'NEW_CODE')?.hotkey).toBe('1');
    expect(codes.find((x) => x.code === 'PTP')?.hotkey).toBeNull(); // its hotkey moved to the new code
    expect(codes.some((x) => x.code === 'WRONG_NUMBER')).toBe(false);
    expect(await t.call('settings.get', {})).toMatchObject({ ptpMaxDays: 7, locale: 'zh-CN' });
    expect((t.desk.ctx.db.prepare('SELECT note, phone_id FROM attempts WHERE id = ?').get(saved.attemptId))).toEqual({ note: '枢纽版本', phone_id: null });
    expect(t.count('phones', `id = ${p2}`)).toBe(0);
    expect(t.count('hub_rows', "entity = 'target'")).toBe(1);
    // the preferred phone set on this desk and not yet processed by the hub is not overwritten by the page
    expect((t.desk.ctx.db.prepare('SELECT preferred_phone_id FROM cases WHERE id = ?').get(Number(caseId)) as { preferred_phone_id: number }).preferred_phone_id).toBe(Number(p1));
    expect(t.count('outbox')).toBe(1);
  });
});

