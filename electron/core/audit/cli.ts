/**
 * `npm run audit -- verify [--data-dir DIR]`: check the desk's hash-chained audit log.
 * The desk database is the one in DIR (default DATA_DIR, else ./.data/web, as the web-host),
 * plus any hub user databases beside it (hub-*), opened with the same key as every tool
 * (COLLECTDESK_DB_KEY, else the key file beside the database).
 * Prints the count and exits 0, or names the first broken entry and exits 1; 2 for bad usage.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DB_FILE, openDb } from '../db/open';
import { verifyAuditChain } from './audit';

/** The desk databases in `dataDir`: the local one and each hub user's. */
export function deskDatabases(dataDir: string): string[] {
  const dirs = fs.existsSync(path.join(dataDir, DB_FILE)) ? [dataDir] : [];
  for (const e of fs.readdirSync(dataDir, { withFileTypes: true })) {
    if (e.isDirectory() && e.name.startsWith('hub-') && fs.existsSync(path.join(dataDir, e.name, DB_FILE))) dirs.push(path.join(dataDir, e.name));
  }
  return dirs;
}

export function runAuditCli(argv: string[], env: NodeJS.ProcessEnv, out: (line: string) => void): number {
  let values: { 'data-dir'?: string | undefined; help?: boolean | undefined };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({ args: argv, options: { 'data-dir': { type: 'string' }, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true }));
  } catch (e) {
    out(`audit: ${(e as Error).message}`);
    return 2;
  }
  if (values.help || positionals[0] !== 'verify' || positionals.length !== 1) {
    out('usage: npm run audit -- verify [--data-dir DIR]   (DIR defaults to DATA_DIR, else ./.data/web)');
    return values.help ? 0 : 2;
  }
  const dataDir = path.resolve(values['data-dir'] ?? (env.DATA_DIR || '.data/web'));
  const dirs = fs.existsSync(dataDir) ? deskDatabases(dataDir) : [];
  if (dirs.length === 0) {
    out(`audit: no desk database (${DB_FILE}) in ${dataDir}; nothing was created`);
    return 2;
  }
  let broken = false;
  for (const dir of dirs) {
    const db = openDb(dir);
    try {
      const v = verifyAuditChain(db);
      const where = path.join(dir, DB_FILE);
      if (v.ok) out(`audit log intact: ${v.count} entries (${where})`);
      else {
        broken = true;
        out(`audit log BROKEN at seq ${v.brokenAtSeq}: ${v.reason}; ${v.count} entries before it verify (${where})`);
      }
    } finally {
      db.close();
    }
  }
  return broken ? 1 : 0;
}

if (require.main === module) {
  try {
    process.exitCode = runAuditCli(process.argv.slice(2), process.env, (line) => console.log(line));
  } catch (e) {
    console.error(`audit: ${(e as Error).message}`);
    process.exitCode = 1;
  }
}
