/**
 * What a real desk sees of its hub (a desk core from createDesk against a real hub, 127.0.0.1):
 *  - the first pull of an agent with 2,000 cases, through `sync.connect` (login, database,
 *    every page applied), a fresh desk each run;
 *  - a push of 10,000 mutations from the desk's outbox by its sync engine (from `sync.now` until
 *    the hub has acknowledged the last batch; the pull of what came back is listed apart).
 * Targets: p50 <= 400 ms and p95 <= 600 ms, each.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createDesk, type CoreDesk } from '../electron/core/desk';
import { newRowId } from '../electron/core/row-id';
import { writeOutbox } from '../electron/core/sync/outbox';
import { addTeam, addUser, CaseUpsert, upsertCases } from '../hub/admin';
import type { RunningHub } from '../hub/server';
import { generateDemoRows } from '../shared/demo/generate';
import { summarize, type Stat } from './core';
import { profilePhase } from './profile';

const PASSWORD = 'bench-pass';
const SYNC_TIMING = { intervalMs: 0, debounceMs: 0, backoffBaseMs: 60_000, backoffMaxMs: 60_000, pokes: false };

export const DESK_SYNC_TARGETS = { p50: 400, p95: 600 } as const;

async function must(p: Promise<{ ok: true; value: unknown } | { ok: false; error: unknown }>): Promise<void> {
  const r = await p;
  if (!r.ok) throw new Error(`bench call failed: ${JSON.stringify(r.error)}`);
}

const openDesk = (dir: string): Promise<CoreDesk> => createDesk({ dataDir: dir, pollMs: 0, log: () => {}, syncTiming: SYNC_TIMING });

/**
 * The agent's team on `hub`: a lead and `username` with 2,000 cases (3 attempts of history each). Returns the case ids.
 * `seed`: one not used by other rows on the same hub (the same seed gives the same record ids, refused on other cases).
 */
export async function seedAgent(hub: RunningHub, team: string, username: string, firstId: number, seed = 11): Promise<string[]> {
  const now = new Date();
  const teamId = await addTeam(hub.store, team, now);
  await addUser(hub.store, { username: `${username}-lead`, password: PASSWORD, role: 'lead', team, displayName: '组长', agentNo: `L-${username}` }, now);
  const agent = await addUser(hub.store, { username, password: PASSWORD, role: 'agent', team, displayName: '王芳', agentNo: `A-${username}` }, now);
  const rows = generateDemoRows({ cases: 2000, firstId, agentId: String(agent), today: now.toISOString().slice(0, 10), history: 3, seed });
  await hub.store.write((q) => upsertCases(q, teamId, CaseUpsert.parse(rows), now));
  return rows.cases.map((c) => c.id);
}

/** `n` attempt.save mutations in the desk's outbox (as a desk writes them: time-ordered ids), for the engine to push. */
function fillOutbox(desk: CoreDesk, caseIds: readonly string[], n: number, round: number): void {
  const ctx = desk.ctx;
  ctx.db.transaction(() => {
    for (let i = 0; i < n; i++) {
      const at = new Date().toISOString();
      writeOutbox(ctx, 'attempt.save', {
        attemptId: newRowId(), clientRequestId: `bench-${round}-${i}-${randomUUID()}`, caseId: caseIds[i % caseIds.length] ?? '1', phoneId: null,
        channel: 'phone', party: 'none', outcomeCode: 'NO_ANSWER', note: '无人接听', callStartedAt: null, durationSec: 0, claimedPaidDate: null,
        stepsDone: [], scenario: null, at, promise: null, followUp: null, phoneLock: null,
      });
    }
  })();
}

/** sync.now; resolves with the time until the outbox was empty (the push) and until the run ended (push + pull). */
async function timedSync(desk: CoreDesk): Promise<{ push: number; total: number }> {
  let push = NaN;
  const t0 = performance.now();
  const off = desk.on('sync.status', (s) => {
    if (s.pending === 0 && Number.isNaN(push)) push = performance.now() - t0;
  });
  try {
    await must(desk.invoke('sync.now', {}));
  } finally {
    off();
  }
  const total = performance.now() - t0;
  if (desk.ctx.prep<{ n: number }>('SELECT count(*) AS n FROM outbox').get()?.n !== 0) throw new Error('bench: the outbox was not pushed');
  return { push: Number.isNaN(push) ? total : push, total };
}

/**
 * `targets`: false to report the figures without checking them (the targets are SQLite's).
 * `only`: one of the two figures (a push adds 10,000 records per run to the agent's next first pull).
 */
export async function benchDeskSync(
  hub: { url: string },
  label: string,
  username: string,
  caseIds: readonly string[],
  opts: { runs?: number; targets?: boolean; log: (s: string) => void; only?: 'pull' | 'push' },
): Promise<Stat[]> {
  const runs = opts.runs ?? 7;
  const t = opts.targets === false ? { p50: null, p95: null } : DESK_SYNC_TARGETS;
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-sync-bench-'));
  const stats: Stat[] = [];
  const connect = (desk: CoreDesk) => must(desk.invoke('sync.connect', { hubUrl: hub.url, username, password: PASSWORD }));
  try {
    const first: number[] = [];
    let cases = caseIds.length;
    // DESK_BENCH_ONLY=push: the push figures alone (a quick before/after of a push change on a shared machine).
    const only = opts.only ?? (process.env.DESK_BENCH_ONLY === 'push' ? 'push' : undefined);
    const firstRuns = only === 'push' ? 0 : runs + 1;
    for (let i = 0; i < firstRuns; i++) {
      const desk = await openDesk(path.join(root, `first-${i}`));
      try {
        const stopProfile = i === 1 ? await profilePhase(`${label} desk first pull`) : async () => {};
        const t0 = performance.now();
        await connect(desk);
        await stopProfile();
        if (i > 0) first.push(performance.now() - t0); // run 0 warms the hub's statements and the JIT
        cases = desk.ctx.prep<{ n: number }>('SELECT count(*) AS n FROM cases').get()?.n ?? 0;
      } finally {
        await desk.closeAsync();
      }
    }
    if (cases !== caseIds.length) throw new Error(`bench: the first pull brought ${cases} cases, not ${caseIds.length}`);
    if (firstRuns > 0) {
      opts.log(`  ${label}: first pull via sync.connect = ${cases} cases`);
      stats.push(summarize(`${label} desk first pull 2,000`, first, t.p95));
      stats.push(summarize(`${label} desk first pull`, first, t.p50, 'p50'));
    }

    if (only === 'pull') return stats;
    const desk = await openDesk(path.join(root, 'push'));
    try {
      await connect(desk);
      const push: number[] = [];
      const total: number[] = [];
      for (let i = 0; i < runs + 1; i++) {
        fillOutbox(desk, caseIds, 10_000, i);
        const stopProfile = i === 1 ? await profilePhase(`${label} desk push 10000`) : async () => {};
        const r = await timedSync(desk);
        await stopProfile();
        if (i === 0) continue;
        push.push(r.push);
        total.push(r.total);
      }
      stats.push(summarize(`${label} desk push 10,000`, push, t.p95));
      stats.push(summarize(`${label} desk push 10,000`, push, t.p50, 'p50'));
      stats.push(summarize(`${label} desk push+pull back`, total, null));
    } finally {
      await desk.closeAsync();
    }
    return stats;
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

/**
 * Alone: `npx tsx bench/desk-sync.ts [--background N]` (SQLite hub; HUB_BENCH_PG=URL for a
 * PostgreSQL one in a throw-away schema; DESK_BENCH_RUNS=n runs of each figure, default 7;
 * DESK_BENCH_ONLY=push skips the first-pull figures).
 */
if (require.main === module) {
  void (async () => {
    const { startHub } = await import('../hub/server');
    const { formatTable } = await import('./core');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-sync-hub-'));
    const pgUrl = process.env.HUB_BENCH_PG;
    const schema = `desk_bench_${process.pid}`;
    const { fillBackground, settleAfterFill } = await import('./background');
    const { SQLITE_FILE } = await import('../hub/store/sqlite');
    const { backgroundArg } = await import('./hub');
    const background = backgroundArg();
    const hub = await startHub(pgUrl ? { pgUrl, pgSchema: schema, port: 0, log: false } : { dataDir: dir, port: 0, log: false });
    try {
      if (background > 0) {
        console.log(`background: ${background.toLocaleString('en')} cases in ${(await fillBackground(hub.store, background, (s) => console.log(s))).toFixed(0)} s`);
        await settleAfterFill(hub.store, pgUrl ? undefined : path.join(dir, SQLITE_FILE));
      }
      const ids = await seedAgent(hub, 'desk', 'desk-agent', 1);
      const { startHubThread } = await import('./hub-thread');
      const deskHub = await startHubThread(pgUrl ? { pgUrl, pgSchema: schema } : { dataDir: dir });
      const stats = await benchDeskSync(deskHub, `${pgUrl ? 'hub postgres' : 'hub sqlite'}${background > 0 ? ` +${background.toLocaleString('en')}` : ''}`, 'desk-agent', ids, { log: (s) => console.log(s), targets: !pgUrl, runs: Number(process.env.DESK_BENCH_RUNS ?? 7) });
      await deskHub.close();
      console.log(formatTable(stats));
    } finally {
      if (pgUrl) await hub.store.write((q) => q.run(`DROP SCHEMA ${schema} CASCADE`));
      await hub.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  })().catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}
