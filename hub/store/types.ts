/**
 * The hub's storage: one async interface the routes use, two implementations (SQLite for a
 * single process, PostgreSQL for many). SQL is written once with `?` placeholders; the PG store
 * numbers them. Booleans are stored as 0/1 integers and JSON as text on both stores, so the
 * statements stay portable; the dialect-specific bits are the few fields of `Q`.
 */
export type StoreKind = 'sqlite' | 'postgres';

export type Param = string | number | null;

export interface Q {
  readonly kind: StoreKind;
  all<T>(sql: string, params?: readonly Param[]): Promise<T[]>;
  get<T>(sql: string, params?: readonly Param[]): Promise<T | undefined>;
  /** Returns the number of affected rows. */
  run(sql: string, params?: readonly Param[]): Promise<number>;
  /** ' FOR UPDATE' on PostgreSQL (row locks); '' on SQLite, where BEGIN IMMEDIATE serializes writers. */
  readonly forUpdate: string;
  /**
   * Run `sql` as the very last statement of the write transaction, in the same round trip as its
   * COMMIT (PostgreSQL: one simple-query message `sql; COMMIT`, parameters inlined as escaped
   * literals), so row locks it takes are held only while the server executes it and commits,
   * never across a round trip to this process. SQLite runs it at once (a single writer anyway).
   * Statements queued this way run in the order queued.
   */
  atCommit(sql: string, params?: readonly Param[]): Promise<void>;
}

export interface Store {
  readonly kind: StoreKind;
  /**
   * A write transaction (SQLite: BEGIN IMMEDIATE; PostgreSQL: READ COMMITTED with explicit row
   * locks). `fn` may be run again after a PostgreSQL deadlock or serialization failure, so it
   * must have no side effects outside `q`.
   */
  write<T>(fn: (q: Q) => Promise<T>): Promise<T>;
  /**
   * A read-only unit of work (no locks). PostgreSQL runs it without a transaction block: each
   * statement sees the commits made before it (READ COMMITTED gives nothing more inside one).
   */
  read<T>(fn: (q: Q) => Promise<T>): Promise<T>;
  /** Apply pending migrations; idempotent. */
  migrate(): Promise<{ from: number; to: number }>;
  close(): Promise<void>;
}

export interface Migration {
  version: number;
  name: string;
  up: string;
}

/** Versions run 1..N without gaps: parallel work renumbers its migration when it merges. */
export function checkMigrations(list: readonly Migration[]): void {
  list.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`hub migration ${m.name} has version ${m.version}, expected ${i + 1}`);
  });
}

/** The highest version a list knows (a database past it belongs to a newer hub). */
export const lastVersion = (list: readonly Migration[]): number => list[list.length - 1]?.version ?? 0;

const lists = new Map<number, string>();

/** A per-SQL cache is cheap: the hub has a fixed set of statements (plus IN-list variants). */
export function inList(n: number): string {
  let list = lists.get(n);
  if (list === undefined) {
    list = Array.from({ length: n }, () => '?').join(', ');
    if (n <= 1000) lists.set(n, list); // the sizes a hub uses repeat: batches and pages are bounded
  }
  return list;
}
