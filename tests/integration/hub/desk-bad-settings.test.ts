/**
 * A desk that pulls a team setting it cannot use (an older hub stored `Mars/Olympus`) keeps its
 * last good value, keeps working — queue, case screen, save, also offline — and warns in its
 * sync status until the hub sends a usable value. A bad value an older desk stored falls back to
 * the default. Both hub stores.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { attemptInput } from '../../fixtures/desk';
import { connectDesk, hubDesk, makeHubWorld, type HubWorld } from '../../fixtures/hub-world';
import { call, newSpot, pgAvailable, type Kind, type StoreSpot } from './harness';

const pgOk = await pgAvailable();
if (!pgOk) console.warn('desk bad-settings tests: no PostgreSQL reachable at 127.0.0.1:5432 — the PostgreSQL half is SKIPPED');

describe.each([
  ['sqlite', true],
  ['postgres', pgOk],
] as [Kind, boolean][])('a desk and unusable team settings, hub on %s', (kind, enabled) => {
  const spots: StoreSpot[] = [];
  afterAll(async () => {
    for (const s of spots) await s.drop();
  });

  /** The hub fans `key` out with a valid value, then its row is overwritten as an older hub would have stored it. */
  async function plantSetting(world: HubWorld, key: string, good: unknown, bad: unknown): Promise<void> {
    const lead = (await call(world.hub, 'POST', '/v1/auth/login', { username: 'lead1', password: 'secret-123' })).body.token as string;
    expect((await call(world.hub, 'PUT', '/v1/admin/reference', { settings: { [key]: good } }, lead)).status).toBe(200);
    await world.hub.store.write((q) => q.run('UPDATE settings SET value = ? WHERE team_id = ? AND key = ?', [JSON.stringify(bad), world.teamId, key]));
  }

  it.skipIf(!enabled)('keeps the last good value, works online and offline, warns until a usable value comes', async () => {
    const spot = newSpot(kind);
    spots.push(spot);
    const world = await makeHubWorld({ store: spot.opts });
    const t = await hubDesk(world);
    try {
      const [c] = await world.addCases(1, world.ids.agentA);
      const caseId = c!.caseId;
      await connectDesk(t, world, 'agenta');
      expect((await t.call('sync.status', {})).settingsWarnings).toEqual([]);

      await plantSetting(world, 'timeZone', 'Asia/Urumqi', 'Mars/Olympus');
      await plantSetting(world, 'bucketBounds', { earlyMax: 4, midMax: 18, m1Max: 30, m2Max: 60, m3Max: 90 }, { earlyMax: 9, midMax: 3, m1Max: 30, m2Max: 60, m3Max: 90 });
      const st = await t.call('sync.now', {});
      expect(st).toMatchObject({ lastError: null, settingsWarnings: ['bucketBounds', 'timeZone'] });
      const settings = await t.call('settings.get', {});
      expect(settings.timeZone).toBe('Asia/Shanghai'); // the last good value
      expect(settings.bucketBounds.earlyMax).toBe(5);

      const work = async () => {
        const q = await t.call('queue.list', {});
        expect(q.items.map((i) => String(i.caseId))).toContain(caseId);
        expect((await t.call('case.get', { caseId })).case.id).toBeDefined();
        await t.call('attempt.save', attemptInput(caseId));
      };
      await work();
      t.net.down = true;
      await work();
      expect((await t.call('sync.now', {})).settingsWarnings).toEqual(['bucketBounds', 'timeZone']);
      t.net.down = false;

      // the hub is fixed: the value is taken and the warning goes
      const lead = (await call(world.hub, 'POST', '/v1/auth/login', { username: 'lead1', password: 'secret-123' })).body.token as string;
      expect((await call(world.hub, 'PUT', '/v1/admin/reference', { settings: { timeZone: 'Asia/Urumqi' } }, lead)).status).toBe(200);
      const fixed = await t.call('sync.now', {});
      expect(fixed).toMatchObject({ pending: 0, settingsWarnings: ['bucketBounds'] });
      expect((await t.call('settings.get', {})).timeZone).toBe('Asia/Urumqi');
    } finally {
      t.close();
      await world.close();
    }
  });

  it.skipIf(!enabled)('a bad value an older desk stored falls back to the default for that key only', async () => {
    const spot = newSpot(kind);
    spots.push(spot);
    const world = await makeHubWorld({ store: spot.opts });
    const t = await hubDesk(world);
    try {
      const [c] = await world.addCases(1, world.ids.agentA);
      await connectDesk(t, world, 'agenta');
      const db = t.desk.ctx.db;
      const put = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
      put.run('timeZone', JSON.stringify('Mars/Olympus'));
      put.run('ptpGraceDays', JSON.stringify('1'));
      put.run('ptpMaxDays', JSON.stringify(12));
      t.close();
      const again = await hubDesk(world, t.net, { dataDir: t.dir });
      try {
        await again.call('auth.login', { username: 'agenta', password: 'secret-123' });
        expect(await again.call('settings.get', {})).toMatchObject({ timeZone: 'Asia/Shanghai', ptpGraceDays: 1, ptpMaxDays: 12 });
        expect((await again.call('queue.list', {})).items.length).toBeGreaterThan(0);
        await again.call('attempt.save', attemptInput(c!.caseId));
      } finally {
        again.close();
      }
    } finally {
      await world.close();
    }
  });
});
