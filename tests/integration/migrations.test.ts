import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate, userVersion } from '../../electron/core/db/migrate';
import { LATEST_VERSION, MIGRATIONS } from '../../electron/core/db/migrations';
import { DB_FILE, openDb, openDbFile, type Db } from '../../electron/core/db/open';
import { tempDir } from '../fixtures/desk';
import { slowInLists } from '../../electron/core/db/migrations/in-lists';
import { rewriteCheckLists } from '../../electron/core/db/migrations/019_fast_checks';

const open: Db[] = [];
const fresh = (): Db => {
  const db = openDb(tempDir());
  open.push(db);
  return db;
};
afterEach(() => {
  while (open.length) open.pop()?.close();
});

const NOW = '2026-03-10T02:00:00.000Z';
const tables = (db: Db) => (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((r) => r.name);

function seedV1(db: Db): void {
  db.prepare("INSERT INTO agents (id, username, display_name, agent_no, role, password_hash, created_at) VALUES (1, 'a', '甲', 'A1', 'agent', 'scrypt$x', ?)").run(NOW);
  db.prepare("INSERT INTO debtors (id, name, gender, id_number, id_tail4, updated_at) VALUES (1, '张三', 'M', '110105198001011234', '1234', ?)").run(NOW);
  db.prepare("INSERT INTO phones (id, debtor_id, owner, kind, number, number_tail4) VALUES (1, 1, 'self', 'mobile', '13800138000', '8000')").run();
  for (const [id, status] of [[1, 'open'], [2, 'ptp'], [3, 'paid']] as const) {
    db.prepare(`INSERT INTO cases (id, debtor_id, creditor, product, account_no, principal_fen, balance_fen, overdue_fen, min_due_fen, overdue_since, status, assigned_agent_id, updated_at)
                VALUES (?, 1, '招商银行信用卡中心', 'credit_card', '6225880000000001', 100, 100, 100, 10, '2026-02-01', ?, 1, ?)`).run(id, status, NOW);
  }
}

describe('migrations', () => {
  it('are numbered 1..N without gaps and the runner reaches the latest', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(Array.from({ length: LATEST_VERSION }, (_, i) => i + 1));
    const db = fresh();
    expect(migrate(db)).toEqual({ from: 0, to: LATEST_VERSION });
    expect(migrate(db)).toEqual({ from: LATEST_VERSION, to: LATEST_VERSION }); // idempotent
  });

  it('opens with WAL, foreign keys and synchronous=FULL', () => {
    const db = fresh();
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(Number(db.pragma('busy_timeout', { simple: true }))).toBeGreaterThan(0);
  });

  it('0 -> 1 creates reference, people and case tables with their constraints', () => {
    const db = fresh();
    migrate(db, 1);
    expect(userVersion(db)).toBe(1);
    expect(tables(db)).toEqual(expect.arrayContaining(['settings', 'agents', 'outcome_codes', 'scripts', 'batches', 'debtors', 'contacts', 'phones', 'cases']));
    expect(tables(db)).not.toContain('attempts');
    seedV1(db);
    // constraints: bad enum, FK to a missing debtor, duplicate username
    expect(() => db.prepare("UPDATE cases SET status = 'weird' WHERE id = 1").run()).toThrow(/CHECK/);
    expect(() => db.prepare("INSERT INTO phones (debtor_id, owner, kind, number, number_tail4) VALUES (99, 'self', 'mobile', '13800000000', '0000')").run()).toThrow(/FOREIGN KEY/);
    expect(() => db.prepare("INSERT INTO agents (username, display_name, agent_no, role, password_hash, created_at) VALUES ('A', 'x', 'A9', 'agent', 'scrypt$y', ?)").run(NOW)).toThrow(/UNIQUE/);
  });

  it('1 -> 2 keeps the cases and adds append-only attempts, promises, payments, follow-ups, drafts', () => {
    const db = fresh();
    migrate(db, 1);
    seedV1(db);
    migrate(db, 2);
    expect(userVersion(db)).toBe(2);
    expect((db.prepare('SELECT count(*) AS n FROM cases').get() as { n: number }).n).toBe(3);
    expect(tables(db)).toEqual(expect.arrayContaining(['attempts', 'promises', 'payments', 'follow_ups', 'drafts']));
    db.prepare(`INSERT INTO attempts (id, client_request_id, case_id, agent_id, channel, party, outcome_code, note, at)
                VALUES ('a1', 'r1', 1, 1, 'phone', 'self', 'PTP', 'ok', ?)`).run(NOW);
    expect(() => db.prepare("UPDATE attempts SET note = 'x' WHERE id = 'a1'").run()).toThrow(/append-only/);
    expect(() => db.prepare("DELETE FROM attempts WHERE id = 'a1'").run()).toThrow(/append-only/);
    expect(() => db.prepare(`INSERT INTO attempts (id, client_request_id, case_id, agent_id, channel, party, outcome_code, note, at)
                VALUES ('a2', 'r1', 1, 1, 'phone', 'self', 'PTP', 'dup', ?)`).run(NOW)).toThrow(/UNIQUE/);
    expect(() => db.prepare(`INSERT INTO promises (id, case_id, amount_fen, due_date, created_date, created_at) VALUES ('p', 1, 0, '2026-03-12', '2026-03-10', ?)`).run(NOW)).toThrow(/CHECK/);
    expect(() => db.prepare(`INSERT INTO follow_ups (id, case_id, due_at, created_at) VALUES ('f', 42, ?, ?)`).run(NOW, NOW)).toThrow(/FOREIGN KEY/);
  });

  it('2 -> 3 keeps the work records and adds the audit log, outbox and a device id', () => {
    const db = fresh();
    migrate(db, 2);
    seedV1(db);
    db.prepare(`INSERT INTO attempts (id, client_request_id, case_id, agent_id, channel, party, outcome_code, note, at)
                VALUES ('a1', 'r1', 1, 1, 'phone', 'self', 'PTP', 'ok', ?)`).run(NOW);
    migrate(db, 3);
    expect(userVersion(db)).toBe(3);
    expect((db.prepare('SELECT count(*) AS n FROM attempts').get() as { n: number }).n).toBe(1);
    const sync = db.prepare('SELECT * FROM sync_state').get() as { device_id: string; last_mutation_id: number };
    expect(sync.device_id).toMatch(/^[0-9a-f]{32}$/);
    expect(sync.last_mutation_id).toBe(0);
    expect(() => db.prepare("INSERT INTO sync_state (id, device_id) VALUES (2, 'x')").run()).toThrow(/CHECK/);
    db.prepare("INSERT INTO audit_log (seq, at, action, prev_hash, hash) VALUES (1, ?, 'x', '0', 'h1')").run(NOW);
    expect(() => db.prepare("UPDATE audit_log SET action = 'y'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
    expect(() => db.prepare("INSERT INTO outbox (mutation_id, name, args, created_at) VALUES (1, 'x', 'not json', ?)").run(NOW)).toThrow(/CHECK/);
  });

  it('3 -> 4 backfills per-agent status counts and keeps them exact through triggers', () => {
    const db = fresh();
    migrate(db, 3);
    seedV1(db);
    migrate(db, 4);
    const counts = () => Object.fromEntries((db.prepare('SELECT status, n FROM case_counts WHERE agent_id = 1 AND n > 0').all() as { status: string; n: number }[]).map((r) => [r.status, r.n]));
    expect(counts()).toEqual({ open: 1, ptp: 1, paid: 1 });
    db.prepare("UPDATE cases SET status = 'open' WHERE id = 2").run();
    db.prepare("UPDATE cases SET priority = 5 WHERE id = 1").run(); // not a status change
    expect(counts()).toEqual({ open: 2, paid: 1 });
    db.prepare("UPDATE cases SET assigned_agent_id = NULL WHERE id = 3").run();
    expect(counts()).toEqual({ open: 2 });
    expect((db.prepare("SELECT n FROM case_counts WHERE agent_id = 0 AND status = 'paid'").get() as { n: number }).n).toBe(1);
  });

  it('4 -> 5 keeps debtors and cases and lets a name lookup by id use the narrow index', () => {
    const db = fresh();
    migrate(db, 4);
    seedV1(db);
    migrate(db, 5);
    expect(userVersion(db)).toBe(5);
    expect(db.prepare('SELECT name FROM debtors WHERE id = 1').get()).toEqual({ name: '张三' });
    expect((db.prepare('SELECT count(*) AS n FROM cases').get() as { n: number }).n).toBe(3);
    const plan = (db.prepare('EXPLAIN QUERY PLAN SELECT c.id FROM cases c CROSS JOIN debtors d INDEXED BY debtors_id_name ON d.id = c.debtor_id WHERE d.name >= ?').all('张') as { detail: string }[])
      .map((r) => r.detail).join(' | ');
    expect(plan).toContain('COVERING INDEX debtors_id_name');
    expect(db.prepare("SELECT c.id FROM cases c CROSS JOIN debtors d INDEXED BY debtors_id_name ON d.id = c.debtor_id WHERE d.name >= '张' AND d.name < '张\u{10FFFF}' ORDER BY c.id").all()).toEqual([{ id: 1 }, { id: 2 }, { id: 3 }]);
  });

  it('6 -> 7 keeps the cases and serves contact-name and account-tail searches from indexes', () => {
    const db = fresh();
    migrate(db, 6);
    seedV1(db);
    migrate(db, 7);
    expect(userVersion(db)).toBe(7);
    expect((db.prepare('SELECT count(*) AS n FROM cases').get() as { n: number }).n).toBe(3);
    const plan = (sql: string) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join(' | ');
    expect(plan("SELECT id FROM cases WHERE substr(account_no, -4) = '1234'")).toContain('INDEX cases_account_tail4');
    expect(plan("SELECT debtor_id FROM contacts WHERE name >= '王' AND name < '王\u{10FFFF}'")).toContain('INDEX contacts_name');
  });

  it('7 -> 8 keeps the cases; the dashboard\'s daily dial counts follow attempts from then on', () => {
    const db = fresh();
    migrate(db, 7);
    seedV1(db);
    migrate(db, 8);
    expect(userVersion(db)).toBe(8);
    expect((db.prepare('SELECT count(*) AS n FROM cases').get() as { n: number }).n).toBe(3);
    expect(db.prepare('SELECT tz FROM dash_zone').get()).toEqual({ tz: '' }); // rebuilt on first use
    db.prepare("UPDATE dash_zone SET tz = 'Asia/Shanghai', offset = '+480 minutes'").run();
    const { case_id: caseId, agent_id: agentId } = db.prepare('SELECT id AS case_id, assigned_agent_id AS agent_id FROM cases WHERE assigned_agent_id IS NOT NULL LIMIT 1').get() as { case_id: number; agent_id: number };
    db.prepare(`INSERT INTO attempts (id, client_request_id, case_id, agent_id, channel, party, outcome_code, note, at)
      VALUES ('a1', 'r1', ?, ?, 'phone', 'self', 'PTP', '', '2026-03-10T17:00:00.000Z')`).run(caseId, agentId);
    expect(db.prepare('SELECT day, self, n FROM attempt_days').all()).toEqual([{ day: '2026-03-11', self: 1, n: 1 }]);
  });

  it('10 -> 11 keeps the cases and adds the creditor import presets', () => {
    const db = fresh();
    migrate(db, 10);
    seedV1(db);
    migrate(db, 11);
    expect(userVersion(db)).toBe(11);
    expect((db.prepare('SELECT count(*) AS n FROM cases').get() as { n: number }).n).toBe(3);
    db.prepare("INSERT INTO import_presets (creditor, mapping, updated_at) VALUES ('某银行', '{\"户名\":\"name\"}', '2026-01-01T00:00:00Z')").run();
    expect(() => db.prepare("INSERT INTO import_presets (creditor, mapping, updated_at) VALUES ('x', '[]', 'now')").run()).toThrow();
  });

  it('11 -> 12 keeps the cases and attempts (unflagged) and reads the day\'s attempts per number from an index', () => {
    const db = fresh();
    migrate(db, 11);
    seedV1(db);
    const before = (db.prepare('SELECT count(*) AS n FROM attempts').get() as { n: number }).n;
    migrate(db, 12);
    expect(userVersion(db)).toBe(12);
    expect((db.prepare('SELECT count(*) AS n FROM cases').get() as { n: number }).n).toBe(3);
    expect((db.prepare("SELECT count(*) AS n FROM attempts WHERE violations = '[]' AND override_id IS NULL").get() as { n: number }).n).toBe(before);
    const plan = (db.prepare("EXPLAIN QUERY PLAN SELECT count(*) FROM attempts WHERE phone_id = 1 AND at >= '2026-03-10' AND at < '2026-03-11'").all() as { detail: string }[]).map((r) => r.detail).join(' | ');
    expect(plan).toContain('attempts_phone_at');
    expect((db.prepare('SELECT count(*) AS n FROM contact_overrides').get() as { n: number }).n).toBe(0);
  });

  it('16 -> 17 keeps the desk\'s messages as its own and takes the hub\'s copies apart', () => {
    const db = fresh();
    migrate(db, 16);
    seedV1(db);
    db.prepare(`INSERT INTO messages (id, client_request_id, case_id, agent_id, channel, template_id, party, destination, content, gateway, status, created_at)
                VALUES ('m1', 'req-00000001', 1, 1, 'sms', 'sms-reminder-zh', 'self', '13800138000', '您好', 'record', 'recorded', ?)`).run(NOW);
    migrate(db, 17);
    expect(userVersion(db)).toBe(17);
    expect(db.prepare('SELECT id, destination, origin FROM messages').all()).toEqual([{ id: 'm1', destination: '13800138000', origin: 'desk' }]);
    expect(() => db.prepare("UPDATE messages SET origin = 'elsewhere'").run()).toThrow();
  });

  it('17 -> 18 copies each debtor\'s name onto its cases and keeps the copy through inserts, renames and moves', () => {
    const db = fresh();
    migrate(db, 17);
    seedV1(db);
    migrate(db, 18);
    expect(userVersion(db)).toBe(18);
    const names = () => db.prepare('SELECT id, debtor_name FROM cases ORDER BY id').all();
    expect(names()).toEqual([1, 2, 3].map((id) => ({ id, debtor_name: '张三' })));
    db.prepare("INSERT INTO debtors (id, name, gender, id_number, id_tail4, updated_at) VALUES (2, '李四', 'F', '110105198001015678', '5678', ?)").run(NOW);
    db.prepare(`INSERT INTO cases (id, debtor_id, creditor, product, account_no, principal_fen, balance_fen, overdue_fen, min_due_fen, overdue_since, assigned_agent_id, updated_at)
                VALUES (4, 2, '招商银行信用卡中心', 'credit_card', '6225880000000004', 100, 100, 100, 10, '2026-02-01', 1, ?)`).run(NOW);
    db.prepare("UPDATE debtors SET name = '张山' WHERE id = 1").run();
    db.prepare('UPDATE cases SET debtor_id = 2 WHERE id = 3').run();
    expect(names()).toEqual([{ id: 1, debtor_name: '张山' }, { id: 2, debtor_name: '张山' }, { id: 3, debtor_name: '李四' }, { id: 4, debtor_name: '李四' }]);
    // An upsert of the same debtor (as a sync pull does) keeps it too.
    db.prepare("INSERT INTO debtors (id, name, gender, updated_at) VALUES (2, '李思', 'F', ?) ON CONFLICT (id) DO UPDATE SET name = excluded.name").run(NOW);
    expect(names()).toEqual([{ id: 1, debtor_name: '张山' }, { id: 2, debtor_name: '张山' }, { id: 3, debtor_name: '李思' }, { id: 4, debtor_name: '李思' }]);
    const plan = (db.prepare("EXPLAIN QUERY PLAN SELECT count(*) FROM cases c INDEXED BY cases_name WHERE c.assigned_agent_id = 1 AND c.debtor_name >= '张' AND c.debtor_name < '张\u{10FFFF}'").all() as { detail: string }[]).map((r) => r.detail).join(' | ');
    expect(plan).toContain('COVERING INDEX cases_name');
  });

  it('18 -> 19 writes the CHECK lists as comparisons in place: rows kept, the same values refused, the file reopens', () => {
    const dir = tempDir();
    const db = openDbFile(path.join(dir, DB_FILE));
    migrate(db, 18);
    seedV1(db);
    const before = db.prepare('SELECT * FROM cases ORDER BY id').all();
    migrate(db, 19);
    expect(userVersion(db)).toBe(19);
    const schema = db.prepare<[], { name: string; sql: string }>("SELECT name, sql FROM sqlite_master WHERE sql IS NOT NULL").all();
    expect(schema.flatMap((r) => slowInLists(r.sql))).toEqual([]);
    expect(schema.find((r) => r.name === 'cases')?.sql).toContain("status = 'open' OR status = 'ptp'");
    expect(db.prepare('SELECT * FROM cases ORDER BY id').all()).toEqual(before);
    expect(() => db.prepare("UPDATE cases SET status = 'weird' WHERE id = 1").run()).toThrow(/CHECK constraint failed/);
    expect(() => db.prepare("UPDATE phones SET owner = 'neighbour' WHERE id = 1").run()).toThrow(/CHECK constraint failed/);
    db.prepare("UPDATE cases SET status = 'hold' WHERE id = 1").run();
    // a case inserted with its debtor's name is left as it is; one without gets it from the trigger
    const insert = db.prepare(`INSERT INTO cases (id, debtor_id, creditor, product, account_no, principal_fen, balance_fen, overdue_fen, min_due_fen, overdue_since, assigned_agent_id, updated_at, debtor_name)
                VALUES (?, 1, '招商银行信用卡中心', 'credit_card', '6225880000000009', 100, 100, 100, 10, '2026-02-01', 1, ?, ?)`);
    insert.run(8, NOW, '张三');
    insert.run(9, NOW, null);
    insert.run(10, NOW, '错名');
    expect(db.prepare('SELECT debtor_name FROM cases WHERE id IN (8, 9, 10) ORDER BY id').pluck().all()).toEqual(['张三', '张三', '张三']);
    db.close();
    const again = openDbFile(path.join(dir, DB_FILE));
    open.push(again);
    expect(again.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(() => again.prepare("UPDATE cases SET status = 'weird' WHERE id = 2").run()).toThrow(/CHECK constraint failed/);
  });

  it('a migration whose code fails leaves the schema and version as they were', () => {
    const db = fresh();
    migrate(db, 18);
    const sql = () => db.prepare("SELECT sql FROM sqlite_master WHERE name = 'cases'").pluck().get();
    const was = sql();
    const failing = [...MIGRATIONS.slice(0, 18), { version: 19, name: 'fails_after_rewrite', up: '', run: (d: Db) => { rewriteCheckLists(d); throw new Error('boom'); } }];
    expect(() => migrate(db, undefined, failing)).toThrow(/boom/);
    expect(userVersion(db)).toBe(18);
    expect(sql()).toBe(was);
  });

  it('each migration is atomic: a failing one leaves the previous version intact', () => {
    const db = fresh();
    migrate(db, 1);
    const broken = [...MIGRATIONS.slice(0, 2), { version: 3, name: 'broken', up: 'CREATE TABLE t1 (x INTEGER); CREATE TABLE nope (' }];
    expect(() => migrate(db, undefined, broken)).toThrow();
    expect(userVersion(db)).toBe(2);
    expect(tables(db)).toContain('attempts');
    expect(tables(db)).not.toContain('t1');
  });

  it('a new database is created whole or not at all', () => {
    const db = fresh();
    const broken = [...MIGRATIONS.slice(0, 2), { version: 3, name: 'broken', up: 'CREATE TABLE t1 (x INTEGER); CREATE TABLE nope (' }];
    expect(() => migrate(db, undefined, broken)).toThrow();
    expect(userVersion(db)).toBe(0);
    expect(tables(db)).toEqual([]);
    expect(migrate(db)).toEqual({ from: 0, to: LATEST_VERSION });
  });

  it('refuses a database from a newer app', () => {
    const dir = tempDir();
    const db = openDbFile(path.join(dir, DB_FILE));
    open.push(db);
    db.pragma(`user_version = ${LATEST_VERSION + 1}`);
    expect(() => migrate(db)).toThrow(/newer/);
  });
});
