import { MAX_BODY_BYTES, MAX_PUSH_MUTATIONS, SYNC_SCHEMA_VERSION, type Mutation, type PullResponse, type PushResponse } from '../../../shared/sync';
import type { SyncError } from '../../../shared/contract';
import type { Ctx, Log } from '../context';
import { ApplyError, applyPullPage, type ApplyResult } from './apply';
import type { DeskStream } from '../types';
import { HubRequestError, type HubClient } from './hub-client';
import { PokeListener } from './poke-listener';
import { smallerPushLimit } from './push-limit';
import { committedRefetchable } from '../db/refetchable';

export interface SyncTiming {
  /** Periodic sync (default 30 s; 0 = no timer). */
  intervalMs: number;
  /** Delay after a local change before syncing (default 500 ms; 0 = no automatic trigger). */
  debounceMs: number;
  /** Retry delay after a failure: base * 2^(n-1), capped, with jitter (default 1 s -> 60 s). */
  backoffBaseMs: number;
  backoffMaxMs: number;
  /** Listen to the hub's event stream: sync when poked, notice a dead hub within seconds (default on; the timer stays as fallback). */
  pokes: boolean;
}
export const DEFAULT_SYNC_TIMING: SyncTiming = { intervalMs: 30_000, debounceMs: 500, backoffBaseMs: 1_000, backoffMaxMs: 60_000, pokes: true };

export interface SyncEngineDeps {
  ctx: Ctx;
  client: HubClient;
  log: Log;
  timing: SyncTiming;
  today(): string;
  /** Reference data or settings arrived: drop the caches. */
  settingsChanged(): void;
  /** A page was applied (queue.changed etc.). */
  applied(r: ApplyResult): void;
  /** Engine state changed: the desk recomputes SyncStatus and emits it if different. */
  changed(): void;
  random?: () => number;
  /** The hub's event stream (with timing.pokes). */
  listen?: { baseUrl: string; stream: DeskStream };
}

interface OutboxRow { mutation_id: number; name: string; args: string; created_at: string }

/** The sync loop's visible state (SyncStatus is built from it). */
export interface EngineState {
  online: boolean;
  syncing: boolean;
  lastError: SyncError | null;
  needsLogin: boolean;
  updateRequired: boolean;
}

/**
 * The first page of a run is a small one: the desk starts applying while the hub builds the next
 * (full) page, instead of both waiting for a full page first. Hubs without `limit` send a full one.
 * A new database's first page (EarlyPull) is a full one: the hub builds it while the desk creates the database.
 */
export const FIRST_PULL_LIMIT = 500;

/**
 * A pull asked for before the engine's first run (hubLogin, for a database it is creating): the
 * hub builds that page while the desk creates the database. Used only for exactly the request the
 * run would make (same device, token and cursor, nothing queued); otherwise dropped unread.
 */
export interface EarlyPull {
  deviceId: string;
  token: string;
  cursor: number;
  page: Promise<PullResponse>;
}

/** Stop work at the next await: the core's database is about to close. */
class Stopped extends Error {}

/**
 * Push the outbox in order in bounded batches, then pull pages until `more` is false, each
 * page applied atomically with its cursor. Runs after local changes (debounced), on a timer,
 * on demand, and on a backoff schedule after failures (that is how it notices the network
 * coming back). One run at a time; a trigger during a run schedules one more run.
 */
export class SyncEngine {
  readonly state: EngineState = { online: false, syncing: false, lastError: null, needsLogin: false, updateRequired: false };
  private failures = 0;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;
  private readonly abort = new AbortController();
  private interval: NodeJS.Timeout | null = null;
  private debounce: NodeJS.Timeout | null = null;
  private retry: NodeJS.Timeout | null = null;
  private pushLimit = MAX_PUSH_MUTATIONS;
  private listener: PokeListener | null = null;
  private early: EarlyPull | null = null;
  /** Requests made (tests assert pushes happen once). */
  readonly stats = { pushes: 0, pulls: 0, pushedMutations: 0 };

  constructor(private readonly deps: SyncEngineDeps) {}

  start(): void {
    if (this.deps.timing.intervalMs > 0) {
      this.interval = setInterval(() => this.trigger('timer'), this.deps.timing.intervalMs);
      this.interval.unref();
    }
    const listen = this.deps.listen;
    if (this.deps.timing.pokes && listen) {
      this.listener = new PokeListener({
        ...listen,
        token: () => this.token(),
        poked: (seq, hello) => this.poked(seq, hello),
        lost: () => this.lost(),
        log: (level, msg, extra) => this.deps.log(level, msg, extra),
      });
      this.listener.start();
    }
  }

  /** The event stream is connected (tests, diagnostics). */
  get listening(): boolean {
    return this.listener?.connected ?? false;
  }

  /** The hub's feed for this user stands at `seq`: pull when this desk is behind (on connect also when work waits to be pushed). */
  private poked(seq: number, hello: boolean): void {
    const cursor = Number(this.deps.ctx.prep<{ pull_cursor: string | null }>('SELECT pull_cursor FROM sync_state WHERE id = 1').get()?.pull_cursor ?? 0) || 0;
    const pending = hello && this.deps.ctx.prep<{ n: number }>('SELECT count(*) AS n FROM outbox').get()?.n;
    if (seq > cursor || pending || (hello && !this.state.online)) this.trigger(hello ? 'reconnected' : 'poke');
  }

  /** The event stream broke or fell silent: the hub is not reachable (the next request says otherwise). */
  private lost(): void {
    if (this.stopped || !this.state.online || this.state.syncing) return;
    // A desk waiting for a new login (or a newer app) keeps saying so: "offline" over it hid the
    // re-login the person has to do, and no request is made until then anyway.
    const waiting = this.state.needsLogin || this.state.updateRequired;
    this.set(waiting ? { online: false } : { online: false, lastError: 'offline' });
  }

  stop(): void {
    this.stopped = true;
    this.listener?.stop();
    this.abort.abort();
    for (const t of [this.interval, this.debounce, this.retry]) if (t) clearTimeout(t);
    this.interval = this.debounce = this.retry = null;
  }

  /**
   * The run in progress, or a new one when none is: settles once this desk has synced since the
   * call. A login's own run (with its early page) is joined, not followed by another round trip.
   */
  async settle(): Promise<void> {
    if (this.running) await this.idle();
    else await this.run();
  }

  /** Settles when the current run (if any) has finished or bailed out. */
  async idle(): Promise<void> {
    while (this.running) await this.running.catch(() => undefined);
  }

  /** A local change: sync soon (debounced). */
  poke(): void {
    if (this.stopped || this.deps.timing.debounceMs <= 0) return;
    if (this.debounce) clearTimeout(this.debounce);
    this.debounce = setTimeout(() => {
      this.debounce = null;
      this.trigger('change');
    }, this.deps.timing.debounceMs);
    this.debounce.unref();
  }

  /** The agent logged in again (fresh token): clear the re-login mark and sync (`early`: the first page, already asked for). */
  reauthenticated(early?: EarlyPull): void {
    this.early = early ?? null;
    this.state.needsLogin = false;
    if (this.state.lastError === 'unauthenticated') this.state.lastError = null;
    this.deps.changed();
    this.listener?.retryNow();
    this.trigger('login');
  }

  private trigger(why: string): void {
    if (this.stopped || this.state.needsLogin || this.state.updateRequired) return;
    this.run().catch((err: unknown) => this.deps.log('error', `sync (${why}) failed`, { err: String(err) }));
  }

  /** Run a sync now; if one is running, run once more after it. Resolves when done. */
  async run(): Promise<void> {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      await this.idle();
      return;
    }
    this.running = this.loop().finally(() => {
      this.running = null;
    });
    await this.running;
  }

  private async loop(): Promise<void> {
    do {
      this.again = false;
      if (this.retry) {
        clearTimeout(this.retry);
        this.retry = null;
      }
      await this.once();
    } while (this.again && !this.stopped && !this.state.needsLogin && !this.state.updateRequired);
  }

  private guard(): void {
    if (this.stopped) throw new Stopped();
  }

  private set(patch: Partial<EngineState>): void {
    Object.assign(this.state, patch);
    this.deps.changed();
  }

  private async once(): Promise<void> {
    // waiting for a new login (401) or a newer app (426): no requests until that changes
    if (this.state.updateRequired || this.state.needsLogin) return;
    this.set({ syncing: true });
    try {
      const token = this.token();
      if (!token) {
        this.set({ needsLogin: true, lastError: 'unauthenticated' });
        return;
      }
      await this.push(token);
      await this.pull(token);
      this.guard();
      this.deps.ctx.prep('UPDATE sync_state SET last_sync_at = ? WHERE id = 1').run(this.deps.ctx.clock().toISOString());
      this.failures = 0;
      this.set({ online: true, lastError: null });
    } catch (err) {
      if (err instanceof Stopped || this.stopped) return;
      this.fail(err);
    } finally {
      if (!this.stopped) this.set({ syncing: false });
    }
  }

  private fail(err: unknown): void {
    if (err instanceof HubRequestError) {
      this.deps.log(err.kind === 'offline' ? 'info' : 'warn', `sync: ${err.kind}`, { status: err.status, message: err.message.slice(0, 200) });
      if (err.kind === 'unauthenticated') {
        // keep the outbox; the agent logs in again (auth.login refreshes the token)
        this.set({ online: true, needsLogin: true, lastError: 'unauthenticated' });
        return;
      }
      if (err.kind === 'updateRequired') {
        this.set({ online: true, updateRequired: true, lastError: 'updateRequired' });
        return;
      }
      if (err.kind === 'tooLarge') this.pushLimit = smallerPushLimit(this.pushLimit, err.params.maxMutations);
      // 'gap' here: the hub expects a mutation this desk no longer holds; the outbox is kept and a person must look.
      this.set({ online: err.reached, lastError: err.kind === 'gap' ? 'mutationGap' : err.kind });
    } else if (err instanceof ApplyError) {
      this.deps.log('error', 'sync: a pulled page was refused', { err: err.message });
      this.set({ online: true, lastError: 'applyFailed' });
    } else {
      this.deps.log('error', 'sync failed', { err: err instanceof Error ? (err.stack ?? err.message) : String(err) });
      this.set({ lastError: 'internal' });
    }
    this.scheduleRetry();
  }

  /** Exponential backoff with jitter, capped: 1 s, 2 s, 4 s ... 60 s (each 50–100 % of that). */
  backoffDelay(failures: number): number {
    const { backoffBaseMs: base, backoffMaxMs: max } = this.deps.timing;
    const raw = Math.min(max, base * 2 ** Math.min(30, Math.max(0, failures - 1)));
    return Math.round(raw * (0.5 + 0.5 * (this.deps.random ?? Math.random)()));
  }

  private scheduleRetry(): void {
    this.failures += 1;
    if (this.stopped || this.retry) return;
    this.retry = setTimeout(() => {
      this.retry = null;
      this.trigger('retry');
    }, this.backoffDelay(this.failures));
    this.retry.unref();
  }

  /** A backoff retry is scheduled (tests and diagnostics). */
  get retryScheduled(): boolean {
    return this.retry !== null;
  }

  private token(): string | null {
    return this.deps.ctx.prep<{ token: string | null }>('SELECT token FROM sync_state WHERE id = 1').get()?.token ?? null;
  }

  private deviceId(): string {
    return this.deps.ctx.prep<{ device_id: string }>('SELECT device_id FROM sync_state WHERE id = 1').get()?.device_id ?? '';
  }

  private ack(lastMutationId: number): void {
    const { ctx } = this.deps;
    // Lost to a power cut, the rows are pushed again and the hub skips them (it keeps each device's last id).
    committedRefetchable(ctx.db, () =>
      ctx.db.transaction(() => {
        ctx.prep('UPDATE sync_state SET acked_mutation_id = max(acked_mutation_id, ?) WHERE id = 1').run(lastMutationId);
        ctx.prep('DELETE FROM outbox WHERE mutation_id <= ?').run(lastMutationId);
      })(),
    );
    this.deps.changed();
  }

  private batch(after: number): OutboxRow[] {
    const rows = this.deps.ctx
      .prep<OutboxRow>('SELECT mutation_id, name, args, created_at FROM outbox WHERE mutation_id > ? ORDER BY mutation_id LIMIT ?')
      .all(after, this.pushLimit);
    // stay well inside the hub's body limit
    let bytes = 200;
    const out: OutboxRow[] = [];
    for (const r of rows) {
      bytes += r.args.length + r.name.length + 80;
      if (out.length > 0 && bytes > MAX_BODY_BYTES * 0.8) break;
      out.push(r);
    }
    return out;
  }

  /**
   * Push the outbox in batches, the next batch on its way while the hub applies the one before
   * (at most two in flight): the desk's reading, encoding and acknowledging overlap the hub's
   * work instead of adding to it. The hub applies a device's mutations in id order exactly once,
   * whatever order requests arrive in: a batch that overtakes its predecessor is answered with a
   * gap and sent again, a repeat is skipped. Rows leave the outbox only when acknowledged.
   */
  private async push(token: string): Promise<void> {
    const { client, ctx } = this.deps;
    const deviceId = this.deviceId();
    let after = 0;
    /** The highest lastMutationId the hub answered in this run: a gap below it is an answer the hub gave before that one. */
    let confirmed = 0;
    let inflight: InFlightPush | null = null;
    const send = (rows: OutboxRow[]): InFlightPush => {
      const mutations: Mutation[] = rows.map((r) => ({ id: r.mutation_id, name: r.name, args: JSON.parse(r.args) as unknown, clientTime: r.created_at }));
      this.stats.pushes += 1;
      this.stats.pushedMutations += mutations.length;
      const res = client.push({ deviceId, schemaVersion: SYNC_SCHEMA_VERSION, mutations, sentAt: ctx.clock().toISOString() }, token, this.abort.signal);
      res.catch(() => undefined); // awaited in turn, or dropped when the batch before it fails
      return { res, lastSent: rows[rows.length - 1]?.mutation_id ?? 0 };
    };
    for (let round = 0; round < 100_000; round++) {
      this.guard();
      const rows = this.batch(after);
      const next = rows.length > 0 ? send(rows) : null;
      if (next) {
        after = next.lastSent;
        await yieldToIo(); // let the request leave before the synchronous acknowledgement below
      }
      if (inflight) {
        const sent: InFlightPush = inflight;
        inflight = null;
        try {
          const res = await sent.res;
          this.guard();
          this.set({ online: true });
          this.ack(res.lastMutationId);
          confirmed = Math.max(confirmed, res.lastMutationId);
          // the hub processed fewer than sent (it should not): stop here; the pull settles it, the next run resends the rest
          if (res.lastMutationId < sent.lastSent) return;
        } catch (err) {
          if (!(err instanceof HubRequestError) || err.kind !== 'gap') throw err;
          this.guard();
          const expected = Number(err.params.expected);
          if (!Number.isSafeInteger(expected) || expected < 1) throw new HubRequestError('badResponse', 'MUTATION_GAP without params.expected', err.status);
          if (next) await next.res.catch(() => undefined); // the hub is done with it before anything is sent again
          if (expected <= confirmed) {
            // This batch overtook one the hub has since applied: its gap is older news. Resend from there.
            after = confirmed;
            continue;
          }
          // The hub has processed everything before `expected`: those rows are acknowledged;
          // re-read the outbox and resume from `expected` (unacknowledged rows are never dropped).
          // The batch sent after this one is answered as a repeat or a gap: its answer is not needed.
          this.ack(expected - 1);
          const first = ctx.prep<{ m: number | null }>('SELECT min(mutation_id) AS m FROM outbox').get()?.m ?? null;
          if (first !== null && first > expected) {
            this.deps.log('error', 'sync: the hub expects a mutation this desk no longer has', { expected, first });
            throw new HubRequestError('gap', `the hub expects mutation ${expected}, the outbox starts at ${first}`, 409, 'MUTATION_GAP');
          }
          after = expected - 1;
          continue;
        }
      }
      if (!next) return;
      inflight = next;
    }
  }

  /**
   * Pull pages until `more` is false. While one page is applied (synchronous, on this thread) the
   * request for the next is already on its way: the hub computes page n+1 from the cursor page n
   * ends at, which is exactly the cursor the desk stores with page n, so the answer is the same as
   * asking afterwards; only the round trip and the hub's work overlap the desk's. A prefetched
   * page whose predecessor failed to apply is dropped unread (the next run asks again).
   */
  private async pull(token: string): Promise<void> {
    const { client, ctx } = this.deps;
    const deviceId = this.deviceId();
    // the lead sees how much work waits on this desk (the hub subtracts what it has processed)
    const queuedThrough = ctx.prep<{ m: number | null }>('SELECT max(mutation_id) AS m FROM outbox').get()?.m ?? 0;
    const ask = (cursor: number, limit?: number) => {
      this.stats.pulls += 1;
      const req = client.pull({ deviceId, schemaVersion: SYNC_SCHEMA_VERSION, cursor, queuedThrough, ...(limit ? { limit } : {}) }, token, this.abort.signal);
      req.catch(() => undefined); // awaited below, or dropped when the page before it fails
      return req;
    };
    let cursor = Number(ctx.prep<{ pull_cursor: string | null }>('SELECT pull_cursor FROM sync_state WHERE id = 1').get()?.pull_cursor ?? 0) || 0;
    const early = this.early;
    this.early = null;
    const asked = early !== null && early.deviceId === deviceId && early.token === token && early.cursor === cursor && queuedThrough === 0;
    if (asked) this.stats.pulls += 1;
    let next = asked ? early.page : ask(cursor, FIRST_PULL_LIMIT);
    for (let page = 0; page < 1_000_000; page++) {
      this.guard();
      const res = await next;
      this.guard();
      client.heard(res);
      this.set({ online: true });
      if (res.more && !(res.cursor === cursor && res.changes.length === 0)) {
        next = ask(res.cursor);
        await yieldToIo(); // let the request leave before the synchronous apply below
      }
      const r = applyPullPage(ctx, res, { today: this.deps.today, settingsChanged: this.deps.settingsChanged });
      this.deps.applied(r);
      this.deps.changed();
      if (!res.more) return;
      if (res.cursor === cursor && res.changes.length === 0) throw new HubRequestError('badResponse', 'the hub says more pages wait but the cursor did not move');
      cursor = res.cursor;
    }
  }
}

/** A push request on its way: its answer and the last mutation id it carries. */
interface InFlightPush {
  res: Promise<PushResponse>;
  lastSent: number;
}

/** One turn of the event loop (I/O callbacks run), so a request just made is written to its socket. */
export const yieldToIo = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
