/**
 * Does an agent's cost stay flat as the hub grows? `npx tsx bench/scale.ts [--background N]`
 * (default 1,000,000; HUB_BENCH_STORES=sqlite|postgres for one store) builds two hubs per store:
 * one with only the measured agent's team, one with N cases in 200 other teams behind it
 * (bench/background.ts, filled first, then the same agent seeded). Then it measures the real
 * desk's first pull and push (bench/desk-sync.ts) on the two hubs in alternating rounds, so a
 * noisy moment on a shared machine hits both alike, and prints each figure's median over the
 * rounds and the ratio. Target: within 1.25x. Minutes per store (the fill); not part of `npm run bench`.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { startHub, type RunningHub, type StartHubOptions } from '../hub/server';
import { SQLITE_FILE } from '../hub/store/sqlite';
import { fillBackground, settleAfterFill } from './background';
import type { Stat } from './core';
import { benchDeskSync, seedAgent } from './desk-sync';
import { backgroundArg } from './hub';
import { startHubThread, type HubThread } from './hub-thread';
import { PG_URL, pgReachable } from './pg';

export const SCALE_TARGET = 1.25;
const ROUNDS = Number(process.env.SCALE_ROUNDS ?? 3);
const RUNS = Number(process.env.SCALE_RUNS ?? 3);

type StoreOpts = Pick<StartHubOptions, 'dataDir' | 'pgUrl' | 'pgSchema'>;

interface Measured { hub: RunningHub; thread: HubThread; ids: string[]; drop(): Promise<void> }

async function build(kind: 'sqlite' | 'postgres', background: number, log: (s: string) => void): Promise<Measured> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scale-hub-'));
  const schema = `scale_${randomBytes(4).toString('hex')}`;
  const opts: StoreOpts = kind === 'sqlite' ? { dataDir: dir } : { pgUrl: PG_URL, pgSchema: schema };
  const hub = await startHub({ ...opts, port: 0, host: '127.0.0.1', log: false });
  if (background > 0) {
    log(`  ${kind}: filling ${background.toLocaleString('en')} background cases ...`);
    log(`  ${kind}: filled in ${(await fillBackground(hub.store, background, log)).toFixed(0)} s`);
  }
  const ids = await seedAgent(hub, 'desk', 'desk-agent', 1);
  await settleAfterFill(hub.store, kind === 'sqlite' ? path.join(dir, SQLITE_FILE) : undefined);
  const thread = await startHubThread(opts);
  return {
    hub,
    thread,
    ids,
    drop: async () => {
      await thread.close();
      await hub.close();
      if (kind === 'sqlite') fs.rmSync(dir, { recursive: true, force: true });
      else {
        const c = new pg.Client({ connectionString: PG_URL });
        await c.connect();
        await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
        await c.end();
      }
    },
  };
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

/** The p50 of each desk figure, per round, on the small and the big hub. */
async function compare(kind: 'sqlite' | 'postgres', background: number, log: (s: string) => void): Promise<string[]> {
  const small = await build(kind, 0, log);
  const big = await build(kind, background, log);
  const rounds = new Map<string, { small: number[]; big: number[] }>();
  const keep = (stats: Stat[], side: 'small' | 'big') => {
    for (const s of stats) {
      if (!s.name.endsWith('desk first pull') && !/desk push 10,000$/.test(s.name)) continue;
      const figure = s.name.endsWith('desk first pull') ? 'first pull 2,000 cases' : 'push 10,000 mutations';
      const r = rounds.get(figure) ?? { small: [], big: [] };
      if (s.stat === 'p50') r[side].push(s.p50);
      rounds.set(figure, r);
    }
  };
  try {
    // Every first pull before any push: a push adds its records to the agent's next first pull.
    for (const only of ['pull', 'push'] as const) {
      for (let i = 0; i < ROUNDS; i++) {
        log(`  ${kind}: ${only} round ${i + 1} of ${ROUNDS}`);
        // which hub goes first alternates too
        for (const side of i % 2 === 0 ? (['small', 'big'] as const) : (['big', 'small'] as const)) {
          const h = side === 'small' ? small : big;
          keep(await benchDeskSync(h.thread, `${kind} ${side}`, 'desk-agent', h.ids, { runs: RUNS, targets: false, log: () => {}, only }), side);
        }
      }
    }
  } finally {
    await small.drop();
    await big.drop();
  }
  return [...rounds].map(([figure, r]) => {
    const a = median(r.small);
    const b = median(r.big);
    const ratio = b / a;
    return `${`${kind} ${figure}`.padEnd(40)} ${a.toFixed(0).padStart(8)} ${b.toFixed(0).padStart(8)} ${ratio.toFixed(2).padStart(6)}x  <= ${SCALE_TARGET}x ${ratio <= SCALE_TARGET ? 'PASS' : 'FAIL'}`;
  });
}

if (require.main === module) {
  void (async () => {
    const argv = process.argv.includes('--background') ? process.argv : [...process.argv, '--background', '1000000'];
    const background = backgroundArg(argv);
    const only = process.env.HUB_BENCH_STORES;
    const log = (s: string) => console.log(s);
    const lines: string[] = [];
    if (only !== 'postgres') lines.push(...(await compare('sqlite', background, log)));
    if (only !== 'sqlite') {
      if (await pgReachable()) lines.push(...(await compare('postgres', background, log)));
      else log(`scale: no PostgreSQL at ${PG_URL} — skipped`);
    }
    console.log(`\nan agent's desk figures (p50 ms, median of ${ROUNDS} alternating rounds of ${RUNS} runs): hub without and with ${background.toLocaleString('en')} other cases\n`);
    console.log(`${'figure'.padEnd(40)} ${'alone'.padStart(8)} ${'+N'.padStart(8)} ${'ratio'.padStart(7)}`);
    for (const l of lines) console.log(l);
    if (lines.some((l) => l.endsWith('FAIL'))) process.exitCode = 1;
  })().catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}
