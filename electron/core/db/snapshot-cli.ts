/**
 * Write schema-snapshot.ts from MIGRATIONS (after adding a migration):
 *   npm run db:snapshot
 * tests/integration/db-snapshot.test.ts fails while the file is behind the migrations.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { migrate } from './migrate';
import { LATEST_VERSION, MIGRATIONS } from './migrations';
import { snapshotStatements } from './snapshot';

/** The file's text for the current migrations. */
export function snapshotSource(): string {
  const db = new Database(':memory:');
  try {
    // step by step (a copy of the list: migrate itself would use the snapshot being written)
    migrate(db, undefined, [...MIGRATIONS]);
    const statements = snapshotStatements(db);
    return [
      '// Written by `npm run db:snapshot` (electron/core/db/snapshot-cli.ts) from the migrations: do not edit.',
      "import type { SchemaSnapshot } from './snapshot';",
      '',
      `export const SCHEMA_SNAPSHOT: SchemaSnapshot = {\n  version: ${LATEST_VERSION},\n  statements: [\n${statements.map((s) => `    ${JSON.stringify(s)},`).join('\n')}\n  ],\n};`,
      '',
    ].join('\n');
  } finally {
    db.close();
  }
}

export const SNAPSHOT_FILE = path.join(__dirname, 'schema-snapshot.ts');

if (require.main === module) {
  fs.writeFileSync(SNAPSHOT_FILE, snapshotSource());
  console.log(`wrote ${SNAPSHOT_FILE} (version ${LATEST_VERSION})`);
}
