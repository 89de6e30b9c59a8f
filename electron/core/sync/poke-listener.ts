/**
 * The desk's end of the hub's event stream (hub/routes/events.ts): a poke starts a sync at
 * once instead of at the next timer tick, and silence or a dropped stream tells the desk
 * within seconds that the hub is gone (the timer stays as the fallback). A hub without the
 * stream (404) is left to the timer.
 */
import { z } from 'zod';
import type { DeskStream } from '../types';

const EventData = z.object({ seq: z.number().int().nonnegative(), heartbeatMs: z.number().int().positive().optional() });
type EventData = z.infer<typeof EventData>;

export interface PokeListenerDeps {
  baseUrl: string;
  stream: DeskStream;
  token(): string | null;
  /** The hub says the feed stands at `seq` (first on every connect, then on each change). */
  poked(seq: number, hello: boolean): void;
  /** The stream broke or fell silent: the hub is not reachable. */
  lost(): void;
  log(level: 'info' | 'warn', msg: string, extra?: Record<string, unknown>): void;
  /** Silence after which the hub counts as gone: this many heartbeats (default 3). */
  missedBeats?: number;
  /** Reconnect delay after a failure: 500 ms doubling up to this (default 5 s). */
  maxRetryMs?: number;
}

export class PokeListener {
  private stopped = false;
  private abort: AbortController | null = null;
  private wake: (() => void) | null = null;
  private failures = 0;
  /** Connected and heard from (tests, diagnostics). */
  connected = false;

  constructor(private readonly deps: PokeListenerDeps) {}

  start(): void {
    void this.loop();
  }

  stop(): void {
    this.stopped = true;
    this.abort?.abort();
    this.wake?.();
  }

  /** Reconnect now (e.g. after a new login) instead of after the backoff. */
  retryNow(): void {
    this.failures = 0;
    this.wake?.();
  }

  private async loop(): Promise<void> {
    while (!this.stopped) {
      const outcome = await this.once().catch(() => 'failed' as const);
      if (this.stopped) return;
      if (outcome === 'unsupported') {
        this.deps.log('info', 'sync: the hub has no event stream; the timer syncs');
        return;
      }
      if (this.connected || outcome === 'failed') this.deps.lost();
      this.connected = false;
      this.failures += 1;
      await this.sleep(Math.min(this.deps.maxRetryMs ?? 5_000, 500 * 2 ** Math.min(10, this.failures - 1)));
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const t = setTimeout(done, ms);
      t.unref();
      function done(): void {
        clearTimeout(t);
        resolve();
      }
      this.wake = () => {
        this.wake = null;
        done();
      };
    });
  }

  private async once(): Promise<'failed' | 'unsupported' | 'ended'> {
    const token = this.deps.token();
    if (!token) return 'failed';
    const abort = new AbortController();
    this.abort = abort;
    let watchdog: NodeJS.Timeout | null = null;
    let silenceMs = 10_000; // until the hello names the heartbeat
    const arm = (): void => {
      if (watchdog) clearTimeout(watchdog);
      watchdog = setTimeout(() => abort.abort(), silenceMs);
      watchdog.unref();
    };
    try {
      arm();
      const res = await this.deps.stream(`${this.deps.baseUrl}/v1/sync/events`, { headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' }, signal: abort.signal });
      if (res.status === 404) return 'unsupported';
      if (res.status !== 200 || !res.body) return 'failed';
      const decoder = new TextDecoder();
      let buf = '';
      for await (const chunk of res.body) {
        if (this.stopped) return 'ended';
        arm();
        buf += decoder.decode(chunk, { stream: true });
        let cut: number;
        while ((cut = buf.indexOf('\n\n')) >= 0) {
          const block = buf.slice(0, cut);
          buf = buf.slice(cut + 2);
          const ev = parseEvent(block);
          if (!ev) continue;
          if (ev.event === 'hello') {
            if (ev.data.heartbeatMs) silenceMs = ev.data.heartbeatMs * (this.deps.missedBeats ?? 3);
            arm();
            this.connected = true;
            this.failures = 0;
          }
          if (ev.event === 'hello' || ev.event === 'poke') this.deps.poked(ev.data.seq, ev.event === 'hello');
        }
      }
      return 'ended';
    } finally {
      if (watchdog) clearTimeout(watchdog);
      abort.abort();
      this.abort = null;
    }
  }
}

/** One server-sent event block (`event:` and `data:` lines; comments ignored). */
export function parseEvent(block: string): { event: string; data: EventData } | null {
  let event = 'message';
  const data: string[] = [];
  for (const line of block.split('\n')) {
    if (line.startsWith(':')) continue;
    if (line.startsWith('event:')) event = line.slice(6).trim();
    else if (line.startsWith('data:')) data.push(line.slice(5).trimStart());
  }
  if (data.length === 0) return null;
  try {
    const parsed = EventData.safeParse(JSON.parse(data.join('\n')));
    return parsed.success ? { event, data: parsed.data } : null;
  } catch {
    return null;
  }
}
