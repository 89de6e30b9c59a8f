import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { prepared } from './rows';

describe('rows built from raw arrays', () => {
  let db: Database.Database;
  beforeEach(() => {
    db = new Database(':memory:');
    db.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT, amount INTEGER, note TEXT); INSERT INTO t VALUES (1, '王芳', 500, NULL), (2, 'x', 0, 'n')");
  });
  afterEach(() => db.close());

  /** The same statement as better-sqlite3's own object rows. */
  const plain = (sql: string, params: (string | number)[] = []): unknown[] => db.prepare(sql).all(...params);

  it('gives the rows better-sqlite3 gives: names in column order, values and nulls as stored', () => {
    const sql = 'SELECT id, name, amount, note FROM t ORDER BY id';
    const rows = prepared(db.prepare(sql)).all([]);
    expect(rows).toEqual(plain(sql));
    expect(rows.map((r) => Object.keys(Object(r)))).toEqual([['id', 'name', 'amount', 'note'], ['id', 'name', 'amount', 'note']]);
    expect(Object.getPrototypeOf(rows[0])).toBe(Object.prototype);
  });

  it('quotes any column name, and a later duplicate name wins as in better-sqlite3', () => {
    const sql = `SELECT count(*), 'a"b\\' AS "we""ird", id AS "x", name AS "x", amount AS "1" FROM t WHERE id = ?`;
    const row = prepared(db.prepare(sql)).get([1]);
    expect(row).toEqual(db.prepare(sql).get(1));
    expect(row).toEqual({ 'count(*)': 1, 'we"ird': 'a"b\\', x: '王芳', 1: 500 });
  });

  it('a column named __proto__ never becomes the prototype: such a statement keeps better-sqlite3\'s own rows', () => {
    const sql = "SELECT 'evil' AS __proto__, id FROM t WHERE id = 1";
    const row = prepared(db.prepare(sql)).get([]);
    expect(Object.getPrototypeOf(row)).toBe(Object.prototype);
    expect(row).toEqual(db.prepare(sql).get());
  });

  it('get: undefined when there is no row; run: a statement without rows still runs', () => {
    expect(prepared(db.prepare('SELECT id FROM t WHERE id = ?')).get([99])).toBeUndefined();
    const ins = prepared(db.prepare("INSERT INTO t (name, amount) VALUES (?, ?) RETURNING id, name"));
    expect(ins.get(['新', 7])).toEqual({ id: 3, name: '新' });
    expect(prepared(db.prepare('UPDATE t SET amount = ? WHERE id = ?')).st.run(8, 3).changes).toBe(1);
    expect(plain('SELECT amount FROM t WHERE id = 3')).toEqual([{ amount: 8 }]);
  });
});
