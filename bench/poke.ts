/**
 * A lead's assignment reaching the agent's desk (issue 9, #18), on SQLite and PostgreSQL hubs
 * (PostgreSQL skipped when unreachable), 127.0.0.1: two real desks (createDesk) with the app's
 * own sync timing (500 ms debounce after a local change, 30 s timer, event stream on). Each
 * sample: the lead's desk assigns one case (lead.assign), until the agent's desk lists it in its
 * queue: the lead's debounced push, the hub's poke, the agent's pull. Target p95 <= 2 s.
 * Run alone: `npx tsx bench/poke.ts` (POKE_BENCH_N=30 samples per store by default).
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { PG_URL, pgReachable } from './pg';
import { createDesk, type CoreDesk } from '../electron/core/desk';
import { addTeam, addUser, CaseUpsert, upsertCases } from '../hub/admin';
import { startHub, type StartHubOptions } from '../hub/server';
import { generateDemoRows } from '../shared/demo/generate';
import { checkedValue, formatTable, summarize, type Stat } from './core';

const PASSWORD = 'bench-pass';
export const POKE_TARGET_MS = 2_000;

async function must<T>(p: Promise<{ ok: true; value: T } | { ok: false; error: unknown }>): Promise<T> {
  const r = await p;
  if (!r.ok) throw new Error(`bench call failed: ${JSON.stringify(r.error)}`);
  return r.value;
}

/** Resolves when `caseId` is in the agent's queue (checked after every queue change on that desk). */
function appears(desk: CoreDesk, caseId: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const check = async (): Promise<void> => {
      const r = await desk.invoke('queue.list', { limit: 500 });
      const items = r.ok && typeof r.value === 'object' && r.value !== null && 'items' in r.value && Array.isArray(r.value.items) ? r.value.items : [];
      if (items.some((i: unknown) => typeof i === 'object' && i !== null && 'caseId' in i && i.caseId === caseId)) {
        off();
        clearTimeout(timer);
        resolve();
      }
    };
    const off = desk.on('queue.changed', () => void check());
    const timer = setTimeout(() => {
      off();
      reject(new Error(`case ${caseId} did not reach the agent within 60 s`));
    }, 60_000);
    void check();
  });
}

async function benchStore(label: string, opts: Pick<StartHubOptions, 'dataDir' | 'pgUrl' | 'pgSchema'>, n: number, log: (s: string) => void): Promise<Stat> {
  const hub = await startHub({ ...opts, port: 0, host: '127.0.0.1', log: false });
  const dirs: string[] = [];
  const desks: CoreDesk[] = [];
  try {
    const now = new Date();
    const teamId = await addTeam(hub.store, 'poke', now);
    await addUser(hub.store, { username: 'poke-lead', password: PASSWORD, role: 'lead', team: 'poke', displayName: '组长', agentNo: 'L-poke' }, now);
    const agentId = await addUser(hub.store, { username: 'poke-agent', password: PASSWORD, role: 'agent', team: 'poke', displayName: '王芳', agentNo: 'A-poke' }, now);
    const rows = generateDemoRows({ cases: n, firstId: 1, agentId: null, today: now.toISOString().slice(0, 10), history: 0, seed: 7 });
    await hub.store.write((q) => upsertCases(q, teamId, CaseUpsert.parse(rows), now));
    const open = async (username: string): Promise<CoreDesk> => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'poke-bench-'));
      dirs.push(dir);
      const desk = await createDesk({ dataDir: dir, pollMs: 0, log: () => {} });
      desks.push(desk);
      await must(desk.invoke('sync.connect', { hubUrl: hub.url, username, password: PASSWORD }));
      return desk;
    };
    const lead = await open('poke-lead');
    const agent = await open('poke-agent');
    const samples: number[] = [];
    for (const c of rows.cases) {
      const seen = appears(agent, c.id);
      const t0 = performance.now();
      await must(lead.invoke('lead.assign', { caseIds: [c.id], agentId: String(agentId) }));
      await seen;
      samples.push(performance.now() - t0);
    }
    const stat = summarize(`${label}: assignment on agent's desk`, samples, POKE_TARGET_MS);
    log(`  ${label}: p50 ${stat.p50.toFixed(0)} ms, p95 ${stat.p95.toFixed(0)} ms over ${n}`);
    return stat;
  } finally {
    for (const d of desks) d.close();
    await hub.close();
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  }
}


export async function runPokeBench(opts: { log?: (s: string) => void; n?: number } = {}): Promise<Stat[]> {
  const log = opts.log ?? ((s: string) => console.log(s));
  const n = opts.n ?? Number(process.env.POKE_BENCH_N ?? 30);
  const stats: Stat[] = [];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'poke-hub-'));
  try {
    log('poke bench on SQLite ...');
    stats.push(await benchStore('hub sqlite', { dataDir: dir }, n, log));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  if (!(await pgReachable())) {
    log(`poke bench: no PostgreSQL at ${PG_URL} — the PostgreSQL half is skipped`);
    return stats;
  }
  const schema = `poke_bench_${randomBytes(4).toString('hex')}`;
  log('poke bench on PostgreSQL ...');
  try {
    stats.push(await benchStore('hub postgres', { pgUrl: PG_URL, pgSchema: schema }, n, log));
  } finally {
    const c = new pg.Client({ connectionString: PG_URL });
    await c.connect();
    await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await c.end();
  }
  return stats;
}

if (require.main === module) {
  runPokeBench()
    .then((stats) => {
      console.log(`\nCollectDesk pokes (node ${process.version})\n`);
      console.log(formatTable(stats));
      if (stats.some((s) => s.target !== null && checkedValue(s) > s.target)) process.exitCode = 1;
    })
    .catch((e: unknown) => {
      console.error(e);
      process.exit(1);
    });
}
