import type { Db } from './open';

/**
 * Run `write` (a transaction) committed without waiting for the disk (synchronous=NORMAL), then
 * restore the connection's own setting. Only for writes the hub holds and sends again if a power
 * loss takes them: a pull page with its cursor, an acknowledgement of pushed mutations. kill -9
 * cannot lose them (the OS has the write), and in WAL mode the next FULL commit (any save of the
 * agent's) syncs them too, so nothing saved after them can survive without them.
 */
export function committedRefetchable<T>(db: Db, write: () => T): T {
  const own = db.pragma('synchronous', { simple: true });
  if (own !== FULL) return write();
  db.pragma('synchronous = NORMAL');
  try {
    return write();
  } finally {
    db.pragma('synchronous = FULL');
  }
}

const FULL = 2;
