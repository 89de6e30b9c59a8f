/**
 * Generate demo cases into a desk database, for benchmarks and large-data testing:
 *   npm run demo-data -- --data-dir DIR --cases 100000 [--agent demo] [--seed 1]
 */
import { parseArgs } from 'node:util';
import { localDateOf } from '../../../shared/domain/dates';
import { statementCache, type Ctx } from '../context';
import { migrate } from '../db/migrate';
import { openDb } from '../db/open';
import { seedOutcomeCodes } from '../reference/outcome-codes';
import { loadSettings, setInternal } from '../settings/settings';
import { generateCase } from './generate';
import { makeRng } from './prng';
import { DemoInserter, ensureDemoAgents } from './seed';

/** `plain`: the benchmark's cached database, copied and opened plain or encrypted per run. */
export interface GenerateOptions { dataDir: string; cases: number; agent: string; seed: number; plain?: boolean; onProgress?: (done: number, ms: number) => void }

/** Fill `dataDir`'s desk database with `cases` generated cases for `agent`, in batched transactions. */
export function generateIntoDesk(o: GenerateOptions): { cases: number; ms: number } {
  const t0 = performance.now();
  // Bulk load: NORMAL is safe here (a crash just means re-running the generator).
  const db = openDb(o.dataDir, { synchronous: 'NORMAL', plain: o.plain === true });
  try {
    migrate(db);
    const settings = loadSettings(db);
    const ctx: Pick<Ctx, 'prep' | 'clock' | 'settings' | 'db'> = { db, prep: statementCache(db), clock: () => new Date(), settings: () => settings };
    const today = localDateOf(new Date(), settings.timeZone);
    const agentId = db.transaction(() => {
      if ((ctx.prep<{ n: number }>('SELECT count(*) AS n FROM outcome_codes').get()?.n ?? 0) === 0) seedOutcomeCodes(ctx);
      const ids = ensureDemoAgents(ctx);
      const existing = ctx.prep<{ id: number }>('SELECT id FROM agents WHERE username = ?').get(o.agent);
      if (!existing) throw new Error(`no agent named ${o.agent} (demo agents: ${[...ids.keys()].join(', ')})`);
      return existing.id;
    })();
    // Priorities below are computed for today: no start-up re-scoring needed.
    setInternal(ctx, 'priorityDay', today);
    const rng = makeRng(o.seed);
    const ins = new DemoInserter(ctx);
    const BATCH = 5000;
    for (let done = 0; done < o.cases; ) {
      const n = Math.min(BATCH, o.cases - done);
      db.transaction(() => {
        for (let i = 0; i < n; i++) ins.insert(generateCase(rng, { today, index: done + i }), agentId, today);
      })();
      done += n;
      o.onProgress?.(done, performance.now() - t0);
    }
    db.pragma('optimize');
    db.exec('ANALYZE');
    db.pragma('wal_checkpoint(TRUNCATE)');
    return { cases: o.cases, ms: performance.now() - t0 };
  } finally {
    db.close();
  }
}

function main(): void {
  const { values } = parseArgs({
    options: {
      'data-dir': { type: 'string' },
      cases: { type: 'string', default: '100000' },
      agent: { type: 'string', default: 'demo' },
      seed: { type: 'string', default: '1' },
    },
  });
  const dataDir = values['data-dir'];
  const cases = Number(values.cases);
  if (!dataDir || !Number.isInteger(cases) || cases <= 0) {
    console.error('usage: demo-data --data-dir DIR --cases N [--agent demo] [--seed S]');
    process.exit(2);
  }
  const r = generateIntoDesk({
    dataDir, cases, agent: values.agent ?? 'demo', seed: Number(values.seed),
    onProgress: (done, ms) => process.stdout.write(`\r${done.toLocaleString('en')} / ${cases.toLocaleString('en')} cases  ${(ms / 1000).toFixed(1)} s`),
  });
  process.stdout.write(`\ngenerated ${r.cases.toLocaleString('en')} cases into ${dataDir} in ${(r.ms / 1000).toFixed(1)} s\n`);
}

if (require.main === module) main();
