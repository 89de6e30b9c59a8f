/**
 * The evidence pack from the command line, reading the desk database in DATA_DIR (as `npm run
 * report` does):
 *   npm run evidence -- --case ID --format pdf|zip [--out FILE]
 * The pack is audited in the desk's trail like one made from the case screen (actor: none).
 * Exit 0 done, 2 bad arguments or unknown case.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { statementCache, type Ctx } from '../context';
import { DB_FILE, openDbFile } from '../db/open';
import { LATEST_VERSION } from '../db/migrations';
import { DeskFailure } from '../errors';
import { deskDbDir } from '../reports/cli';
import { loadSettings } from '../settings/settings';
import { evidencePack } from './pack';

const USAGE = 'usage: npm run evidence -- --case ID --format pdf|zip [--out FILE]';

class UsageError extends Error {}

export async function runEvidenceCli(argv: string[], env: NodeJS.ProcessEnv, out: (line: string) => void, now: () => Date = () => new Date()): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { case: { type: 'string' }, format: { type: 'string' }, out: { type: 'string' } } });
  const caseId = values.case ?? '';
  if (!/^\d{1,15}$/.test(caseId)) throw new UsageError(`--case is a case number (got ${values.case ?? 'nothing'})`);
  const format = values.format;
  if (format !== 'pdf' && format !== 'zip') throw new UsageError(`--format is pdf or zip (got ${format ?? 'nothing'})`);
  const dir = deskDbDir(path.resolve(env.DATA_DIR || '.data/web'));
  if (!fs.existsSync(path.join(dir, DB_FILE))) throw new UsageError(`no desk database in ${dir} (set DATA_DIR)`);
  const db = openDbFile(path.join(dir, DB_FILE));
  try {
    const version = Number(db.pragma('user_version', { simple: true }));
    if (version < LATEST_VERSION) throw new UsageError(`the desk database in ${dir} is at version ${version}; start the desk once to upgrade it`);
    const settings = loadSettings(db);
    const ctx: Ctx = { db, clock: now, log: () => {}, prep: statementCache(db), settings: () => settings, session: { agent: null, agentId: null }, emit: () => {} };
    let file;
    try {
      file = await evidencePack(ctx, caseId, format);
    } catch (e) {
      if (e instanceof DeskFailure && e.code === 'NOT_FOUND') throw new UsageError(`no case ${caseId} in ${dir}`);
      throw e;
    }
    const target = path.resolve(values.out ?? file.fileName);
    fs.writeFileSync(target, file.data);
    out(`${target} (${file.data.length.toLocaleString('en')} bytes)`);
    return 0;
  } finally {
    db.close();
  }
}

if (require.main === module) {
  runEvidenceCli(process.argv.slice(2), process.env, (line) => process.stdout.write(`${line}\n`)).then(
    (code) => process.exit(code),
    (e: unknown) => {
      process.stderr.write(`${e instanceof UsageError ? `${e.message}\n${USAGE}` : e instanceof Error ? e.message : String(e)}\n`);
      process.exit(e instanceof UsageError ? 2 : 1);
    },
  );
}
