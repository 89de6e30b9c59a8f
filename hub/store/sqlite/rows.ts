/**
 * Result rows as plain objects, built from better-sqlite3's raw arrays. better-sqlite3 makes an
 * object row by adding one property after another, which V8 handles on its slow path: a page of
 * 500 cases took twice as long to read as the same rows as arrays turned into objects by an object
 * literal made once per statement (all of its rows then share one fast shape). The rows are the
 * same: the columns' names in their order, a later duplicate name winning as before.
 */
import type Database from 'better-sqlite3';
import type { Param } from '../types';

export interface Prepared {
  st: Database.Statement;
  all(params: readonly Param[]): unknown[];
  get(params: readonly Param[]): unknown;
}

type RowBuilder = (cells: unknown[]) => unknown;

/** A statement with its row builder (statements that return no rows only run). */
export function prepared(st: Database.Statement): Prepared {
  const build = st.reader ? rowBuilder(st.columns().map((c) => c.name)) : null;
  if (!build) return { st, all: (params) => st.all(...params), get: (params) => st.get(...params) };
  st.raw(true);
  return {
    st,
    all: (params) => {
      const rows: unknown[] = st.all(...params);
      for (let i = 0; i < rows.length; i++) rows[i] = build(cellsOf(rows[i]));
      return rows;
    },
    get: (params) => {
      const row: unknown = st.get(...params);
      return row === undefined ? undefined : build(cellsOf(row));
    },
  };
}

/** A raw row is an array (better-sqlite3's raw mode). */
function cellsOf(row: unknown): unknown[] {
  if (!Array.isArray(row)) throw new Error('sqlite: a raw row is not an array');
  return row;
}

/**
 * `cells => ({ "name": cells[0], ... })`, compiled once per statement. Names are written as JSON
 * string literals, so any column name is quoted safely; `__proto__` as a literal key would set the
 * prototype instead of a property, so such a statement keeps better-sqlite3's own objects.
 */
function rowBuilder(names: readonly string[]): RowBuilder | null {
  if (names.length === 0 || names.includes('__proto__')) return null;
  const body = `return { ${names.map((n, i) => `${JSON.stringify(n)}: cells[${i}]`).join(', ')} };`;
  const fn: unknown = new Function('cells', body);
  if (typeof fn !== 'function') throw new Error('sqlite: no row builder');
  return (cells) => Reflect.apply(fn, undefined, [cells]);
}
