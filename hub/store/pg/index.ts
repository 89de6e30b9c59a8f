import pg from 'pg';
import { checkMigrations, lastVersion, type Migration, type Param, type Q, type Store } from '../types';
import { PG_MIGRATIONS } from './migrations';

/** Numbers come back as numbers: int8 (ids, counters) and numeric fit a double in this domain. */
const types = {
  getTypeParser: ((oid: number, format?: string) => {
    if (oid === 20 || oid === 1700) return (v: string) => Number(v);
    return pg.types.getTypeParser(oid, format as 'text');
  }) as typeof pg.types.getTypeParser,
};

const RETRYABLE = new Set(['40001', '40P01']); // serialization failure, deadlock

const numbered = new Map<string, string>();
/** `?` -> `$1, $2, ...` (the hub's SQL never has a literal question mark). */
export function toPg(sql: string): string {
  let out = numbered.get(sql);
  if (out === undefined) {
    let i = 0;
    out = sql.replace(/\?/g, () => `$${++i}`);
    if (numbered.size > 5000) numbered.clear();
    numbered.set(sql, out);
  }
  return out;
}

/**
 * PostgreSQL text cannot hold NUL; the hub must round-trip any string a desk sends. Strings are
 * stored with NUL (and the escape mark itself, U+E000) escaped, and unescaped on the way out.
 */
const MARK = '\uE000';
const enc = (p: Param): Param =>
  typeof p === 'string' && (p.includes('\u0000') || p.includes(MARK)) ? p.split(MARK).join(`${MARK}E`).split('\u0000').join(`${MARK}0`) : p;
const dec = (v: unknown): unknown => (typeof v === 'string' && v.includes(MARK) ? v.replace(/\uE000([0E])/g, (_, k: string) => (k === '0' ? '\u0000' : MARK)) : v);
function decodeRows<T>(rows: Record<string, unknown>[]): T[] {
  for (const r of rows) for (const k in r) if (typeof r[k] === 'string') r[k] = dec(r[k]);
  return rows as T[];
}

/**
 * Statements with parameters run as named prepared statements (parsed and planned once per
 * connection): the hub has a fixed set of statements. Statements with many parameters (bulk
 * VALUES, long IN lists) and anything past MAX_NAMED distinct texts run unnamed.
 */
const MAX_NAMED = 2000;
const MAX_NAMED_PARAMS = 64;
const names = new Map<string, string>();
function statement(sql: string, params: readonly Param[]): pg.QueryConfig {
  const text = toPg(sql);
  const values = params.map(enc);
  if (values.length === 0) return { text }; // simple protocol: DDL and multi-statement texts
  if (values.length > MAX_NAMED_PARAMS) return { text, values }; // bulk VALUES / IN lists: sizes vary, not worth a plan per connection
  let name = names.get(text);
  if (name === undefined && names.size < MAX_NAMED) names.set(text, (name = `hub_${names.size + 1}`));
  return name === undefined ? { text, values } : { name, text, values };
}

/** `?` -> escaped literals, for the commit tail (a simple-query message carries no parameters). */
function inline(client: pg.PoolClient, sql: string, params: readonly Param[]): string {
  let i = 0;
  const out = sql.replace(/\?/g, () => {
    if (i >= params.length) throw new Error('atCommit: fewer parameters than placeholders');
    const p = enc(params[i++] ?? null);
    if (p === null) return 'NULL';
    if (typeof p === 'number') {
      if (!Number.isFinite(p)) throw new Error('atCommit: a non-finite number');
      return String(p);
    }
    return client.escapeLiteral(p);
  });
  if (i !== params.length) throw new Error('atCommit: more parameters than placeholders');
  return out;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * The many-team store: a pg Pool. Writers run READ COMMITTED with explicit row locks
 * (SELECT ... FOR UPDATE on the device, the case, the receivers' feed counters), retried on a
 * deadlock or serialization failure; nothing that matters is held in memory, so several hub
 * processes may share one database. `schema` (optional) sets the search_path of every connection.
 */
export function openPgStore(opts: { url: string; schema?: string; max?: number; migrations?: readonly Migration[] }): Store {
  if (opts.schema !== undefined && !SCHEMA_NAME.test(opts.schema)) throw new Error(`invalid PostgreSQL schema name: ${opts.schema}`);
  const pool = new pg.Pool({ connectionString: opts.url, max: opts.max ?? 25, types });
  pool.on('error', () => undefined); // an idle client's error; the next checkout reconnects
  if (opts.schema) {
    const schema = opts.schema;
    pool.on('connect', (client) => {
      client.query(`SET search_path TO ${schema}`).catch(() => undefined);
    });
  }
  const migrations = opts.migrations ?? PG_MIGRATIONS;
  checkMigrations(migrations);

  /** A write unit's statements; `tail` collects what `atCommit` queued (null: not a transaction). */
  const qOf = (client: pg.PoolClient, tail: string[] | null): Q => {
    const exec = (sql: string, params: readonly Param[]) => client.query(statement(sql, params));
    return {
      kind: 'postgres',
      forUpdate: ' FOR UPDATE',
      all: async <T>(sql: string, params: readonly Param[] = []) => decodeRows<T>((await exec(sql, params)).rows),
      get: async <T>(sql: string, params: readonly Param[] = []) => decodeRows<T>((await exec(sql, params)).rows)[0],
      run: async (sql: string, params: readonly Param[] = []) => (await exec(sql, params)).rowCount ?? 0,
      atCommit: async (sql: string, params: readonly Param[] = []) => {
        if (!tail) throw new Error('atCommit outside a write transaction');
        tail.push(inline(client, sql, params));
      },
    };
  };

  const tx = async <T>(begin: string, fn: (q: Q) => Promise<T>, attempts: number): Promise<T> => {
    for (let attempt = 1; ; attempt++) {
      const client = await pool.connect();
      let broken = false;
      try {
        await client.query(begin);
        const tail: string[] = [];
        const out = await fn(qOf(client, tail));
        // The queued tail and COMMIT travel as one simple-query message: one round trip, and the
        // locks the tail takes are released by the commit without waiting on this process.
        await client.query(tail.length > 0 ? `${tail.join(';\n')};\nCOMMIT` : 'COMMIT');
        return out;
      } catch (e) {
        try {
          await client.query('ROLLBACK');
        } catch {
          broken = true;
        }
        const code = (e as { code?: string }).code;
        if (code && RETRYABLE.has(code) && attempt < attempts) {
          await new Promise((r) => setTimeout(r, Math.random() * 10 * attempt));
          continue;
        }
        throw e;
      } finally {
        client.release(broken);
      }
    }
  };

  /** Reads need no transaction block: under READ COMMITTED every statement has its own snapshot either way. */
  const read = async <T>(fn: (q: Q) => Promise<T>): Promise<T> => {
    const client = await pool.connect();
    try {
      return await fn(qOf(client, null));
    } finally {
      client.release(); // a statement error leaves an autocommit session clean; the pool drops a dead connection itself
    }
  };

  return {
    kind: 'postgres',
    write: (fn) => tx('BEGIN', fn, 8),
    read,
    migrate: async () => {
      return tx(
        'BEGIN',
        async (q) => {
          // Several hubs may start at once on one database: one migrates, the others wait.
          await q.run("SELECT pg_advisory_xact_lock(hashtext('collectdesk-hub-migrate'))");
          if (opts.schema) await q.run(`CREATE SCHEMA IF NOT EXISTS ${opts.schema}`);
          await q.run('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
          const current = async () => (await q.get<{ v: number }>('SELECT coalesce(max(version), 0) AS v FROM schema_version'))?.v ?? 0;
          const from = await current();
          if (from > lastVersion(migrations)) throw new Error(`hub database schema version ${from} is newer than this hub (${lastVersion(migrations)}); update the hub`);
          const applied = new Set((await q.all<{ version: number }>('SELECT version FROM schema_version')).map((r) => Number(r.version)));
          for (const m of migrations) {
            if (applied.has(m.version)) continue;
            await q.run(m.up);
            await q.run('INSERT INTO schema_version (version, name, applied_at) VALUES (?, ?, ?)', [m.version, m.name, new Date().toISOString()]);
          }
          return { from, to: await current() };
        },
        3,
      );
    },
    close: async () => {
      await pool.end();
    },
  };
}
