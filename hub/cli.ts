/**
 * `npm run hub` — the sync hub.
 *
 *   npm run hub [-- --data-dir DIR] [--port 7420] [--host 127.0.0.1] [--pg URL] [--pg-schema S]
 *   npm run hub -- user add --username u --role agent|lead|admin --team T --name 王芳 --agent-no A1024 [--password-stdin]
 *   npm run hub -- user passwd --username u [--password-stdin]
 *   (the password is typed at a prompt, or piped with --password-stdin; --password is refused: `ps` shows it)
 *   npm run hub -- user disable --username u        (user enable to undo)
 *   npm run hub -- user list
 *   npm run hub -- team add --name T
 *   npm run hub -- demo --team T --cases N --agent username [--history 3] [--seed 7]
 *   npm run hub -- reference export --team T [FILE]   outcome codes, scripts, settings, targets as JSON (stdout without FILE)
 *   npm run hub -- reference import --team T FILE     change them from such a file (every part optional); desks get it on their next pull
 *   npm run hub -- import --team T FILE [--creditor NAME] [--dry-run] [--json]   a creditor's batch (委案批次), CSV or XLSX
 *   npm run hub -- report summary --team T [--agent U] --from D --to D --format json|docx|pdf|xlsx [--out FILE] [--locale zh-CN|en]
 *   npm run hub -- audit verify                       check the admin actions' hash chain: prints the count (exit 0) or the first broken entry (exit 1)
 *
 * Env: HUB_DATA_DIR, HUB_PORT, HUB_HOST, HUB_DATABASE_URL (PostgreSQL). The server's default data
 * folder is ./.data/hub; every other command must be told the server's database (--data-dir /
 * HUB_DATA_DIR or --pg / HUB_DATABASE_URL, exactly one) and says which one it uses.
 * Exit codes: 0 ok, 1 failure, 2 bad usage.
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { addTeam, addUser, listUsers, setDisabled, setPassword, teamByName, upsertCases, CaseUpsert } from './admin';
import { appendAdminAudit, verifyAdminAudit } from './admin-audit';
import { HubFailure } from './errors';
import { hubImport } from './import/command';
import { hubReport } from './reports/command';
import { PASSWORD_ARG_REFUSED, promptHidden, readPasswordFrom } from './password-input';
import { ReferenceDataError, ReferenceUpdate, readReference, writeReference } from './reference';
import { DEFAULT_HUB_PORT, openStore, startHub } from './server';
import { SQLITE_FILE } from './store/sqlite';
import path from 'node:path';
import { generateDemoRows } from '../shared/demo/generate';
import { localDateOf } from '../shared/domain/dates';
import type { Store } from './store/types';

class Usage extends Error {}

export const HELP = `CollectDesk sync hub

Run the server:
  npm run hub -- [--data-dir DIR | --pg URL [--pg-schema S]] [--port 7420] [--host 127.0.0.1]
    --data-dir DIR   SQLite data folder (default ./.data/hub; env HUB_DATA_DIR)
    --pg URL         PostgreSQL instead (env HUB_DATABASE_URL), --pg-schema for its schema
    --port, --host   where to listen (env HUB_PORT, HUB_HOST); 0.0.0.0 serves the LAN

Manage it (give the SAME --data-dir or --pg as the server; the command says which database it uses):
  user add --username U --role agent|lead|admin [--team T] --name 王芳 --agent-no A1024 [--password-stdin]
           (--team is required for an agent or a lead; an admin has none)
  user passwd --username U [--password-stdin]   (their sessions are revoked)
           The password is typed at a prompt (twice, not shown), or read from standard input with
           --password-stdin for scripts. --password is refused: a command line shows in \`ps\`.
  user disable --username U | user enable --username U
  user list
  team add --name T
  demo --team T --cases N --agent U [--history 3] [--seed 7]
  reference export --team T [FILE]           outcome codes, scripts, settings, targets as JSON
  reference import --team T FILE             desks get it on their next pull
  import --team T FILE [--creditor NAME] [--dry-run] [--json]
                                             a creditor's batch (CSV/XLSX); exit 2 when the file is refused
  report summary --team T [--agent U] --from YYYY-MM-DD --to YYYY-MM-DD --format json|docx|pdf|xlsx [--out FILE] [--locale zh-CN|en]
                                             a team's (or agent's) work summary from the hub's records; json: one line of figures
  audit verify                               check the hash chain of admin actions (exit 1 names the first broken entry)

Exit codes: 0 ok, 1 failure, 2 bad usage.`;

/** The database a management command works on: named explicitly, exactly once (a guess would write a second, empty hub). */
export function commandStore(v: { 'data-dir'?: string | undefined; pg?: string | undefined; 'pg-schema'?: string | undefined }, env: NodeJS.ProcessEnv, mayCreate = false): { dataDir?: string; pgUrl?: string; pgSchema?: string; label: string } {
  const dir = v['data-dir'] ?? env.HUB_DATA_DIR;
  const pgUrl = v.pg ?? env.HUB_DATABASE_URL;
  if (dir && pgUrl) throw new Usage(`both a SQLite folder (${dir}) and PostgreSQL are given: name one, the one the server uses`);
  if (pgUrl) {
    const u = new URL(pgUrl);
    return { pgUrl, ...(v['pg-schema'] ? { pgSchema: v['pg-schema'] } : {}), label: `PostgreSQL ${u.host}${u.pathname}${v['pg-schema'] ? ` schema ${v['pg-schema']}` : ''}` };
  }
  if (!dir) throw new Usage('which hub database? Give --data-dir DIR (or HUB_DATA_DIR) or --pg URL (or HUB_DATABASE_URL), the same as the server\'s; nothing was changed');
  const file = path.resolve(dir, SQLITE_FILE);
  if (fs.existsSync(file)) return { dataDir: dir, label: `SQLite ${file}` };
  // only the first step of a new hub (team add) makes the database; anything else in a folder without one is a typo
  if (mayCreate) return { dataDir: dir, label: `SQLite ${file} (new)` };
  throw new Usage(`no hub database in ${path.resolve(dir)} (${SQLITE_FILE} missing): check the folder (the server's --data-dir), or start with team add; nothing was changed`);
}

const OPTIONS = {
  'data-dir': { type: 'string' }, port: { type: 'string' }, host: { type: 'string' }, pg: { type: 'string' }, 'pg-schema': { type: 'string' },
  username: { type: 'string' }, password: { type: 'string' }, 'password-stdin': { type: 'boolean' }, role: { type: 'string' }, team: { type: 'string' }, name: { type: 'string' },
  'agent-no': { type: 'string' }, cases: { type: 'string' }, agent: { type: 'string' }, history: { type: 'string' }, seed: { type: 'string' },
  creditor: { type: 'string' }, 'dry-run': { type: 'boolean' }, json: { type: 'boolean' },
  from: { type: 'string' }, to: { type: 'string' }, format: { type: 'string' }, out: { type: 'string' }, locale: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

function need(v: string | undefined, flag: string): string {
  if (v === undefined || v.trim() === '') throw new Usage(`--${flag} is required`);
  return v;
}
function int(v: string | undefined, flag: string, def: number, min: number, max: number): number {
  if (v === undefined) return def;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min || n > max) throw new Usage(`--${flag} must be a whole number from ${min} to ${max} (got "${v}")`);
  return n;
}

/** The new password: piped (--password-stdin) or typed twice at a prompt; never an argument. */
async function newPassword(v: { password?: string | undefined; 'password-stdin'?: boolean | undefined }, username: string): Promise<string> {
  if (v.password !== undefined) throw new Usage(PASSWORD_ARG_REFUSED);
  if (v['password-stdin']) {
    const p = await readPasswordFrom(process.stdin);
    if (p === '') throw new Usage('--password-stdin: standard input was empty; nothing was changed');
    return p;
  }
  if (!process.stdin.isTTY) throw new Usage('no password: run this in a terminal to be prompted, or pipe it with --password-stdin; nothing was changed');
  const first = await promptHidden(`new password for ${username}: `, process.stdin, process.stderr);
  const again = await promptHidden('again: ', process.stdin, process.stderr);
  if (first !== again) throw new Usage('the two passwords differ; nothing was changed');
  return first;
}

async function withStore<T>(store: Store, fn: (s: Store) => Promise<T>): Promise<T> {
  await store.migrate();
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

async function main(argv: string[]): Promise<number> {
  const { values: v, positionals: pos } = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  if (v.help || pos[0] === 'help') {
    console.log(HELP);
    return 0;
  }
  const pgUrl = v.pg ?? process.env.HUB_DATABASE_URL;
  const where = { dataDir: v['data-dir'] ?? process.env.HUB_DATA_DIR ?? '.data/hub', ...(pgUrl ? { pgUrl } : {}), ...(v['pg-schema'] ? { pgSchema: v['pg-schema'] } : {}) };
  const now = new Date();
  const [cmd, sub] = pos;
  if (cmd === undefined) {
    const port = int(v.port ?? process.env.HUB_PORT, 'port', DEFAULT_HUB_PORT, 0, 65535);
    const hub = await startHub({ ...where, port, host: v.host ?? process.env.HUB_HOST ?? '127.0.0.1' });
    console.log(`CollectDesk hub on ${hub.url} (${hub.store.kind}${pgUrl ? '' : `, ${where.dataDir}`})`);
    const stop = () => {
      hub.close().then(() => process.exit(0), () => process.exit(1));
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
    return -1; // keep running
  }
  const chosen = commandStore(v, process.env, cmd === 'team' && sub === 'add');
  console.error(`hub database: ${chosen.label}`);
  const store = openStore(chosen);
  if (cmd === 'team' && sub === 'add') {
    const id = await withStore(store, (s) => addTeam(s, need(v.name ?? v.team, 'name'), now));
    console.log(`team ${v.name ?? v.team} added (id ${id})`);
    return 0;
  }
  if (cmd === 'user') {
    if (sub === 'add') {
      const role = need(v.role, 'role');
      if (!['agent', 'lead', 'admin'].includes(role)) throw new Usage('--role must be agent, lead or admin');
      const team = v.team ?? null;
      if (team === null && role !== 'admin') throw new Usage('--team is required for an agent or a lead');
      const password = await newPassword(v, need(v.username, 'username')).catch(async (e: unknown) => {
        await store.close();
        throw e;
      });
      const id = await withStore(store, (s) =>
        addUser(s, { username: need(v.username, 'username'), password, role: role as 'agent', team, displayName: need(v.name, 'name'), agentNo: need(v['agent-no'], 'agent-no') }, now),
      );
      console.log(`user ${v.username} added (id ${id})`);
      return 0;
    }
    if (sub === 'passwd') {
      const password = await newPassword(v, need(v.username, 'username')).catch(async (e: unknown) => {
        await store.close();
        throw e;
      });
      await withStore(store, (s) => setPassword(s, need(v.username, 'username'), password, now));
      console.log(`password of ${v.username} changed; their sessions are revoked`);
      return 0;
    }
    if (sub === 'disable' || sub === 'enable') {
      await withStore(store, (s) => setDisabled(s, need(v.username, 'username'), sub === 'disable', now));
      console.log(`user ${v.username} ${sub}d`);
      return 0;
    }
    if (sub === 'list') {
      const users = await withStore(store, (s) => listUsers(s));
      for (const u of users) console.log(`${String(u.id).padStart(4)}  ${u.username.padEnd(16)} ${u.role.padEnd(6)} ${(u.team ?? '-').padEnd(12)} ${u.displayName} ${u.agentNo}${u.disabled ? '  (disabled)' : ''}`);
      return 0;
    }
  }
  if (cmd === 'demo') {
    const team = need(v.team, 'team');
    const cases = int(need(v.cases, 'cases'), 'cases', 0, 1, 20_000);
    const history = int(v.history, 'history', 3, 0, 20);
    const seed = int(v.seed, 'seed', 7, 0, 2 ** 31);
    const agentName = need(v.agent, 'agent');
    await withStore(store, async (s) => {
      const { teamId, agentId, firstId } = await s.read(async (q) => {
        const teamId = await teamByName(q, team);
        const agent = await q.get<{ id: number; team_id: number | null }>('SELECT id, team_id FROM users WHERE username = ?', [agentName.toLowerCase()]);
        if (!agent) throw new Usage(`--agent: no user "${agentName}"`);
        if (Number(agent.team_id) !== teamId) throw new Usage(`--agent: ${agentName} is not in team ${team}`);
        let max = 0;
        for (const t of ['debtors', 'contacts', 'phones', 'cases', 'batches']) max = Math.max(max, Number((await q.get<{ m: number | null }>(`SELECT max(id) AS m FROM ${t}`))?.m ?? 0));
        return { teamId, agentId: Number(agent.id), firstId: max + 1 };
      });
      const rows = generateDemoRows({ cases, firstId, agentId: String(agentId), today: localDateOf(now), seed, history });
      const body = CaseUpsert.parse(rows);
      await s.write(async (q) => {
        const done = await upsertCases(q, teamId, body, now);
        await appendAdminAudit(q, { actor: 'cli', action: 'cases.upsert', teamId, detail: { ...done, demo: true } }, now);
      });
    });
    console.log(`${cases} demo cases added to team ${team}, assigned to ${agentName}`);
    return 0;
  }
  if (cmd === 'reference' && (sub === 'export' || sub === 'import')) {
    const team = need(v.team, 'team');
    const file = pos[2];
    if (sub === 'export') {
      const doc = await withStore(store, (s) => s.read(async (q) => readReference(q, await teamByName(q, team))));
      const json = `${JSON.stringify(doc, null, 2)}\n`;
      if (file) {
        fs.writeFileSync(file, json);
        console.log(`reference data of team ${team} written to ${file}`);
      } else process.stdout.write(json);
      return 0;
    }
    if (!file) throw new Usage('reference import needs a FILE');
    let raw: unknown;
    try {
      raw = JSON.parse(fs.readFileSync(file, 'utf8'));
    } catch (e) {
      await store.close();
      throw new Usage(`${file}: not a readable JSON file (${(e as Error).message})`);
    }
    // an exported file carries the whole document; its parts are what import takes
    const parsed = ReferenceUpdate.safeParse(raw);
    if (!parsed.success) {
      await store.close();
      const issues = parsed.error.issues.slice(0, 10).map((i) => `  ${i.path.join('.') || '(file)'}: ${i.message}`);
      throw new Usage(`${file} is not valid reference data; nothing was changed:\n${issues.join('\n')}`);
    }
    const changed = await withStore(store, (s) =>
      s.write(async (q) => {
        const teamId = await teamByName(q, team);
        const counts = await writeReference(q, teamId, parsed.data, now);
        await appendAdminAudit(q, { actor: 'cli', action: 'reference.update', teamId, detail: counts }, now);
        return counts;
      }),
    ).catch((e: unknown) => {
      if (e instanceof ReferenceDataError) throw new Usage(`${file}: ${e.message}; nothing was changed`);
      throw e;
    });
    console.log(`team ${team}: ${changed.outcomeCodes} outcome code(s), ${changed.scripts} script(s), ${changed.settings} setting(s), ${changed.targets} target(s) written`);
    return 0;
  }
  if (cmd === 'import') {
    const file = pos[1];
    if (!file) throw new Usage('import needs a FILE');
    const team = need(v.team, 'team');
    return withStore(store, (s) => hubImport(s, { team, file, creditor: v.creditor, dryRun: v['dry-run'] === true, json: v.json === true }, now, (l) => console.log(l), (l) => console.error(`hub: ${l}`)));
  }
  if (cmd === 'report' && sub === 'summary') {
    const team = need(v.team, 'team');
    return withStore(store, (s) => hubReport(s, { team, agent: v.agent, from: v.from, to: v.to, format: v.format, out: v.out, locale: v.locale }, now, (l) => console.log(l), (l) => console.error(`hub: ${l}`)));
  }
  if (cmd === 'audit' && sub === 'verify') {
    const v = await withStore(store, (s) => verifyAdminAudit(s));
    if (v.ok) {
      console.log(`hub audit log intact: ${v.count} entries`);
      return 0;
    }
    console.log(`hub audit log BROKEN at seq ${v.brokenAtSeq}: ${v.reason} (${v.count} entries before it verify)`);
    return 1;
  }
  await store.close();
  throw new Usage(`unknown command: ${pos.join(' ')}`);
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exitCode = code;
  },
  (e: unknown) => {
    if (e instanceof Usage || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      console.error(`hub: ${(e as Error).message}`);
      process.exitCode = 2;
    } else if (e instanceof HubFailure) {
      console.error(`hub: ${e.message}`);
      process.exitCode = 1;
    } else if ((e as { name?: string }).name === 'ZodError') {
      const issues = (e as { issues: { path: (string | number)[]; message: string }[] }).issues;
      console.error(`hub: ${issues.map((i) => `--${String(i.path[0] ?? '?').replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}: ${i.message}`).join('; ')}`);
      process.exitCode = 2;
    } else {
      console.error(e);
      process.exitCode = 1;
    }
  },
);
