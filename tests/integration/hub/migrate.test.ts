/**
 * Hub migration 2 (compact keys) upgrades a version-1 database in place, on both stores: every
 * feed entry keeps its seq (a desk's cursor stays valid), text keys go to feed_keys, device ids
 * stay what they were (native uuid on PostgreSQL), and the upgraded hub pulls and pushes as before.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import outcomeCodes from '../../../resources/outcome-codes.json';
import { ENTITY_CODE } from '../../../hub/feed-keys';
import { hashPassword } from '../../../hub/password';
import { openStore, startHub } from '../../../hub/server';
import { openPgStore } from '../../../hub/store/pg';
import { PG_MIGRATIONS } from '../../../hub/store/pg/migrations';
import { openSqliteStore } from '../../../hub/store/sqlite';
import { SQLITE_MIGRATIONS } from '../../../hub/store/sqlite/migrations';
import { lastVersion, type Store } from '../../../hub/store/types';
import { call, Desk, newSpot, pgAvailable, PASSWORD, PG_URL, type Kind, type StoreSpot } from './harness';

const pgOk = await pgAvailable();
if (!pgOk) console.warn('hub migration tests: no PostgreSQL reachable at 127.0.0.1:5432 — the PostgreSQL half is SKIPPED');

const NOW = '2026-03-10T02:00:00.000Z';
const A = randomUUID();
const P = randomUUID();
const F = randomUUID();
const code = outcomeCodes[0]!;

/** The v1 feed of the agent (user 2): [entity, id, op], seqs 1..n in this order. */
const FEED_V1: [string, string, 'put' | 'del'][] = [
  ['agent', '2', 'put'], ['outcomeCode', code.code, 'put'], ['setting', 'timeZone', 'put'], ['debtor', '10', 'put'], ['phone', '20', 'put'],
  ['case', '30', 'put'], ['attempt', A, 'put'], ['promise', P, 'put'], ['followUp', F, 'put'], ['payment', 'pay-legacy-1', 'put'], ['case', '31', 'del'],
];

/** A version-1 hub database written with plain SQL (the v1 hub's tables and feed rows). */
async function seedV1(store: Store): Promise<void> {
  expect(await store.migrate()).toEqual({ from: 0, to: 1 });
  const hash = await hashPassword(PASSWORD);
  await store.write(async (q) => {
    await q.run('INSERT INTO teams (id, name, created_at) VALUES (1, ?, ?)', ['T1', NOW]);
    await q.run("INSERT INTO users (id, username, display_name, agent_no, role, team_id, password_hash, feed_seq, created_at) VALUES (1, 'lead', '组长', 'L1', 'lead', 1, ?, 0, ?)", [hash, NOW]);
    await q.run("INSERT INTO users (id, username, display_name, agent_no, role, team_id, password_hash, feed_seq, created_at) VALUES (2, 'a1', '坐席', 'A1', 'agent', 1, ?, ?, ?)", [hash, FEED_V1.length, NOW]);
    await q.run('INSERT INTO outcome_codes (team_id, code, body) VALUES (1, ?, ?)', [code.code, JSON.stringify(code)]);
    // the code the new work below records (the hub refuses codes its team does not have)
    const noAnswer = outcomeCodes.find((c) => c.code === 'NO_ANSWER');
    if (noAnswer) await q.run('INSERT INTO outcome_codes (team_id, code, body) VALUES (1, ?, ?)', [noAnswer.code, JSON.stringify(noAnswer)]);
    await q.run('INSERT INTO settings (team_id, key, value) VALUES (1, ?, ?)', ['timeZone', JSON.stringify('Asia/Shanghai')]);
    await q.run("INSERT INTO debtors (id, team_id, name) VALUES (10, 1, '债务人')");
    await q.run("INSERT INTO phones (id, team_id, debtor_id, owner, kind, number) VALUES (20, 1, 10, 'self', 'mobile', '13900000001')");
    await q.run(
      `INSERT INTO cases (id, team_id, debtor_id, creditor, product, account_no, principal_fen, balance_fen, overdue_fen, min_due_fen, overdue_since, status, assigned_agent_id, updated_at)
       VALUES (30, 1, 10, '银行', 'credit_card', '6225', 100000, 100000, 50000, 5000, '2026-02-01', 'ptp', 2, ?)`,
      [NOW],
    );
    await q.run(
      `INSERT INTO attempts (id, client_request_id, case_id, agent_id, channel, party, outcome_code, note, duration_sec, steps_done, at, received_at)
       VALUES (?, 'crid-1', 30, 2, 'phone', 'self', 'PTP', '承诺还款', 60, '[]', ?, ?)`,
      [A, NOW, NOW],
    );
    await q.run("INSERT INTO promises (id, case_id, attempt_id, agent_id, amount_fen, due_date, created_date, created_at, state) VALUES (?, 30, ?, 2, 20000, '2026-03-12', '2026-03-10', ?, 'pending')", [P, A, NOW]);
    await q.run("INSERT INTO follow_ups (id, case_id, agent_id, attempt_id, due_at, state, created_at) VALUES (?, 30, 2, ?, ?, 'pending', ?)", [F, A, '2026-03-11T02:00:00.000Z', NOW]);
    await q.run("INSERT INTO payments (id, case_id, amount_fen, paid_date, source, agent_id, created_at) VALUES ('pay-legacy-1', 30, 1000, '2026-03-09', 'import', 2, ?)", [NOW]);
    for (const [i, [entity, id, op]] of FEED_V1.entries()) {
      await q.run('INSERT INTO feed (user_id, entity, entity_id, seq, op) VALUES (2, ?, ?, ?, ?)', [entity, id, i + 1, op]);
    }
  });
}

function v1Store(kind: Kind, spot: StoreSpot): Store {
  return kind === 'sqlite'
    ? openSqliteStore({ dataDir: spot.opts.dataDir, migrations: SQLITE_MIGRATIONS.slice(0, 1) })
    : openPgStore({ url: PG_URL, schema: spot.opts.pgSchema, migrations: PG_MIGRATIONS.slice(0, 1) });
}

const keyOf = (c: { op: string; entity: string; id?: string; row?: Record<string, unknown> }): string =>
  c.op === 'del' ? `del ${c.entity} ${c.id}` : `put ${c.entity} ${String(c.row?.[c.entity === 'outcomeCode' ? 'code' : c.entity === 'setting' ? 'key' : 'id'])}`;

for (const kind of ['sqlite', 'postgres'] as const) {
  describe.skipIf(kind === 'postgres' && !pgOk)(`hub migration 2 on ${kind}`, () => {
    it('upgrades a version-1 database in place: same feed, same seqs, and the hub works on it', async () => {
      const spot = newSpot(kind);
      try {
        const old = v1Store(kind, spot);
        try {
          await seedV1(old);
        } finally {
          await old.close();
        }
        const store = openStore(spot.opts);
        expect(await store.migrate()).toEqual({ from: 1, to: lastVersion(kind === 'sqlite' ? SQLITE_MIGRATIONS : PG_MIGRATIONS) }); // 2 and every later step
        const hub = await startHub({ store, port: 0, log: false, clock: () => new Date(NOW) });
        try {
          const feed = await store.read((q) => q.all<{ entity: number; hub_id: number | null; dev_id: string | null; seq: number; op: string }>('SELECT entity, hub_id, dev_id, seq, op FROM feed WHERE user_id = 2 ORDER BY seq'));
          expect(feed.map((r) => [Number(r.entity), Number(r.seq), r.op])).toEqual(FEED_V1.map(([e, , op], i) => [ENTITY_CODE[e as keyof typeof ENTITY_CODE], i + 1, op]));
          expect(feed.filter((r) => r.dev_id !== null).map((r) => r.dev_id)).toEqual([A, P, F]);
          const dict = await store.read((q) => q.all<{ key: string }>('SELECT key FROM feed_keys ORDER BY key'));
          expect(dict.map((r) => r.key).sort()).toEqual([code.code, 'pay-legacy-1', 'timeZone'].sort());
          if (kind === 'postgres') {
            const c = new pg.Client({ connectionString: PG_URL });
            await c.connect();
            try {
              const cols = await c.query<{ t: string; c: string; d: string }>(
                `SELECT table_name AS t, column_name AS c, data_type AS d FROM information_schema.columns
                 WHERE table_schema = $1 AND ((table_name IN ('attempts', 'promises', 'follow_ups') AND column_name IN ('id', 'attempt_id')) OR (table_name = 'feed' AND column_name IN ('entity', 'hub_id', 'dev_id')))`,
                [spot.opts.pgSchema],
              );
              expect(Object.fromEntries(cols.rows.map((r) => [`${r.t}.${r.c}`, r.d]))).toEqual({
                'attempts.id': 'uuid', 'promises.id': 'uuid', 'promises.attempt_id': 'uuid', 'follow_ups.id': 'uuid', 'follow_ups.attempt_id': 'uuid',
                'feed.entity': 'smallint', 'feed.hub_id': 'bigint', 'feed.dev_id': 'uuid',
              });
            } finally {
              await c.end();
            }
          }

          // The agent's desk pulls exactly what it pulled before, from the start and from a cursor it held.
          const token = (await call(hub, 'POST', '/v1/auth/login', { username: 'a1', password: PASSWORD })).body.token as string;
          const desk = new Desk({ hub }, token);
          const all = await desk.pullAll();
          expect(desk.cursor).toBe(FEED_V1.length);
          expect(all.changes.map(keyOf).sort()).toEqual(FEED_V1.map(([e, id, op]) => `${op} ${e} ${id}`).sort());
          const later = new Desk({ hub }, token);
          later.cursor = 6;
          expect((await later.pullAll()).changes.map(keyOf).sort()).toEqual(FEED_V1.slice(6).map(([e, id, op]) => `${op} ${e} ${id}`).sort());

          // New work moves existing entries (one entry per row) and arrives after the old ones.
          const att = randomUUID();
          const push = await desk.push([desk.m('attempt.save', {
            attemptId: att, clientRequestId: `crid-${att}`, caseId: '30', phoneId: null, channel: 'phone', party: 'none', outcomeCode: 'NO_ANSWER', note: '无人接听',
            callStartedAt: null, durationSec: 0, claimedPaidDate: null, stepsDone: [], scenario: null, at: NOW, promise: null, followUp: null, phoneLock: null,
          }, NOW)]);
          expect(push.status).toBe(200);
          expect(push.body.rejected).toEqual([]);
          const next = await desk.pullAll();
          // (The case's row comes with the attempt, which moved only its counters: its entry stays put.)
          expect(next.changes.map(keyOf).sort()).toEqual([`put attempt ${att}`, 'put case 30', `put followUp ${F}`].sort());
          const fuEntries = await store.read((q) => q.all<{ seq: number }>('SELECT seq FROM feed WHERE user_id = 2 AND entity = ? AND dev_id = ?', [ENTITY_CODE.followUp, F]));
          expect(fuEntries).toHaveLength(1);
          expect(Number(fuEntries[0]!.seq)).toBeGreaterThan(FEED_V1.length);
        } finally {
          await hub.close();
        }
      } finally {
        await spot.drop();
      }
    });
  });
}
