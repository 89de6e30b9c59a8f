/**
 * Core benchmark on a 100,000-case desk: queue, search, open case, save, start-up.
 * The database is generated once and cached in .data/bench/ (keyed by schema + generator
 * version); each run measures a fresh copy so the cache stays pristine. The cache is plain; a run
 * with encryption (the default, as the app) encrypts its copy first, with the tools' key
 * (COLLECTDESK_DB_KEY, else a key file beside the copy).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createDesk, type CoreDesk } from '../electron/core/desk';
import { DB_FILE, openDb, type Synchronous } from '../electron/core/db/open';
import { createHash } from 'node:crypto';
import { LATEST_VERSION, MIGRATIONS } from '../electron/core/db/migrations';
import { generateIntoDesk } from '../electron/core/demo/cli';
import type { ScriptView } from '../shared/contract';

/** Bump when the generator's output changes, so a stale cached database is rebuilt. */
const GENERATOR_VERSION = 2;

export interface Stat { name: string; n: number; p50: number; p95: number; p99: number; target: number | null; stat: 'p50' | 'p95' | 'max' }

const pct = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

/** The figure a row's target is checked against ('max' is the p99 column: the bench's largest runs have fewer than 100 samples). */
export const checkedValue = (s: Stat): number => (s.stat === 'p50' ? s.p50 : s.stat === 'p95' ? s.p95 : s.p99);

export function summarize(name: string, samples: number[], target: number | null, stat: Stat['stat'] = 'p95'): Stat {
  const s = [...samples].sort((a, b) => a - b);
  return { name, n: s.length, p50: pct(s, 50), p95: pct(s, 95), p99: pct(s, 99), target, stat };
}

async function timeIt(n: number, warmup: number, fn: (i: number) => Promise<unknown>, before?: () => unknown): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn(i);
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    await before?.();
    const t0 = performance.now();
    await fn(i + warmup);
    out.push(performance.now() - t0);
  }
  return out;
}

async function must<T>(p: Promise<{ ok: true; value: unknown } | { ok: false; error: unknown }>): Promise<T> {
  const r = await p;
  if (!r.ok) throw new Error(`bench call failed: ${JSON.stringify(r.error)}`);
  return r.value as T;
}

export function benchDatabase(cases: number, log: (s: string) => void): string {
  const root = path.resolve(__dirname, '..', '.data', 'bench');
  const schema = createHash('sha1').update(MIGRATIONS.map((m) => m.up).join('\n')).digest('hex').slice(0, 8);
  const dir = path.join(root, `v${LATEST_VERSION}-${schema}-g${GENERATOR_VERSION}-${cases}`);
  // Drop caches of older schemas / generators (each is ~250 MB).
  if (fs.existsSync(root)) {
    for (const old of fs.readdirSync(root)) if (old !== path.basename(dir) && old.endsWith(`-${cases}`)) fs.rmSync(path.join(root, old), { recursive: true, force: true });
  }
  if (!fs.existsSync(path.join(dir, DB_FILE)) || !fs.existsSync(path.join(dir, 'complete'))) {
    fs.rmSync(dir, { recursive: true, force: true });
    log(`generating a ${cases.toLocaleString('en')}-case database in ${dir} (once) ...`);
    const r = generateIntoDesk({ dataDir: dir, cases, agent: 'demo', seed: 7, plain: true });
    fs.writeFileSync(path.join(dir, 'complete'), new Date().toISOString());
    log(`generated in ${(r.ms / 1000).toFixed(1)} s`);
  }
  return dir;
}

/** A copy of the cached database to measure on; `encrypted` (default): encrypted in place first, as a desk upgrading would. */
export function freshCopy(src: string, encrypted = true): { dir: string; encryptMs: number | null } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'collectdesk-bench-'));
  fs.copyFileSync(path.join(src, DB_FILE), path.join(dir, DB_FILE));
  if (!encrypted) return { dir, encryptMs: null };
  const t0 = performance.now();
  openDb(dir, { log: () => {} }).close();
  return { dir, encryptMs: performance.now() - t0 };
}

interface Samples { phones: string[]; tails: string[]; ids: string[]; names: string[]; caseIds: string[] }

export function pickSamples(desk: CoreDesk, n: number): Samples {
  const db = desk.ctx.db;
  const rows = db
    .prepare(
      `SELECT c.id, d.name, d.id_number, (SELECT number FROM phones p WHERE p.debtor_id = d.id AND p.owner = 'self' LIMIT 1) AS phone
       FROM cases c JOIN debtors d ON d.id = c.debtor_id WHERE c.attempt_count >= 3 ORDER BY (c.id * 7919) % 100003 LIMIT ?`,
    )
    .all(n) as { id: number; name: string; id_number: string; phone: string }[];
  return {
    caseIds: rows.map((r) => String(r.id)),
    names: rows.map((r) => r.name),
    ids: rows.map((r) => r.id_number),
    phones: rows.map((r) => r.phone),
    tails: rows.map((r) => r.phone.slice(-4)),
  };
}

export async function openLoggedIn(dir: string, synchronous: Synchronous, plainDatabase: boolean): Promise<CoreDesk> {
  const desk = await createDesk({ dataDir: dir, pollMs: 0, synchronous, plainDatabase, log: () => {} });
  await must(desk.invoke('auth.login', { username: 'demo', password: 'demo123' }));
  return desk;
}

/**
 * Before each timed save, one tick of the desk's own checkpoint worker (untimed): an agent's saves
 * are seconds apart and the worker looks at the WAL every 500 ms, so it copies back whenever its
 * threshold is reached, and the save after that starts a fresh WAL (and pays for syncing its
 * header). Saves fired back to back with no tick between would pile up tens of MB of WAL and make
 * every commit grow the file, which no desk ever sees.
 */
const workerTick = (desk: CoreDesk) => (): Promise<boolean> => desk.checkpointTick();

export async function benchSaves(desk: CoreDesk, s: Samples, n: number, tag: string, before?: () => unknown): Promise<number[]> {
  const required = new Map<string, string[]>();
  for (const id of s.caseIds) {
    const v = await must<ScriptView>(desk.invoke('script.forCase', { caseId: id, locale: 'zh-CN' }));
    required.set(id, [...v.opening, ...v.body].filter((x) => x.required).map((x) => x.id));
  }
  const now = desk.ctx.clock();
  const due = new Date(now.getTime() + 3 * 86_400_000).toISOString().slice(0, 10);
  return timeIt(n, 20, async (i) => {
    const caseId = s.caseIds[i % s.caseIds.length] ?? '1';
    const ptp = i % 2 === 0;
    await must(
      desk.invoke('attempt.save', {
        clientRequestId: `bench-${tag}-${process.pid}-${i}`,
        caseId,
        phoneId: null,
        channel: 'phone',
        party: ptp ? 'self' : 'none',
        outcomeCode: ptp ? 'PTP' : 'NO_ANSWER',
        note: ptp ? '本人承诺三天内还款。' : '无人接听。',
        callStartedAt: null,
        durationSec: ptp ? 95 : 0,
        ptp: ptp ? { amountFen: 10_000, dueDate: due } : null,
        followUp: ptp ? null : { dueAt: new Date(now.getTime() + 3_600_000).toISOString(), reason: '稍后回拨' },
        claimedPaidDate: null,
        stepsDone: ptp ? (required.get(caseId) ?? []) : [],
        scenario: null,
      }),
    );
  }, before);
}

/** `n` writes of 32 WAL-sized frames, each followed by fdatasync, in `dir`: what the disk alone costs a save. */
function diskSyncSamples(dir: string, n: number): number[] {
  const file = path.join(dir, 'fsync-probe.bin');
  const fd = fs.openSync(file, 'w');
  const buf = Buffer.alloc(32 * (4096 + 24), 7);
  const out: number[] = [];
  try {
    for (let i = 0; i < n; i++) {
      const t0 = performance.now();
      fs.writeSync(fd, buf, 0, buf.length, (i % 32) * buf.length);
      fs.fdatasyncSync(fd);
      out.push(performance.now() - t0);
    }
  } finally {
    fs.closeSync(fd);
    fs.rmSync(file, { force: true });
  }
  return out;
}

/** A new install's first start: an empty folder, migrations, reference data and the demo cases. */
async function benchFirstRun(n: number, plainDatabase: boolean): Promise<number[]> {
  return timeIt(n, 0, async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'collectdesk-bench-first-'));
    try {
      (await createDesk({ dataDir: dir, seedDemo: true, pollMs: 0, plainDatabase, log: () => {} })).close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
}

/** `encrypted` (default true): the database encrypted at rest, as the app runs; false for the plain figures beside them. */
export async function runCoreBench(opts: { cases?: number; iterations?: number; encrypted?: boolean; log?: (s: string) => void } = {}): Promise<Stat[]> {
  const log = opts.log ?? ((s: string) => console.log(s));
  const cases = opts.cases ?? 100_000;
  const N = opts.iterations ?? 300;
  const encrypted = opts.encrypted ?? true;
  const plainDatabase = !encrypted;
  const src = benchDatabase(cases, log);
  const { dir, encryptMs } = freshCopy(src, encrypted);
  const stats: Stat[] = [];
  try {
    // core start: open + migrate + reference seed check on an existing database
    const startSamples = await timeIt(15, 2, async () => {
      const d = await createDesk({ dataDir: dir, pollMs: 0, plainDatabase, log: () => {} });
      d.close();
    });
    const desk = await openLoggedIn(dir, 'FULL', plainDatabase);
    await desk.idle();
    const s = pickSamples(desk, 200);
    // Sanity: every search kind finds its case (a fast wrong answer is no answer).
    for (const [kind, list] of [['phone', s.phones], ['tail4', s.tails], ['ID', s.ids], ['name', s.names]] as const) {
      for (let i = 0; i < 5; i++) {
        const r = await must<{ items: { caseId: string }[]; total: number }>(desk.invoke('queue.list', { filter: { search: list[i] }, limit: 500 }));
        if (r.total < 1) throw new Error(`bench sanity: ${kind} search for ${list[i]} found nothing`);
      }
    }
    const buckets = ['M1_EARLY', 'M1_MID', 'M2', 'M3', 'M4P'] as const;

    stats.push(summarize('queue first page (100)', await timeIt(N, 20, () => desk.invoke('queue.list', { limit: 100 })), 10));
    stats.push(summarize('queue page, bucket filter', await timeIt(N, 20, (i) => desk.invoke('queue.list', { filter: { bucket: buckets[i % buckets.length] }, limit: 100 })), 10));
    stats.push(summarize('search phone (11 digits)', await timeIt(N, 20, (i) => desk.invoke('queue.list', { filter: { search: s.phones[i % s.phones.length] } })), 10));
    stats.push(summarize('search phone tail 4', await timeIt(N, 20, (i) => desk.invoke('queue.list', { filter: { search: s.tails[i % s.tails.length] } })), 10));
    stats.push(summarize('search ID (18)', await timeIt(N, 20, (i) => desk.invoke('queue.list', { filter: { search: s.ids[i % s.ids.length] } })), 10));
    stats.push(summarize('search name (full)', await timeIt(N, 20, (i) => desk.invoke('queue.list', { filter: { search: s.names[i % s.names.length] } })), 10));
    stats.push(summarize('search surname only', await timeIt(N, 20, (i) => desk.invoke('queue.list', { filter: { search: (s.names[i % s.names.length] ?? '王').slice(0, 1) } })), 10));
    stats.push(summarize('open case (case.get)', await timeIt(N, 20, (i) => must(desk.invoke('case.get', { caseId: s.caseIds[i % s.caseIds.length] }))), 5));
    // The floor under a FULL save on this machine, taken right before it: a save commits ~30 pages and waits for one fdatasync.
    stats.push(summarize('disk: 128 KB + fdatasync (info)', diskSyncSamples(dir, N), null));
    stats.push(summarize('save outcome (FULL)', await benchSaves(desk, s, N, 'full', workerTick(desk)), 3));
    desk.close();

    const normal = await openLoggedIn(dir, 'NORMAL', plainDatabase);
    stats.push(summarize('save outcome (NORMAL, info)', await benchSaves(normal, s, N, 'normal', workerTick(normal)), null));
    normal.close();

    stats.push(summarize('core start (open+migrate)', startSamples, 300, 'max'));
    stats.push(summarize('first run (demo seed)', await benchFirstRun(3, plainDatabase), 2_000, 'max'));
    if (encryptMs !== null) stats.push(summarize('encrypt plain db in place (info)', [encryptMs], null, 'max'));
    const tag = encrypted ? 'enc' : 'plain';
    return stats.map((s) => ({ ...s, name: `${s.name} [${tag}]` }));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export function formatTable(stats: Stat[]): string {
  const f = (n: number) => n.toFixed(2).padStart(8);
  const lines = [
    `${'measure'.padEnd(40)} ${'n'.padStart(5)} ${'p50 ms'.padStart(8)} ${'p95 ms'.padStart(8)} ${'p99 ms'.padStart(8)}  target`,
    '-'.repeat(94),
  ];
  for (const s of stats) {
    const value = checkedValue(s);
    const verdict = s.target === null ? '' : `${s.stat} <= ${s.target} ms  ${value <= s.target ? 'PASS' : 'FAIL'}`;
    lines.push(`${s.name.padEnd(40)} ${String(s.n).padStart(5)} ${f(s.p50)} ${f(s.p95)} ${f(s.p99)}  ${verdict}`);
  }
  return lines.join('\n');
}

// `npx tsx bench/core.ts`: the desk core figures alone (BENCH_ENCRYPTION=plain|encrypted for one of them,
// BENCH_CASES for another size), without the rest of `npm run bench`.
if (require.main === module) {
  void (async () => {
    const cases = Number(process.env.BENCH_CASES ?? 100_000);
    const mode = process.env.BENCH_ENCRYPTION;
    const modes = mode === 'plain' ? [false] : mode === 'encrypted' ? [true] : [false, true];
    const stats: Stat[] = [];
    for (const encrypted of modes) stats.push(...(await runCoreBench({ cases, encrypted })));
    console.log(formatTable(stats));
    if (stats.some((s) => s.target !== null && checkedValue(s) > s.target)) process.exitCode = 1;
  })().catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}
