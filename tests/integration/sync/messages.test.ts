/**
 * Messages in team mode (issue 11), real desks and a real hub (SQLite): the lead's template edit
 * goes to the hub and reaches the agent's desk by pull; the agent's SMS is pushed, re-checked and
 * stored on the hub; a message the hub refuses comes back as a rejection naming the rule.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TestDesk } from '../../fixtures/desk';
import { connectDesk, hubDesk, makeHubWorld, makeNet, type HubWorld, type Net } from '../../fixtures/hub-world';
import { newSpot, pgAvailable, type Kind, type StoreSpot } from '../hub/harness';

describe('messages through the hub', () => {
  let world: HubWorld;
  const desks: TestDesk[] = [];
  const desk = async (username: string): Promise<TestDesk & { net: Net }> => {
    const t = await hubDesk(world, makeNet());
    desks.push(t);
    await connectDesk(t, world, username);
    return t;
  };
  beforeEach(async () => {
    world = await makeHubWorld();
  });
  afterEach(async () => {
    while (desks.length) desks.pop()?.close();
    await world.close();
  });

  it('a lead edits a template on the hub, the agent sends with it, the hub stores the message', async () => {
    const [x] = await world.addCases(1, world.ids.agentA);
    const caseId = x?.caseId ?? '';
    const phone = x?.phoneIds[0] ?? '';
    const lead = await desk('lead1');
    const a = await desk('agenta');

    const templates = (await lead.call('settings.get', {})).messageTemplates;
    const edited = templates.map((t) => (t.id === 'sms-reminder-zh' ? { ...t, body: '【{{institution}}】{{debtorName}}您好，逾期金额{{overdueAmount}}，请通过官方渠道还款。' } : t));
    await lead.call('message.saveTemplates', { templates: edited });
    await a.call('sync.now', {});
    const p = await a.call('message.preview', { caseId, templateId: 'sms-reminder-zh', recipient: phone });
    expect(p.text).toMatch(/^【.+】债务人\d+您好，逾期金额¥5,000.00，请通过官方渠道还款。$/);

    const { message } = await a.call('message.send', { caseId, templateId: 'sms-reminder-zh', recipient: phone, clientRequestId: 'sync-msg-1' });
    await a.call('sync.now', {});
    const rows = await world.hub.store.read((q) => q.all<{ id: string; content: string; destination: string; status: string }>('SELECT id, content, destination, status FROM messages'));
    expect(rows).toEqual([{ id: message.id, content: p.text, destination: message.destination, status: 'recorded' }]);
    expect(await a.call('sync.rejections', {})).toMatchObject({ items: [] });
  });

  it('a team template the hub would refuse is refused naming the field', async () => {
    await world.addCases(1, world.ids.agentA);
    const lead = await desk('lead1');
    const r = await lead.desk.invoke('message.saveTemplates', { templates: [{ id: 'x', channel: 'sms', locale: 'zh-CN', audience: 'thirdParty', name: 'x', subject: '', body: '请转告：{{balance}}' }] });
    expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'templates.0.body' } });
  });
});

const pgOk = await pgAvailable();
if (!pgOk) console.warn('messages through the hub on PostgreSQL skipped: no server at the test URL');

describe.each([
  ['sqlite', true],
  ['postgres', pgOk],
] as [Kind, boolean][])('an agent\'s messages reach the lead\'s desk (%s)', (kind, enabled) => {
  let spot: StoreSpot;
  let world: HubWorld;
  const desks: TestDesk[] = [];
  const desk = async (username: string): Promise<TestDesk & { net: Net }> => {
    const t = await hubDesk(world, makeNet());
    desks.push(t);
    await connectDesk(t, world, username);
    return t;
  };
  beforeEach(async () => {
    if (!enabled) return;
    spot = newSpot(kind);
    world = await makeHubWorld(kind === 'sqlite' ? {} : { store: spot.opts });
  });
  afterEach(async () => {
    if (!enabled) return;
    while (desks.length) desks.pop()?.close();
    await world.close();
    await spot.drop();
  });

  it.skipIf(!enabled)('the agent sends an SMS and syncs; the lead pulls it into the case\'s messages and timeline, masked, once', async () => {
    const [x] = await world.addCases(1, world.ids.agentA);
    const caseId = x?.caseId ?? '';
    const phone = x?.phoneIds[0] ?? '';
    const lead = await desk('lead1');
    const a = await desk('agenta');
    const { message } = await a.call('message.send', { caseId, templateId: 'sms-reminder-zh', recipient: phone, clientRequestId: `feed-msg-${kind}` });
    expect(await a.call('sync.now', {})).toMatchObject({ pending: 0, rejections: 0 });
    // the sender's own row keeps its full number; the hub's copy does not replace it
    expect(a.desk.ctx.prep<{ destination: string; origin: string }>('SELECT destination, origin FROM messages').all()).toEqual([{ destination: expect.stringMatching(/^139\d{8}$/), origin: 'desk' }]);
    expect((await a.call('message.list', { caseId })).map((m) => m.destination)).toEqual([message.destination]);

    await lead.call('sync.now', {});
    await lead.call('sync.now', {}); // a second pull changes nothing
    const list = await lead.call('message.list', { caseId });
    expect(list).toEqual([{ ...message, agentName: '王芳' }]);
    expect(message.destination).toMatch(/^139\*{4}\d{4}$/);
    const { timeline } = await lead.call('case.get', { caseId });
    expect(timeline.filter((e) => e.kind === 'message')).toMatchObject([{ id: message.id, channel: 'sms', status: 'recorded', destination: message.destination, agentName: '王芳' }]);
    expect(lead.desk.ctx.prep<{ n: number }>('SELECT count(*) AS n FROM messages').get()?.n).toBe(1);
  });
});
