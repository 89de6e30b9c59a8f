/**
 * A new desk database is made from the snapshot of the migrations (electron/core/db/snapshot.ts):
 * it must be the database the migrations make one by one, and the snapshot file must keep up
 * with them.
 */
import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate, userVersion } from '../../electron/core/db/migrate';
import { LATEST_VERSION, MIGRATIONS } from '../../electron/core/db/migrations';
import { openDb, type Db } from '../../electron/core/db/open';
import { SCHEMA_SNAPSHOT } from '../../electron/core/db/schema-snapshot';
import { SNAPSHOT_FILE, snapshotSource } from '../../electron/core/db/snapshot-cli';
import { createFromSnapshot } from '../../electron/core/db/snapshot';
import { tempDir } from '../fixtures/desk';

const open: Db[] = [];
const fresh = (): Db => {
  const db = openDb(tempDir()); // encrypted, as a desk's
  open.push(db);
  return db;
};
afterEach(() => {
  while (open.length) open.pop()?.close();
});

/** Everything a database holds but its own device id: schema objects (automatic indexes too), rows, version. */
function contents(db: Db): unknown {
  const schema = db.prepare('SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY type, name').all();
  const tables = db.prepare<[], { name: string }>("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").all();
  const rows = Object.fromEntries(tables.map(({ name }) => [name, db.prepare(`SELECT * FROM "${name}"`).all().map((r) => ({ ...(r as object), device_id: undefined }))]));
  return { schema, rows, version: userVersion(db) };
}

describe('schema snapshot', () => {
  it('is up to date with the migrations (else: npm run db:snapshot)', () => {
    expect(SCHEMA_SNAPSHOT.version).toBe(LATEST_VERSION);
    expect(fs.readFileSync(SNAPSHOT_FILE, 'utf8')).toBe(snapshotSource());
  });

  it('makes a new database exactly as the migrations one by one do, with its own device id', () => {
    const stepwise = fresh();
    expect(migrate(stepwise, undefined, [...MIGRATIONS])).toEqual({ from: 0, to: LATEST_VERSION }); // a copy of the list: step by step
    const snap = fresh();
    expect(migrate(snap)).toEqual({ from: 0, to: LATEST_VERSION });
    expect(contents(snap)).toEqual(contents(stepwise));
    expect(snap.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(snap.pragma('foreign_key_check')).toEqual([]);
    const id = (db: Db) => (db.prepare('SELECT device_id FROM sync_state').get() as { device_id: string }).device_id;
    expect(id(snap)).toMatch(/^[0-9a-f]{32}$/);
    expect(id(snap)).not.toBe(id(stepwise));
    expect(migrate(snap)).toEqual({ from: LATEST_VERSION, to: LATEST_VERSION });
  });

  it('is used only for a new database at the version it stands for', () => {
    // one migration behind: the steps run (a stale snapshot can never make a database)
    const older = fresh();
    migrate(older, LATEST_VERSION - 1);
    expect(migrate(older)).toEqual({ from: LATEST_VERSION - 1, to: LATEST_VERSION });
    const stale = fresh();
    expect(() => createFromSnapshot(stale, { version: LATEST_VERSION, statements: ['CREATE TABLE settings (key TEXT);', 'CREATE TABLE settings (key TEXT);'] })).toThrow(/already exists/);
    expect(userVersion(stale)).toBe(0); // one transaction: nothing of it stays
    expect(stale.prepare("SELECT count(*) AS n FROM sqlite_schema").get()).toEqual({ n: 0 });
  });
});
