/**
 * The desk's WAL checkpoints run on a worker thread with its own (keyed) connection, so an
 * agent's save never copies and re-encrypts a thousand pages back; closing still leaves one
 * self-contained encrypted file.
 */
import type Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileState } from '../../electron/core/db/encrypt';
import { DB_FILE, openDb, openDeskDb } from '../../electron/core/db/open';
import { addCase, attemptInput, openTestDesk, tempDir } from '../fixtures/desk';

const NOTE = '客户表示下周三还款';

function fill(db: Database.Database, rows: number): void {
  db.exec('CREATE TABLE IF NOT EXISTS filler (id INTEGER PRIMARY KEY, body TEXT NOT NULL)');
  const ins = db.prepare('INSERT INTO filler (body) VALUES (?)');
  db.transaction(() => {
    for (let i = 0; i < rows; i++) ins.run(`${NOTE}${i}`.padEnd(1500, '催'));
  })();
}

describe('desk checkpoint worker', () => {
  it('checkpoints an encrypted database from its own connection; the writer only keeps a far backstop', async () => {
    const dir = tempDir('collectdesk-ckpt-');
    const { db, checkpointer } = openDeskDb(dir);
    try {
      expect(checkpointer.running).toBe(true);
      expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(20_000);
      fill(db, 3000); // ~9 MB: past the 1,000 pages a COMMIT would have checkpointed by itself
      const wal = path.join(dir, `${DB_FILE}-wal`);
      expect(fs.statSync(wal).size).toBeGreaterThan(4_000_000);
      const r = await checkpointer.now();
      expect(r).not.toBeNull();
      expect(r?.log).toBeGreaterThan(1000);
      expect(r?.checkpointed).toBe(r?.log); // the worker could read the encrypted frames: its key is right
    } finally {
      checkpointer.stopSync();
      db.close();
    }
    expect(checkpointer.running).toBe(false);
    // the writer's close, now the last connection, removed the WAL: one file holds everything, encrypted
    expect(fs.existsSync(path.join(dir, `${DB_FILE}-wal`))).toBe(false);
    expect(fileState(path.join(dir, DB_FILE))).toBe('encrypted');
    const again = openDb(dir, { readonly: true });
    expect(again.prepare('SELECT count(*) AS n FROM filler').get()).toEqual({ n: 3000 });
    again.close();
  });

  it('lets saves append to the WAL until 1,000 frames gathered, then copies back (encrypted, read from its index)', async () => {
    const dir = tempDir('collectdesk-ckpt-');
    const { db, checkpointer } = openDeskDb(dir);
    try {
      fill(db, 3); // a save's worth
      expect(await checkpointer.tick()).toBe(false);
      fill(db, 3000);
      expect(await checkpointer.tick()).toBe(true);
      expect(await checkpointer.tick()).toBe(false); // all copied back: nothing to do until the next 1,000
    } finally {
      checkpointer.stopSync();
      db.close();
    }
  });

  it('stops at once when closed before the worker opened its connection', () => {
    const dir = tempDir('collectdesk-ckpt-');
    const { db, checkpointer } = openDeskDb(dir);
    const t0 = performance.now();
    checkpointer.stopSync();
    db.close();
    expect(performance.now() - t0).toBeLessThan(5_000); // never the 10 s wait: it did not hang
    expect(checkpointer.running).toBe(false);
    expect(fs.existsSync(path.join(dir, `${DB_FILE}-wal`))).toBe(false);
  });

  it('a read-only open has no worker', () => {
    const dir = tempDir('collectdesk-ckpt-');
    openDb(dir).close();
    const { db, checkpointer } = openDeskDb(dir, { readonly: true });
    expect(checkpointer.running).toBe(false);
    db.close();
  });

  it('a desk closed right after saving leaves one encrypted file that a new start reads in full', async () => {
    const t = await openTestDesk();
    const { caseId } = addCase(t, { agentId: t.agentId });
    for (let i = 0; i < 5; i++) await t.call('attempt.save', attemptInput(caseId, { note: `${NOTE}${i}` }));
    const dir = t.dir;
    t.close();
    expect(fs.existsSync(path.join(dir, `${DB_FILE}-wal`))).toBe(false);
    const again = await openTestDesk({ dataDir: dir });
    expect(again.count('attempts', `case_id = ${caseId}`)).toBe(5);
    again.close();
  });
});
