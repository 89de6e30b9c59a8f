/**
 * Child process for kill.test.ts: opens the hub-mode desk in argv[2]; its sync loop starts at
 * once. The push reaches the hub and the hub commits it; this process then prints "PUSHED" and
 * never lets the desk see the answer, so the parent's SIGKILL lands between the hub's commit and
 * the desk's acknowledgement.
 */
import { createDesk } from '../../../electron/core/desk';

async function main(): Promise<void> {
  const [dataDir] = process.argv.slice(2);
  if (!dataDir) throw new Error('usage: kill-sync-child DATA_DIR');
  await createDesk({
    dataDir,
    pollMs: 0,
    syncTiming: { intervalMs: 0, debounceMs: 0 },
    log: (level, msg) => process.stderr.write(`${level} ${msg}\n`),
    fetch: async (url, init) => {
      const res = await fetch(url, init);
      const text = await res.text();
      if (url.endsWith('/v1/sync/push')) {
        process.stdout.write(`PUSHED ${res.status} ${text}\n`);
        return new Promise(() => undefined); // the answer never arrives
      }
      return { status: res.status, text: async () => text };
    },
  });
  process.stdout.write('READY\n');
  setInterval(() => undefined, 1000);
}

main().catch((e: unknown) => {
  process.stderr.write(`${String(e)}\n`);
  process.exit(1);
});
