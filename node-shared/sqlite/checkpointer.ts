/**
 * WAL checkpoints off the writer's thread, for the hub's store and the desk's database alike.
 * By default SQLite checkpoints inside the COMMIT that pushes the WAL past 1,000 pages: copying
 * pages back (on an encrypted desk: decrypting and encrypting each again) and fsyncing the
 * database file on the one thread that answers every request or every keystroke, so the commit
 * that triggers it takes 10-20 ms longer. Here the writer's automatic checkpoints are turned off
 * (or pushed far out as a backstop) and a worker thread, one per process for all its databases,
 * runs from its own connection to each a PASSIVE checkpoint (never waits for readers or writers)
 * every `everyMs`, once `minFrames` have gathered; a final TRUNCATE on close leaves an empty WAL.
 * Durability is unchanged: a commit is in the WAL either way. If the worker cannot start, cannot
 * open a database or dies, that connection (or every one) goes back to checkpointing itself.
 */
import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';
import { z } from 'zod';

const CheckpointAnswer = z.object({ busy: z.number(), log: z.number(), checkpointed: z.number() });
/** The worker's messages, each for one database (`id`): an answer to request `req`, or its connection failing to open. */
const WorkerMessage = z.object({
  id: z.number(),
  req: z.number().optional(),
  now: CheckpointAnswer.nullable().catch(null).optional(),
  tick: z.boolean().catch(false).optional(),
  failed: z.string().optional(),
});
type WorkerMessage = z.infer<typeof WorkerMessage>;

/**
 * Plain JS: an eval'd worker does not go through the TypeScript loader. One thread serves every
 * database of the process, each under its id: starting a thread (a V8 isolate, the driver loaded
 * again) costs about 55 ms on a 2-core desk, and a first login opens its database while the hub
 * builds the first page, so that start was on the login's critical path.
 */
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const fs = require('node:fs');
const le = require('node:os').endianness() === 'LE';
const u32 = (b, at) => (le ? b.readUInt32LE(at) : b.readUInt32BE(at));
const dbs = new Map(); // id -> { db, file, minFrames, timer, state }
// Frames in the WAL not yet copied back, from the WAL-index header in the -shm file (SQLite's
// documented format, native byte order: version 3007000 at 0, isInit at 12, mxFrame at 16,
// nBackfill at 96); null when it cannot be read, and then the tick checkpoints.
const pending = (file) => {
  let fd = -1;
  try {
    fd = fs.openSync(file + '-shm', 'r');
    const b = Buffer.alloc(100);
    if (fs.readSync(fd, b, 0, 100, 0) < 100 || u32(b, 0) !== 3007000 || b[12] !== 1) return null;
    return u32(b, 16) - u32(b, 96);
  } catch { return null; } finally { if (fd >= 0) fs.closeSync(fd); }
};
const tick = (e) => {
  if (e.minFrames > 0) { const n = pending(e.file); if (n !== null && n < e.minFrames) return false; }
  try { e.db.pragma('wal_checkpoint(PASSIVE)'); return true; } catch { return false; /* busy or closing: the next tick tries again */ }
};
// state[0]: 0 starting, 1 open, 2 closed, 3 stopped before it opened (see stopSync)
const closed = (state) => { Atomics.store(state, 0, 2); Atomics.notify(state, 0); };
const closeOne = (id, truncate) => {
  const e = dbs.get(id);
  if (!e) return;
  dbs.delete(id);
  clearInterval(e.timer);
  // close: empty the WAL here; stop: leave that to the writer's own close, waiting right now
  if (truncate) try { e.db.pragma('wal_checkpoint(TRUNCATE)'); } catch { /* a later open replays the WAL */ }
  try { e.db.close(); } finally { closed(e.state); }
};
let Database = null;
parentPort.on('message', (m) => {
  const e = dbs.get(m.id);
  switch (m.type) {
    case 'open': {
      const state = new Int32Array(m.state);
      if (Atomics.compareExchange(state, 0, 0, 1) !== 0) return; // stopped before it opened
      let db = null;
      try {
        Database = Database || require(m.driver);
        db = new Database(m.file, { fileMustExist: true });
        for (const p of m.pragmas) db.pragma(p);
      } catch (err) {
        try { if (db) db.close(); } catch { /* reported below */ }
        closed(state);
        parentPort.postMessage({ id: m.id, failed: String((err && err.message) || err) });
        return;
      }
      const entry = { db, file: m.file, minFrames: m.minFrames, state, timer: null };
      entry.timer = setInterval(() => tick(entry), m.everyMs);
      dbs.set(m.id, entry);
      return;
    }
    case 'tick':
      parentPort.postMessage({ id: m.id, req: m.req, tick: e ? tick(e) : false });
      return;
    case 'now': {
      let r = null;
      if (e) try { r = e.db.pragma('wal_checkpoint(PASSIVE)')[0]; } catch { /* answered as null */ }
      parentPort.postMessage({ id: m.id, req: m.req, now: r });
      return;
    }
    case 'close':
    case 'stop':
      try { closeOne(m.id, m.type === 'close'); } finally { parentPort.postMessage({ id: m.id, req: m.req, closed: true }); }
      return;
  }
});
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

/** A database the thread serves: how it hears its answers and the thread's death. */
interface Member {
  message(m: WorkerMessage): void;
  died(): void;
}

/** The process's checkpoint thread while any database uses it (stopped when the last one leaves). */
let thread: { worker: Worker; members: Map<number, Member> } | null = null;
let nextId = 0;

function joinThread(id: number, member: Member): Worker {
  if (!thread) {
    const worker = new Worker(WORKER_SOURCE, { eval: true });
    worker.unref(); // never what keeps a process alive
    const t = { worker, members: new Map<number, Member>() };
    const died = () => {
      if (thread === t) thread = null;
      const members = [...t.members.values()];
      t.members.clear();
      for (const m of members) m.died(); // the writers checkpoint again
    };
    worker.once('error', died);
    worker.once('exit', died);
    worker.on('message', (raw: unknown) => {
      const m = WorkerMessage.safeParse(raw);
      if (m.success) t.members.get(m.data.id)?.message(m.data);
    });
    thread = t;
  }
  thread.members.set(id, member);
  return thread.worker;
}

/** The checkpoint thread now, and how many databases it serves (diagnostics, tests); null when none runs. */
export function checkpointThread(): { threadId: number; databases: number } | null {
  return thread ? { threadId: thread.worker.threadId, databases: thread.members.size } : null;
}

/** A database left the thread; the last one out stops it. */
function leaveThread(id: number): void {
  const t = thread;
  if (!t || !t.members.delete(id) || t.members.size > 0) return;
  thread = null;
  void t.worker.terminate();
}

export function startCheckpointer(db: Database.Database, file: string, opts: CheckpointerOptions = {}): Checkpointer {
  const selfCheckpoint = () => {
    if (db.open) db.pragma('wal_autocheckpoint = 1000');
  };
  if (file === ':memory:') return NO_CHECKPOINTER;
  const id = ++nextId;
  const stateBuffer = new SharedArrayBuffer(4);
  const state = new Int32Array(stateBuffer);
  let alive = true;
  let nextReq = 0;
  const waiting = new Map<number, (m: WorkerMessage | null) => void>();
  const stopWaiting = () => {
    for (const answer of waiting.values()) answer(null);
    waiting.clear();
  };
  const member: Member = {
    message: (m) => {
      if (m.failed !== undefined) {
        // its connection could not open (e.g. the key): this writer checkpoints itself
        alive = false;
        selfCheckpoint();
        stopWaiting();
        leaveThread(id);
        return;
      }
      if (m.req === undefined) return;
      waiting.get(m.req)?.(m);
      waiting.delete(m.req);
    },
    died: () => {
      if (alive) selfCheckpoint(); // gone without being asked to: the writer checkpoints again
      alive = false;
      stopWaiting();
    },
  };
  let worker: Worker;
  try {
    worker = joinThread(id, member);
    const workerData = { driver: require.resolve('better-sqlite3'), file, everyMs: opts.everyMs ?? 1000, minFrames: Math.max(0, Math.floor(opts.minFrames ?? 0)), pragmas: opts.pragmas ?? [], state: stateBuffer };
    worker.postMessage({ type: 'open', id, ...workerData });
  } catch {
    leaveThread(id);
    return NO_CHECKPOINTER;
  }
  db.pragma(`wal_autocheckpoint = ${Math.max(0, Math.floor(opts.backstopPages ?? 0))}`);
  /** Post a request for this database; its answer (null when the thread died first). */
  const ask = (type: 'now' | 'tick' | 'close'): Promise<WorkerMessage | null> =>
    new Promise((resolve) => {
      const req = ++nextReq;
      waiting.set(req, resolve);
      worker.postMessage({ type, id, req });
    });
  let closing: Promise<void> | null = null;
  return {
    get running() {
      return alive;
    },
    now: async () => (alive ? ((await ask('now'))?.now ?? null) : null),
    tick: async () => (alive ? ((await ask('tick'))?.tick ?? false) : false),
    close: () => {
      closing ??= (async () => {
        if (!alive) return;
        alive = false; // asked to stop: the thread's end is not a failure
        await ask('close');
        leaveThread(id);
      })();
      return closing;
    },
    stopSync: (timeoutMs = 10_000) => {
      if (!alive) return;
      alive = false;
      // Not opened yet: it never will. Open: ask the thread to close it and wait for that.
      if (Atomics.compareExchange(state, 0, 0, 3) === 1) {
        worker.postMessage({ type: 'stop', id, req: ++nextReq });
        const until = Date.now() + timeoutMs;
        while (Atomics.load(state, 0) === 1 && Date.now() < until) Atomics.wait(state, 0, 1, until - Date.now());
      }
      stopWaiting();
      leaveThread(id);
    },
  };
}
