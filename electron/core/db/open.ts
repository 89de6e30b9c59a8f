import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';

export type Db = Database.Database;
export type Synchronous = 'FULL' | 'NORMAL';

export const DB_FILE = 'collectdesk.db';

export interface OpenDbOptions {
  /** FULL (default): a committed transaction survives power loss, not only a process kill. */
  synchronous?: Synchronous;
  busyTimeoutMs?: number;
  readonly?: boolean;
}

/** Open (creating if needed) the desk database in `dataDir` with the pragmas the design requires. */
export function openDb(dataDir: string, opts: OpenDbOptions = {}): Db {
  fs.mkdirSync(dataDir, { recursive: true });
  return openDbFile(path.join(dataDir, DB_FILE), opts);
}

export function openDbFile(file: string, opts: OpenDbOptions = {}): Db {
  const db = new Database(file, { readonly: opts.readonly ?? false });
  try {
    db.pragma(`busy_timeout = ${Math.max(0, Math.floor(opts.busyTimeoutMs ?? 5000))}`);
    if (!opts.readonly) {
      const mode = db.pragma('journal_mode = WAL', { simple: true });
      if (String(mode).toLowerCase() !== 'wal') throw new Error(`could not enable WAL (got ${String(mode)})`);
    }
    db.pragma(`synchronous = ${opts.synchronous ?? 'FULL'}`);
    db.pragma('foreign_keys = ON');
    db.pragma('temp_store = MEMORY');
    // 64 MB page cache and memory-mapped reads: the queue and search indexes of a 100k-case desk stay hot.
    db.pragma('cache_size = -65536');
    db.pragma('mmap_size = 268435456');
    return db;
  } catch (e) {
    db.close();
    throw e;
  }
}
