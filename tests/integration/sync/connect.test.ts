import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../../shared/contract';
import { PROFILE_FILE } from '../../../electron/core/sync/profile';
import { addCase, attemptInput, openTestDesk, unwrap } from '../../fixtures/desk';
import { connectDesk, hubDesk, HUB_PASSWORD, useHubWorld, makeNet, type HubWorld } from '../../fixtures/hub-world';

const hw = useHubWorld();
const desks = hw.desks;
let world: HubWorld;
beforeEach(() => {
  world = hw.world();
});

const tables = ['agents', 'debtors', 'phones', 'cases', 'attempts', 'promises', 'outbox', 'audit_log', 'outcome_codes', 'scripts'];

describe('connecting a desk to a hub', () => {
  it('opens a separate database for the hub user, pulls the queue, and leaves the local database untouched', async () => {
    const t = await hubDesk(world);
    desks.push(t);
    // local mode first: a local agent with a local case and local work
    await unwrap(t.desk.invoke('auth.login', { username: 'tester', password: 'secret1' }));
    const local = addCase(t, { agentId: t.agentId });
    await t.call('attempt.save', attemptInput(local.caseId));
    const localDir = t.desk.dbDir;
    const before = Object.fromEntries(tables.map((x) => [x, t.count(x)]));
    expect((await t.call('sync.status', {})).mode).toBe('local');

    const mine = await world.addCases(3, world.ids.agentA);
    await world.addCases(2, world.ids.agentB);
    const statuses: SyncStatus[] = [];
    t.desk.on('sync.status', (s) => statuses.push(s));
    await connectDesk(t, world, 'agenta');

    const st = await t.call('sync.status', {});
    expect(st).toMatchObject({ mode: 'hub', hubUrl: world.url, hubUser: { username: 'agenta', role: 'agent' }, online: true, pending: 0, lastError: null });
    expect(st.lastSyncAt).not.toBeNull();
    expect(statuses.at(-1)).toEqual(st);
    expect(t.desk.mode).toBe('hub');
    expect(path.basename(t.desk.dbDir)).toMatch(new RegExp(`^hub-[0-9a-f]{8}-${world.ids.agentA}$`));
    expect((await t.call('auth.session', {})).agent).toMatchObject({ username: 'agenta', id: String(world.ids.agentA) });

    // exactly agent A's cases, with reference data from the hub
    const q = await t.call('queue.list', {});
    expect(q.items.map((i) => i.caseId).sort()).toEqual(mine.map((c) => c.caseId).sort());
    expect((await t.call('reference.get', {})).outcomeCodes.length).toBeGreaterThan(5);
    const detail = await t.call('case.get', { caseId: mine[0]?.caseId });
    expect(detail.phones).toHaveLength(2);

    // token kept, never the password
    const state = t.desk.ctx.db.prepare('SELECT token, offline_verifier FROM sync_state').get() as { token: string; offline_verifier: string };
    expect(state.token).toBeTruthy();
    expect(state.offline_verifier).toMatch(/^scrypt\$/);
    const raw = fs.readFileSync(path.join(t.desk.dbDir, 'collectdesk.db'));
    expect(raw.includes(Buffer.from(HUB_PASSWORD))).toBe(false);
    const profile = JSON.parse(fs.readFileSync(path.join(t.dir, PROFILE_FILE), 'utf8')) as Record<string, unknown>;
    expect(profile).toMatchObject({ mode: 'hub', hubUrl: world.url, username: 'agenta', dbDir: path.basename(t.desk.dbDir) });

    // the local database is untouched: same row counts once reopened
    t.close();
    const again = await openTestDesk({ dataDir: localDir, login: false, syncTiming: { intervalMs: 0, debounceMs: 0 } });
    desks.push(again);
    // the profile says hub: the desk reopens the hub database ...
    expect(again.desk.mode).toBe('hub');
    expect(again.desk.dbDir).not.toBe(localDir);
    again.close();
    // ... and the local one still has exactly what it had
    fs.renameSync(path.join(localDir, PROFILE_FILE), path.join(localDir, `${PROFILE_FILE}.bak`));
    const localAgain = await openTestDesk({ dataDir: localDir, login: false });
    desks.push(localAgain);
    expect(localAgain.desk.mode).toBe('local');
    // openTestDesk adds nothing when its agents exist; compare all counts
    expect(Object.fromEntries(tables.map((x) => [x, localAgain.count(x)]))).toEqual(before);
  });

  it('a request the screen makes while the desk switches database is answered for the hub user, never UNAUTHENTICATED (first connect and reconnect)', async () => {
    const t = await hubDesk(world);
    desks.push(t);
    await unwrap(t.desk.invoke('auth.login', { username: 'tester', password: 'secret1' }));
    const mine = await world.addCases(2, world.ids.agentA);
    // the renderer reloads its queue when told the database switched: during a connect, that request lands mid-login
    const ask = () => Promise.all([t.desk.invoke('queue.list', {}), t.desk.invoke('auth.session', {})]);
    const asked: ReturnType<typeof ask>[] = [];
    let connecting = false;
    t.desk.on('queue.changed', (e) => {
      if (connecting && e.reason === 'sync.databaseSwitched') asked.push(ask());
    });
    const connect = async () => {
      connecting = true;
      await connectDesk(t, world, 'agenta');
      connecting = false;
    };
    await connect();
    await t.call('sync.disconnect', {});
    await unwrap(t.desk.invoke('auth.login', { username: 'tester', password: 'secret1' }));
    await connect(); // its database exists now: the other path through the login
    expect(asked).toHaveLength(2);
    for (const [queue, session] of await Promise.all(asked)) {
      expect(queue).toMatchObject({ ok: true });
      expect(session).toMatchObject({ ok: true, value: { agent: { username: 'agenta' } } });
    }
    expect((await t.call('queue.list', {})).items.map((i) => i.caseId).sort()).toEqual(mine.map((c) => c.caseId).sort());
  });

  it('a first connect logs in once, with the device id its new database then keeps; a database that already has work keeps its own id', async () => {
    const t = await hubDesk(world);
    desks.push(t);
    await world.addCases(1, world.ids.agentA);
    await connectDesk(t, world, 'agenta');
    expect(t.net.calls.filter((c) => c === '/v1/auth/login')).toHaveLength(1);
    const deviceId = (t.desk.ctx.db.prepare('SELECT device_id FROM sync_state').get() as { device_id: string }).device_id;
    const tokens = await world.hub.store.read((q) => q.all<{ device_id: string | null }>('SELECT device_id FROM tokens WHERE user_id = ?', [world.ids.agentA]));
    expect(tokens.map((r) => r.device_id)).toEqual([deviceId]);
    // the work it pushes is under that id on the hub
    const c = (await t.call('queue.list', {})).items[0];
    await t.call('attempt.save', attemptInput(c?.caseId ?? ''));
    await t.call('sync.now', {});
    expect(await world.hub.store.read((q) => q.get('SELECT device_id FROM devices WHERE user_id = ?', [world.ids.agentA]))).toEqual({ device_id: deviceId });

    // the same hub user's folder, used before, on a desk that forgot its profile: its id stays, a second login binds the token to it
    const dbDir = t.desk.dbDir;
    const dataDir = t.dir;
    t.close();
    fs.rmSync(path.join(dataDir, PROFILE_FILE));
    const again = await hubDesk(world, undefined, { dataDir });
    desks.push(again);
    await connectDesk(again, world, 'agenta');
    expect(again.desk.dbDir).toBe(dbDir);
    expect(again.net.calls.filter((x) => x === '/v1/auth/login')).toHaveLength(2);
    expect((again.desk.ctx.db.prepare('SELECT device_id FROM sync_state').get() as { device_id: string }).device_id).toBe(deviceId);
  });

  it('maps hub errors to desk rules: bad credentials, unreachable', async () => {
    const net = makeNet();
    const t = await hubDesk(world, net);
    desks.push(t);
    expect(await t.desk.invoke('sync.connect', { hubUrl: world.url, username: 'agenta', password: 'wrong-password' }))
      .toMatchObject({ ok: false, error: { code: 'BAD_CREDENTIALS', rule: 'sync.badCredentials' } });
    net.down = true;
    expect(await t.desk.invoke('sync.connect', { hubUrl: world.url, username: 'agenta', password: HUB_PASSWORD }))
      .toMatchObject({ ok: false, error: { code: 'HUB_UNREACHABLE', rule: 'sync.unreachable', field: 'hubUrl' } });
    expect(t.desk.mode).toBe('local');
  });

  it('an unrelated web server at the address is "not a hub"; a malformed address names the expected form; a bare host:port means http', async () => {
    const t = await hubDesk(world, makeNet());
    desks.push(t);
    // e.g. a router's admin page or an intranet site on that port: 404 pages, 502s
    for (const status of [404, 502, 200]) {
      const other = http.createServer((_req, res) => {
        res.writeHead(status, { 'content-type': 'text/html' });
        res.end('<html><body>Welcome to nginx!</body></html>');
      });
      await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
      const port = (other.address() as AddressInfo).port;
      try {
        expect(await t.desk.invoke('sync.connect', { hubUrl: `http://127.0.0.1:${port}`, username: 'agenta', password: HUB_PASSWORD }))
          .toMatchObject({ ok: false, error: { code: 'VALIDATION', rule: 'sync.notAHub', field: 'hubUrl' } });
      } finally {
        await new Promise((resolve) => other.close(resolve));
      }
    }
    for (const hubUrl of ['http//192.168.1.20', 'ftp://192.168.1.20:7420', 'http://']) {
      expect(await t.desk.invoke('sync.connect', { hubUrl, username: 'agenta', password: HUB_PASSWORD }))
        .toMatchObject({ ok: false, error: { code: 'VALIDATION', rule: 'sync.badUrl', field: 'hubUrl' } });
    }
    await unwrap(t.desk.invoke('sync.connect', { hubUrl: world.url.replace('http://', ''), username: 'agenta', password: HUB_PASSWORD }));
    expect(t.desk.mode).toBe('hub');
  });

  it('auth.login in hub mode: online via the hub, offline via the local verifier; another hub user gets their own database', async () => {
    const net = makeNet();
    const t = await hubDesk(world, net);
    desks.push(t);
    await world.addCases(1, world.ids.agentA);
    await connectDesk(t, world, 'agenta');
    const dirA = t.desk.dbDir;
    await t.call('auth.logout', {});

    net.down = true;
    expect(await t.desk.invoke('auth.login', { username: 'agenta', password: 'nope-nope' })).toMatchObject({ ok: false, error: { code: 'BAD_CREDENTIALS' } });
    const off = await t.call('auth.login', { username: 'agenta', password: HUB_PASSWORD });
    expect(off.agent.username).toBe('agenta');
    expect((await t.call('queue.list', {})).total).toBe(1);

    net.down = false;
    await t.call('auth.logout', {});
    await t.call('auth.login', { username: 'agentb', password: HUB_PASSWORD });
    expect(t.desk.dbDir).not.toBe(dirA);
    expect(path.basename(t.desk.dbDir)).toMatch(new RegExp(`-${world.ids.agentB}$`));
    expect((await t.call('queue.list', {})).total).toBe(0);
    // and back: A's database again, with A's case
    await t.call('auth.login', { username: 'agenta', password: HUB_PASSWORD });
    expect(t.desk.dbDir).toBe(dirA);
    expect((await t.call('queue.list', {})).total).toBe(1);
  });
});
