/**
 * Targets in team mode, on both hub stores: a lead sets them on their desk, the hub checks them
 * again and stores them as reference data, and every desk of the team receives the ones that
 * concern it by pull (an agent: the team's and their own). The dashboard and the agent's top bar
 * read them there. A refusal of the hub comes back naming the field; an unreachable hub changes nothing.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Dashboard } from '../../../shared/contract/dashboard';
import type { TestDesk } from '../../fixtures/desk';
import { connectDesk, hubDesk, makeHubWorld, type HubWorld } from '../../fixtures/hub-world';
import { call, newSpot, pgAvailable, type Kind, type StoreSpot } from './harness';

const pgOk = await pgAvailable();
if (!pgOk) console.warn('hub targets tests: no PostgreSQL reachable at 127.0.0.1:5432 — the PostgreSQL half is SKIPPED');

describe.each([
  ['sqlite', true],
  ['postgres', pgOk],
] as [Kind, boolean][])('targets through the hub on %s', (kind, enabled) => {
  let world: HubWorld | null = null;
  let spot: StoreSpot | null = null;
  const desks: TestDesk[] = [];
  afterEach(async () => {
    while (desks.length) desks.pop()?.close();
    await world?.close();
    await spot?.drop();
  });
  const desk = async (w: HubWorld, user: string) => {
    const t = await hubDesk(w);
    desks.push(t);
    await connectDesk(t, w, user);
    return t;
  };

  it.skipIf(!enabled)('the lead sets targets on the desk; the hub keeps them; each desk pulls its own', async () => {
    spot = newSpot(kind);
    const w = (world = await makeHubWorld(kind === 'sqlite' ? {} : { store: spot.opts }));
    await w.addCases(2, w.ids.agentA);
    const lead = await desk(w, 'lead1');
    const agentA = await desk(w, 'agenta');
    const agentB = await desk(w, 'agentb');
    const a = String(w.ids.agentA);
    const targets = [
      { agentId: a, period: 'day', metric: 'calls', value: 60, from: '2026-03-01', to: '2026-03-31' },
      { agentId: String(w.ids.agentB), period: 'week', metric: 'rightParty', value: 40, from: '2026-03-01', to: '2026-03-31' },
      { agentId: null, period: 'month', metric: 'recoveryPct', value: 20, from: '2026-03-01', to: '2026-03-31' },
    ];

    // The hub's own check: a stranger is refused naming the field, and nothing changes.
    expect(await lead.desk.invoke('targets.save', { targets: [{ ...targets[0], agentId: '987654' }] }))
      .toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'targets.0.agentId' } });
    expect(await agentA.desk.invoke('targets.save', { targets })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });

    expect(await lead.call('targets.save', { targets })).toEqual({ targets });
    const token = (await call(w.hub, 'POST', '/v1/auth/login', { username: 'lead1', password: 'secret-123' })).body.token as string;
    expect((await call(w.hub, 'GET', '/v1/admin/reference', undefined, token)).body.targets).toEqual(targets);

    for (const t of [lead, agentA, agentB]) await t.call('sync.now', {});
    expect((await lead.call('targets.list', {}))).toEqual({ hub: true, targets });
    expect((await agentA.call('targets.list', {})).targets).toEqual([targets[0], targets[2]]);
    expect((await agentB.call('targets.list', {})).targets).toEqual([targets[1], targets[2]]);
    expect(await agentA.call('dashboard.myProgress', {})).toMatchObject({ today: '2026-03-10', calls: 0, targets: { calls: 60, ptpFen: null } });
    const d = await lead.call('dashboard.get', { period: 'day' }) as Dashboard;
    expect(d.agents.find((r) => r.agentId === a)?.targets.calls).toBe(60);
    expect(d.team.targets).toMatchObject({ calls: 60, recoveryPct: null });
    expect(((await lead.call('dashboard.get', { period: 'month' })) as Dashboard).team.targets.recoveryPct).toBe(20);

    // Replacing the list removes what was left out, on every desk.
    await lead.call('targets.save', { targets: [targets[2]] });
    for (const t of [lead, agentA]) await t.call('sync.now', {});
    expect((await agentA.call('targets.list', {})).targets).toEqual([targets[2]]);
    expect((await lead.call('targets.list', {})).targets).toEqual([targets[2]]);

    // The hub away: refused as unreachable, nothing changed.
    await w.stop();
    expect(await lead.desk.invoke('targets.save', { targets })).toMatchObject({ ok: false, error: { code: 'HUB_UNREACHABLE' } });
    await w.restart();
    expect((await call(w.hub, 'GET', '/v1/admin/reference', undefined, token)).body.targets).toEqual([targets[2]]);
  }, 60_000);
});
