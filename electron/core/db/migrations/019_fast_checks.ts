import Database from 'better-sqlite3';
import type { Db } from '../open';
import { inListsAsComparisons } from './in-lists';
import type { Migration } from './types';

/**
 * Rewrite each table's CHECK lists as comparisons (./in-lists.ts says why) in place. A CHECK
 * constraint is not part of the stored rows, so SQLite allows changing its text in
 * sqlite_schema ("Making other kinds of table schema changes", sqlite.org/lang_altertable.html):
 * no table is copied, however many cases the desk holds. Each new statement is first parsed on a
 * scratch database, so text SQLite could not read never reaches the schema; the change commits
 * with the user_version bump or not at all.
 */
export function rewriteCheckLists(db: Db): number {
  const tables = db.prepare<[], { name: string; sql: string }>("SELECT name, sql FROM sqlite_schema WHERE type = 'table' AND sql IS NOT NULL").all();
  const changed = tables.map((t) => ({ name: t.name, sql: inListsAsComparisons(t.sql) })).filter((t, i) => t.sql !== tables[i]?.sql);
  if (changed.length === 0) return 0;
  const scratch = new Database(':memory:');
  try {
    for (const t of changed) scratch.exec(t.sql);
  } finally {
    scratch.close();
  }
  const version = Number(db.pragma('schema_version', { simple: true }));
  // writable_schema is refused in better-sqlite3's default (defensive) mode: lifted for these statements only
  db.unsafeMode(true);
  try {
    db.pragma('writable_schema = ON');
    const update = db.prepare("UPDATE sqlite_schema SET sql = ? WHERE type = 'table' AND name = ?");
    for (const t of changed) update.run(t.sql, t.name);
    db.pragma(`schema_version = ${version + 1}`);
  } finally {
    db.pragma('writable_schema = OFF');
    db.unsafeMode(false);
  }
  const check = db.pragma('quick_check', { simple: true });
  if (check !== 'ok') throw new Error(`migration 019: quick_check after rewriting the CHECK lists says ${String(check)}`);
  return changed.length;
}

/**
 * Saves and pulls spent much of their time in SQLite evaluating CHECK lists and rewriting a new
 * case row a second time for its debtor's name. The lists become comparisons; the name trigger
 * now leaves alone a case inserted with the right name already (the sync applier does that).
 */
export const migration019: Migration = {
  version: 19,
  name: 'fast_checks',
  up: /* sql */ `
DROP TRIGGER cases_debtor_name_insert;
CREATE TRIGGER cases_debtor_name_insert AFTER INSERT ON cases
  WHEN NEW.debtor_name IS NOT (SELECT d.name FROM debtors d WHERE d.id = NEW.debtor_id) BEGIN
  UPDATE cases SET debtor_name = (SELECT d.name FROM debtors d WHERE d.id = NEW.debtor_id) WHERE id = NEW.id;
END;
`,
  run: (db) => void rewriteCheckLists(db),
};
