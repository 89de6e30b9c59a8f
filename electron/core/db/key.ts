/**
 * Where the desk database's key comes from: the one module every opener uses (the app, the
 * web-host, the command-line tools, the tests). A key is 32 random bytes used raw (no slow
 * passphrase derivation at each open).
 *
 * - The Electron app injects a source that keeps the key wrapped by the OS (safeStorage).
 * - Everything else (`envOrFileKeys`): `COLLECTDESK_DB_KEY` (64 hex digits) when set, otherwise a
 *   key file beside the database, created on first use with a development-only warning. So
 *   `npm run web`, `npm run import`, `npm run report` and `npm run audit` on one DATA_DIR agree.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export const KEY_ENV = 'COLLECTDESK_DB_KEY';
/** The development key file, kept beside the database. */
export const KEY_FILE = 'collectdesk.key';
export const KEY_BYTES = 32;

export type KeyLog = (level: 'warn' | 'info', msg: string) => void;

/** Stores and finds the key of the database in a folder. */
export interface DbKeySource {
  /** Named in error messages ("COLLECTDESK_DB_KEY", "the key file …"). */
  describe(dir: string): string;
  /** The stored key for the database in `dir`, or null when there is none. */
  load(dir: string): Buffer | null;
  /** Make and store a key for a database that is new or still plain. */
  create(dir: string, log: KeyLog): Buffer;
}

/** A 64-hex-digit key (as in COLLECTDESK_DB_KEY or the key file), or a clear error naming `where`. */
export function parseHexKey(text: string, where: string): Buffer {
  const hex = text.trim();
  if (!/^[0-9a-fA-F]{64}$/.test(hex)) throw new Error(`${where} must be exactly 64 hex digits (a 32-byte key); got ${hex.length} characters`);
  return Buffer.from(hex, 'hex');
}

/** The SQLite3 Multiple Ciphers raw-key literal: x'…' skips the passphrase KDF. */
export function rawKeyLiteral(key: Buffer): string {
  if (key.length !== KEY_BYTES) throw new Error(`a database key is ${KEY_BYTES} bytes, got ${key.length}`);
  return `"x'${key.toString('hex')}'"`;
}

/** Write `data` to `file` only if it does not exist yet, durably (a crash leaves no half file under the name). */
export function writeNewFileDurably(file: string, data: Buffer | string): void {
  const tmp = `${file}.${process.pid}.tmp`;
  const fd = fs.openSync(tmp, 'w', 0o600);
  try {
    fs.writeFileSync(fd, data);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  try {
    // link refuses an existing name: two processes creating at once keep the first key
    fs.linkSync(tmp, file);
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}

/** COLLECTDESK_DB_KEY when set, otherwise the development key file beside the database. */
export function envOrFileKeys(env: NodeJS.ProcessEnv = process.env): DbKeySource {
  const fromEnv = (): Buffer | null => {
    const v = env[KEY_ENV];
    return v === undefined || v === '' ? null : parseHexKey(v, KEY_ENV);
  };
  const file = (dir: string): string => path.join(dir, KEY_FILE);
  const source: DbKeySource = {
    describe: (dir) => (fromEnv() ? KEY_ENV : `the key file ${file(dir)} (${KEY_ENV} is not set)`),
    load(dir) {
      const k = fromEnv();
      if (k) return k;
      try {
        return parseHexKey(fs.readFileSync(file(dir), 'utf8'), file(dir));
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw e;
      }
    },
    create(dir, log) {
      const k = fromEnv();
      if (k) return k;
      try {
        writeNewFileDurably(file(dir), `${randomBytes(KEY_BYTES).toString('hex')}\n`);
        log('warn', `created the database key file ${file(dir)}: for development only. Set ${KEY_ENV} (64 hex digits) or use the desktop app, which keeps the key wrapped by the operating system.`);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      }
      const stored = source.load(dir);
      if (!stored) throw new Error(`could not create ${file(dir)}`);
      return stored;
    },
  };
  return source;
}

/** The OS wrapping the app uses (Electron safeStorage: DPAPI on Windows). */
export interface KeyWrapper {
  encrypt(plain: string): Buffer;
  decrypt(wrapped: Buffer): string;
}

export const WRAPPED_KEY_FILE = 'collectdesk.key.wrapped';

/** A key kept beside the database, wrapped by the OS for this Windows user (the app). */
export function wrappedKeys(wrapper: KeyWrapper): DbKeySource {
  const file = (dir: string): string => path.join(dir, WRAPPED_KEY_FILE);
  const source: DbKeySource = {
    describe: (dir) => `the wrapped key ${file(dir)}`,
    load(dir) {
      let wrapped: Buffer;
      try {
        wrapped = fs.readFileSync(file(dir));
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw e;
      }
      return parseHexKey(wrapper.decrypt(wrapped), file(dir));
    },
    create(dir, log) {
      try {
        writeNewFileDurably(file(dir), wrapper.encrypt(randomBytes(KEY_BYTES).toString('hex')));
        log('info', `created the wrapped database key ${file(dir)}`);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      }
      const stored = source.load(dir);
      if (!stored) throw new Error(`could not create ${file(dir)}`);
      return stored;
    },
  };
  return source;
}
