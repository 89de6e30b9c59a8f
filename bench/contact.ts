/**
 * contact.check on the 100,000-case desk (issue 11): ≤ 2 ms p95. It runs before every dial, so it
 * reads only indexed rows: the day's attempts on the number, the debtor's conversations, and for
 * an unrelated contact the last attempts on the debtor's own numbers.
 * Wired into bench/run.ts by `stats.push(...(await runContactBench({ cases, log })))`.
 */
import fs from 'node:fs';
import { createDesk } from '../electron/core/desk';
import { benchDatabase, freshCopy, summarize, type Stat } from './core';

export async function runContactBench(opts: { cases?: number; iterations?: number; log?: (s: string) => void } = {}): Promise<Stat[]> {
  const log = opts.log ?? ((s: string) => console.log(s));
  const cases = opts.cases ?? 100_000;
  const N = opts.iterations ?? 1000;
  const { dir } = freshCopy(benchDatabase(cases, log));
  try {
    const desk = await createDesk({ dataDir: dir, pollMs: 0, log: () => {} });
    const login = await desk.invoke('auth.login', { username: 'demo', password: 'demo123' });
    if (!login.ok) throw new Error('bench: demo login failed');
    // Cases with history, every kind of number (own, related, third party) in the sample.
    const pairs = desk.ctx.db
      .prepare(
        `SELECT c.id AS caseId, p.id AS phoneId FROM cases c JOIN phones p ON p.debtor_id = c.debtor_id
         WHERE c.attempt_count >= 3 ORDER BY (c.id * 7919 + p.id) % 100003 LIMIT 500`,
      )
      .all() as { caseId: number; phoneId: number }[];
    if (pairs.length === 0) throw new Error('bench: no case with phones');
    const run = (i: number) => {
      const p = pairs[i % pairs.length];
      return desk.invoke('contact.check', { caseId: String(p?.caseId), phoneId: String(p?.phoneId) });
    };
    for (let i = 0; i < 100; i++) {
      const r = await run(i);
      if (!r.ok) throw new Error(`bench: contact.check failed: ${JSON.stringify(r.error)}`);
    }
    const samples: number[] = [];
    for (let i = 0; i < N; i++) {
      // As on the desk: the agent has the case open (case.get, untimed) when F9 asks.
      await desk.invoke('case.get', { caseId: String(pairs[i % pairs.length]?.caseId) });
      const t0 = performance.now();
      await run(i);
      samples.push(performance.now() - t0);
    }
    desk.close();
    return [summarize('contact.check', samples, 2)];
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
