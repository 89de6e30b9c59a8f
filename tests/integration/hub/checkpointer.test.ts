/** The SQLite hub's WAL checkpoints run on a worker thread, never inside a push's COMMIT. */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { checkpointThread, startCheckpointer, type Checkpointer } from '../../../node-shared/sqlite/checkpointer';
import { tempDir } from '../../fixtures/desk';

let open: { db: Database.Database; cp: Checkpointer } | null = null;
afterEach(async () => {
  if (open) {
    await open.cp.close();
    if (open.db.open) open.db.close();
  }
  open = null;
});

function hubLike(minFrames = 0): { db: Database.Database; cp: Checkpointer; file: string } {
  const file = path.join(tempDir('hub-ckpt-'), 'hub.db');
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT NOT NULL)');
  const cp = startCheckpointer(db, file, { everyMs: 3_600_000, minFrames }); // no timer tick during the test: it asks with now() and tick()
  open = { db, cp };
  return { db, cp, file };
}

const fill = (db: Database.Database, rows: number) => {
  const ins = db.prepare('INSERT INTO t (body) VALUES (?)');
  db.transaction(() => {
    for (let i = 0; i < rows; i++) ins.run('x'.repeat(2000));
  })();
};

describe('WAL checkpointer', () => {
  it('turns the connection’s own checkpoints off while the worker runs', () => {
    const { db, cp } = hubLike();
    expect(cp.running).toBe(true);
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
  });

  it('copies every committed frame back from its own connection, and empties the WAL on close', async () => {
    const { db, cp, file } = hubLike();
    fill(db, 3000); // ~6 MB: past the 1,000 pages a COMMIT would have checkpointed by itself
    expect(fs.statSync(`${file}-wal`).size).toBeGreaterThan(4_000_000);
    const r = await cp.now();
    expect(r).not.toBeNull();
    expect(r?.log).toBeGreaterThan(1000);
    expect(r?.checkpointed).toBe(r?.log);
    await cp.close();
    expect(cp.running).toBe(false);
    expect(fs.statSync(`${file}-wal`).size).toBe(0);
    // the data is all there for a reader that never saw the WAL
    db.close();
    const again = new Database(file, { readonly: true });
    expect(again.prepare('SELECT count(*) AS n FROM t').get()).toEqual({ n: 3000 });
    again.close();
  });

  it('with minFrames, a tick waits until that many frames gathered; then the next commit starts the WAL afresh', async () => {
    const { db, cp } = hubLike(1000);
    fill(db, 5); // a save's worth: a few frames
    expect(await cp.tick()).toBe(false);
    fill(db, 5);
    // nothing was copied back: the second commit appended, and the WAL holds both
    const kept = await cp.now();
    expect(kept?.log).toBeGreaterThan(8);
    fill(db, 3000); // past 1,000 frames
    expect(await cp.tick()).toBe(true);
    fill(db, 5);
    // copied back in full, so that commit restarted the WAL from its first frame
    const restarted = await cp.now();
    expect(restarted?.log).toBeGreaterThan(0);
    expect(restarted?.log).toBeLessThan(kept?.log ?? 0);
    expect(db.prepare('SELECT count(*) AS n FROM t').get()).toEqual({ n: 3015 });
  });

  it('without minFrames every tick checkpoints', async () => {
    const { db, cp } = hubLike();
    fill(db, 5);
    expect(await cp.tick()).toBe(true);
  });

  it('an in-memory database has no WAL and no worker', async () => {
    const db = new Database(':memory:');
    const cp = startCheckpointer(db, ':memory:');
    expect(cp.running).toBe(false);
    expect(await cp.now()).toBeNull();
    expect(await cp.tick()).toBe(false);
    db.close();
  });

  it('one thread serves every database of the process, and stops when the last one closes', async () => {
    const a = hubLike();
    const second = path.join(tempDir('hub-ckpt-'), 'hub.db');
    const db = new Database(second);
    db.pragma('journal_mode = WAL');
    db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT NOT NULL)');
    const b = startCheckpointer(db, second, { everyMs: 3_600_000 });
    try {
      const t = checkpointThread();
      expect(t?.databases).toBe(2);
      fill(a.db, 5);
      fill(db, 5);
      expect((await a.cp.now())?.checkpointed).toBeGreaterThan(0);
      expect((await b.now())?.checkpointed).toBeGreaterThan(0);
      await a.cp.close();
      // the other database keeps its checkpoints on the same thread
      expect(checkpointThread()).toEqual({ threadId: t?.threadId, databases: 1 });
      fill(db, 3000);
      const r = await b.now();
      expect(r?.checkpointed).toBe(r?.log);
      await b.close();
      expect(fs.statSync(`${second}-wal`).size).toBe(0);
      expect(checkpointThread()).toBeNull();
    } finally {
      await b.close();
      db.close();
    }
  });

  it('a database the thread cannot open goes back to checkpointing itself; the others keep the thread', async () => {
    const { cp } = hubLike();
    const writer = new Database(path.join(tempDir('hub-ckpt-'), 'hub.db'));
    writer.pragma('journal_mode = WAL');
    const lost = startCheckpointer(writer, path.join(tempDir('hub-ckpt-'), 'missing', 'hub.db'));
    try {
      expect(writer.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
      expect(await lost.now()).toBeNull(); // answered after the failed open
      expect(lost.running).toBe(false);
      expect(writer.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
      expect(cp.running).toBe(true);
      expect(checkpointThread()?.databases).toBe(1);
    } finally {
      await lost.close();
      writer.close();
    }
  });
});
