/**
 * What a lead sees of each agent's desk (#23): is it connected, when did it last sync, how much
 * work is waiting on it. Kept in this hub process's memory, not the store: the pull is a read
 * transaction on the hot path, and a desk reports again within seconds of a hub restart (its
 * event stream reconnects and it pulls). The last push time is the store's (devices.last_push_at).
 */
export interface DeskSeen {
  deviceId: string;
  /** The desk's last pull (it pulls after every push, on every poke and on its timer). */
  at: string;
  /** The highest mutation id it had queued then (its pending work: this minus the device's last processed id). */
  queuedThrough: number | null;
}

/** A desk that pulled within this long counts as online even without an open event stream. */
export const SEEN_ONLINE_MS = 90_000;

export class Presence {
  private readonly seen = new Map<number, DeskSeen>();

  pulled(userId: number, deviceId: string, at: Date, queuedThrough: number | undefined): void {
    this.seen.set(userId, { deviceId, at: at.toISOString(), queuedThrough: queuedThrough ?? null });
  }

  of(userId: number): DeskSeen | null {
    return this.seen.get(userId) ?? null;
  }
}
