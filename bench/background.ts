/**
 * `--background N`: fill a bench hub with N cases in 200 other teams (a lead and 10 agents each),
 * each case with its debtor, a phone, two attempts, a promise on every other case, and the feed
 * entries the team's lead and the case's agent hold for them. Bulk SQL (generate_series on
 * PostgreSQL, a recursive series on SQLite) in chunks of one transaction each: a million cases
 * take minutes. Ids start at BACKGROUND_BASE, far from the measured team's.
 */
import Database from 'better-sqlite3';
import type { Q, Store } from '../hub/store/types';
import { ENTITY_CODE } from '../hub/feed-keys';

export const BACKGROUND_BASE = 1_000_000_000;
const TEAMS = 200;
const AGENTS = 10;
const CHUNK = 50_000;
/** Feed slots per case and receiver: debtor, phone, case, 2 attempts, promise. */
const SLOTS = 8;

function dialect(q: Q) {
  const pg = q.kind === 'postgres';
  return {
    series: (lo: number, hi: number) =>
      pg ? `generate_series(${lo}, ${hi}) AS s (i)` : `(WITH RECURSIVE g(i) AS (SELECT ${lo} UNION ALL SELECT i + 1 FROM g WHERE i < ${hi}) SELECT i FROM g) AS s`,
    pad8: (x: string) => (pg ? `lpad(CAST(${x} AS TEXT), 8, '0')` : `substr('0000000' || ${x}, -8)`),
    uuid: pg
      ? 'gen_random_uuid()'
      : "lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + abs(random()) % 4, 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))",
  };
}

async function fillChunk(q: Q, lo: number, hi: number, now: string): Promise<void> {
  const d = dialect(q);
  const B = BACKGROUND_BASE;
  const s = d.series(lo, hi);
  await q.run(`INSERT INTO debtors (id, team_id, name, id_number) SELECT ${B} + s.i, t.id, '债务人' || s.i, '11010519800101' || ${d.pad8('s.i')}
    FROM ${s} JOIN teams t ON t.name = 'bg-' || (s.i % ${TEAMS})`);
  await q.run(`INSERT INTO phones (id, team_id, debtor_id, owner, kind, number) SELECT x.id, x.team_id, x.id, 'self', 'mobile', '139' || ${d.pad8(`x.id - ${B}`)}
    FROM debtors x WHERE x.id BETWEEN ${B + lo} AND ${B + hi}`);
  await q.run(`INSERT INTO cases (id, team_id, debtor_id, creditor, product, account_no, principal_fen, balance_fen, overdue_fen, min_due_fen, overdue_since, status, assigned_agent_id, attempt_count, updated_at)
    SELECT x.id, x.team_id, x.id, '招商银行信用卡中心', 'credit_card', '62258800' || ${d.pad8(`x.id - ${B}`)}, 1000000, 1000000, 500000, 50000, '2026-01-20', 'open', u.id, 2, '${now}'
    FROM debtors x JOIN users u ON u.username = 'bg-' || ((x.id - ${B}) % ${TEAMS}) || '-a' || (((x.id - ${B}) / ${TEAMS}) % ${AGENTS})
    WHERE x.id BETWEEN ${B + lo} AND ${B + hi}`);
  for (const n of [1, 2]) {
    await q.run(`INSERT INTO attempts (id, client_request_id, case_id, agent_id, phone_id, channel, party, outcome_code, note, duration_sec, steps_done, at, received_at)
      SELECT ${d.uuid}, 'bg-' || c.id || '-${n}', c.id, c.assigned_agent_id, c.id, 'phone', 'none', 'NO_ANSWER', '无人接听', 0, '[]', '${now}', '${now}'
      FROM cases c WHERE c.id BETWEEN ${B + lo} AND ${B + hi}`);
  }
  await q.run(`INSERT INTO promises (id, case_id, agent_id, amount_fen, due_date, created_date, created_at, state)
    SELECT ${d.uuid}, c.id, c.assigned_agent_id, 50000, '2026-03-01', '2026-02-25', '${now}', 'broken'
    FROM cases c WHERE c.id BETWEEN ${B + lo} AND ${B + hi} AND c.id % 2 = 0`);
  // Feed entries of both receivers: the agent (case k of theirs: seq k * SLOTS + slot) and the team's lead.
  const receivers = [
    { join: '', uid: 'c.assigned_agent_id', k: `((c.id - ${B}) / ${TEAMS * AGENTS})` },
    { join: "JOIN users l ON l.team_id = c.team_id AND l.role = 'lead'", uid: 'l.id', k: `((c.id - ${B}) / ${TEAMS})` },
  ];
  const inChunk = `c.id BETWEEN ${B + lo} AND ${B + hi}`;
  for (const r of receivers) {
    await q.run(`INSERT INTO feed (user_id, entity, hub_id, dev_id, seq, op)
      SELECT ${r.uid}, x.column1, c.id, NULL, ${r.k} * ${SLOTS} + x.column2, 'put'
      FROM cases c ${r.join} CROSS JOIN (VALUES (${ENTITY_CODE.debtor}, 1), (${ENTITY_CODE.phone}, 2), (${ENTITY_CODE.case}, 3)) AS x WHERE ${inChunk}`);
    await q.run(`INSERT INTO feed (user_id, entity, hub_id, dev_id, seq, op)
      SELECT ${r.uid}, ${ENTITY_CODE.attempt}, NULL, a.id, ${r.k} * ${SLOTS} + 3 + CAST(substr(a.client_request_id, length(a.client_request_id), 1) AS INTEGER), 'put'
      FROM attempts a JOIN cases c ON c.id = a.case_id ${r.join} WHERE a.case_id BETWEEN ${B + lo} AND ${B + hi}`);
    await q.run(`INSERT INTO feed (user_id, entity, hub_id, dev_id, seq, op)
      SELECT ${r.uid}, ${ENTITY_CODE.promise}, NULL, p.id, ${r.k} * ${SLOTS} + 6, 'put'
      FROM promises p JOIN cases c ON c.id = p.case_id ${r.join} WHERE p.case_id BETWEEN ${B + lo} AND ${B + hi}`);
  }
}

/** Fill `store` with `cases` background cases (see above); resolves with the seconds it took. */
export async function fillBackground(store: Store, cases: number, log: (s: string) => void): Promise<number> {
  if (!Number.isSafeInteger(cases) || cases < 0 || cases > 10_000_000) throw new Error('--background takes 0..10,000,000 cases');
  if (cases === 0) return 0;
  const t0 = performance.now();
  const now = new Date().toISOString();
  await store.write(async (q) => {
    const d = dialect(q);
    await q.run(`INSERT INTO teams (name, created_at) SELECT 'bg-' || s.i, '${now}' FROM ${d.series(0, TEAMS - 1)}`);
    await q.run(`INSERT INTO users (username, display_name, agent_no, role, team_id, password_hash, created_at)
      SELECT 'bg-' || (s.i / ${AGENTS + 1}) || CASE WHEN s.i % ${AGENTS + 1} = ${AGENTS} THEN '-lead' ELSE '-a' || (s.i % ${AGENTS + 1}) END, '背景', 'BG' || s.i,
        CASE WHEN s.i % ${AGENTS + 1} = ${AGENTS} THEN 'lead' ELSE 'agent' END, t.id, 'scrypt$bench-no-login', '${now}'
      FROM ${d.series(0, TEAMS * (AGENTS + 1) - 1)} JOIN teams t ON t.name = 'bg-' || (s.i / ${AGENTS + 1})`);
  });
  for (let lo = 0; lo < cases; lo += CHUNK) {
    const hi = Math.min(cases, lo + CHUNK) - 1;
    await store.write((q) => fillChunk(q, lo, hi, now));
    if ((lo / CHUNK) % 4 === 3) log(`  background: ${(hi + 1).toLocaleString('en')} cases (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
  }
  await store.write(async (q) => {
    await q.run(`UPDATE users SET feed_seq = coalesce((SELECT max(f.seq) FROM feed f WHERE f.user_id = users.id), 0) WHERE username LIKE 'bg-%'`);
  });
  // Fresh statistics, as autovacuum would have them on a hub that grew over months.
  await store.write((q) => q.run('ANALYZE'));
  return (performance.now() - t0) / 1000;
}

/**
 * Let the fill settle before anything is measured: its gigabytes are otherwise written back
 * (PostgreSQL's checkpoint and autovacuum, SQLite's WAL checkpoint) while the agent's figures are
 * taken, on the same two cores. A hub that grew over months has none of that pending.
 * `sqliteFile`: the SQLite hub's database file (its WAL is copied back and truncated).
 */
export async function settleAfterFill(store: Store, sqliteFile?: string): Promise<void> {
  if (store.kind === 'postgres') {
    // read(): no transaction block on PostgreSQL, which VACUUM needs.
    await store.read(async (q) => {
      await q.run('VACUUM ANALYZE');
      await q.run('CHECKPOINT');
    });
  } else if (sqliteFile) {
    const db = new Database(sqliteFile);
    try {
      db.pragma('busy_timeout = 60000');
      db.pragma('wal_checkpoint(TRUNCATE)');
    } finally {
      db.close();
    }
  }
}
