/**
 * What the push path's batching and the feed's ordering rely on:
 *  - a batch applied in one push leaves exactly the state of one push per mutation (both stores);
 *  - a hub killed mid-request (transaction open, or committed but unanswered) loses nothing and
 *    applies the client's retry exactly once (both stores, the hub in a child process);
 *  - PostgreSQL: a pull racing a slow writer never moves its cursor past that writer's feed
 *    positions, and a push held open before its commit is delivered in full after it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import pg from 'pg';
import { describe, expect, it, vi } from 'vitest';
import { addTeam, addUser } from '../../../hub/admin';
import { appendSql } from '../../../hub/feed';
import { ENTITY_CODE } from '../../../hub/feed-keys';
import { startHub } from '../../../hub/server';
import { toPg } from '../../../hub/store/pg';
import type { Store } from '../../../hub/store/types';
import { generateDemoRows, type DemoRows } from '../../../shared/demo/generate';
import { addDays, localDateOf } from '../../../shared/domain/dates';
import { call, Desk, fold, newSpot, pgAvailable, PASSWORD, PG_URL, type Kind, type StoreSpot } from './harness';

const pgOk = await pgAvailable();
if (!pgOk) console.warn('hub ordering tests: no PostgreSQL reachable at 127.0.0.1:5432 — the PostgreSQL half is SKIPPED');

const attempt = (caseId: string, extra: Record<string, unknown> = {}) => ({
  attemptId: randomUUID(), clientRequestId: `crid-${randomUUID()}`, caseId, phoneId: null, channel: 'phone', party: 'self',
  outcomeCode: 'NO_ANSWER', note: '无人接听', callStartedAt: null, durationSec: 0, claimedPaidDate: null, stepsDone: [], scenario: null,
  at: new Date().toISOString(), promise: null, followUp: null, phoneLock: null, ...extra,
});

/** A team (lead, agent a1 with 4 cases) on a fresh store; returns ids and the demo rows. */
async function seed(store: Store, hubUrl: string): Promise<{ leadId: number; agentId: number; rows: DemoRows; leadToken: string }> {
  const now = new Date();
  await addTeam(store, 'T1', now);
  const leadId = await addUser(store, { username: 'lead', password: PASSWORD, role: 'lead', team: 'T1', displayName: '组长', agentNo: 'L1' }, now);
  const agentId = await addUser(store, { username: 'a1', password: PASSWORD, role: 'agent', team: 'T1', displayName: '坐席', agentNo: 'A1' }, now);
  const rows = generateDemoRows({ cases: 4, firstId: 100, agentId: String(agentId), today: now.toISOString().slice(0, 10), history: 1, seed: 5 });
  const leadToken = (await call({ url: hubUrl }, 'POST', '/v1/auth/login', { username: 'lead', password: PASSWORD })).body.token as string;
  const r = await call({ url: hubUrl }, 'POST', '/v1/admin/cases', rows, leadToken);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return { leadId, agentId, rows, leadToken };
}

const login = async (url: string, username: string) => (await call({ url }, 'POST', '/v1/auth/login', { username, password: PASSWORD })).body.token as string;

/** Everything about a case's history that a push can change, for comparing two hubs. */
async function snapshot(store: Store): Promise<unknown> {
  return store.read(async (q) => ({
    cases: await q.all('SELECT id, status, tags, attempt_count, refusals, last_attempt_at, last_outcome_code, balance_fen, broken_promises, preferred_phone_id, assigned_agent_id FROM cases ORDER BY id'),
    attempts: await q.all('SELECT id, case_id, outcome_code, note, mutation_id FROM attempts ORDER BY id'),
    followUps: await q.all('SELECT id, case_id, state, closed_at FROM follow_ups ORDER BY id'),
    promises: await q.all('SELECT id, case_id, state, paid_fen FROM promises ORDER BY id'),
    phones: await q.all('SELECT id, status FROM phones ORDER BY id'),
    rejections: await q.all('SELECT mutation_id, reason FROM rejections ORDER BY mutation_id'),
  }));
}

describe.each([
  ['sqlite', true],
  ['postgres', pgOk],
] as [Kind, boolean][])('hub on %s', (kind, enabled) => {
  it.skipIf(!enabled)('a mixed batch in one push leaves the same state as one push per mutation', async () => {
    const spots = [newSpot(kind), newSpot(kind)];
    const t = new Date(Date.now() + 60_000); // one hub clock for both, after every client timestamp here
    const hubs = await Promise.all(spots.map((s) => startHub({ ...s.opts, port: 0, log: false, clock: () => t })));
    try {
      const seeded = await Promise.all(hubs.map((h) => seed(h.store, h.url)));
      const rows = seeded[0]!.rows;
      const [c1, c2] = [rows.cases[0]!.id, rows.cases[1]!.id];
      const phone = rows.phones.find((p) => p.debtorId === rows.cases[1]!.debtorId && p.contactId !== null)!;
      const fu1 = randomUUID();
      const tomorrow = new Date(Date.now() + 86_400_000).toISOString(); // a follow-up lies in the future of its attempt
      const dupAttempt = attempt(c1, { outcomeCode: 'NO_ANSWER', followUp: { id: fu1, dueAt: tomorrow, reason: '晚上再打' } });
      const promiseId = randomUUID();
      // Dates the hub's rules accept today (its clock is the real one here); a PTP from the spouse needs no script steps.
      const today = localDateOf(new Date());
      const list: { name: string; args: unknown }[] = [
        { name: 'attempt.save', args: dupAttempt }, // opens a follow-up on c1
        { name: 'attempt.save', args: attempt(c1, { outcomeCode: 'NO_ANSWER' }) }, // closes it
        { name: 'attempt.save', args: dupAttempt }, // the same attempt again: no effect
        { name: 'attempt.save', args: attempt(c2, { outcomeCode: 'PTP', party: 'spouse', promise: { id: promiseId, amountFen: 5_000, dueDate: addDays(today, 10), createdDate: today } }) },
        { name: 'payment.record', args: { paymentId: randomUUID(), caseId: c2, amountFen: 5_000, paidDate: today, source: 'agent', at: new Date().toISOString() } },
        { name: 'attempt.save', args: attempt(c2, { outcomeCode: 'STOP_CONTACT', party: 'third_party', phoneId: phone.id }) },
        { name: 'case.setPreferredPhone', args: { caseId: c1, phoneId: null, at: new Date().toISOString() } },
        { name: 'attempt.save', args: attempt(c1, { outcomeCode: 'NO_SUCH_CODE', followUp: { id: fu1, dueAt: tomorrow, reason: null } }) }, // id reused: rejected
        { name: 'attempt.save', args: attempt('999999') }, // caseNotFound
        { name: 'attempt.save', args: attempt(c1, { outcomeCode: 'REFUSES', party: 'spouse' }) },
      ];
      const clientTime = new Date().toISOString();
      const desks = await Promise.all(hubs.map(async (h) => new Desk({ hub: h }, await login(h.url, 'a1'))));
      // hub 0: one push; hub 1: one push per mutation.
      const one = await desks[0]!.push(list.map((m) => desks[0]!.m(m.name, m.args, clientTime)));
      expect(one.status, JSON.stringify(one.body)).toBe(200);
      const rejected: unknown[] = [];
      for (const m of list) {
        const r = await desks[1]!.push([desks[1]!.m(m.name, m.args, clientTime)]);
        expect(r.status, JSON.stringify(r.body)).toBe(200);
        rejected.push(...r.body.rejected);
      }
      expect(one.body.lastMutationId).toBe(list.length);
      expect(one.body.rejected).toEqual(rejected);
      expect(one.body.rejected.map((x: { reason: string }) => x.reason)).toEqual(['invalidArgs', 'caseNotFound']);
      const [s0, s1] = await Promise.all(hubs.map((h) => snapshot(h.store)));
      expect(s0).toEqual(s1);
      // And the desks see the same rows.
      const f0 = fold((await desks[0]!.pullAll()).changes);
      const f1 = fold((await desks[1]!.pullAll()).changes);
      const byId = (m: Map<string, Record<string, unknown>> | undefined) => [...(m?.entries() ?? [])].sort(([a], [b]) => a.localeCompare(b));
      for (const e of ['case', 'attempt', 'followUp', 'promise', 'phone']) expect(byId(f0.get(e))).toEqual(byId(f1.get(e)));
      expect(f0.get('followUp')?.get(fu1)).toMatchObject({ state: 'done' });
    } finally {
      for (const h of hubs) await h.close();
      for (const s of spots) await s.drop();
    }
  });

  for (const hold of ['before-commit', 'after-commit'] as const) {
    it.skipIf(!enabled)(`hub killed mid-request (${hold}): the client's retry is applied exactly once`, async () => {
      const spot: StoreSpot = newSpot(kind);
      let child: ChildProcess | null = null;
      try {
        const hub0 = await startHub({ ...spot.opts, port: 0, log: false });
        const { rows } = await seed(hub0.store, hub0.url);
        await hub0.close();

        // The hub in its own process, killed with SIGKILL while it holds the push.
        child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'hub-child.ts')], {
          env: { ...process.env, HUB_CHILD_OPTS: JSON.stringify(spot.opts), HUB_CHILD_HOLD: hold },
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        let out = '';
        let err = '';
        child.stderr?.on('data', (b: Buffer) => (err += b.toString()));
        const seen = (word: string) => new Promise<void>((resolve, reject) => {
          const check = () => (out.includes(word) ? resolve() : undefined);
          child?.stdout?.on('data', (b: Buffer) => {
            out += b.toString();
            check();
          });
          child?.once('exit', (code) => reject(new Error(`hub child exited (${code}) before ${word}: ${err}`)));
          check();
        });
        await seen('LISTEN');
        const url = /LISTEN (\S+)/.exec(out)![1]!;
        const token = await login(url, 'a1');
        const desk = new Desk({ hub: { url } }, token);
        const batch = [0, 1, 2].map((i) => desk.m('attempt.save', attempt(rows.cases[i % 2]!.id, { note: `第${i}次` })));
        const lost = desk.push(batch).then(() => 'answered', () => 'cut');
        await seen('HELD');
        child.kill('SIGKILL');
        expect(await lost).toBe('cut'); // the desk never got an answer

        const hub1 = await startHub({ ...spot.opts, port: 0, log: false });
        try {
          const retry = new Desk({ hub: hub1 }, token);
          Object.assign(retry, { deviceId: desk.deviceId });
          const counts = () => hub1.store.read(async (q) => ({
            attempts: Number((await q.get<{ n: number }>('SELECT count(*) AS n FROM attempts WHERE device_id = ?', [desk.deviceId]))?.n),
            perCase: Number((await q.get<{ n: number }>('SELECT sum(attempt_count) AS n FROM cases'))?.n),
          }));
          const before = await counts();
          // after-commit: the effects are there already; before-commit: nothing of it survived.
          expect(before.attempts).toBe(hold === 'after-commit' ? 3 : 0);
          const r = await retry.push(batch);
          expect(r.status, JSON.stringify(r.body)).toBe(200);
          expect(r.body).toEqual({ lastMutationId: 3, rejected: [] });
          const again = await retry.push(batch);
          expect(again.body).toEqual({ lastMutationId: 3, rejected: [] });
          const after = await counts();
          expect(after.attempts).toBe(3);
          expect(after.perCase - before.perCase).toBe(hold === 'after-commit' ? 0 : 3);
          const pulled = await retry.pullAll();
          expect(pulled.lastMutationId).toBe(3);
          expect([...(fold(pulled.changes).get('attempt')?.keys() ?? [])].filter((id) => batch.some((m) => (m.args as { attemptId: string }).attemptId === id))).toHaveLength(3);
        } finally {
          await hub1.close();
        }
      } finally {
        if (child && child.exitCode === null) child.kill('SIGKILL');
        await spot.drop();
      }
    }, 60_000);
  }
});

describe.skipIf(!pgOk)('feed order on PostgreSQL', () => {
  it("a pull racing a writer that holds a receiver's feed positions never passes them; nothing is skipped", async () => {
    const spot = newSpot('postgres');
    const hub = await startHub({ ...spot.opts, port: 0, log: false });
    const raw = new pg.Client({ connectionString: PG_URL });
    await raw.connect();
    try {
      const { leadId, rows, leadToken } = await seed(hub.store, hub.url);
      const lead = new Desk({ hub }, leadToken);
      await lead.pullAll();
      const cursor0 = lead.cursor;
      const agent = new Desk({ hub }, await login(hub.url, 'a1'));

      // A slow writer: it reserved the lead's next position (the statement every write runs last) and has not committed.
      await raw.query(`SET search_path TO ${spot.opts.pgSchema!}`);
      await raw.query('BEGIN');
      await raw.query(`UPDATE cases SET updated_at = 'slow' WHERE id = ${Number(rows.cases[3]!.id)}`);
      const [sql, params] = appendSql(leadId, [{ entity: 'case', id: rows.cases[3]!.id, op: 'put' }]);
      await raw.query(toPg(sql), params);
      const held = Number((await raw.query<{ s: string }>('SELECT seq AS s FROM feed WHERE user_id = $1 AND entity = $2 AND hub_id = $3', [leadId, ENTITY_CODE.case, rows.cases[3]!.id])).rows[0]!.s);
      expect(held).toBe(cursor0 + 1);

      // Meanwhile the agent pushes (their changes fan out to the lead too) and the lead keeps pulling.
      let pushed = false;
      const push = agent.push([agent.m('attempt.save', attempt(rows.cases[0]!.id)), agent.m('attempt.save', attempt(rows.cases[1]!.id))]).then((r) => {
        pushed = true;
        return r;
      });
      // The push is in flight once PostgreSQL shows it waiting on the slow writer's lock.
      await vi.waitFor(async () => {
        const blocked = await raw.query<{ n: string }>('SELECT count(*) AS n FROM pg_stat_activity WHERE pg_backend_pid() = ANY(pg_blocking_pids(pid))');
        expect(Number(blocked.rows[0]!.n)).toBeGreaterThan(0);
      }, { timeout: 10_000, interval: 5 });
      for (let i = 0; i < 5; i++) {
        const r = await call(hub, 'POST', '/v1/sync/pull', { deviceId: lead.deviceId, schemaVersion: 1, cursor: lead.cursor }, leadToken);
        expect(r.status).toBe(200);
        expect(r.body.cursor).toBeLessThan(held); // never past a position still in flight
        lead.cursor = r.body.cursor;
      }
      expect(pushed).toBe(false); // the agent's push waits for the lead's counter, it does not jump ahead
      await raw.query('COMMIT');
      expect((await push).status).toBe(200);

      const after = await lead.pullAll();
      const cases = after.changes.filter((c) => c.entity === 'case' && c.op === 'put').map((c) => (c.op === 'put' ? c.row.id : ''));
      expect(cases).toContain(rows.cases[3]!.id); // the slow writer's change arrived
      expect(after.changes.filter((c) => c.entity === 'attempt')).toHaveLength(2);
      const all = await hub.store.read((q) => q.all<{ seq: number }>('SELECT seq FROM feed WHERE user_id = ? AND seq > ? ORDER BY seq', [leadId, cursor0]));
      expect(all.map((r) => Number(r.seq))).toEqual(all.map((_, i) => cursor0 + 1 + i)); // no holes
      expect(lead.cursor).toBe(cursor0 + all.length);
    } finally {
      await raw.query('ROLLBACK').catch(() => undefined);
      await raw.end();
      await hub.close();
      await spot.drop();
    }
  });

  it('a push held open before its commit is delivered in full once it commits, while other pushes go on', async () => {
    const spot = newSpot('postgres');
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => (release = r));
    let holding: () => void = () => undefined;
    const isHolding = new Promise<void>((r) => (holding = r));
    const { openPgStore } = await import('../../../hub/store/pg');
    const inner = openPgStore({ url: PG_URL, schema: spot.opts.pgSchema! });
    let armed = false;
    const store: Store = {
      ...inner,
      write: (fn) => inner.write(async (q) => {
        const r = await fn(q);
        if (armed && typeof r === 'object' && r !== null && 'gapExpected' in r) {
          armed = false;
          holding();
          await gate; // the transaction stays open, its effects written, its COMMIT (and feed tail) not yet sent
        }
        return r;
      }),
    };
    const hub = await startHub({ store, port: 0, log: false });
    try {
      const now = new Date();
      const { rows, leadToken } = await seed(hub.store, hub.url);
      await addUser(hub.store, { username: 'a2', password: PASSWORD, role: 'agent', team: 'T1', displayName: '二号', agentNo: 'A2' }, now);
      const rows2 = generateDemoRows({ cases: 2, firstId: 500, agentId: String((await hub.store.read((q) => q.get<{ id: number }>("SELECT id FROM users WHERE username = 'a2'")))!.id), today: now.toISOString().slice(0, 10), history: 0, seed: 9 });
      expect((await call(hub, 'POST', '/v1/admin/cases', rows2, leadToken)).status).toBe(200);
      const lead = new Desk({ hub }, leadToken);
      await lead.pullAll();
      const slow = new Desk({ hub }, await login(hub.url, 'a1'));
      const fast = new Desk({ hub }, await login(hub.url, 'a2'));

      armed = true;
      const slowBatch = [slow.m('attempt.save', attempt(rows.cases[0]!.id)), slow.m('attempt.save', attempt(rows.cases[1]!.id))];
      const slowPush = slow.push(slowBatch);
      await isHolding;
      const seen: string[] = [];
      for (let i = 0; i < 3; i++) {
        const r = await fast.push([fast.m('attempt.save', attempt(rows2.cases[i % 2]!.id))]);
        expect(r.status).toBe(200); // not blocked by the held push
        const p = await lead.pullAll();
        seen.push(...p.changes.filter((c) => c.entity === 'attempt' && c.op === 'put').map((c) => (c.op === 'put' ? String(c.row.id) : '')));
      }
      expect(seen).toHaveLength(3);
      release();
      expect((await slowPush).status).toBe(200);
      const p = await lead.pullAll();
      seen.push(...p.changes.filter((c) => c.entity === 'attempt' && c.op === 'put').map((c) => (c.op === 'put' ? String(c.row.id) : '')));
      const slowIds = slowBatch.map((m) => (m.args as { attemptId: string }).attemptId);
      expect(seen.slice(3).sort()).toEqual([...slowIds].sort()); // arrived after, none skipped
      expect(new Set(seen).size).toBe(5);
    } finally {
      release();
      await hub.close();
      await spot.drop();
    }
  });
});
