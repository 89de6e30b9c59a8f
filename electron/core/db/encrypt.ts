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
/** The cipher, pinned (rather than the library default) so a library upgrade cannot change it. */
export const CIPHER = 'chacha20';

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
export function applyKey(db: Database.Database, key: Buffer): void {
  for (const p of keyPragmas(key)) db.pragma(p);
}

/** The pragmas that key a connection, in order (also for a checkpoint worker's own connection). */
export const keyPragmas = (key: Buffer): string[] => [`cipher = '${CIPHER}'`, `key = ${rawKeyLiteral(key)}`];

export function isNotADatabase(e: unknown): boolean {
  return e instanceof Error && (e as { code?: unknown }).code === 'SQLITE_NOTADB';
}

/** True when `key` opens `file` and its pages check out; false for a wrong key. Never writes. */
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
 * The backup is the plain file as it was just before `PRAGMA rekey`; nothing wrote to the
 * database after it was taken, so restoring it loses nothing.
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
  if (hotJournal || state !== 'encrypted') {
    // The rekey did not commit (or never started): put the plain copy back and encrypt again.
    copyDurably(backup, file);
    for (const f of sidecars(file)) fs.rmSync(f, { force: true });
    log('warn', `an interrupted encryption of ${file} was undone from its backup; encrypting again`);
    return;
  }
  throw new Error(
    `${file} is encrypted with another key and an unfinished upgrade left the plain backup ${backup}; nothing was changed. Use the key it was encrypted with.`,
  );
}

/** Encrypt a plain database in place. The plain copy stays beside it until the encrypted file verifies. */
export function encryptPlainInPlace(file: string, key: Buffer, log: KeyLog): void {
  const backup = file + BACKUP_SUFFIX;
  const t0 = performance.now();
  // Rekeying needs a rollback journal, and every committed page in the main file.
  const plain = new Database(file, { fileMustExist: true });
  try {
    plain.pragma('wal_checkpoint(TRUNCATE)');
    const mode = String(plain.pragma('journal_mode = DELETE', { simple: true })).toLowerCase();
    if (mode !== 'delete') throw new Error(`could not leave WAL mode to encrypt ${file} (got ${mode}); is another program using it?`);
  } finally {
    plain.close();
  }
  copyDurably(file, backup);
  const db = new Database(file, { fileMustExist: true });
  try {
    db.pragma(`cipher = '${CIPHER}'`);
    db.pragma(`rekey = ${rawKeyLiteral(key)}`);
  } finally {
    db.close();
  }
  if (!verifiesWithKey(file, key)) throw new Error(`encrypting ${file} did not verify; the plain copy is kept at ${backup}`);
  fs.rmSync(backup);
  log('info', `encrypted the existing plain database ${file} in ${Math.round(performance.now() - t0)} ms`);
}
