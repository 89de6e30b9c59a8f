/**
 * Hub benchmark, on SQLite and PostgreSQL (skipped when unreachable), 127.0.0.1 only:
 *  - the first pull of an agent with 2,000 cases (all pages; target <= 2 s)
 *  - a push of 10,000 mutations in batches of MAX_PUSH_MUTATIONS (target <= 5 s in total)
 *  - a real desk (createDesk) against the hub, the hub on a thread of its own as on a server: its
 *    first pull through sync.connect and a push of 10,000 mutations from its outbox
 *    (bench/desk-sync.ts; p50 <= 400 ms, p95 <= 600 ms on SQLite)
 *  - 50 simulated desks pushing and pulling concurrently for HUB_BENCH_SECONDS (default 60):
 *    zero errors, push p95 <= 100 ms.
 * Run alone: `npx tsx bench/hub.ts` (HUB_BENCH_SECONDS=10 for a quick look; HUB_BENCH_STORES=sqlite|postgres for one half).
 * `--background N` (or HUB_BENCH_BACKGROUND=N) first fills the hub with N cases in 200 other teams
 * (bench/background.ts), e.g. `npx tsx bench/hub.ts --background 1000000`: the measured agent's
 * figures should stay within 1.25x of those without. Never part of the default `npm run bench`.
 * HUB_BENCH_KEEP_SCHEMA=1 keeps the PostgreSQL schema afterwards (its name is logged), to look into it.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import pg from 'pg';
import { PG_URL, pgReachable } from './pg';
import { newRowId } from '../electron/core/row-id';
import { addTeam, addUser, CaseUpsert, upsertCases } from '../hub/admin';
import { startHub, type RunningHub, type StartHubOptions } from '../hub/server';
import { SQLITE_FILE } from '../hub/store/sqlite';
import { generateDemoRows } from '../shared/demo/generate';
import { MAX_PUSH_MUTATIONS, SYNC_SCHEMA_VERSION } from '../shared/sync';
import { fillBackground, settleAfterFill } from './background';
import { checkedValue, formatTable, summarize, type Stat } from './core';
import { benchDeskSync, seedAgent } from './desk-sync';
import { startHubThread } from './hub-thread';
import { profilePhase } from './profile';



async function post(hub: RunningHub, url: string, body: unknown, token: string): Promise<{ status: number; body: any }> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const res = await fetch(hub.url + url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(body) });
  return { status: res.status, body: await res.json() };
}
async function login(hub: RunningHub, username: string): Promise<string> {
  const res = await fetch(`${hub.url}/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: 'bench-pass' }) });
  return ((await res.json()) as { token: string }).token;
}

/** attempt.save args as a desk sends them (its ids time-ordered, electron/core/row-id.ts). */
const attempt = (caseId: string, note: string) => ({
  attemptId: newRowId(), clientRequestId: `b-${randomUUID()}`, caseId, phoneId: null, channel: 'phone', party: 'none', outcomeCode: 'NO_ANSWER',
  note, callStartedAt: null, durationSec: 0, claimedPaidDate: null, stepsDone: [], scenario: null, at: new Date().toISOString(), promise: null, followUp: null, phoneLock: null,
});

async function pullAll(hub: RunningHub, token: string, deviceId: string, cursor = 0): Promise<{ cursor: number; changes: number }> {
  let changes = 0;
  for (;;) {
    const r = await post(hub, '/v1/sync/pull', { deviceId, schemaVersion: SYNC_SCHEMA_VERSION, cursor }, token);
    if (r.status !== 200) throw new Error(`pull ${r.status} ${JSON.stringify(r.body)}`);
    changes += r.body.changes.length;
    cursor = r.body.cursor;
    if (!r.body.more) return { cursor, changes };
  }
}

async function benchStore(label: string, opts: Pick<StartHubOptions, 'dataDir' | 'pgUrl' | 'pgSchema'>, seconds: number, background: number, log: (s: string) => void): Promise<Stat[]> {
  const stats: Stat[] = [];
  const hub = await startHub({ ...opts, port: 0, host: '127.0.0.1', log: false });
  try {
    if (background > 0) {
      log(`  ${label}: filling ${background.toLocaleString('en')} background cases in 200 other teams ...`);
      log(`  ${label}: background filled in ${(await fillBackground(hub.store, background, log)).toFixed(0)} s`);
      await settleAfterFill(hub.store, opts.dataDir ? path.join(opts.dataDir, SQLITE_FILE) : undefined);
      label = `${label} +${background >= 1_000_000 ? `${background / 1_000_000}M` : background.toLocaleString('en')}`;
    }
    const now = new Date();
    const today = now.toISOString().slice(0, 10);
    const teamId = await addTeam(hub.store, 'bench', now);
    await addUser(hub.store, { username: 'lead', password: 'bench-pass', role: 'lead', team: 'bench', displayName: '组长', agentNo: 'L1' }, now);
    const big = await addUser(hub.store, { username: 'big', password: 'bench-pass', role: 'agent', team: 'bench', displayName: '王芳', agentNo: 'A1' }, now);
    const rows = generateDemoRows({ cases: 2000, firstId: 1, agentId: String(big), today, history: 3, seed: 11 });
    await hub.store.write((q) => upsertCases(q, teamId, CaseUpsert.parse(rows), now));
    const token = await login(hub, 'big');

    // 1. first pull of an agent with 2,000 cases
    const firstPull: number[] = [];
    let pulled = 0;
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      pulled = (await pullAll(hub, token, `dev-first-${i}-${randomBytes(4).toString('hex')}`)).changes;
      firstPull.push(performance.now() - t0);
    }
    log(`  ${label}: first pull = ${pulled} changes`);
    stats.push(summarize(`${label} first pull 2,000 cases`, firstPull, 2000));

    // 2. 10,000 mutations in batches of MAX_PUSH_MUTATIONS
    const deviceId = `dev-push-${randomBytes(4).toString('hex')}`;
    const batchMs: number[] = [];
    let id = 1;
    const t0 = performance.now();
    for (let b = 0; b < 10_000 / MAX_PUSH_MUTATIONS; b++) {
      const mutations = Array.from({ length: MAX_PUSH_MUTATIONS }, (_, j) => ({
        id: id++, name: 'attempt.save', args: attempt(rows.cases[(b * MAX_PUSH_MUTATIONS + j) % rows.cases.length]!.id, '无人接听'), clientTime: new Date().toISOString(),
      }));
      const s = performance.now();
      const r = await post(hub, '/v1/sync/push', { deviceId, schemaVersion: SYNC_SCHEMA_VERSION, mutations }, token);
      if (r.status !== 200 || r.body.rejected.length > 0) throw new Error(`push ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`);
      batchMs.push(performance.now() - s);
    }
    stats.push(summarize(`${label} push 10,000 (total)`, [performance.now() - t0], 5000));
    stats.push(summarize(`${label} push batch of ${MAX_PUSH_MUTATIONS}`, batchMs, null));

    // 3. a real desk: first pull through sync.connect, push of 10,000 from its outbox (its own team and agent)
    const deskCases = await seedAgent(hub, 'desk', 'desk-agent', 50_000, 12); // seed 11 is the big agent's
    const deskHub = await startHubThread(opts);
    try {
      stats.push(...(await benchDeskSync(deskHub, label, 'desk-agent', deskCases, { log, targets: hub.store.kind === 'sqlite' })));
    } finally {
      await deskHub.close();
    }

    // 4. 50 desks, each its own agent with 10 cases, pushing and pulling concurrently
    const desks: DeskLoad[] = [];
    let firstId = 100_000;
    for (let i = 0; i < 50; i++) {
      const uid = await addUser(hub.store, { username: `d${i}`, password: 'bench-pass', role: 'agent', team: 'bench', displayName: `坐席${i}`, agentNo: `D${i}` }, now);
      const r = generateDemoRows({ cases: 10, firstId, agentId: String(uid), today, history: 1, seed: 100 + i }); // seeds of their own: the same seed gives the same record ids
      firstId += 1000;
      await hub.store.write((q) => upsertCases(q, teamId, CaseUpsert.parse(r), now));
      const t = await login(hub, `d${i}`);
      const deviceId = `dev-desk-${i}-${randomBytes(4).toString('hex')}`;
      desks.push({ token: t, deviceId, cases: r.cases.map((c) => c.id), next: 1, cursor: (await pullAll(hub, t, deviceId)).cursor });
    }
    // The desks run in a worker thread: on a real team they are other machines, and their HTTP
    // client work must not queue on the hub's own event loop (HUB_BENCH_INPROC=1: same thread).
    const stopProfile = await profilePhase(`${label} 50 desks`);
    const { pushMs, pullMs, errors } = await runDesks(hub.url, desks, seconds, process.env.HUB_BENCH_INPROC === '1');
    await stopProfile();
    log(`  ${label}: 50 desks for ${seconds} s: ${pushMs.length} pushes, ${errors} errors`);
    stats.push(summarize(`${label} 50 desks: push`, pushMs, 100));
    stats.push(summarize(`${label} 50 desks: pull`, pullMs, null));
    stats.push({ name: `${label} 50 desks: errors`, n: pushMs.length, p50: errors, p95: errors, p99: errors, target: 0, stat: 'p95' });
    return stats;
  } finally {
    await hub.close();
  }
}

interface DeskLoad { token: string; deviceId: string; cases: string[]; next: number; cursor: number }

/** The desk loop: push 1-3 attempts, pull to the end, pause 50-150 ms; plain JS so a worker can run it from source. */
const DESK_LOOP = `
async function deskLoop(url, desks, seconds, schemaVersion) {
  const { randomUUID } = require('node:crypto');
  const post = async (path, body, token) => {
    const res = await fetch(url + path, { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer ' + token }, body: JSON.stringify(body) });
    return { status: res.status, body: await res.json() };
  };
  // As electron/core/row-id.ts makes them: UUID version 7 (time-ordered).
  const rowId = () => {
    const b = require('node:crypto').randomBytes(16);
    b.writeUIntBE(Date.now(), 0, 6);
    b[6] = 0x70 | (b[6] & 0x0f);
    b[8] = 0x80 | (b[8] & 0x3f);
    const h = b.toString('hex');
    return h.slice(0, 8) + '-' + h.slice(8, 12) + '-' + h.slice(12, 16) + '-' + h.slice(16, 20) + '-' + h.slice(20);
  };
  const attempt = (caseId, note) => ({
    attemptId: rowId(), clientRequestId: 'b-' + randomUUID(), caseId, phoneId: null, channel: 'phone', party: 'none', outcomeCode: 'NO_ANSWER',
    note, callStartedAt: null, durationSec: 0, claimedPaidDate: null, stepsDone: [], scenario: null, at: new Date().toISOString(), promise: null, followUp: null, phoneLock: null,
  });
  const pushMs = [], pullMs = [];
  let errors = 0;
  const until = Date.now() + seconds * 1000;
  await Promise.all(desks.map(async (d, i) => {
    let k = 0;
    while (Date.now() < until) {
      const n = 1 + (k % 3);
      const mutations = Array.from({ length: n }, () => ({ id: d.next++, name: 'attempt.save', args: attempt(d.cases[k++ % d.cases.length], 'desk ' + i), clientTime: new Date().toISOString() }));
      let s = performance.now();
      const r = await post('/v1/sync/push', { deviceId: d.deviceId, schemaVersion, mutations }, d.token).catch(() => ({ status: 0, body: null }));
      pushMs.push(performance.now() - s);
      if (r.status !== 200 || r.body.rejected.length > 0) errors += 1;
      s = performance.now();
      try {
        for (;;) {
          const p = await post('/v1/sync/pull', { deviceId: d.deviceId, schemaVersion, cursor: d.cursor }, d.token);
          if (p.status !== 200) throw new Error('pull ' + p.status);
          d.cursor = p.body.cursor;
          if (!p.body.more) break;
        }
      } catch {
        errors += 1;
      }
      pullMs.push(performance.now() - s);
      await new Promise((res) => setTimeout(res, 50 + Math.random() * 100)); // an agent's desk, not a flood
    }
  }));
  return { pushMs, pullMs, errors };
}`;

type DeskResult = { pushMs: number[]; pullMs: number[]; errors: number };

async function runDesks(url: string, desks: DeskLoad[], seconds: number, inProcess: boolean): Promise<DeskResult> {
  if (inProcess) {
    const loop = new Function('require', `${DESK_LOOP}; return deskLoop;`)(require) as (u: string, d: DeskLoad[], s: number, v: number) => Promise<DeskResult>;
    return loop(url, desks, seconds, SYNC_SCHEMA_VERSION);
  }
  const worker = new Worker(
    `${DESK_LOOP}
     const { parentPort, workerData } = require('node:worker_threads');
     deskLoop(workerData.url, workerData.desks, workerData.seconds, workerData.schemaVersion).then((r) => parentPort.postMessage(r));`,
    { eval: true, workerData: { url, desks, seconds, schemaVersion: SYNC_SCHEMA_VERSION }, execArgv: [] },
  );
  try {
    return await new Promise<DeskResult>((resolve, reject) => {
      worker.once('message', (r: DeskResult) => resolve(r));
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`desk worker exited with ${code}`)));
    });
  } finally {
    await worker.terminate();
  }
}

/** `--background N` from the command line, else HUB_BENCH_BACKGROUND, else 0. */
export function backgroundArg(argv: readonly string[] = process.argv): number {
  const i = argv.indexOf('--background');
  const raw = i >= 0 ? argv[i + 1] : process.env.HUB_BENCH_BACKGROUND;
  const n = Number(raw ?? 0);
  if (!Number.isSafeInteger(n) || n < 0) throw new Error(`--background takes a number of cases, not ${raw}`);
  return n;
}

export async function runHubBench(opts: { log?: (s: string) => void; seconds?: number; background?: number } = {}): Promise<Stat[]> {
  const log = opts.log ?? ((s: string) => console.log(s));
  const background = opts.background ?? 0;
  const seconds = opts.seconds ?? Number(process.env.HUB_BENCH_SECONDS ?? 60);
  const stats: Stat[] = [];
  const only = process.env.HUB_BENCH_STORES; // 'sqlite' or 'postgres' to run one half
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-bench-'));
  try {
    if (only !== 'postgres') {
      log('hub bench on SQLite ...');
      stats.push(...(await benchStore('hub sqlite', { dataDir: dir }, seconds, background, log)));
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  if (only === 'sqlite') return stats;
  if (await pgReachable()) {
    const schema = `hub_bench_${randomBytes(4).toString('hex')}`;
    log('hub bench on PostgreSQL ...');
    try {
      stats.push(...(await benchStore('hub postgres', { pgUrl: PG_URL, pgSchema: schema }, seconds, background, log)));
    } finally {
      // HUB_BENCH_KEEP_SCHEMA=1: leave the filled hub for EXPLAIN ANALYZE (drop it by hand after).
      if (process.env.HUB_BENCH_KEEP_SCHEMA === '1') log(`hub bench: PostgreSQL schema ${schema} kept`);
      else {
        const c = new pg.Client({ connectionString: PG_URL });
        await c.connect();
        await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
        await c.end();
      }
    }
  } else log(`hub bench: no PostgreSQL at ${PG_URL} — the PostgreSQL half is skipped`);
  return stats;
}

if (require.main === module) {
  runHubBench({ background: backgroundArg() })
    .then((stats) => {
      console.log(`\nCollectDesk hub (node ${process.version})\n`);
      console.log(formatTable(stats));
      if (stats.some((s) => s.target !== null && checkedValue(s) > s.target)) process.exitCode = 1;
    })
    .catch((e: unknown) => {
      console.error(e);
      process.exit(1);
    });
}
