/**
 * Writes the hub sends again (a pulled page with its cursor, an acknowledgement of pushed
 * mutations) commit without waiting for the disk; every other commit of the desk stays FULL.
 */
import { describe, expect, it } from 'vitest';
import { openDb } from '../../electron/core/db/open';
import { committedRefetchable } from '../../electron/core/db/refetchable';
import { tempDir } from '../fixtures/desk';

const FULL = 2;
const NORMAL = 1;

describe('committedRefetchable', () => {
  it('commits with synchronous=NORMAL and gives the connection back FULL, also when the write throws', () => {
    const db = openDb(tempDir('refetchable-'));
    try {
      db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL)');
      expect(db.pragma('synchronous', { simple: true })).toBe(FULL);
      const inside = committedRefetchable(db, () => {
        db.transaction(() => db.prepare('INSERT INTO t (v) VALUES (?)').run('page'))();
        return db.pragma('synchronous', { simple: true });
      });
      expect(inside).toBe(NORMAL);
      expect(db.pragma('synchronous', { simple: true })).toBe(FULL);
      expect(db.prepare('SELECT count(*) AS n FROM t').get()).toEqual({ n: 1 });

      expect(() =>
        committedRefetchable(db, () =>
          db.transaction(() => {
            db.prepare('INSERT INTO t (v) VALUES (?)').run('half');
            throw new Error('page refused');
          })(),
        ),
      ).toThrow('page refused');
      expect(db.pragma('synchronous', { simple: true })).toBe(FULL);
      expect(db.prepare('SELECT count(*) AS n FROM t').get()).toEqual({ n: 1 });
    } finally {
      db.close();
    }
  });

  it('leaves a connection that is NORMAL already (a benchmark database) as it is', () => {
    const db = openDb(tempDir('refetchable-'), { synchronous: 'NORMAL' });
    try {
      expect(committedRefetchable(db, () => db.pragma('synchronous', { simple: true }))).toBe(NORMAL);
      expect(db.pragma('synchronous', { simple: true })).toBe(NORMAL);
    } finally {
      db.close();
    }
  });
});
