import type { Db } from './open';
import { MIGRATIONS, type Migration } from './migrations';
import { SCHEMA_SNAPSHOT } from './schema-snapshot';
import { createFromSnapshot } from './snapshot';

export function userVersion(db: Db): number {
  return Number(db.pragma('user_version', { simple: true }));
}

/**
 * Bring the database to `target` (default: latest). Each migration and its user_version bump
 * run in one transaction, so a crash leaves the database at a whole version. A new database
 * (version 0) takes all of them in one transaction: created whole or not at all, with one commit
 * instead of one per migration (a first login waits for it).
 */
export function migrate(db: Db, target?: number, migrations: readonly Migration[] = MIGRATIONS): { from: number; to: number } {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`migration ${m.name} has version ${m.version}, expected ${i + 1}`);
  });
  const goal = target ?? migrations.length;
  const from = userVersion(db);
  if (from > migrations.length) {
    throw new Error(`database schema version ${from} is newer than this app (${migrations.length}); update the app`);
  }
  // A new database at the latest version: made from the snapshot of the migrations (./snapshot.ts), unless it is behind them.
  if (from === 0 && migrations === MIGRATIONS && goal === migrations.length && SCHEMA_SNAPSHOT.version === goal) {
    createFromSnapshot(db, SCHEMA_SNAPSHOT);
    return { from, to: userVersion(db) };
  }
  const pending = migrations.filter((m) => m.version > from && m.version <= goal);
  const apply = (m: Migration): void => {
    db.exec(m.up);
    m.run?.(db);
    db.pragma(`user_version = ${m.version}`);
  };
  if (from === 0) db.transaction(() => pending.forEach(apply)).immediate();
  else for (const m of pending) db.transaction(() => apply(m)).immediate();
  return { from, to: userVersion(db) };
}
