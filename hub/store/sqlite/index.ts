import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { checkMigrations, lastVersion, type Migration, type Param, type Q, type Store } from '../types';
import { startCheckpointer } from '../../../node-shared/sqlite/checkpointer';
import { SQLITE_MIGRATIONS } from './migrations';
import { prepared, type Prepared } from './rows';

export const SQLITE_FILE = 'hub.db';

/**
 * The embedded store: one better-sqlite3 connection in WAL mode. better-sqlite3 is synchronous
 * while the store interface is async, so every unit of work holds a promise mutex: a transaction
 * never interleaves with another on the one connection. Writers use BEGIN IMMEDIATE.
 */
export function openSqliteStore(opts: { dataDir?: string; file?: string; migrations?: readonly Migration[] }): Store {
  const file = opts.file ?? path.join(opts.dataDir ?? '.', SQLITE_FILE);
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  // A push the hub has answered is gone from the desk's outbox: its commit must survive a power
  // loss, as on PostgreSQL (synchronous_commit on). In WAL mode that is one WAL fsync per commit.
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  // A team's working set (its cases, their device-made ids in random order, its feed) stays in
  // memory when the file holds a million other cases: SQLite's default page cache is 2 MB.
  db.pragma('cache_size = -262144'); // 256 MiB
  db.pragma('mmap_size = 2147418112'); // reads through the OS page cache without copies (SQLite's default cap, ~2 GB)
  const checkpointer = startCheckpointer(db, file);
  const migrations = opts.migrations ?? SQLITE_MIGRATIONS;
  checkMigrations(migrations);

  const cache = new Map<string, Prepared>();
  const prep = (sql: string): Prepared => {
    let p = cache.get(sql);
    if (!p) {
      p = prepared(db.prepare(sql));
      if (cache.size > 2000) cache.clear();
      cache.set(sql, p);
    }
    return p;
  };
  const q: Q = {
    kind: 'sqlite',
    forUpdate: '',
    all: async <T>(sql: string, params: readonly Param[] = []) => prep(sql).all(params) as T[],
    get: async <T>(sql: string, params: readonly Param[] = []) => prep(sql).get(params) as T | undefined,
    run: async (sql: string, params: readonly Param[] = []) => prep(sql).st.run(...params).changes,
    // One writer at a time (BEGIN IMMEDIATE): nothing to gain by deferring, so run it now.
    atCommit: async (sql: string, params: readonly Param[] = []) => {
      prep(sql).st.run(...params);
    },
  };

  let tail: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(fn: () => Promise<T>): Promise<T> => {
    const next = tail.then(fn, fn);
    tail = next.catch(() => undefined);
    return next;
  };
  let closed = false;

  const inTx = async <T>(begin: string, fn: (q: Q) => Promise<T>): Promise<T> => {
    if (closed) throw new Error('hub store is closed');
    db.exec(begin);
    try {
      const out = await fn(q);
      db.exec('COMMIT');
      return out;
    } catch (e) {
      if (db.inTransaction) db.exec('ROLLBACK');
      throw e;
    }
  };

  return {
    kind: 'sqlite',
    write: (fn) => exclusive(() => inTx('BEGIN IMMEDIATE', fn)),
    read: (fn) => exclusive(() => inTx('BEGIN', fn)),
    migrate: () =>
      exclusive(async () => {
        db.exec('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
        const current = () => (db.prepare('SELECT coalesce(max(version), 0) AS v FROM schema_version').get() as { v: number }).v;
        const from = current();
        if (from > lastVersion(migrations)) throw new Error(`hub database schema version ${from} is newer than this hub (${lastVersion(migrations)}); update the hub`);
        const applied = new Set((db.prepare('SELECT version FROM schema_version').all() as { version: number }[]).map((r) => Number(r.version)));
        for (const m of migrations) {
          if (applied.has(m.version)) continue;
          db.transaction(() => {
            db.exec(m.up);
            db.prepare('INSERT INTO schema_version (version, name, applied_at) VALUES (?, ?, ?)').run(m.version, m.name, new Date().toISOString());
          }).immediate();
        }
        return { from, to: current() };
      }),
    close: () =>
      exclusive(async () => {
        if (closed) return;
        closed = true;
        cache.clear();
        await checkpointer.close();
        db.close();
      }),
  };
}
