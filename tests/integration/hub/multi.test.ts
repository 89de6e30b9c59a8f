/** Several hub processes on one PostgreSQL schema; log redaction; migrations of both stores. */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { addTeam, addUser } from '../../../hub/admin';
import { startHub } from '../../../hub/server';
import { openPgStore } from '../../../hub/store/pg';
import { PG_MIGRATIONS } from '../../../hub/store/pg/migrations';
import { openSqliteStore } from '../../../hub/store/sqlite';
import { SQLITE_MIGRATIONS } from '../../../hub/store/sqlite/migrations';
import { lastVersion } from '../../../hub/store/types';
import { generateDemoRows } from '../../../shared/demo/generate';
import { call, Desk, fold, newSpot, pgAvailable, PASSWORD, PG_URL } from './harness';

const pgOk = await pgAvailable();
if (!pgOk) console.warn('hub multi-process tests: no PostgreSQL reachable at 127.0.0.1:5432 — SKIPPED');

describe.skipIf(!pgOk)('several hubs on one PostgreSQL', () => {
  it('interleaved concurrent pushes from several desks across two hubs: each mutation applied once, pulls see every change once, in order', async () => {
    const spot = newSpot('postgres');
    const h1 = await startHub({ ...spot.opts, port: 0, log: false });
    const h2 = await startHub({ ...spot.opts, port: 0, log: false });
    try {
      const now = new Date();
      await addTeam(h1.store, 'T1', now);
      await addUser(h2.store, { username: 'lead', password: PASSWORD, role: 'lead', team: 'T1', displayName: '组长', agentNo: 'L1' }, now);
      const agents = ['a1', 'a2', 'a3'];
      const ids: number[] = [];
      for (const a of agents) ids.push(await addUser(h1.store, { username: a, password: PASSWORD, role: 'agent', team: 'T1', displayName: a, agentNo: a }, now));
      const leadToken = (await call(h1, 'POST', '/v1/auth/login', { username: 'lead', password: PASSWORD })).body.token as string;
      const caseIds: string[][] = [];
      for (const [i, id] of ids.entries()) {
        const rows = generateDemoRows({ cases: 3, firstId: 1000 * (i + 1), agentId: String(id), today: now.toISOString().slice(0, 10), history: 0 });
        expect((await call(i % 2 ? h2 : h1, 'POST', '/v1/admin/cases', rows, leadToken)).status).toBe(200);
        caseIds.push(rows.cases.map((c) => c.id));
      }
      // Two desks per agent, each 30 mutations in batches of 3, every batch sent to a random hub and
      // sometimes repeated on the other one (a retry after a lost answer).
      const desks: { d: Desk; cases: string[] }[] = [];
      for (const [i, a] of agents.entries()) {
        for (let k = 0; k < 2; k++) {
          const token = (await call(h1, 'POST', '/v1/auth/login', { username: a, password: PASSWORD })).body.token as string;
          desks.push({ d: new Desk({ hub: h1 }, token), cases: caseIds[i]! });
        }
      }
      const sent: string[] = [];
      const leadDesk = new Desk({ hub: h2 }, leadToken);
      const seenAttempts: string[] = [];
      let cursor = 0;
      let pulling = true;
      // The puller waits for the next push to land (not a fixed pause) once it has caught up.
      let landed: () => void = () => undefined;
      let nextPush = new Promise<void>((r) => (landed = r));
      const pushLanded = (): void => {
        landed();
        if (pulling) nextPush = new Promise<void>((r) => (landed = r));
      };
      const puller = (async () => {
        while (pulling) {
          const hub = Math.random() < 0.5 ? h1 : h2;
          const r = await call(hub, 'POST', '/v1/sync/pull', { deviceId: leadDesk.deviceId, schemaVersion: 1, cursor, limit: 50 }, leadToken);
          expect(r.status).toBe(200);
          expect(r.body.cursor).toBeGreaterThanOrEqual(cursor);
          cursor = r.body.cursor;
          for (const c of r.body.changes) if (c.entity === 'attempt' && c.op === 'put') seenAttempts.push(c.row.id);
          if (!r.body.more) await nextPush;
        }
      })();
      await Promise.all(
        desks.map(async ({ d, cases }) => {
          for (let b = 0; b < 10; b++) {
            const batch = Array.from({ length: 3 }, (_, j) => {
              const attemptId = randomUUID();
              sent.push(attemptId);
              return d.m('attempt.save', {
                attemptId, clientRequestId: `c-${attemptId}`, caseId: cases[(b + j) % cases.length], phoneId: null, channel: 'phone', party: 'none',
                outcomeCode: 'NO_ANSWER', note: `b${b} j${j}`, callStartedAt: null, durationSec: 0, claimedPaidDate: null, stepsDone: [], scenario: null,
                at: new Date().toISOString(), promise: null, followUp: null, phoneLock: null,
              });
            });
            const first = Math.random() < 0.5 ? h1 : h2;
            const body = { deviceId: d.deviceId, schemaVersion: 1, mutations: batch };
            const [r1, r2] = await Promise.all([
              call(first, 'POST', '/v1/sync/push', body, d.token),
              Math.random() < 0.4 ? call(first === h1 ? h2 : h1, 'POST', '/v1/sync/push', body, d.token) : Promise.resolve(null),
            ]);
            expect(r1.status, JSON.stringify(r1.body)).toBe(200);
            if (r2) expect(r2.status, JSON.stringify(r2.body)).toBe(200);
            expect(r1.body.lastMutationId).toBe(batch[2]!.id);
            pushLanded();
          }
        }),
      );
      pulling = false;
      pushLanded(); // the last wake stays resolved: the puller sees it is done
      await puller;
      for (;;) {
        const r = await call(h1, 'POST', '/v1/sync/pull', { deviceId: leadDesk.deviceId, schemaVersion: 1, cursor, limit: 50 }, leadToken);
        cursor = r.body.cursor;
        for (const c of r.body.changes) if (c.entity === 'attempt' && c.op === 'put') seenAttempts.push(c.row.id);
        if (!r.body.more) break;
      }
      const counts = await h1.store.read(async (q) => ({
        attempts: Number((await q.get<{ n: number }>('SELECT count(*) AS n FROM attempts'))?.n),
        perCase: Number((await q.get<{ n: number }>('SELECT sum(attempt_count) AS n FROM cases'))?.n),
      }));
      expect(counts.attempts).toBe(sent.length);
      expect(counts.perCase).toBe(sent.length);
      expect([...seenAttempts].sort()).toEqual([...sent].sort()); // each once
      // A fresh pull of the lead agrees.
      const fresh = new Desk({ hub: h2 }, leadToken);
      expect([...(fold((await fresh.pullAll()).changes).get('attempt')?.keys() ?? [])].sort()).toEqual([...sent].sort());
    } finally {
      await h1.close();
      await h2.close();
      await spot.drop();
    }
  });
});

describe('logs', () => {
  it('never carry passwords, tokens, Authorization headers or ID numbers', async () => {
    const lines: string[] = [];
    const spot = newSpot('sqlite');
    const hub = await startHub({ ...spot.opts, port: 0, log: { level: 'trace', stream: { write: (s: string) => void lines.push(s) } } });
    try {
      await addTeam(hub.store, 'T1', new Date());
      await addUser(hub.store, { username: 'lead', password: 'Pa55-word-XYZ', role: 'lead', team: 'T1', displayName: '组长', agentNo: 'L1' }, new Date());
      const login = await call(hub, 'POST', '/v1/auth/login', { username: 'lead', password: 'Pa55-word-XYZ' });
      await call(hub, 'POST', '/v1/auth/login', { username: 'lead', password: 'Wrong-Pa55-ABC' });
      const token = login.body.token as string;
      const rows = generateDemoRows({ cases: 3, firstId: 100, agentId: null, today: '2026-03-10' });
      await call(hub, 'POST', '/v1/admin/cases', rows, token);
      await call(hub, 'POST', '/v1/sync/pull', { deviceId: 'dev-logs-0001', schemaVersion: 1, cursor: 0 }, token);
      await call(hub, 'POST', '/v1/sync/push', { deviceId: 'dev-logs-0001', schemaVersion: 1, mutations: [{ id: 1, name: 'x', args: { idNumber: rows.debtors[0]!.idNumber }, clientTime: new Date().toISOString() }] }, token);
      await call(hub, 'POST', '/v1/sync/pull', { deviceId: 'dev-logs-0001', schemaVersion: 1, cursor: 0 }, `${token}x`);
      const all = lines.join('');
      expect(lines.length).toBeGreaterThan(5);
      expect(all).toContain('"push"');
      for (const secret of ['Pa55-word-XYZ', 'Wrong-Pa55-ABC', token, `Bearer`, ...rows.debtors.map((d) => d.idNumber!)]) expect(all).not.toContain(secret);
    } finally {
      await hub.close();
      await spot.drop();
    }
  });
});

describe('migrations', () => {
  it('SQLite: from an empty database, then an idempotent re-run', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-mig-'));
    try {
      const s = openSqliteStore({ dataDir: dir });
      expect(await s.migrate()).toEqual({ from: 0, to: lastVersion(SQLITE_MIGRATIONS) });
      expect(await s.migrate()).toEqual({ from: lastVersion(SQLITE_MIGRATIONS), to: lastVersion(SQLITE_MIGRATIONS) });
      const tables = await s.read((q) => q.all<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"));
      expect(tables.map((t) => t.name)).toEqual(expect.arrayContaining(['cases', 'feed', 'users', 'tokens', 'devices', 'rejections', 'conflicts', 'schema_version']));
      await s.close();
      const again = openSqliteStore({ dataDir: dir });
      expect(await again.migrate()).toEqual({ from: lastVersion(SQLITE_MIGRATIONS), to: lastVersion(SQLITE_MIGRATIONS) });
      await again.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it.skipIf(!pgOk)('PostgreSQL: from an empty schema, concurrently from two processes, then an idempotent re-run', async () => {
    const spot = newSpot('postgres');
    const a = openPgStore({ url: PG_URL, schema: spot.opts.pgSchema! });
    const b = openPgStore({ url: PG_URL, schema: spot.opts.pgSchema! });
    try {
      const [ra, rb] = await Promise.all([a.migrate(), b.migrate()]);
      expect([ra.to, rb.to]).toEqual([lastVersion(PG_MIGRATIONS), lastVersion(PG_MIGRATIONS)]);
      expect(Math.min(ra.from, rb.from)).toBe(0);
      expect(await a.migrate()).toEqual({ from: lastVersion(PG_MIGRATIONS), to: lastVersion(PG_MIGRATIONS) });
      const tables = await a.read((q) => q.all<{ n: string }>('SELECT table_name AS n FROM information_schema.tables WHERE table_schema = ?', [spot.opts.pgSchema!]));
      expect(tables.map((t) => t.n)).toEqual(expect.arrayContaining(['cases', 'feed', 'users', 'schema_version']));
    } finally {
      await a.close();
      await b.close();
      await spot.drop();
    }
  });
});
