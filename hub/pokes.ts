/**
 * Pokes (in the manner of Replicache's "poke"): a connected desk keeps one event stream open
 * (GET /v1/sync/events) and is told to pull when its feed moved. Nothing about the change is
 * sent; the desk pulls as usual, so the feed stays the one path of data.
 *
 * Kept apart from the write path: after any write request has answered (its transaction
 * committed), and on a short timer for writes made by another hub process or the CLI, one
 * small read compares the listening users' feed counters (users.feed_seq) with the last ones
 * sent. A disabled user's stream is closed (their desk then meets the 401 at once).
 */
import type { Store } from './store/types';
import { inList } from './store/types';

export interface PokeListener {
  /** The user's feed counter moved to `seq` (or, first, where it stands). */
  poke(seq: number): void;
  /** The user may no longer sync (disabled): the stream ends. */
  end(): void;
}

export interface PokesOptions {
  /** How often to look for writes this process did not make (another hub process, the CLI). Default 1 s; 0 = never. */
  pollMs?: number;
}

export class Pokes {
  private readonly listeners = new Map<number, Set<PokeListener>>();
  private readonly sent = new Map<number, number>();
  private checking: Promise<void> | null = null;
  private again = false;
  private timer: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(
    private readonly store: Store,
    private readonly opts: PokesOptions = {},
  ) {}

  /** `userId` has an event stream open to this hub process (their desk is connected). */
  listening(userId: number): boolean {
    return (this.listeners.get(userId)?.size ?? 0) > 0;
  }

  get size(): number {
    let n = 0;
    for (const s of this.listeners.values()) n += s.size;
    return n;
  }

  /** Listen for `userId`'s feed; the listener is told the current counter at once. */
  async subscribe(userId: number, l: PokeListener): Promise<() => void> {
    let set = this.listeners.get(userId);
    if (!set) this.listeners.set(userId, (set = new Set()));
    set.add(l);
    this.startTimer();
    const row = await this.store.read((q) => q.get<{ feed_seq: number }>('SELECT feed_seq FROM users WHERE id = ?', [userId]));
    const seq = Number(row?.feed_seq ?? 0);
    if (!this.sent.has(userId)) this.sent.set(userId, seq);
    l.poke(seq);
    return () => {
      set.delete(l);
      if (set.size === 0) {
        this.listeners.delete(userId);
        this.sent.delete(userId);
      }
      if (this.listeners.size === 0) this.stopTimer();
    };
  }

  /** Something may have changed (a write request answered): check soon, once for a burst. */
  changed(): void {
    if (this.closed || this.listeners.size === 0) return;
    if (this.checking) {
      this.again = true;
      return;
    }
    this.checking = this.checkLoop().finally(() => {
      this.checking = null;
    });
  }

  /** Settles when no check is running (tests). */
  async settled(): Promise<void> {
    while (this.checking) await this.checking;
  }

  close(): void {
    this.closed = true;
    this.stopTimer();
    for (const set of this.listeners.values()) for (const l of set) l.end();
    this.listeners.clear();
  }

  private async checkLoop(): Promise<void> {
    do {
      this.again = false;
      try {
        await this.check();
      } catch {
        // the store is briefly unavailable: the next write or tick checks again
      }
    } while (this.again && !this.closed);
  }

  private async check(): Promise<void> {
    const users = [...this.listeners.keys()];
    if (users.length === 0) return;
    const rows = await this.store.read((q) =>
      q.all<{ id: number; feed_seq: number; disabled: number }>(`SELECT id, feed_seq, disabled FROM users WHERE id IN (${inList(users.length)})`, users),
    );
    for (const r of rows) {
      const id = Number(r.id);
      const set = this.listeners.get(id);
      if (!set) continue;
      if (Number(r.disabled)) {
        for (const l of set) l.end();
        this.listeners.delete(id);
        this.sent.delete(id);
        continue;
      }
      const seq = Number(r.feed_seq);
      if (seq <= (this.sent.get(id) ?? 0)) continue;
      this.sent.set(id, seq);
      for (const l of set) l.poke(seq);
    }
  }

  private startTimer(): void {
    const ms = this.opts.pollMs ?? 1000;
    if (this.timer || ms <= 0 || this.closed) return;
    this.timer = setInterval(() => this.changed(), ms);
    this.timer.unref();
  }

  private stopTimer(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
