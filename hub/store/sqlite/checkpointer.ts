/**
 * WAL checkpoints off the hub's thread. By default SQLite checkpoints inside the COMMIT that
 * pushes the WAL past 1,000 pages: copying pages back and fsyncing the database file on the one
 * thread that answers every desk, so a push that happens to trigger it waits 10-20 ms longer and
 * every request queued behind it too. The hub's connection turns automatic checkpoints off and
 * a worker thread with its own connection runs a PASSIVE checkpoint (never waits for readers or
 * writers) every `everyMs`; a final TRUNCATE on close leaves an empty WAL. Durability is
 * unchanged: a commit is in the WAL either way. If the worker cannot start or dies, the
 * connection goes back to checkpointing itself.
 */
import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';
import { z } from 'zod';

const CheckpointAnswer = z.object({ busy: z.number(), log: z.number(), checkpointed: z.number() });

/** Plain JS: an eval'd worker does not go through the TypeScript loader. */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 1000');
const tick = () => { try { db.pragma('wal_checkpoint(PASSIVE)'); } catch { /* busy or closing: the next tick tries again */ } };
const timer = setInterval(tick, workerData.everyMs);
parentPort.on('message', (m) => {
  if (m === 'now') {
    let r = null;
    try { r = db.pragma('wal_checkpoint(PASSIVE)')[0]; } catch { /* answered as null */ }
    parentPort.postMessage({ now: r });
    return;
  }
  if (m !== 'close') return;
  clearInterval(timer);
  try { db.pragma('wal_checkpoint(TRUNCATE)'); } catch { /* a later open replays the WAL */ }
  db.close();
  parentPort.postMessage('closed');
});
`;

export interface Checkpointer {
  /** True while the worker runs (false: the connection checkpoints itself). */
  readonly running: boolean;
  /** Checkpoint now (tests, diagnostics): SQLite's answer, or null when none ran. */
  now(): Promise<{ busy: number; log: number; checkpointed: number } | null>;
  close(): Promise<void>;
}

const NONE: Checkpointer = { running: false, now: async () => null, close: async () => {} };

export function startCheckpointer(db: Database.Database, file: string, everyMs = 1000): Checkpointer {
  const selfCheckpoint = () => {
    if (db.open) db.pragma('wal_autocheckpoint = 1000');
  };
  if (file === ':memory:') return NONE;
  let worker: Worker;
  try {
    worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { driver: require.resolve('better-sqlite3'), file, everyMs } });
  } catch {
    return NONE;
  }
  worker.unref(); // never what keeps a process alive
  db.pragma('wal_autocheckpoint = 0');
  let alive = true;
  worker.once('error', () => {
    alive = false;
    selfCheckpoint();
  });
  worker.once('exit', () => {
    alive = false;
  });
  return {
    get running() {
      return alive;
    },
    now: async () => {
      if (!alive) return null;
      return new Promise((resolve) => {
        const answer = (m: unknown) => {
          if (typeof m !== 'object' || m === null || !('now' in m)) return;
          worker.off('message', answer);
          resolve(CheckpointAnswer.nullable().catch(null).parse(m.now));
        };
        worker.on('message', answer);
        worker.postMessage('now');
      });
    },
    close: async () => {
      if (!alive) return;
      await new Promise<void>((resolve) => {
        const done = () => resolve();
        worker.once('message', done);
        worker.once('exit', done);
        worker.postMessage('close');
      });
      await worker.terminate();
    },
  };
}
