import type { Db } from './open';
import { MIGRATIONS, type Migration } from './migrations';

export function userVersion(db: Db): number {
  return Number(db.pragma('user_version', { simple: true }));
}

/**
 * Bring the database to `target` (default: latest). Each migration and its user_version bump
 * run in one transaction, so a crash leaves the database at a whole version.
 */
export function migrate(db: Db, target?: number, migrations: readonly Migration[] = MIGRATIONS): { from: number; to: number } {
  // Ascending; a gap is allowed while parallel work holds the numbers between (merged in order later).
  migrations.forEach((m, i) => {
    const prev = i === 0 ? 0 : (migrations[i - 1]?.version ?? 0);
    if (!Number.isInteger(m.version) || m.version <= prev) throw new Error(`migration ${m.name} has version ${m.version}, expected more than ${prev}`);
  });
  const last = migrations[migrations.length - 1]?.version ?? 0;
  const goal = target ?? last;
  const from = userVersion(db);
  if (from > last) {
    throw new Error(`database schema version ${from} is newer than this app (${last}); update the app`);
  }
  for (const m of migrations) {
    if (m.version <= from || m.version > goal) continue;
    db.transaction(() => {
      db.exec(m.up);
      db.pragma(`user_version = ${m.version}`);
    }).immediate();
  }
  return { from, to: userVersion(db) };
}
