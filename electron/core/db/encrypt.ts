/**
 * Encryption at rest of a desk database file: tell plain from encrypted, encrypt a plain file in
 * place (`PRAGMA rekey`) with a byte copy kept until the encrypted file verifies, and finish or
 * undo an upgrade a crash interrupted. No path here deletes data that is not also in the backup.
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import { rawKeyLiteral, type KeyLog } from './key';

const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');
export const BACKUP_SUFFIX = '.plain-backup';
/**
 * The cipher of new and upgraded files, pinned with its variant (rather than the library
 * default) so a library upgrade cannot change it. AEGIS-256 is authenticated like
 * ChaCha20-Poly1305 and, on the AES instructions every desk CPU has, about four times cheaper a
 * page: a saved call commits some thirty pages, so the cipher was half of the save's commit.
 */
export const CIPHER = 'aegis';
/** Ciphers earlier versions wrote: such a file is read with its own and re-encrypted with CIPHER at the next writable open. */
export const LEGACY_CIPHERS = ['chacha20'] as const;
export type Cipher = typeof CIPHER | (typeof LEGACY_CIPHERS)[number];

const cipherPragmas = (cipher: Cipher): string[] => (cipher === 'aegis' ? ["cipher = 'aegis'", "algorithm = 'aegis-256'"] : [`cipher = '${cipher}'`]);

export type FileState = 'missing' | 'plain' | 'encrypted';

/** Missing (or empty: SQLite treats it as new), plain SQLite, or anything else (encrypted). */
export function fileState(file: string): FileState {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return 'missing';
    throw e;
  }
  try {
    const head = Buffer.alloc(SQLITE_MAGIC.length);
    const n = fs.readSync(fd, head, 0, head.length, 0);
    if (n === 0) return 'missing';
    return n === head.length && head.equals(SQLITE_MAGIC) ? 'plain' : 'encrypted';
  } finally {
    fs.closeSync(fd);
  }
}

/** Key a fresh connection (first thing after opening). The wrong key shows only at the first read. */
export function applyKey(db: Database.Database, key: Buffer, cipher: Cipher = CIPHER): void {
  for (const p of keyPragmas(key, cipher)) db.pragma(p);
}

/** The pragmas that key a connection, in order (also for a checkpoint worker's own connection). */
export const keyPragmas = (key: Buffer, cipher: Cipher = CIPHER): string[] => [...cipherPragmas(cipher), `key = ${rawKeyLiteral(key)}`];

/** The earlier cipher `key` opens `file` with, if any (a cheap read of the schema; never writes). */
export function legacyCipherOf(file: string, key: Buffer): Cipher | null {
  for (const cipher of LEGACY_CIPHERS) {
    const db = new Database(file, { readonly: true, fileMustExist: true });
    try {
      applyKey(db, key, cipher);
      db.prepare('SELECT count(*) FROM sqlite_master').get();
      return cipher;
    } catch (e) {
      if (!isNotADatabase(e)) throw e;
    } finally {
      db.close();
    }
  }
  return null;
}

export function isNotADatabase(e: unknown): boolean {
  return e instanceof Error && (e as { code?: unknown }).code === 'SQLITE_NOTADB';
}

/** True when `key` opens `file` (with CIPHER) and its pages check out; false for a wrong key. Never writes. */
function verifiesWithKey(file: string, key: Buffer): boolean {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    applyKey(db, key);
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    return db.pragma('quick_check', { simple: true }) === 'ok';
  } catch (e) {
    if (isNotADatabase(e)) return false;
    throw e;
  } finally {
    db.close();
  }
}

function copyDurably(from: string, to: string): void {
  const tmp = `${to}.tmp`;
  fs.copyFileSync(from, tmp);
  const fd = fs.openSync(tmp, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, to);
}

const sidecars = (file: string): string[] => [`${file}-journal`, `${file}-wal`, `${file}-shm`];

/**
 * Finish or undo an encryption an earlier start did not complete (crash, kill -9, power loss).
 * The backup is the file (plain, or under an earlier cipher) as it was just before `PRAGMA
 * rekey`; nothing wrote to the database after it was taken, so restoring it loses nothing.
 */
export function recoverInterruptedUpgrade(file: string, key: Buffer, log: KeyLog): void {
  const backup = file + BACKUP_SUFFIX;
  fs.rmSync(`${backup}.tmp`, { force: true }); // a copy cut short: the original was untouched
  if (!fs.existsSync(backup)) return;
  const hotJournal = fs.existsSync(`${file}-journal`);
  const state = fileState(file);
  if (!hotJournal && state === 'encrypted' && verifiesWithKey(file, key)) {
    // The rekey committed; only the clean-up was missed.
    fs.rmSync(backup);
    log('info', `finished encrypting ${file}`);
    return;
  }
  if (hotJournal || state !== 'encrypted' || legacyCipherOf(file, key) !== null) {
    // The rekey did not commit (or never started): put the copy back and encrypt again.
    copyDurably(backup, file);
    for (const f of sidecars(file)) fs.rmSync(f, { force: true });
    log('warn', `an interrupted encryption of ${file} was undone from its backup; encrypting again`);
    return;
  }
  throw new Error(
    `${file} is encrypted with another key and an unfinished upgrade left the plain backup ${backup}; nothing was changed. Use the key it was encrypted with.`,
  );
}

/**
 * Encrypt a database in place with CIPHER: a plain one (`from` 'plain'), or one under an earlier
 * cipher with the same key. The copy as it was stays beside it until the encrypted file verifies.
 */
export function encryptPlainInPlace(file: string, key: Buffer, log: KeyLog, from: 'plain' | Cipher = 'plain'): void {
  const backup = file + BACKUP_SUFFIX;
  const t0 = performance.now();
  const open = (): Database.Database => {
    const db = new Database(file, { fileMustExist: true });
    try {
      if (from !== 'plain') applyKey(db, key, from);
      db.prepare('SELECT count(*) FROM sqlite_master').get();
      return db;
    } catch (e) {
      db.close();
      throw e;
    }
  };
  // Rekeying needs a rollback journal, and every committed page in the main file.
  const before = open();
  try {
    before.pragma('wal_checkpoint(TRUNCATE)');
    const mode = String(before.pragma('journal_mode = DELETE', { simple: true })).toLowerCase();
    if (mode !== 'delete') throw new Error(`could not leave WAL mode to encrypt ${file} (got ${mode}); is another program using it?`);
  } finally {
    before.close();
  }
  copyDurably(file, backup);
  const db = open();
  try {
    for (const p of cipherPragmas(CIPHER)) db.pragma(p);
    db.pragma(`rekey = ${rawKeyLiteral(key)}`);
  } finally {
    db.close();
  }
  if (!verifiesWithKey(file, key)) throw new Error(`encrypting ${file} did not verify; the copy as it was is kept at ${backup}`);
  fs.rmSync(backup);
  const what = from === 'plain' ? 'the existing plain database' : `the database (from cipher ${from})`;
  log('info', `encrypted ${what} ${file} in ${Math.round(performance.now() - t0)} ms`);
}
