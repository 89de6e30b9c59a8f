import type { z } from 'zod';
import {
  isRouteName, parseInput, type Contract, type DeskSettings, type Result, type RouteName, type RouteOutput,
} from '../../shared/contract';
import { localDateOf } from '../../shared/domain/dates';
import { login, logout, session } from './auth/auth';
import { getCase, revealField } from './cases/case-get';
import { statementCache, type Ctx, type Log } from './context';
import { migrate } from './db/migrate';
import { openDb, type Synchronous } from './db/open';
import { seedDemo } from './demo/seed';
import { DeskFailure } from './errors';
import { DeskEvents } from './events/emitter';
import { FollowUpScheduler, followUpNext } from './followups/followups';
import { recordAttempt } from './notes/attempt';
import { saveDraft } from './notes/draft';
import { recordPayment } from './payments/payments';
import { DayWatcher } from './promises/day-watcher';
import { listQueue } from './queue/queue';
import { OutcomeCodeCache, seedOutcomeCodes } from './reference/outcome-codes';
import { ScriptStore, scriptForCase } from './scripts/scripts';
import { isValidTimeZone, loadSettings, saveSettings } from './settings/settings';
import type { Desk, DeskOptions } from './types';

/** Routes that work without a logged-in agent. */
const PUBLIC_ROUTES: ReadonlySet<RouteName> = new Set<RouteName>(['auth.login', 'auth.session', 'settings.get']);

type Handlers = {
  [R in RouteName]: (input: z.output<Contract[R]['input']>) => RouteOutput<R> | Promise<RouteOutput<R>>;
};

export interface CoreDesk extends Desk {
  /** For tests, the bench and the demo CLI: the live context (database, clock, session). */
  readonly ctx: Ctx;
  /** Resolves when start-up background work (the day's re-scoring) has finished. */
  idle(): Promise<void>;
  /** Run the scheduler's checks now (tests drive time with an injected clock). */
  tick(): void;
}

export interface CoreDeskOptions extends DeskOptions {
  /** Follow-up scheduler poll interval in ms (default 1000; 0 = no timer, call tick()). */
  pollMs?: number;
  /** PRAGMA synchronous (default FULL: a returned save survives power loss). */
  synchronous?: Synchronous;
}

const defaultLog: Log = (level, msg, extra) => {
  if (level === 'debug') return;
  const line = `[desk] ${level}: ${msg}${extra ? ` ${JSON.stringify(extra)}` : ''}`;
  if (level === 'error' || level === 'warn') console.error(line);
};

export async function createDesk(opts: CoreDeskOptions): Promise<CoreDesk> {
  const clock = opts.clock ?? (() => new Date());
  const log = opts.log ?? defaultLog;
  const db = openDb(opts.dataDir, { synchronous: opts.synchronous ?? 'FULL' });
  let closed = false;
  try {
    const { from } = migrate(db);
    const events = new DeskEvents((event, err) => log('error', `listener for ${event} threw`, { err: String(err) }));
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
    db.transaction(() => {
      if ((ctx.prep<{ n: number }>('SELECT count(*) AS n FROM outcome_codes').get()?.n ?? 0) === 0) seedOutcomeCodes(ctx);
      scripts.seedIfEmpty();
    })();
    if (from === 0 && opts.seedDemo) {
      const t0 = performance.now();
      const n = seedDemo(ctx, { cases: opts.demoCases ?? 300, today: today() });
      log('info', `seeded ${n} demo cases in ${Math.round(performance.now() - t0)} ms`);
    }

    const days = new DayWatcher(ctx, today, log);
    days.start(); // sweeps promises now (sync) and re-scores in the background when the day changed
    const scheduler = new FollowUpScheduler(ctx, () => days.check());
    const pollMs = opts.pollMs ?? 1000;
    const timer = pollMs > 0 ? setInterval(() => scheduler.tick(), pollMs) : null;
    timer?.unref?.();

    const handlers: Handlers = {
      'auth.login': (i) => login(ctx, i),
      'auth.logout': () => logout(ctx),
      'auth.session': () => session(ctx),
      'settings.get': () => ctx.settings(),
      'settings.update': (i) => {
        if (i.timeZone !== undefined && !isValidTimeZone(i.timeZone)) {
          throw new DeskFailure('VALIDATION', `unknown time zone ${i.timeZone}`, { field: 'timeZone', rule: 'settings.timeZoneUnknown', params: { timeZone: i.timeZone } });
        }
        db.transaction(() => saveSettings(ctx, i))();
        settingsCache = null;
        days.check();
        return ctx.settings();
      },
      'reference.get': () => ({ outcomeCodes: codes.all() }),
      'queue.list': (i) => listQueue(ctx, agentId(), i, today()),
      'case.get': (i) => getCase(ctx, i.caseId, today()),
      'case.reveal': (i) => revealField(ctx, i),
      'script.forCase': (i) => scriptForCase(ctx, scripts, i.caseId, i.locale, today()),
      'draft.save': (i) => saveDraft(ctx, i.caseId, i.draft),
      'attempt.save': (i) => recordAttempt(ctx, { codes, scripts }, i, today()),
      'payment.record': (i) => recordPayment(ctx, i, today()),
      'followup.next': () => followUpNext(ctx, agentId()),
    };

    function agentId(): number {
      const id = ctx.session.agentId;
      if (id === null) throw new DeskFailure('UNAUTHENTICATED', 'Log in first.');
      return id;
    }

    async function invoke(route: string, input: unknown): Promise<Result<unknown>> {
      if (closed) return { ok: false, error: { code: 'INTERNAL', message: 'The desk is closed.' } };
      if (!isRouteName(route)) {
        return { ok: false, error: { code: 'UNKNOWN_ROUTE', message: `Unknown route: ${String(route).slice(0, 64)}` } };
      }
      const parsed = parseInput(route, input);
      if (!parsed.ok) return parsed;
      if (!PUBLIC_ROUTES.has(route) && ctx.session.agentId === null) {
        return { ok: false, error: { code: 'UNAUTHENTICATED', message: 'Log in first.' } };
      }
      try {
        const handler = handlers[route] as (i: unknown) => unknown;
        const value = await handler(parsed.value);
        return { ok: true, value };
      } catch (err) {
        if (err instanceof DeskFailure) return { ok: false, error: err.toError() };
        log('error', `${route} failed`, { err: err instanceof Error ? (err.stack ?? err.message) : String(err) });
        return { ok: false, error: { code: 'INTERNAL', message: 'Something went wrong in the desk; it has been logged.' } };
      }
    }

    return {
      ctx,
      invoke,
      on: (event, cb) => events.on(event, cb),
      idle: () => days.idle(),
      tick: () => scheduler.tick(),
      close() {
        if (closed) return;
        closed = true;
        if (timer) clearInterval(timer);
        days.stop();
        events.clear();
        db.close();
      },
    };
  } catch (e) {
    db.close();
    throw e;
  }
}
