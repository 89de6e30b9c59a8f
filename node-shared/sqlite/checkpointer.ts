/**
 * WAL checkpoints off the writer's thread, for the hub's store and the desk's database alike.
 * By default SQLite checkpoints inside the COMMIT that pushes the WAL past 1,000 pages: copying
 * pages back (on an encrypted desk: decrypting and encrypting each again) and fsyncing the
 * database file on the one thread that answers every request or every keystroke, so the commit
 * that triggers it takes 10-20 ms longer. Here the writer's automatic checkpoints are turned off
 * (or pushed far out as a backstop) and a worker thread with its own connection runs a PASSIVE
 * checkpoint (never waits for readers or writers) every `everyMs`, once `minFrames` have gathered;
 * a final TRUNCATE on close leaves an empty WAL. Durability is unchanged: a commit is in the WAL either way. If the worker
 * cannot start or dies, the connection goes back to checkpointing itself.
 */
import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';
import { z } from 'zod';

const CheckpointAnswer = z.object({ busy: z.number(), log: z.number(), checkpointed: z.number() });
/** The worker's answers: `{ now: SQLite's answer | null }` and `{ tick: checkpointed? }`. */
const NowAnswer = z.object({ now: CheckpointAnswer.nullable().catch(null) }).transform((a) => a.now);
const TickAnswer = z.object({ tick: z.boolean().catch(false) }).transform((a) => a.tick);

/** Plain JS: an eval'd worker does not go through the TypeScript loader. */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
// state[0]: 0 starting, 1 open, 2 closed, 3 stopped before it opened (see stopSync)
const state = new Int32Array(workerData.state);
if (Atomics.compareExchange(state, 0, 0, 1) !== 0) {
  parentPort.close();
} else {
  const fs = require('node:fs');
  const Database = require(workerData.driver);
  const db = new Database(workerData.file, { fileMustExist: true });
  for (const p of workerData.pragmas) db.pragma(p);
  const le = require('node:os').endianness() === 'LE';
  const u32 = (b, at) => (le ? b.readUInt32LE(at) : b.readUInt32BE(at));
  // Frames in the WAL not yet copied back, from the WAL-index header in the -shm file (SQLite's
  // documented format, native byte order: version 3007000 at 0, isInit at 12, mxFrame at 16,
  // nBackfill at 96); null when it cannot be read, and then the tick checkpoints.
  const pending = () => {
    let fd = -1;
    try {
      fd = fs.openSync(workerData.file + '-shm', 'r');
      const b = Buffer.alloc(100);
      if (fs.readSync(fd, b, 0, 100, 0) < 100 || u32(b, 0) !== 3007000 || b[12] !== 1) return null;
      return u32(b, 16) - u32(b, 96);
    } catch { return null; } finally { if (fd >= 0) fs.closeSync(fd); }
  };
  const tick = () => {
    if (workerData.minFrames > 0) { const n = pending(); if (n !== null && n < workerData.minFrames) return false; }
    try { db.pragma('wal_checkpoint(PASSIVE)'); return true; } catch { return false; /* busy or closing: the next tick tries again */ }
  };
  const timer = setInterval(tick, workerData.everyMs);
  const closed = () => { Atomics.store(state, 0, 2); Atomics.notify(state, 0); };
  parentPort.on('message', (m) => {
    if (m === 'tick') {
      parentPort.postMessage({ tick: tick() });
      return;
    }
    if (m === 'now') {
      let r = null;
      try { r = db.pragma('wal_checkpoint(PASSIVE)')[0]; } catch { /* answered as null */ }
      parentPort.postMessage({ now: r });
      return;
    }
    if (m !== 'close' && m !== 'stop') return;
    clearInterval(timer);
    // close: empty the WAL here; stop: leave that to the writer's own close, waiting right now
    if (m === 'close') try { db.pragma('wal_checkpoint(TRUNCATE)'); } catch { /* a later open replays the WAL */ }
    db.close();
    closed();
    parentPort.postMessage('closed');
    parentPort.close();
  });
}
`;

export interface Checkpointer {
  /** True while the worker runs (false: the connection checkpoints itself). */
  readonly running: boolean;
  /** Checkpoint now (tests, diagnostics): SQLite's answer, or null when none ran. */
  now(): Promise<{ busy: number; log: number; checkpointed: number } | null>;
  /** One timer tick now (tests, the bench): true when it checkpointed, false when `minFrames` said wait. */
  tick(): Promise<boolean>;
  /** Stop the worker: it checkpoints what is left, empties the WAL and closes its connection. */
  close(): Promise<void>;
  /**
   * Stop the worker and wait (blocking, at most `timeoutMs`) until its connection is closed, for
   * a writer that closes synchronously: the writer's own close, then the last connection,
   * checkpoints the rest and removes the WAL, as without a worker.
   */
  stopSync(timeoutMs?: number): void;
}

export interface CheckpointerOptions {
  everyMs?: number;
  /**
   * Pragmas the worker's connection runs first, in order: an encrypted database's cipher and key
   * (the key stays in this process), its synchronous level (the checkpoint's fsyncs follow it).
   */
  pragmas?: readonly string[];
  /**
   * A tick checkpoints only once the WAL holds this many frames not yet copied back (default 0:
   * every tick). Once everything is copied back, the next commit starts the WAL afresh, which
   * costs it one more fsync (the new WAL header's): with a threshold, only every Nth commit pays it.
   */
  minFrames?: number;
  /**
   * The writer's `wal_autocheckpoint` while the worker runs: 0 (none), or a far backstop so a
   * worker that stopped making progress without dying cannot let the WAL grow without bound.
   */
  backstopPages?: number;
}

/** No worker: the connection checkpoints itself (in-memory and read-only databases). */
export const NO_CHECKPOINTER: Checkpointer = { running: false, now: async () => null, tick: async () => false, close: async () => {}, stopSync: () => {} };

export function startCheckpointer(db: Database.Database, file: string, opts: CheckpointerOptions = {}): Checkpointer {
  const selfCheckpoint = () => {
    if (db.open) db.pragma('wal_autocheckpoint = 1000');
  };
  if (file === ':memory:') return NO_CHECKPOINTER;
  let worker: Worker;
  const stateBuffer = new SharedArrayBuffer(4);
  const state = new Int32Array(stateBuffer);
  try {
    const workerData = { driver: require.resolve('better-sqlite3'), file, everyMs: opts.everyMs ?? 1000, minFrames: Math.max(0, Math.floor(opts.minFrames ?? 0)), pragmas: opts.pragmas ?? [], state: stateBuffer };
    worker = new Worker(WORKER_SOURCE, { eval: true, workerData });
  } catch {
    return NO_CHECKPOINTER;
  }
  worker.unref(); // never what keeps a process alive
  db.pragma(`wal_autocheckpoint = ${Math.max(0, Math.floor(opts.backstopPages ?? 0))}`);
  let alive = true;
  worker.once('error', () => {
    alive = false;
    selfCheckpoint();
  });
  worker.once('exit', () => {
    if (alive) selfCheckpoint(); // exited without being asked to: the writer checkpoints again
    alive = false;
  });
  let closing: Promise<void> | null = null;
  /** Post `key` to the worker; its answer is the message that carries that key. */
  const ask = <T>(key: 'now' | 'tick', read: z.ZodType<T>): Promise<T> =>
    new Promise((resolve) => {
      const answer = (m: unknown) => {
        if (typeof m !== 'object' || m === null || !(key in m)) return;
        worker.off('message', answer);
        resolve(read.parse(m));
      };
      worker.on('message', answer);
      worker.postMessage(key);
    });
  return {
    get running() {
      return alive;
    },
    now: async () => (alive ? ask('now', NowAnswer) : null),
    tick: async () => (alive ? ask('tick', TickAnswer) : false),
    close: () => {
      closing ??= (async () => {
        if (!alive) return;
        alive = false; // asked to stop: its exit is not a failure
        await new Promise<void>((resolve) => {
          const done = () => resolve();
          worker.once('message', done);
          worker.once('exit', done);
          worker.postMessage('close');
        });
        await worker.terminate();
      })();
      return closing;
    },
    stopSync: (timeoutMs = 10_000) => {
      if (!alive) return;
      alive = false;
      // Not opened yet: it never will. Open: ask it to close and wait for that.
      if (Atomics.compareExchange(state, 0, 0, 3) === 1) {
        worker.postMessage('stop');
        const until = Date.now() + timeoutMs;
        while (Atomics.load(state, 0) === 1 && Date.now() < until) Atomics.wait(state, 0, 1, until - Date.now());
      }
      void worker.terminate();
    },
  };
}
