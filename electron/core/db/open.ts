import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { NO_CHECKPOINTER, startCheckpointer, type Checkpointer } from '../../../node-shared/sqlite/checkpointer';
import { applyKey, BACKUP_SUFFIX, CIPHER, encryptPlainInPlace, fileState, isNotADatabase, keyPragmas, legacyCipherOf, recoverInterruptedUpgrade, type Cipher } from './encrypt';
import { envOrFileKeys, type DbKeySource, type KeyLog } from './key';

export type Db = Database.Database;
export type Synchronous = 'FULL' | 'NORMAL';

export const DB_FILE = 'collectdesk.db';

export interface OpenDbOptions {
  /** FULL (default): a committed transaction survives power loss, not only a process kill. */
  synchronous?: Synchronous;
  busyTimeoutMs?: number;
  readonly?: boolean;
  /** Where the key comes from (default: COLLECTDESK_DB_KEY, else the key file beside the database). */
  keys?: DbKeySource;
  /** Key and upgrade messages (default: standard error). */
  log?: KeyLog;
  /**
   * Benchmarks only (`npm run bench` reports plain and encrypted figures side by side): open a
   * plain database without encryption. Refused for an encrypted file; never used by the app.
   */
  plain?: boolean;
}

/** The database cannot be opened with the key at hand; nothing was changed. */
export class DbKeyError extends Error {
  override name = 'DbKeyError';
}

const stderrLog: KeyLog = (level, msg) => void process.stderr.write(`[collectdesk ${level}] ${msg}\n`);

/** Open (creating if needed) the desk database in `dataDir` with the pragmas the design requires. */
export function openDb(dataDir: string, opts: OpenDbOptions = {}): Db {
  fs.mkdirSync(dataDir, { recursive: true });
  return openDbFile(path.join(dataDir, DB_FILE), opts);
}

/** The key for `file`: stored, or made for a new or still-plain database; never made for an encrypted one. */
function keyFor(file: string, keys: DbKeySource, log: KeyLog): Buffer {
  const dir = path.dirname(file);
  const stored = keys.load(dir);
  if (stored) return stored;
  if (fileState(file) === 'encrypted' || fs.existsSync(file + BACKUP_SUFFIX)) {
    throw new DbKeyError(`${file} is encrypted and there is no key for it (${keys.describe(dir)}). Nothing was changed.`);
  }
  return keys.create(dir, log);
}

/**
 * Open an encrypted desk database file (a new file is created encrypted; a plain one from before
 * encryption is encrypted in place first). A wrong key fails here, before anything is written.
 */
export function openDbFile(file: string, opts: OpenDbOptions = {}): Db {
  return openKeyed(file, opts).db;
}

/** How often the desk's checkpoint worker looks at the WAL (a save is seconds apart; a pull writes thousands of pages). */
const CHECKPOINT_EVERY_MS = 500;
/**
 * The worker copies back once the WAL holds this many frames (SQLite's own default threshold,
 * about 4 MB): a save writes ~30, so most saves append to the WAL instead of starting it afresh,
 * which costs a second fsync (the new header's) on the agent's Save.
 */
export const CHECKPOINT_MIN_FRAMES = 1000;
/** The save's own checkpoint, far out: only if the worker stops making progress (about 80 MB of WAL). */
const CHECKPOINT_BACKSTOP_PAGES = 20_000;

/**
 * The desk's working database: `openDb` plus a worker thread that checkpoints the WAL, so an
 * agent's save never pays for copying (and, encrypted, re-encrypting) a thousand pages back.
 * Close the checkpointer after the database (it empties the WAL once it is the last connection).
 */
export function openDeskDb(dataDir: string, opts: OpenDbOptions = {}): { db: Db; checkpointer: Checkpointer } {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, DB_FILE);
  const { db, key, cipher } = openKeyed(file, opts);
  if (opts.readonly) return { db, checkpointer: NO_CHECKPOINTER };
  const pragmas = [...(key ? keyPragmas(key, cipher) : []), 'busy_timeout = 1000', `synchronous = ${opts.synchronous ?? 'FULL'}`];
  try {
    return { db, checkpointer: startCheckpointer(db, file, { everyMs: CHECKPOINT_EVERY_MS, minFrames: CHECKPOINT_MIN_FRAMES, pragmas, backstopPages: CHECKPOINT_BACKSTOP_PAGES }) };
  } catch (e) {
    db.close();
    throw e;
  }
}

function openKeyed(file: string, opts: OpenDbOptions): { db: Db; key: Buffer | null; cipher: Cipher } {
  const keys = opts.keys ?? envOrFileKeys();
  const log = opts.log ?? stderrLog;
  let key: Buffer | null = null;
  if (opts.plain) {
    if (fileState(file) === 'encrypted') throw new DbKeyError(`${file} is encrypted: it cannot be opened as a plain (benchmark) database`);
  } else {
    key = keyFor(file, keys, log);
    if (!opts.readonly) {
      recoverInterruptedUpgrade(file, key, log);
      if (fileState(file) === 'plain') encryptPlainInPlace(file, key, log);
    }
  }
  let cipher: Cipher = CIPHER;
  let db = connect(file, key, cipher, opts);
  if (!db && key) {
    // Not CIPHER with this key: a file from an earlier version (re-encrypted now, or read as it is), or the wrong key.
    const legacy = legacyCipherOf(file, key);
    if (legacy && opts.readonly) cipher = legacy;
    else if (legacy) encryptPlainInPlace(file, key, log, legacy);
    if (legacy) db = connect(file, key, cipher, opts);
  }
  if (!db) {
    throw new DbKeyError(`${file} cannot be opened with ${keys.describe(path.dirname(file))}: wrong key, or not a CollectDesk database. Nothing was changed.`);
  }
  return { db: configure(db, key, opts), key, cipher };
}

/** A keyed connection that reads, or null when the key (and cipher) do not open the file. */
function connect(file: string, key: Buffer | null, cipher: Cipher, opts: OpenDbOptions): Db | null {
  const db = new Database(file, { readonly: opts.readonly ?? false });
  try {
    if (key) applyKey(db, key, cipher);
    // The key is only tried at the first read: check now, before any pragma writes.
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    return db;
  } catch (e) {
    db.close();
    if (isNotADatabase(e)) return null;
    throw e;
  }
}

/** The pragmas the design requires, on a connection that reads. */
function configure(db: Db, key: Buffer | null, opts: OpenDbOptions): Db {
  try {
    db.pragma(`busy_timeout = ${Math.max(0, Math.floor(opts.busyTimeoutMs ?? 5000))}`);
    if (!opts.readonly) {
      const mode = db.pragma('journal_mode = WAL', { simple: true });
      if (String(mode).toLowerCase() !== 'wal') throw new Error(`could not enable WAL (got ${String(mode)})`);
    }
    db.pragma(`synchronous = ${opts.synchronous ?? 'FULL'}`);
    db.pragma('foreign_keys = ON');
    db.pragma('temp_store = MEMORY');
    // Memory-mapped reads and a 64 MB page cache keep the queue and search indexes of a 100k-case
    // desk hot. An encrypted file is never memory-mapped (each page is decrypted into the cache),
    // so it gets the mapped budget as page cache instead: 256 MB, filled only as pages are read.
    db.pragma(key ? 'cache_size = -262144' : 'cache_size = -65536');
    db.pragma('mmap_size = 268435456');
    return db;
  } catch (e) {
    db.close();
    throw e;
  }
}
