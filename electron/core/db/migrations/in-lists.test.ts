import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../migrate';
import { inListsAsComparisons, slowInLists } from './in-lists';

describe('IN lists in CHECK constraints', () => {
  it('writes three or more constants as comparisons and leaves the rest alone', () => {
    expect(inListsAsComparisons("status TEXT NOT NULL CHECK (status IN ('open', 'ptp', 'it''s'))")).toBe(
      "status TEXT NOT NULL CHECK ((status = 'open' OR status = 'ptp' OR status = 'it''s'))",
    );
    expect(inListsAsComparisons("CHECK (op IN ('put', 'del'))")).toBe("CHECK (op IN ('put', 'del'))");
    expect(inListsAsComparisons('CHECK (n IN (1, 2, 3))')).toBe('CHECK (n IN (1, 2, 3))');
    expect(slowInLists("a IN ('x','y','z') AND b IN ('p', 'q')")).toEqual(["a IN ('x','y','z')"]);
  });

  it('means the same: NULL passes, a listed value passes, anything else fails', () => {
    const db = new Database(':memory:');
    db.exec(inListsAsComparisons("CREATE TABLE t (s TEXT CHECK (s IN ('a', 'b', 'c')))"));
    for (const ok of ['a', 'b', 'c', null]) expect(() => db.prepare('INSERT INTO t VALUES (?)').run(ok)).not.toThrow();
    for (const bad of ['d', 'A', '', "a' OR 1"]) expect(() => db.prepare('INSERT INTO t VALUES (?)').run(bad)).toThrow(/CHECK constraint failed/);
  });

  it('leaves no slow list in the migrated desk schema (a new migration must not bring one back)', () => {
    const db = new Database(':memory:');
    migrate(db);
    const slow = db
      .prepare<[], { name: string; sql: string }>('SELECT name, sql FROM sqlite_master WHERE sql IS NOT NULL')
      .all()
      .flatMap((r) => slowInLists(r.sql).map((l) => `${r.name}: ${l}`));
    expect(slow).toEqual([]);
  });
});
