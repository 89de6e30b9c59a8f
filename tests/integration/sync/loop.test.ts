import { beforeEach, describe, expect, it, vi } from 'vitest';
import { writeOutbox } from '../../../electron/core/sync/outbox';
import { MAX_PUSH_MUTATIONS } from '../../../shared/sync';
import { pushedCount } from '../../../shared/sync-packed';
import { attemptInput, unwrap, type TestDesk } from '../../fixtures/desk';
import { connectDesk, hubDesk, HUB_PASSWORD, useHubWorld, makeNet, type HubWorld, type Net } from '../../fixtures/hub-world';

const hw = useHubWorld();
const desks = hw.desks;
let world: HubWorld;
beforeEach(() => {
  world = hw.world();
});

const hubAttempts = async (caseId: string): Promise<number> =>
  Number((await world.hub.store.read((q) => q.get<{ n: number }>('SELECT count(*) AS n FROM attempts WHERE case_id = ?', [Number(caseId)])))?.n ?? 0);
const hubLast = async (deviceId: string): Promise<number> =>
  Number((await world.hub.store.read((q) => q.get<{ last_mutation_id: number }>('SELECT last_mutation_id FROM devices WHERE device_id = ?', [deviceId])))?.last_mutation_id ?? 0);
const deviceOf = (t: TestDesk): string => (t.desk.ctx.db.prepare('SELECT device_id FROM sync_state').get() as { device_id: string }).device_id;

async function agentDesk(net = makeNet()) {
  const [c] = await world.addCases(1, world.ids.agentA);
  const t = await hubDesk(world, net);
  desks.push(t);
  await connectDesk(t, world, 'agenta');
  return { t, net, caseId: c?.caseId ?? '' };
}

describe('the sync loop', () => {
  it("the export's file name carries the desk's date, not UTC's (01:00 in Shanghai is still yesterday in UTC)", async () => {
    const { t, net, caseId } = await agentDesk();
    net.down = true;
    await t.call('attempt.save', attemptInput(caseId));
    world.clock.set('2026-03-10T17:00:00.000Z'); // 2026-03-11 01:00 Asia/Shanghai
    expect((await t.call('sync.exportUnsynced', {})).fileName).toMatch(/-2026-03-11\.json$/);
  });

  it('an attempt saved offline waits in the outbox; when the network returns it is pushed once and the outbox empties', async () => {
    const { t, net, caseId } = await agentDesk();
    net.down = true;
    const saved = await t.call('attempt.save', attemptInput(caseId));
    expect(t.count('outbox')).toBe(1);
    const st = await t.call('sync.now', {});
    expect(st).toMatchObject({ online: false, pending: 1, lastError: 'offline' });
    expect((await t.call('sync.unsynced', {})).items).toEqual([
      expect.objectContaining({ name: 'attempt.save', caseId, debtorName: expect.any(String), detail: expect.objectContaining({ kind: 'attempt', outcomeCode: 'NO_ANSWER' }) }),
    ]);
    const exp = await t.call('sync.exportUnsynced', {});
    expect(exp.fileName).toMatch(new RegExp(`^collectdesk-unsynced-${deviceOf(t)}-2026-03-10\\.json$`));
    const doc = JSON.parse(exp.json) as { deviceId: string; mutations: { name: string; args: { attemptId: string } }[] };
    expect(doc.deviceId).toBe(deviceOf(t));
    expect(doc.mutations[0]?.args.attemptId).toBe(saved.attemptId);
    expect(t.count('outbox')).toBe(1); // exporting removes nothing

    net.down = false;
    net.calls.length = 0;
    const back = await t.call('sync.now', {});
    expect(back).toMatchObject({ online: true, pending: 0, lastError: null });
    expect(net.calls.filter((c) => c === '/v1/sync/push')).toHaveLength(1);
    expect(await hubAttempts(caseId)).toBe(1);
    expect(await hubLast(deviceOf(t))).toBe(1);
    // the attempt came back from the hub as the same row
    expect(t.count('attempts', `id = '${saved.attemptId}'`)).toBe(1);
    expect((await t.call('case.get', { caseId })).timeline.filter((e) => e.kind === 'attempt')).toHaveLength(1);
  });

  it('the outbox row goes only when lastMutationId covers it: a lost push answer is retried and the hub skips the repeat', async () => {
    const { t, net, caseId } = await agentDesk();
    await t.call('attempt.save', attemptInput(caseId));
    // the hub commits the push, but the answer is lost on the way back
    net.loseAnswer.add('/v1/sync/push');
    expect(await t.call('sync.now', {})).toMatchObject({ online: false, pending: 1, lastError: 'offline' });
    expect(await hubAttempts(caseId)).toBe(1); // the hub has it ...
    expect(t.count('outbox')).toBe(1); // ... but the desk was not told: the row stays
    net.calls.length = 0;
    expect(await t.call('sync.now', {})).toMatchObject({ online: true, pending: 0, lastError: null });
    expect(net.calls.filter((c) => c === '/v1/sync/push')).toHaveLength(1); // sent again ...
    expect(await hubAttempts(caseId)).toBe(1); // ... and skipped as a repeat
    expect(await hubLast(deviceOf(t))).toBe(1);
  });

  it('409 MUTATION_GAP: resumes from params.expected, never drops unacknowledged rows', async () => {
    const { t, net, caseId } = await agentDesk();
    net.down = true;
    for (let i = 0; i < 3; i++) await t.call('attempt.save', attemptInput(caseId));
    net.down = false;
    // a (simulated) hub that has processed nothing says: send from 1 — the desk re-reads the outbox and resumes there
    net.fake.set('/v1/sync/push', [{ status: 409, body: { error: { code: 'MUTATION_GAP', message: 'gap', params: { expected: 1 } } } }]);
    const st = await t.call('sync.now', {});
    expect(st).toMatchObject({ pending: 0, lastError: null });
    expect(await hubAttempts(caseId)).toBe(3);

    // a real gap: this desk's outbox starts at a mutation the hub has never seen (ids 5.. while the hub expects 4)
    net.down = true;
    t.desk.ctx.db.prepare('UPDATE sync_state SET last_mutation_id = last_mutation_id + 1').run();
    await t.call('attempt.save', attemptInput(caseId));
    net.down = false;
    const gap = await t.call('sync.now', {});
    expect(gap).toMatchObject({ online: true, pending: 1, lastError: 'mutationGap' });
    expect(t.count('outbox')).toBe(1); // kept for a person to look at (and exportable)
    expect(await hubAttempts(caseId)).toBe(3);
  });

  it('401: needs a new login, the outbox is kept; after auth.login it pushes', async () => {
    const { t, net, caseId } = await agentDesk();
    await world.hub.store.write((q) => q.run('UPDATE tokens SET revoked_at = ?', [world.clock().toISOString()]));
    await t.call('attempt.save', attemptInput(caseId));
    const st = await t.call('sync.now', {});
    expect(st).toMatchObject({ online: true, pending: 1, lastError: 'unauthenticated' });
    expect(t.desk.sync?.state.needsLogin).toBe(true);
    net.calls.length = 0;
    await t.call('sync.now', {}); // does not hammer the hub
    expect(net.calls).toEqual([]);
    await t.call('auth.login', { username: 'agenta', password: HUB_PASSWORD });
    await t.desk.idle();
    expect(await t.call('sync.now', {})).toMatchObject({ pending: 0, lastError: null });
    expect(await hubAttempts(caseId)).toBe(1);
  });

  it('426: update required, pushing stops', async () => {
    const { t, net, caseId } = await agentDesk();
    await t.call('attempt.save', attemptInput(caseId));
    net.fake.set('/v1/sync/push', [{ status: 426, body: { error: { code: 'UPDATE_REQUIRED', message: 'update' } } }]);
    expect(await t.call('sync.now', {})).toMatchObject({ lastError: 'updateRequired', pending: 1 });
    net.calls.length = 0;
    await t.call('sync.now', {});
    expect(net.calls).toEqual([]);
  });

  it('5xx and network failures back off exponentially with jitter, capped, and the retry brings the work home', async () => {
    const net = makeNet();
    const [c] = await world.addCases(1, world.ids.agentA);
    const t = await hubDesk(world, net, { syncTiming: { intervalMs: 0, debounceMs: 20, backoffBaseMs: 40, backoffMaxMs: 200 } });
    desks.push(t);
    await connectDesk(t, world, 'agenta');
    const engine = t.desk.sync;
    if (!engine) throw new Error('no engine');
    // the schedule: 1x, 2x, 4x ... capped, each 50-100 %
    for (const [n, lo, hi] of [[1, 20, 40], [2, 40, 80], [3, 80, 160], [4, 100, 200], [9, 100, 200]] as const) {
      const d = engine.backoffDelay(n);
      expect(d).toBeGreaterThanOrEqual(lo);
      expect(d).toBeLessThanOrEqual(hi);
    }
    // The engine's debounce and retry timers run on fake time; the hub and the network stay real.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    /** Let `ms` of engine time pass, then wait for the sync it started (if any) to finish. */
    const elapse = async (ms: number): Promise<void> => {
      await vi.advanceTimersByTimeAsync(ms);
      await engine.idle();
    };
    try {
      net.fake.set('/v1/sync/push', [{ status: 500, body: { error: { code: 'INTERNAL', message: 'boom' } } }]);
      await t.call('attempt.save', attemptInput(c?.caseId ?? ''));
      // the debounced trigger pushes, meets the 500, retries on its own and succeeds
      await elapse(20);
      expect((await t.call('sync.status', {})).lastError).toBe('hubError');
      expect(engine.retryScheduled).toBe(true);
      await elapse(200); // past any backoff (capped at 200 ms)
      expect(await t.call('sync.status', {})).toMatchObject({ pending: 0, lastError: null, syncing: false });
      expect(await t.call('sync.status', {})).toMatchObject({ online: true, lastError: null });
      expect(await hubAttempts(c?.caseId ?? '')).toBe(1);

      // network cut: offline; back: the backoff retry finds it
      net.down = true;
      await t.call('attempt.save', attemptInput(c?.caseId ?? ''));
      await elapse(20);
      expect((await t.call('sync.status', {})).lastError).toBe('offline');
      expect((await t.call('sync.status', {})).online).toBe(false);
      net.down = false;
      await elapse(200);
      expect((await t.call('sync.status', {})).pending).toBe(0);
      expect(await hubAttempts(c?.caseId ?? '')).toBe(2);
    } finally {
      vi.useRealTimers();
    }
  });

  it('pushes a long outbox in order in bounded batches (MAX_PUSH_MUTATIONS) and pulls a big first scope in pages', async () => {
    const net = makeNet();
    const cases = await world.addCases(2000, world.ids.agentA);
    const t = await hubDesk(world, net);
    desks.push(t);
    await connectDesk(t, world, 'agenta');
    expect((await t.call('queue.list', {})).total).toBe(2000);
    expect(net.calls.filter((c) => c === '/v1/sync/pull').length).toBeGreaterThan(1); // several pages
    const caseId = cases[0]?.caseId ?? '';
    const phones = cases[0]?.phoneIds ?? [];
    net.down = true;
    const n = MAX_PUSH_MUTATIONS + 100;
    for (let i = 0; i < n; i++) await t.call('case.setPreferredPhone', { caseId, phoneId: phones[i % 2] });
    net.down = false;
    net.calls.length = 0;
    expect(await t.call('sync.now', {})).toMatchObject({ pending: 0, lastError: null, rejections: 0 });
    expect(net.calls.filter((c) => c === '/v1/sync/push')).toHaveLength(2);
    expect(await hubLast(deviceOf(t))).toBe(n);
    // the last write (in hub order) wins
    const pref = await world.hub.store.read((q) => q.get<{ preferred_phone_id: number }>('SELECT preferred_phone_id FROM cases WHERE id = ?', [Number(caseId)]));
    expect(Number(pref?.preferred_phone_id)).toBe(Number(phones[(n - 1) % 2]));
    expect((t.desk.ctx.db.prepare('SELECT preferred_phone_id FROM cases WHERE id = ?').get(Number(caseId)) as { preferred_phone_id: number }).preferred_phone_id).toBe(Number(phones[(n - 1) % 2]));
  }, 120_000);

  it('a hub of an older release that takes fewer mutations a request (413 maxMutations): the desk sends batches of that size and loses nothing', async () => {
    const net = makeNet();
    const sizes: number[] = [];
    const hubFetch = net.fetch;
    net.fetch = async (url, init) => {
      if (new URL(url).pathname === '/v1/sync/push' && typeof init.body === 'string') sizes.push(pushedCount(JSON.parse(init.body)));
      return hubFetch(url, init);
    };
    const { t, caseId } = await agentDesk(net);
    net.down = true;
    const n = 1100;
    t.desk.ctx.db.transaction(() => {
      for (let i = 0; i < n; i++) writeOutbox(t.desk.ctx, 'case.setPreferredPhone', { caseId, phoneId: null, at: world.clock().toISOString() });
    })();
    net.down = false;
    net.fake.set('/v1/sync/push', [{ status: 413, body: { error: { code: 'TOO_LARGE', message: 'At most 300 mutations a request.', params: { maxMutations: 300 } } } }]);
    expect(await t.call('sync.now', {})).toMatchObject({ pending: n, lastError: 'tooLarge' });
    expect(sizes[0]).toBe(MAX_PUSH_MUTATIONS); // refused by the fake older hub
    sizes.length = 0;
    expect(await t.call('sync.now', {})).toMatchObject({ pending: 0, lastError: null });
    // Batches of 300 (a batch that overtook its predecessor is sent again)
    expect(Math.max(...sizes)).toBe(300);
    expect(sizes.length).toBeGreaterThanOrEqual(Math.ceil(n / 300));
    expect(await hubLast(deviceOf(t))).toBe(n);
  });

  it('a new database: its first (full) page is asked for right after login, while the desk creates the database, and used once', async () => {
    const base = makeNet();
    const pulls: { cursor: number; limit?: number }[] = [];
    const net: Net = {
      ...base,
      fetch: async (url, init) => {
        if (new URL(url).pathname !== '/v1/sync/pull') return base.fetch(url, init);
        pulls.push(JSON.parse(String(init.body)) as { cursor: number; limit?: number });
        const res = await base.fetch(url, init);
        const text = await res.text();
        // rows in the page (packed runs count their rows)
        answered.push((JSON.parse(text) as { changes: { op: string; rows?: unknown[] }[] }).changes.reduce((n, c) => n + (c.rows?.length ?? 1), 0));
        return { status: res.status, text: async () => text };
      },
    };
    const answered: number[] = [];
    await world.addCases(300, world.ids.agentA);
    const t = await hubDesk(world, net);
    desks.push(t);
    await connectDesk(t, world, 'agenta');
    expect((await t.call('queue.list', {})).total).toBe(300);
    expect(base.calls.slice(0, 2)).toEqual(['/v1/auth/login', '/v1/sync/pull']);
    expect(pulls[0]?.cursor).toBe(0);
    expect(pulls[0]?.limit).toBeUndefined(); // the hub has the database's creation to build a full page
    expect(pulls.filter((p) => p.cursor === 0)).toHaveLength(1); // the early page was applied, not asked for again
    // 300 cases with their history fit one full page, and sync.connect joined the login's run: no second run asking for an empty page
    expect(pulls).toHaveLength(1);
    expect(answered[0]).toBeGreaterThan(1000);

    // Signed in again on the same desk: its database exists, so the run asks for itself (from its stored cursor).
    await unwrap(t.desk.invoke('sync.disconnect', {}));
    pulls.length = 0;
    await connectDesk(t, world, 'agenta');
    expect(pulls.filter((p) => p.cursor === 0)).toHaveLength(0);
    expect((await t.call('queue.list', {})).total).toBe(300);
  }, 60_000);

  it('pipelines the push: the next batch is on its way while the hub applies one; a batch that overtakes its predecessor gets a gap and is sent again; every mutation applied once, in order', async () => {
    const base = makeNet();
    let inFlight = 0;
    let maxInFlight = 0;
    let firstHeld = false;
    let releaseFirst: () => void = () => undefined;
    const secondAnswered = new Promise<void>((resolve) => (releaseFirst = resolve));
    const statuses: number[] = [];
    // The first push waits until the second has been answered: the hub meets batch 2 before batch 1.
    const net: Net = {
      ...base,
      fetch: async (url, init) => {
        if (new URL(url).pathname !== '/v1/sync/push') return base.fetch(url, init);
        const first = !firstHeld;
        firstHeld = true;
        inFlight += 1;
        maxInFlight = Math.max(maxInFlight, inFlight);
        try {
          if (first) await secondAnswered;
          const res = await base.fetch(url, init);
          statuses.push(res.status);
          return res;
        } finally {
          inFlight -= 1;
          if (!first) releaseFirst();
        }
      },
    };
    const cases = await world.addCases(1, world.ids.agentA);
    const t = await hubDesk(world, net);
    desks.push(t);
    await connectDesk(t, world, 'agenta');
    const caseId = cases[0]?.caseId ?? '';
    const phones = cases[0]?.phoneIds ?? [];
    base.down = true;
    for (let i = 0; i < 1100; i++) await t.call('case.setPreferredPhone', { caseId, phoneId: phones[i % 2] });
    base.down = false;
    expect(await t.call('sync.now', {})).toMatchObject({ pending: 0, lastError: null, rejections: 0 });
    expect(maxInFlight).toBe(2);
    expect(statuses).toContain(409); // batch 2 overtook batch 1 ...
    expect(await hubLast(deviceOf(t))).toBe(1100); // ... and still every mutation was applied once, in order
    const pref = await world.hub.store.read((q) => q.get<{ preferred_phone_id: number }>('SELECT preferred_phone_id FROM cases WHERE id = ?', [Number(caseId)]));
    expect(Number(pref?.preferred_phone_id)).toBe(Number(phones[1099 % 2]));
    expect(t.count('outbox')).toBe(0);
  }, 120_000);

  it('pushes packed once a pull page says the hub takes it; to an older hub that refuses the packed form (400) it pushes plain, and nothing is lost', async () => {
    const base = makeNet();
    /** The push bodies sent, by form. */
    const forms: string[] = [];
    let olderHub = false;
    const net: Net = {
      ...base,
      fetch: async (url, init) => {
        const path = new URL(url).pathname;
        if (path === '/v1/sync/push') {
          const body = JSON.parse(String(init.body)) as Record<string, unknown>;
          forms.push('packed' in body ? 'packed' : 'plain');
          // an older hub's schema: `mutations` is required (the packed form has none)
          if (olderHub && !('mutations' in body)) return { status: 400, text: async () => JSON.stringify({ error: { code: 'BAD_REQUEST', message: 'Invalid request: mutations: Required' } }) };
        }
        const res = await base.fetch(url, init);
        if (path !== '/v1/sync/pull' || !olderHub) return res;
        // an older hub's pages do not say packedPush
        const page = JSON.parse(await res.text()) as Record<string, unknown>;
        delete page.packedPush;
        return { status: res.status, text: async () => JSON.stringify(page) };
      },
    };
    const { t, caseId } = await agentDesk(net);
    const saved = await t.call('attempt.save', attemptInput(caseId));
    await t.call('sync.now', {});
    expect(forms).toEqual(['packed']); // connect pulled first: the hub said it takes packed pushes
    expect(await hubAttempts(caseId)).toBe(1);
    expect(t.count('outbox')).toBe(0);

    // The hub is replaced by an older one: its first packed push is refused and sent again plain; the next run pushes plain.
    olderHub = true;
    forms.length = 0;
    await t.call('attempt.save', attemptInput(caseId, { note: '第二次' }));
    expect(await t.call('sync.now', {})).toMatchObject({ online: true, pending: 0, lastError: null });
    await t.call('attempt.save', attemptInput(caseId, { note: '第三次' }));
    await t.call('sync.now', {});
    expect(forms).toEqual(['packed', 'plain', 'plain']);
    expect(await hubAttempts(caseId)).toBe(3);
    expect(await hubLast(deviceOf(t))).toBe(3);
    expect(t.count('outbox')).toBe(0);
    expect(saved.attemptId).toBeTruthy();
  });

  it('rejections pulled from the hub are listed and counted', async () => {
    const { t } = await agentDesk();
    const ctx = t.desk.ctx;
    // an agent's desk sending a lead-only mutation: the hub refuses it for good and says why
    ctx.db.transaction(() => writeOutbox(ctx, 'case.assign', { caseIds: ['1001'], agentId: String(world.ids.agentA), at: world.clock().toISOString() }))();
    const st = await t.call('sync.now', {});
    expect(st).toMatchObject({ pending: 0, rejections: 1 });
    const { items } = await t.call('sync.rejections', {});
    expect(items).toEqual([expect.objectContaining({ name: 'case.assign', reason: 'forbidden', mutationId: 1 })]);
  });

  it('sync.disconnect is refused while work is unsynced, then goes back to the local database', async () => {
    const { t, net, caseId } = await agentDesk();
    net.down = true;
    await t.call('attempt.save', attemptInput(caseId));
    expect(await t.desk.invoke('sync.disconnect', {})).toMatchObject({ ok: false, error: { code: 'VALIDATION', rule: 'sync.pendingWork', params: { pending: 1 } } });
    net.down = false;
    await t.call('sync.now', {});
    const st = await t.call('sync.disconnect', {});
    expect(st).toMatchObject({ mode: 'local', hubUrl: null, pending: 0 });
    expect(t.desk.dbDir).toBe(t.dir);
    expect(await t.desk.invoke('queue.list', {})).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    await t.call('auth.login', { username: 'tester', password: 'secret1' });
    expect((await t.call('queue.list', {})).total).toBe(0);
  });
});
