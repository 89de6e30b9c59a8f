/**
 * A hub on its own thread, for the figures a desk sees: on a real team the hub is another
 * machine, so its work and the desk's overlap (the desk applies one pull page while the hub
 * reads the next). In one thread they could only add up. Same store as the caller's hub (the
 * SQLite folder or the PostgreSQL schema), so what the caller seeded is there.
 */
import { Worker } from 'node:worker_threads';
import type { StartHubOptions } from '../hub/server';

type StoreOpts = Pick<StartHubOptions, 'dataDir' | 'pgUrl' | 'pgSchema'>;

// HUB_THREAD_PROFILE=FILE: a V8 CPU profile of the hub thread from start to close (open it in Chrome DevTools).
const SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
require(workerData.tsx); // the bench runs from TypeScript sources
const { startHub } = require(workerData.server);
const profile = async () => {
  if (!workerData.profile) return async () => {};
  const { Session } = require('node:inspector/promises');
  const s = new Session();
  s.connect();
  await s.post('Profiler.enable');
  await s.post('Profiler.start');
  return async () => require('node:fs').writeFileSync(workerData.profile, JSON.stringify((await s.post('Profiler.stop')).profile));
};
profile().then((stop) => startHub({ ...workerData.opts, port: 0, host: '127.0.0.1', log: false }).then((hub) => {
  parentPort.postMessage({ url: hub.url });
  parentPort.once('message', () => hub.close().then(stop).then(() => parentPort.postMessage({ closed: true })));
})).catch((e) => parentPort.postMessage({ error: String(e && e.stack || e) }));
`;

export interface HubThread {
  url: string;
  close(): Promise<void>;
}

export async function startHubThread(opts: StoreOpts): Promise<HubThread> {
  const worker = new Worker(SOURCE, { eval: true, workerData: { tsx: require.resolve('tsx/cjs'), server: require.resolve('../hub/server'), opts, profile: process.env.HUB_THREAD_PROFILE ?? null } });
  const first = await new Promise<{ url?: string; error?: string }>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  if (!first.url) {
    await worker.terminate();
    throw new Error(`hub thread: ${first.error ?? 'no url'}`);
  }
  return {
    url: first.url,
    close: async () => {
      await new Promise((resolve) => {
        worker.once('message', resolve);
        worker.postMessage('close');
      });
      await worker.terminate();
    },
  };
}
