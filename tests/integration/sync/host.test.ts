import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createAgent } from '../../../electron/core/auth/auth';
import { hostHubWith } from '../../../electron/core/sync/host-hub';
import { lanUrls } from '../../../electron/core/sync/lan';
import type { RunningHub } from '../../../hub/server';
import { addDays } from '../../../shared/domain/dates';
import { addCase, attemptInput, openTestDesk, requiredSteps, tempDir, type TestDesk } from '../../fixtures/desk';
import { connectDesk, hubDesk, makeHubWorld, makeNet } from '../../fixtures/hub-world';

const desks: TestDesk[] = [];
afterEach(async () => {
  while (desks.length) await desks.pop()?.desk.closeAsync();
});

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });

/** Exactly what the hosts inject: the hub's public entry, ensureLead included. */
const hostHub = hostHubWith(() => import('../../../hub/server'));
/** The same, keeping the running hub, so a test can read the hub's own tables. */
let hosted: RunningHub | null = null;
const hostHubSeen = hostHubWith(async () => {
  const hub = await import('../../../hub/server');
  return { ensureLead: hub.ensureLead, startHub: async (o) => (hosted = await hub.startHub(o)) };
});

describe('a lead desk hosting the team hub', () => {
  it('starts the hub in-process in <dataDir>/team-hub, connects the lead to it at 127.0.0.1, lists LAN urls, stops', async () => {
    const t = await openTestDesk({ login: false, hostHub, clock: undefined, syncTiming: { intervalMs: 0, debounceMs: 0 } });
    desks.push(t);
    t.desk.ctx.db.transaction(() => createAgent(t.desk.ctx, { username: 'boss', password: 'boss-pass-1', displayName: '组长', agentNo: 'L9', role: 'lead' }))();
    await t.call('auth.login', { username: 'tester', password: 'secret1' });
    expect(await t.desk.invoke('hub.host', { enabled: true })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', rule: 'hub.leadOnly' } });
    await t.call('auth.login', { username: 'boss', password: 'boss-pass-1' });

    const port = await freePort();
    const st = await t.call('hub.host', { enabled: true, port, password: 'boss-pass-1' });
    expect(st.hosting).toEqual({ port, urls: lanUrls(port) });
    expect(st).toMatchObject({ mode: 'hub', hubUrl: `http://127.0.0.1:${port}`, hubUser: { username: 'boss', role: 'lead' }, online: true, lastError: null });
    expect(fs.existsSync(path.join(t.dir, 'team-hub'))).toBe(true);
    const health = await fetch(`http://127.0.0.1:${port}/v1/health`);
    expect(health.status).toBe(200);

    // the lead's view works against the hosted hub
    expect((await t.call('lead.agents', {})).agents.map((a) => a.agentNo)).toContain('L9');

    const off = await t.call('hub.host', { enabled: false });
    expect(off.hosting).toBeNull();
    await expect(fetch(`http://127.0.0.1:${port}/v1/health`)).rejects.toThrow();
  });

  it('without the capability hub.host answers a clear error; LAN urls are IPv4, non-internal', async () => {
    const t = await openTestDesk({ login: false, dataDir: tempDir() });
    desks.push(t);
    t.desk.ctx.db.transaction(() => createAgent(t.desk.ctx, { username: 'boss', password: 'boss-pass-1', displayName: '组长', agentNo: 'L9', role: 'lead' }))();
    await t.call('auth.login', { username: 'boss', password: 'boss-pass-1' });
    expect(await t.desk.invoke('hub.host', { enabled: true })).toMatchObject({ ok: false, error: { code: 'VALIDATION', rule: 'hub.hostUnavailable' } });
    expect(lanUrls(7420, {
      lo: [{ address: '127.0.0.1', netmask: '255.0.0.0', family: 'IPv4', mac: '00:00:00:00:00:00', internal: true, cidr: '127.0.0.1/8' }],
      eth0: [
        { address: '192.168.1.20', netmask: '255.255.255.0', family: 'IPv4', mac: '02:00:00:00:00:01', internal: false, cidr: '192.168.1.20/24' },
        { address: 'fe80::1', netmask: 'ffff::', family: 'IPv6', mac: '02:00:00:00:00:01', internal: false, cidr: 'fe80::1/64', scopeid: 2 },
      ],
    })).toEqual(['http://192.168.1.20:7420']);
  });

  it('comes back by itself after a restart on the same port, the lead reconnecting without a password; off goes back to local (#19)', async () => {
    const dir = tempDir();
    const open = () => openTestDesk({ login: false, dataDir: dir, hostHub, clock: undefined, syncTiming: { intervalMs: 0, debounceMs: 0 } });
    const t = await open();
    desks.push(t);
    t.desk.ctx.db.transaction(() => createAgent(t.desk.ctx, { username: 'boss', password: 'boss-pass-1', displayName: '组长', agentNo: 'L9', role: 'lead' }))();
    await t.call('auth.login', { username: 'boss', password: 'boss-pass-1' });
    const port = await freePort();
    await t.call('hub.host', { enabled: true, port, password: 'boss-pass-1' });
    await desks.pop()?.desk.closeAsync(); // the lead's PC restarts
    await expect(fetch(`http://127.0.0.1:${port}/v1/health`)).rejects.toThrow();

    const again = await open();
    desks.push(again);
    // the hub is back on its port before anyone signs in; the desk still syncs with it
    expect(await again.call('sync.status', {})).toMatchObject({ mode: 'hub', hubUrl: `http://127.0.0.1:${port}`, hosting: { port } });
    expect((await fetch(`http://127.0.0.1:${port}/v1/health`)).status).toBe(200);
    await again.call('auth.login', { username: 'boss', password: 'boss-pass-1' });
    expect(await again.call('sync.now', {})).toMatchObject({ online: true, lastError: null }); // its kept token works: no password asked

    // off: the hub stops and this desk goes back to local mode (not left pointing at a closed port)
    const off = await again.call('hub.host', { enabled: false });
    expect(off).toMatchObject({ mode: 'local', hubUrl: null, hosting: null });
    // the same lead stays signed in on the desk's own database
    expect(await again.call('auth.session', {})).toMatchObject({ agent: { username: 'boss', role: 'lead' } });
    expect((await again.call('lead.agents', {})).agents.map((a) => a.agentNo)).toContain('L9');
    await desks.pop()?.desk.closeAsync();
    const third = await open();
    desks.push(third);
    expect(await third.call('sync.status', {})).toMatchObject({ mode: 'local', hosting: null }); // stays off
  });

  it('is refused to a lead connected to another team hub: it would start a new, empty team (#19)', async () => {
    const world = await makeHubWorld();
    try {
      const lead = await hubDesk(world, makeNet(), { hostHub });
      desks.push(lead);
      await connectDesk(lead, world, 'lead1');
      const r = await lead.desk.invoke('hub.host', { enabled: true, port: await freePort(), password: 'secret-123' });
      expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION', rule: 'hub.connectedElsewhere', params: { url: world.url } } });
      expect(await lead.call('sync.status', {})).toMatchObject({ mode: 'hub', hubUrl: world.url, hosting: null }); // still on the company hub
    } finally {
      while (desks.length) await desks.pop()?.desk.closeAsync();
      await world.close();
    }
  });
});

describe('a hosting lead moves the local desk’s cases into the hosted hub (#20)', () => {
  it('previews what would move, moves it (unassigned, with its history), leaves the local database as it was, and moves nothing twice', async () => {
    const t = await openTestDesk({ login: false, hostHub: hostHubSeen, clock: undefined, syncTiming: { intervalMs: 0, debounceMs: 0 } });
    desks.push(t);
    t.desk.ctx.db.transaction(() => createAgent(t.desk.ctx, { username: 'boss', password: 'boss-pass-1', displayName: '组长', agentNo: 'L9', role: 'lead' }))();
    await t.call('auth.login', { username: 'tester', password: 'secret1' });
    // The local desk's own work: two cases, a call with a promise on one of them.
    const a = addCase(t, { agentId: t.agentId, phones: [{ number: '13912345678' }] });
    const b = addCase(t, { agentId: t.agentId, phones: [{ number: '13812345678' }] });
    const saved = await t.call('attempt.save', attemptInput(a.caseId, { phoneId: String(a.phoneIds[0]) }));
    // On the other, a promise the debtor kept with a payment (recorded work: money paid).
    const ptp = await t.call('attempt.save', attemptInput(b.caseId, {
      phoneId: String(b.phoneIds[0]), party: 'self', outcomeCode: 'PTP', note: '承诺还款', durationSec: 60,
      ptp: { amountFen: 20_000, dueDate: addDays(t.today(), 3) }, stepsDone: await requiredSteps(t, b.caseId),
    }));
    const paid = await t.call('payment.record', { caseId: String(b.caseId), amountFen: 20_000, paidDate: t.today(), channel: 'bank_transfer', txnNo: 'TXN20260301001' });
    expect(t.count('promises', `id = '${ptp.promiseId}' AND state = 'kept'`)).toBe(1);
    const balanceB = t.desk.ctx.db.prepare('SELECT balance_fen AS b FROM cases WHERE id = ?').pluck().get(b.caseId);
    const localBefore = {
      cases: t.count('cases', '1 = 1'), attempts: t.count('attempts', '1 = 1'), outbox: t.count('outbox', '1 = 1'), payments: t.count('payments', '1 = 1'),
    };
    await t.call('auth.login', { username: 'boss', password: 'boss-pass-1' });
    // Not hosting yet: refused, naming why.
    expect(await t.desk.invoke('team.localCasesPreview', {})).toMatchObject({ ok: false, error: { rule: 'team.notHosting' } });

    const port = await freePort();
    await t.call('hub.host', { enabled: true, port, password: 'boss-pass-1' });
    const preview = await t.call('team.localCasesPreview', {});
    expect(preview).toMatchObject({ localCases: localBefore.cases, toMove: localBefore.cases, alreadyOnHub: 0, attempts: localBefore.attempts, promises: 1, payments: 1 });
    const moved = await t.call('team.moveLocalCases', {});
    expect(moved).toEqual({ moved: localBefore.cases, alreadyOnHub: 0 });

    // On the hub, unassigned; the lead's desk has them by pull, with the call as history.
    const hubCases = (await t.call('lead.cases', { agentId: 'unassigned' })).items;
    expect(hubCases.length).toBe(localBefore.cases);
    expect(t.count('attempts', `id = '${saved.attemptId}'`)).toBe(1);
    // The payment went along: on the hub as it was (the balance not lowered twice), and on the lead's desk by pull.
    const hub = hosted;
    if (!hub) throw new Error('no hosted hub');
    const onHub = await hub.store.read((q) => q.get<{ case_id: number; amount_fen: number; channel: string; txn_no: string; verification: string; balance: number }>(
      'SELECT p.case_id, p.amount_fen, p.channel, p.txn_no, p.verification, c.balance_fen AS balance FROM payments p JOIN cases c ON c.id = p.case_id WHERE p.id = ?', [paid.paymentId]));
    expect(onHub && { ...onHub, amount_fen: Number(onHub.amount_fen), balance: Number(onHub.balance) }).toMatchObject({ amount_fen: 20_000, channel: 'bank_transfer', txn_no: 'TXN20260301001', verification: 'verified', balance: balanceB });
    expect(t.count('payments', `id = '${paid.paymentId}' AND amount_fen = 20000`)).toBe(1);
    // The hub re-evaluates the case's promises from its own payments on the next payment (the lead records one):
    // the moved promise stays kept, its paid sum counting the moved payment too.
    const hubCaseId = String(onHub?.case_id);
    await t.call('payment.record', { caseId: hubCaseId, amountFen: 1_000, paidDate: t.today() });
    await t.call('sync.now', {});
    const promiseOnHub = await hub.store.read((q) => q.get<{ state: string; paid_fen: number }>('SELECT state, paid_fen FROM promises WHERE id = ?', [ptp.promiseId]));
    expect(promiseOnHub && { state: promiseOnHub.state, paidFen: Number(promiseOnHub.paid_fen) }).toEqual({ state: 'kept', paidFen: 21_000 });
    expect(t.count('promises', `id = '${ptp.promiseId}' AND state = 'kept' AND paid_fen = 21000`)).toBe(1);
    const hubPayments = await hub.store.read(async (q) => Number((await q.get<{ n: number }>('SELECT count(*) AS n FROM payments'))?.n));
    // Again: nothing new to move.
    expect(await t.call('team.localCasesPreview', {})).toMatchObject({ toMove: 0, alreadyOnHub: localBefore.cases });
    expect(await t.call('team.moveLocalCases', {})).toEqual({ moved: 0, alreadyOnHub: localBefore.cases });
    expect(await hub.store.read(async (q) => Number((await q.get<{ n: number }>('SELECT count(*) AS n FROM payments'))?.n))).toBe(hubPayments);

    // The local database is untouched: its cases, records and unsynced outbox are all still there.
    await t.call('hub.host', { enabled: false });
    expect(t.count('cases', '1 = 1')).toBe(localBefore.cases);
    expect(t.count('attempts', '1 = 1')).toBe(localBefore.attempts);
    expect(t.count('outbox', '1 = 1')).toBe(localBefore.outbox);
    expect(t.count('payments', '1 = 1')).toBe(localBefore.payments);
  });
});
