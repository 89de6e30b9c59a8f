/**
 * Login throttling: failed logins are counted per user name and per source address. After the
 * free failures each further one closes that key for a doubling time (1 s, 2 s, 4 s ... up to
 * 15 min); a login on a closed key is refused before any password is checked. Counters forget
 * a key after a quiet window; a good login clears its user name. In memory, per hub process:
 * several hub processes each apply their own (the bound grows with the process count).
 */
export interface LoginThrottleOptions {
  /** Failures per user name before backoff starts (default 5). */
  freePerUser: number;
  /** Failures per source address before backoff starts (default 30: an office behind one NAT). */
  freePerAddress: number;
  baseMs: number;
  maxMs: number;
  /** A key with no failure for this long starts afresh (default 15 min). */
  windowMs: number;
}

export const DEFAULT_LOGIN_THROTTLE: LoginThrottleOptions = { freePerUser: 5, freePerAddress: 30, baseMs: 1000, maxMs: 15 * 60_000, windowMs: 15 * 60_000 };

interface Entry {
  failures: number;
  lastAt: number;
  closedUntil: number;
}

/** Bounded: a flood of made-up user names cannot grow the map without end. */
const MAX_ENTRIES = 100_000;

export class LoginThrottle {
  private readonly entries = new Map<string, Entry>();
  readonly opts: LoginThrottleOptions;

  constructor(opts: Partial<LoginThrottleOptions> = {}) {
    this.opts = { ...DEFAULT_LOGIN_THROTTLE, ...opts };
  }

  private keys(username: string, address: string): [string, number][] {
    return [[`u:${username.trim().toLowerCase()}`, this.opts.freePerUser], [`a:${address}`, this.opts.freePerAddress]];
  }

  private live(key: string, now: number): Entry | undefined {
    const e = this.entries.get(key);
    if (e && now - e.lastAt > this.opts.windowMs && now >= e.closedUntil) {
      this.entries.delete(key);
      return undefined;
    }
    return e;
  }

  /** Milliseconds until a login for this name from this address may be tried; 0 when it may now. */
  retryAfterMs(username: string, address: string, now: number): number {
    let wait = 0;
    for (const [key] of this.keys(username, address)) wait = Math.max(wait, (this.live(key, now)?.closedUntil ?? 0) - now);
    return Math.max(0, wait);
  }

  failed(username: string, address: string, now: number): void {
    for (const [key, free] of this.keys(username, address)) {
      const e = this.live(key, now) ?? { failures: 0, lastAt: now, closedUntil: 0 };
      e.failures += 1;
      e.lastAt = now;
      const over = e.failures - free;
      if (over > 0) e.closedUntil = now + Math.min(this.opts.maxMs, this.opts.baseMs * 2 ** Math.min(over - 1, 30));
      this.entries.delete(key); // re-inserted last: the map's order is by last failure
      this.entries.set(key, e);
    }
    while (this.entries.size > MAX_ENTRIES) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }

  succeeded(username: string): void {
    this.entries.delete(`u:${username.trim().toLowerCase()}`);
  }
}
