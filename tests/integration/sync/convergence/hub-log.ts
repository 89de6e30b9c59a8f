/**
 * The convergence test's hub store wrapper: a crash that can be armed for the next push
 * transaction, and a record of every push transaction that committed, in the hub's order (whose
 * device, which of its mutation ids, at what hub time). The oracle (oracle.ts) replays the
 * mutations in exactly that order: whether a former holder's work is late depends on whether the
 * lead's reassignment committed before it.
 */
import type { Param, Q, Store } from '../../../../hub/store/types';

export class HubCrash extends Error {}

export interface HubFaults {
  crash: 'before-commit' | 'after-commit' | null;
  fired: boolean;
}

/** One committed push transaction: device `deviceId` of user `userId` advanced from mutation id `from` to `to`, at hub time `now`. */
export interface HubCommit {
  seq: number;
  deviceId: string;
  userId: number;
  now: string;
  from: number;
  to: number;
}

const isPush = (v: unknown): boolean => typeof v === 'object' && v !== null && 'lastMutationId' in v && 'gapExpected' in v;

/** The push path's device lock ('INSERT INTO devices … RETURNING last_mutation_id') and its closing 'UPDATE devices SET last_mutation_id' (hub/push.ts). */
function watched(q: Q, cap: Partial<HubCommit>): Q {
  return {
    kind: q.kind,
    forUpdate: q.forUpdate,
    all: (sql, params) => q.all(sql, params),
    run: (sql, params) => q.run(sql, params),
    get: async <T>(sql: string, params?: readonly Param[]): Promise<T | undefined> => {
      const row = await q.get<T>(sql, params);
      if (params && row && /^\s*INSERT INTO devices/.test(sql)) {
        cap.deviceId = String(params[0]);
        cap.userId = Number(params[1]);
        cap.now = String(params[2]);
        cap.from = Number((row as unknown as { last_mutation_id: unknown }).last_mutation_id);
      }
      return row;
    },
    atCommit: (sql, params) => {
      if (params && /^\s*UPDATE devices SET last_mutation_id/.test(sql)) cap.to = Number(params[0]);
      return q.atCommit(sql, params);
    },
  };
}

/** Wraps every store the hub opens (also after a restart); `commits` gets each committed push, in commit order. */
export function chaosStore(faults: HubFaults, commits: HubCommit[]) {
  let seq = 0;
  return (inner: Store): Store => ({
    kind: inner.kind,
    read: (fn) => inner.read(fn),
    migrate: () => inner.migrate(),
    close: () => inner.close(),
    write: async (fn) => {
      let done: HubCommit | null = null;
      const out = await inner.write(async (q) => {
        const cap: Partial<HubCommit> = {};
        const r = await fn(watched(q, cap));
        if (faults.crash === 'before-commit' && isPush(r)) {
          faults.crash = null;
          faults.fired = true;
          throw new HubCrash('the hub died before COMMIT'); // the transaction rolls back
        }
        // Numbered while the transaction still holds its locks (SQLite: the one writer; PostgreSQL:
        // the case rows), so two pushes touching the same case are numbered in their commit order.
        // A PostgreSQL retry runs fn again: only the last run counts.
        seq += 1;
        done = cap.to !== undefined && cap.deviceId !== undefined ? ({ ...cap, seq } as HubCommit) : null;
        return r;
      });
      if (done) commits.push(done);
      if (faults.crash === 'after-commit' && isPush(out)) {
        faults.crash = null;
        faults.fired = true;
        throw new HubCrash('the hub died after COMMIT, before answering');
      }
      return out;
    },
  });
}
