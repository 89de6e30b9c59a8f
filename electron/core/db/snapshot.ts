/**
 * A new database made in one step: the schema and rows that MIGRATIONS leave in an empty database,
 * kept as statements in schema-snapshot.ts (written by `npm run db:snapshot`). Running the 19
 * migrations one after another rebuilds tables and rewrites the schema several times (about
 * 25 ms); the snapshot creates each object once (about 5 ms), on the path of a first login and a
 * first start. A database that already has a version is always migrated step by step.
 */
import type { Db } from './open';

/** Columns each database fills for itself, as the migration that made them did (003: the device id). */
const OWN_VALUES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  sync_state: { device_id: 'lower(hex(randomblob(16)))' },
};

/** SQL literal of a stored value (the migrations store numbers, text and NULL). */
function literal(v: unknown, where: string): string {
  if (v === null) return 'NULL';
  if (typeof v === 'number' || typeof v === 'bigint') return String(v);
  if (typeof v === 'string') return `'${v.replaceAll("'", "''")}'`;
  throw new Error(`schema snapshot: ${where} holds a value the snapshot cannot write (${typeof v})`);
}

const ident = (name: string): string => `"${name.replaceAll('"', '""')}"`;

/**
 * The statements that make a database like `db` (migrated, otherwise empty): every schema object
 * in the order it was created (a table's own automatic indexes come with it), then each row.
 */
export function snapshotStatements(db: Db): string[] {
  const objects = db.prepare<[], { sql: string }>("SELECT sql FROM sqlite_schema WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' ORDER BY rowid").all();
  const out = objects.map((o) => `${o.sql};`);
  const tables = db.prepare<[], { name: string }>("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY rowid").all();
  for (const { name } of tables) {
    const own = OWN_VALUES[name] ?? {};
    for (const row of db.prepare<[], Record<string, unknown>>(`SELECT * FROM ${ident(name)}`).all()) {
      const cols = Object.keys(row);
      const values = cols.map((c) => own[c] ?? literal(row[c], `${name}.${c}`));
      out.push(`INSERT INTO ${ident(name)} (${cols.map(ident).join(', ')}) VALUES (${values.join(', ')});`);
    }
  }
  return out;
}

export interface SchemaSnapshot {
  /** The migration version the statements stand for. */
  version: number;
  statements: readonly string[];
}

/** Make an empty database (version 0) into `snapshot.version` in one transaction. */
export function createFromSnapshot(db: Db, snapshot: SchemaSnapshot): void {
  db.transaction(() => {
    db.exec(snapshot.statements.join('\n'));
    db.pragma(`user_version = ${snapshot.version}`);
  }).immediate();
}
