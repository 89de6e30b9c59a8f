/**
 * Real desks on a real hub (SQLite and PostgreSQL) with the event stream on and no timer and no
 * sync after local changes: only a poke can bring a lead's assignment to the agent; the desk
 * notices a stopped hub, and a silent one, within a few heartbeats; when the hub comes back the
 * offline work goes up without anyone pressing sync.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { newSpot, pgAvailable, type Kind, type StoreSpot } from '../hub/harness';
import { attemptInput, type TestDesk } from '../../fixtures/desk';
import { connectDesk, hubDesk, makeHubWorld, makeNet, type HubWorld, type Net } from '../../fixtures/hub-world';

const pgOk = await pgAvailable();
const POKES = { intervalMs: 0, debounceMs: 0, backoffBaseMs: 60_000, backoffMaxMs: 60_000, pokes: true };

describe.each([
  ['sqlite', true],
  ['postgres', pgOk],
] as [Kind, boolean][])('pokes on a %s hub', (kind, enabled) => {
  let world: HubWorld | null = null;
  let spot: StoreSpot | null = null;
  const desks: TestDesk[] = [];
  afterEach(async () => {
    while (desks.length) desks.pop()?.close();
    await world?.close();
    await spot?.drop();
    world = spot = null;
  });
  const setup = async (): Promise<HubWorld> => {
    spot = kind === 'postgres' ? newSpot('postgres') : null;
    world = await makeHubWorld({ ...(spot ? { store: spot.opts } : {}), events: { heartbeatMs: 100, pollMs: 0 } });
    return world;
  };
  const desk = async (w: HubWorld, user: string, pokes = true): Promise<TestDesk & { net: Net }> => {
    const t = await hubDesk(w, makeNet(), { syncTiming: { ...POKES, pokes } });
    desks.push(t);
    await connectDesk(t, w, user);
    return t;
  };

  it.skipIf(!enabled)("a lead's assignment reaches the agent's desk by a poke (no timer, no sync pressed)", async () => {
    const w = await setup();
    const [c] = await w.addCases(1, null);
    const caseId = c?.caseId ?? '';
    const lead = await desk(w, 'lead1');
    const agent = await desk(w, 'agenta');
    await expect.poll(() => agent.desk.sync?.listening).toBe(true);
    expect((await agent.call('queue.list', {})).total).toBe(0);
    await lead.call('lead.assign', { caseIds: [caseId], agentId: String(w.ids.agentA) });
    await lead.call('sync.now', {});
    await expect.poll(async () => (await agent.call('queue.list', {})).items.map((i) => i.caseId)).toEqual([caseId]);
  });

  it.skipIf(!enabled)('a stopped hub shows offline within seconds; when it returns, offline work is pushed by itself', async () => {
    const w = await setup();
    const [c] = await w.addCases(1, w.ids.agentA);
    const caseId = c?.caseId ?? '';
    const agent = await desk(w, 'agenta');
    await expect.poll(() => agent.desk.sync?.listening).toBe(true);
    expect((await agent.call('sync.status', {})).online).toBe(true);
    await w.stop();
    await expect.poll(async () => (await agent.call('sync.status', {})).online).toBe(false);
    await agent.call('attempt.save', attemptInput(caseId, { note: '断网时的催记' }));
    expect((await agent.call('sync.status', {})).pending).toBe(1);
    await w.restart();
    await expect
      .poll(async () => {
        const st = await agent.call('sync.status', {});
        return { pending: st.pending, online: st.online, lastError: st.lastError };
      }, { timeout: 10_000 })
      .toEqual({ pending: 0, online: true, lastError: null });
  });

  it.skipIf(!enabled)('a silent hub (cut cable: no bytes, no close) shows offline after a few missed heartbeats', async () => {
    const w = await setup();
    const agent = await desk(w, 'agenta');
    await expect.poll(() => agent.desk.sync?.listening).toBe(true);
    agent.net.down = true;
    await expect.poll(async () => (await agent.call('sync.status', {})).online).toBe(false);
    expect((await agent.call('sync.status', {})).lastError).toBe('offline');
  });
});
