import { localDateOf } from '../../shared/domain/dates';
import type { DeskSettings } from '../../shared/contract';
import { statementCache, type Ctx } from './context';
import { migrate } from './db/migrate';
import { openDeskDb } from './db/open';
import { seedDemo } from './demo/seed';
import type { DeskEvents } from './events/emitter';
import { FollowUpScheduler } from './followups/followups';
import { DayWatcher } from './promises/day-watcher';
import { OutcomeCodeCache, seedOutcomeCodes } from './reference/outcome-codes';
import type { Core, CoreDeskOptions } from './runtime';
import { ScriptStore } from './scripts/scripts';
import { loadSettings } from './settings/settings';
import type { Clock } from './types';
import type { Log } from './context';

/** Open (and migrate) the database in `dir` and bind its caches and timers. A local desk gets its reference data and, when new, the demo. */
export function openCore(opts: CoreDeskOptions, env: { clock: Clock; log: Log; events: DeskEvents }, dir: string, hub: boolean): Core {
  const { clock, log, events } = env;
  const { db, checkpointer } = openDeskDb(dir, { synchronous: opts.synchronous ?? 'FULL', keys: opts.dbKeys, plain: opts.plainDatabase === true, log: (level, msg) => log(level, msg) });
  try {
    const { from } = migrate(db);
    let settingsCache: DeskSettings | null = null;
    const ctx: Ctx = {
      db,
      clock,
      log,
      prep: statementCache(db),
      settings: () => (settingsCache ??= loadSettings(db)),
      session: { agent: null, agentId: null },
      emit: (event, payload) => events.emit(event, payload),
    };
    const today = (): string => localDateOf(clock(), ctx.settings().timeZone);
    const codes = new OutcomeCodeCache(ctx);
    const scripts = new ScriptStore(ctx);
    if (!hub) {
      // A hub desk's reference data comes only from its pulls.
      db.transaction(() => {
        if ((ctx.prep<{ n: number }>('SELECT count(*) AS n FROM outcome_codes').get()?.n ?? 0) === 0) seedOutcomeCodes(ctx);
        scripts.seedIfEmpty();
      })();
      if (from === 0 && opts.seedDemo) {
        const t0 = performance.now();
        const n = seedDemo(ctx, { cases: opts.demoCases ?? 300, today: today() });
        log('info', `seeded ${n} demo cases in ${Math.round(performance.now() - t0)} ms`);
      }
    }
    const days = new DayWatcher(ctx, today, log);
    days.start(); // sweeps promises now (sync) and re-scores in the background when the day changed
    const scheduler = new FollowUpScheduler(ctx, () => days.check());
    const pollMs = opts.pollMs ?? 1000;
    const timer = pollMs > 0 ? setInterval(() => scheduler.tick(), pollMs) : null;
    timer?.unref?.();
    return {
      ctx, hub, dir, codes, scripts, days, scheduler, today, checkpointer,
      invalidate() {
        settingsCache = null;
        codes.invalidate();
        scripts.invalidate();
      },
      close() {
        if (timer) clearInterval(timer);
        days.stop();
        checkpointer.stopSync(); // first: the database's own close, the last one, then empties the WAL
        db.close();
      },
    };
  } catch (e) {
    checkpointer.stopSync();
    db.close();
    throw e;
  }
}
