/**
 * The command line for plans and summaries, reading the desk database in DATA_DIR (as `npm run
 * web` does: default ./.data/web; a hub user's database when the desk profile says so):
 *   npm run report -- summary|plan --agent USER|--team --from YYYY-MM-DD --to YYYY-MM-DD
 *                     --format docx|pdf|xlsx|json [--out FILE] [--locale zh-CN|en]
 * --format json prints one line of the figures. Exit 0 done, 2 bad arguments or unknown agent.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { isValidLocalDate, localDateOf } from '../../../shared/domain/dates';
import { Locale } from '../../../shared/domain/enums';
import { DocFormat } from '../../../shared/reports/model';
import { reportLabels } from '../../../shared/reports/labels';
import { statementCache } from '../context';
import { DB_FILE, openDbFile } from '../db/open';
import { LATEST_VERSION } from '../db/migrations';
import { loadSettings } from '../settings/settings';
import { readProfile } from '../sync/profile';
import { exportReport } from '../../../node-shared/reports/export';
import { buildPlan } from './plan';
import { readAgentByUsername } from './records';
import { buildSummary } from './summary';

const USAGE = 'usage: npm run report -- summary|plan --agent USER|--team --from YYYY-MM-DD --to YYYY-MM-DD --format docx|pdf|xlsx|json [--out FILE] [--locale zh-CN|en]';

class UsageError extends Error {}

/** The folder of the database the desk would open (desk.ts firstCore). */
export function deskDbDir(dataDir: string): string {
  const profile = readProfile(dataDir);
  if (profile.mode === 'hub' && profile.dbDir) {
    const dir = path.join(dataDir, profile.dbDir);
    if (fs.existsSync(path.join(dir, DB_FILE))) return dir;
  }
  return dataDir;
}

export async function runReportCli(argv: string[], env: NodeJS.ProcessEnv, out: (line: string) => void, now: Date = new Date()): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      agent: { type: 'string' }, team: { type: 'boolean' }, from: { type: 'string' }, to: { type: 'string' },
      format: { type: 'string' }, out: { type: 'string' }, locale: { type: 'string' },
    },
  });
  const kind = positionals[0];
  if (kind !== 'summary' && kind !== 'plan') throw new UsageError(`the first word is summary or plan (got ${kind ?? 'nothing'})`);
  if ((values.agent === undefined) === (values.team !== true)) throw new UsageError('give exactly one of --agent USER and --team');
  for (const k of ['from', 'to'] as const) {
    const v = values[k];
    if (v === undefined || !isValidLocalDate(v)) throw new UsageError(`--${k} must be a date YYYY-MM-DD (got ${v ?? 'nothing'})`);
  }
  const from = values.from ?? '';
  const to = values.to ?? '';
  if (from > to) throw new UsageError('--from is after --to');
  const format = values.format === 'json' ? 'json' : DocFormat.safeParse(values.format);
  if (format !== 'json' && !format.success) throw new UsageError(`--format is docx, pdf, xlsx or json (got ${values.format ?? 'nothing'})`);
  if (format !== 'json' && !values.out) throw new UsageError('--out FILE is needed for docx, pdf and xlsx');
  const locale = Locale.safeParse(values.locale ?? 'zh-CN');
  if (!locale.success) throw new UsageError('--locale is zh-CN or en');

  const dataDir = path.resolve(env.DATA_DIR || '.data/web');
  const dir = deskDbDir(dataDir);
  if (!fs.existsSync(path.join(dir, DB_FILE))) throw new UsageError(`no desk database in ${dir} (set DATA_DIR)`);
  const db = openDbFile(path.join(dir, DB_FILE), { readonly: true });
  try {
    const version = Number(db.pragma('user_version', { simple: true }));
    if (version < LATEST_VERSION) throw new UsageError(`the desk database in ${dir} is at version ${version}; start the desk once to upgrade it`);
    const ctx = { prep: statementCache(db) };
    const settings = loadSettings(db);
    const clock = { today: localDateOf(now, settings.timeZone), now, settings };
    let scope: { kind: 'team' } | { kind: 'agent'; agentId: string } = { kind: 'team' };
    if (values.agent !== undefined) {
      const a = readAgentByUsername(ctx, values.agent);
      if (!a) throw new UsageError(`no agent with the user name ${values.agent}`);
      scope = { kind: 'agent', agentId: String(a.id) };
    }
    const team = reportLabels(locale.data).team;
    const r = kind === 'summary'
      ? { kind: 'summary' as const, data: buildSummary(ctx, scope, from, to, clock, team) }
      : { kind: 'plan' as const, data: buildPlan(ctx, scope, from, to, clock, team) };
    if (format === 'json') {
      const f = r.kind === 'summary' ? r.data.figures : r.data.progress;
      out(JSON.stringify({ kind, scope: values.agent ?? 'team', from, to, ...f }));
      return 0;
    }
    const file = await exportReport(r, format.data, locale.data);
    const target = path.resolve(values.out ?? file.fileName);
    fs.writeFileSync(target, file.bytes);
    out(`${target} (${file.bytes.length.toLocaleString('en')} bytes)`);
    return 0;
  } finally {
    db.close();
  }
}

if (require.main === module) {
  runReportCli(process.argv.slice(2), process.env, (line) => process.stdout.write(`${line}\n`)).then(
    (code) => process.exit(code),
    (e: unknown) => {
      process.stderr.write(`${e instanceof UsageError ? `${e.message}\n${USAGE}` : e instanceof Error ? e.message : String(e)}\n`);
      process.exit(e instanceof UsageError ? 2 : 1);
    },
  );
}
