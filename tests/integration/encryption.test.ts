import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BACKUP_SUFFIX, CIPHER, fileState, legacyCipherOf } from '../../electron/core/db/encrypt';
import { envOrFileKeys, KEY_ENV, KEY_FILE, rawKeyLiteral } from '../../electron/core/db/key';
import { DB_FILE, DbKeyError, openDb } from '../../electron/core/db/open';
import { addCase, attemptInput, openTestDesk, tempDir } from '../fixtures/desk';

const ROOT = path.resolve(__dirname, '..', '..');
const NAME = '欧阳锦绣';
const ID_NUMBER = '110105198807074321';
const NOTE = '客户表示下周三还款';
const keyA = 'a1'.repeat(32);
const keyB = 'b2'.repeat(32);

/** Every byte the desk left in its folder, key files aside. */
function folderBytes(dir: string): Buffer {
  return Buffer.concat(fs.readdirSync(dir).filter((f) => !f.startsWith(KEY_FILE)).map((f) => fs.readFileSync(path.join(dir, f))));
}

function snapshot(dir: string): Record<string, string> {
  return Object.fromEntries(fs.readdirSync(dir).map((f) => [f, fs.readFileSync(path.join(dir, f)).toString('base64')]));
}

/** A plain database as an older desk wrote it: a real desk database, decrypted back to plain. */
async function plainDeskDatabase(): Promise<{ dir: string; caseId: number }> {
  const t = await openTestDesk();
  const { caseId } = addCase(t, { agentId: t.agentId, name: NAME, idNumber: ID_NUMBER });
  await t.call('attempt.save', attemptInput(caseId, { note: NOTE }));
  const dir = t.dir;
  t.close();
  const db = openDb(dir);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.pragma('journal_mode = DELETE');
  db.pragma("rekey = ''");
  db.close();
  expect(fileState(path.join(dir, DB_FILE))).toBe('plain');
  return { dir, caseId };
}

/** The plain test database in `dir` encrypted as versions before AEGIS did (ChaCha20, same key). */
function asEarlierVersion(dir: string): { file: string; key: Buffer } {
  const file = path.join(dir, DB_FILE);
  const key = envOrFileKeys().load(dir);
  if (!key) throw new Error('no key beside the test database');
  const old = new Database(file);
  old.pragma("cipher = 'chacha20'");
  old.pragma(`rekey = ${rawKeyLiteral(key)}`);
  old.close();
  return { file, key };
}

describe('desk database encryption at rest', () => {
  it('the files hold no readable name, note or ID number', async () => {
    const t = await openTestDesk();
    const { caseId } = addCase(t, { agentId: t.agentId, name: NAME, idNumber: ID_NUMBER });
    await t.call('attempt.save', attemptInput(caseId, { note: NOTE }));
    // once while the WAL holds the pages, once after the checkpoint
    for (const bytes of [folderBytes(t.dir), (t.desk.ctx.db.pragma('wal_checkpoint(TRUNCATE)'), folderBytes(t.dir))]) {
      expect(bytes.length).toBeGreaterThan(4096);
      for (const secret of [NAME, ID_NUMBER, NOTE, 'SQLite format 3']) expect(bytes.includes(Buffer.from(secret)), secret).toBe(false);
    }
    expect(fileState(path.join(t.dir, DB_FILE))).toBe('encrypted');
    t.close();
    // the control: the same content decrypted is readable, so the check above can fail
    const { dir } = await plainDeskDatabase();
    expect(folderBytes(dir).includes(Buffer.from(NAME))).toBe(true);
  });

  it('a wrong key fails at once with a clear message and changes nothing', async () => {
    const dir = tempDir();
    const keysA = envOrFileKeys({ [KEY_ENV]: keyA });
    const t = await openTestDesk({ dataDir: dir, dbKeys: keysA });
    addCase(t, { agentId: t.agentId, name: NAME });
    t.close();
    const before = snapshot(dir);
    expect(() => openDb(dir, { keys: envOrFileKeys({ [KEY_ENV]: keyB }) })).toThrow(DbKeyError);
    expect(() => openDb(dir, { keys: envOrFileKeys({ [KEY_ENV]: keyB }) })).toThrow(/wrong key.*COLLECTDESK_DB_KEY|COLLECTDESK_DB_KEY: wrong key/);
    // no key at all: refused, and no new key file is made for a database that has one
    expect(() => openDb(dir, { keys: envOrFileKeys({}) })).toThrow(/encrypted and there is no key/);
    expect(snapshot(dir)).toEqual(before);
    const again = openDb(dir, { keys: keysA });
    expect(again.prepare('SELECT count(*) AS n FROM debtors WHERE name = ?').get(NAME)).toEqual({ n: 1 });
    again.close();
  });

  it('rejects a malformed COLLECTDESK_DB_KEY by name', () => {
    expect(() => openDb(tempDir(), { keys: envOrFileKeys({ [KEY_ENV]: 'abc' }) })).toThrow(/COLLECTDESK_DB_KEY must be exactly 64 hex digits/);
  });

  it('without COLLECTDESK_DB_KEY the tools share a key file beside the database, made once with a warning', () => {
    const dir = tempDir();
    const warnings: string[] = [];
    const db = openDb(dir, { keys: envOrFileKeys({}), log: (level, msg) => level === 'warn' && warnings.push(msg) });
    db.exec('CREATE TABLE t (x TEXT)');
    db.prepare('INSERT INTO t VALUES (?)').run(NAME);
    db.close();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/development only/);
    expect(fs.readFileSync(path.join(dir, KEY_FILE), 'utf8').trim()).toMatch(/^[0-9a-f]{64}$/);
    // a second tool (its own key source) opens it with the same file and no new warning
    const other = openDb(dir, { keys: envOrFileKeys({}), log: (level, msg) => level === 'warn' && warnings.push(msg) });
    expect(other.prepare('SELECT x FROM t').get()).toEqual({ x: NAME });
    other.close();
    expect(warnings).toHaveLength(1);
  });

  it('encrypts an existing plain desk database in place on first start, keeping everything', async () => {
    const { dir, caseId } = await plainDeskDatabase();
    const t = await openTestDesk({ dataDir: dir });
    expect(fileState(path.join(dir, DB_FILE))).toBe('encrypted');
    expect(fs.existsSync(path.join(dir, DB_FILE) + BACKUP_SUFFIX)).toBe(false);
    const view = await t.call('case.get', { caseId: String(caseId) });
    expect(JSON.stringify(view)).toContain(NAME);
    expect(t.count('attempts', `note = '${NOTE}'`)).toBe(1);
    expect(t.count('outbox')).toBe(1); // the unsynced save is still waiting to go
    t.close();
    expect(folderBytes(dir).includes(Buffer.from(NAME))).toBe(false);
  });

  it('re-encrypts a database an earlier version encrypted with ChaCha20, keeping everything; a read-only tool reads it as it is', async () => {
    const { dir, caseId } = await plainDeskDatabase();
    const { file, key } = asEarlierVersion(dir);
    expect(legacyCipherOf(file, key)).toBe('chacha20');
    // a read-only open (reports, audit verify) reads it with its own cipher and changes nothing
    const before = snapshot(dir);
    const ro = openDb(dir, { readonly: true });
    expect(ro.prepare('SELECT count(*) AS n FROM attempts').get()).toEqual({ n: 1 });
    ro.close();
    expect(snapshot(dir)).toEqual(before);
    // the desk's first start re-encrypts it with the current cipher
    const messages: string[] = [];
    const t = await openTestDesk({ dataDir: dir, log: (_level, msg) => void messages.push(msg) });
    expect(messages.join('\n')).toMatch(/from cipher chacha20/);
    expect(legacyCipherOf(file, key)).toBeNull();
    expect(fs.existsSync(file + BACKUP_SUFFIX)).toBe(false);
    expect(JSON.stringify(await t.call('case.get', { caseId: String(caseId) }))).toContain(NAME);
    expect(t.count('attempts', `note = '${NOTE}'`)).toBe(1);
    expect(t.count('outbox')).toBe(1);
    t.close();
    expect(folderBytes(dir).includes(Buffer.from(NAME))).toBe(false);
    const again = new Database(file, { readonly: true });
    again.pragma(`cipher = '${CIPHER}'`);
    again.pragma(`key = ${rawKeyLiteral(key)}`);
    expect(again.prepare('SELECT count(*) AS n FROM debtors WHERE name = ?').get(NAME)).toEqual({ n: 1 });
    again.close();
  });

  it('an upgrade from the earlier cipher cut short before the rekey is redone from its copy', async () => {
    const { dir } = await plainDeskDatabase();
    const { file, key } = asEarlierVersion(dir);
    fs.copyFileSync(file, file + BACKUP_SUFFIX); // killed after the copy, before the rekey
    const db = openDb(dir);
    expect(db.prepare('SELECT count(*) AS n FROM attempts').get()).toEqual({ n: 1 });
    db.close();
    expect(fs.existsSync(file + BACKUP_SUFFIX)).toBe(false);
    expect(legacyCipherOf(file, key)).toBeNull();
  });

  it('finishes an upgrade cut short before or after the rekey committed', async () => {
    const { dir } = await plainDeskDatabase();
    const file = path.join(dir, DB_FILE);
    // killed after the backup, before the rekey: the backup equals the file
    fs.copyFileSync(file, file + BACKUP_SUFFIX);
    let db = openDb(dir);
    expect(db.prepare('SELECT count(*) AS n FROM attempts').get()).toEqual({ n: 1 });
    db.close();
    expect(fs.existsSync(file + BACKUP_SUFFIX)).toBe(false);
    // killed after the rekey committed, before the backup was removed
    fs.writeFileSync(file + BACKUP_SUFFIX, 'stale plain copy');
    db = openDb(dir);
    expect(db.prepare('SELECT count(*) AS n FROM attempts').get()).toEqual({ n: 1 });
    db.close();
    expect(fs.existsSync(file + BACKUP_SUFFIX)).toBe(false);
  });

  it('kill -9 during the upgrade of a plain database loses nothing', async () => {
    const template = tempDir('collectdesk-enc-kill-');
    const plain = new Database(path.join(template, DB_FILE));
    plain.pragma('journal_mode = WAL');
    plain.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL)');
    const ins = plain.prepare('INSERT INTO notes (body) VALUES (?)');
    const ROWS = 60_000;
    plain.transaction(() => {
      for (let i = 0; i < ROWS; i++) ins.run(`${NOTE} 第${i}条 ${ID_NUMBER} ${'备注'.repeat(20)}`);
    })();
    // the last rows only in the WAL, as a desk killed before its checkpoint leaves them
    plain.pragma('wal_autocheckpoint = 0');
    plain.pragma('wal_checkpoint(TRUNCATE)');
    plain.prepare('INSERT INTO notes (body) VALUES (?)').run('只在WAL里');
    const expected = plain.prepare('SELECT count(*) AS n, sum(length(body)) AS len FROM notes').get();
    // copy while open, as the child would find it after a crash: main file and WAL
    for (const f of fs.readdirSync(template)) fs.copyFileSync(path.join(template, f), path.join(template, `${f}.orig`));
    plain.close();

    // how long one whole upgrade takes here, to aim the kills inside it
    const timing = tempDir('collectdesk-enc-kill-');
    for (const f of [DB_FILE, `${DB_FILE}-wal`]) fs.copyFileSync(path.join(template, `${f}.orig`), path.join(timing, f));
    const t0 = performance.now();
    openDb(timing, { log: () => {} }).close();
    const upgradeMs = performance.now() - t0;

    let interrupted = 0;
    for (let round = 0; round < 6; round++) {
      const dir = tempDir('collectdesk-enc-kill-');
      for (const f of [DB_FILE, `${DB_FILE}-wal`]) fs.copyFileSync(path.join(template, `${f}.orig`), path.join(dir, f));
      const delay = Math.floor(Math.random() * upgradeMs * 1.1);
      const finished = await new Promise<boolean>((resolve, reject) => {
        const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'encrypt-kill-child.ts'), dir], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
        let out = '';
        let stderr = '';
        child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
        child.stdout.on('data', (d: Buffer) => {
          const first = !out.includes('READY');
          out += d.toString();
          if (first && out.includes('READY')) setTimeout(() => child.kill('SIGKILL'), delay);
        });
        const timer = setTimeout(() => reject(new Error(`child stuck: ${stderr}`)), 45_000);
        child.on('exit', (code, signal) => {
          clearTimeout(timer);
          if (signal !== 'SIGKILL' && code !== 0) reject(new Error(`child failed: ${stderr}`));
          else resolve(out.includes('DONE'));
        });
      });
      const file = path.join(dir, DB_FILE);
      if (!finished && (fs.existsSync(file + BACKUP_SUFFIX) || fs.existsSync(`${file + BACKUP_SUFFIX}.tmp`) || fs.existsSync(`${file}-journal`))) interrupted += 1;
      const db = openDb(dir, { log: () => {} });
      try {
        expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
        expect(db.prepare('SELECT count(*) AS n, sum(length(body)) AS len FROM notes').get()).toEqual(expected);
      } finally {
        db.close();
      }
      expect(fileState(file)).toBe('encrypted');
      expect(fs.existsSync(file + BACKUP_SUFFIX)).toBe(false);
    }
    // the kills did land inside the upgrade (a test that never interrupts it proves nothing)
    expect(interrupted).toBeGreaterThan(0);
  });
});
