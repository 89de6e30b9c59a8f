/**
 * A hub in its own process for the "hub killed mid-request" tests (run with `node --import tsx`).
 * HUB_CHILD_OPTS: JSON {dataDir} or {pgUrl, pgSchema}. HUB_CHILD_HOLD: 'before-commit' holds the
 * first push's transaction open after its effects, 'after-commit' holds the push after it
 * committed but before it answers; either way it prints HELD and waits to be killed.
 * Prints `LISTEN <url>` when serving.
 */
import { openStore, startHub } from '../../../hub/server';
import type { Store } from '../../../hub/store/types';

const opts = JSON.parse(process.env.HUB_CHILD_OPTS ?? '{}') as { dataDir?: string; pgUrl?: string; pgSchema?: string };
const hold = process.env.HUB_CHILD_HOLD;
const isPush = (v: unknown): boolean => typeof v === 'object' && v !== null && 'lastMutationId' in v && 'gapExpected' in v;
const forever = (): Promise<never> => {
  process.stdout.write('HELD\n');
  return new Promise<never>(() => undefined);
};

const inner = openStore(opts);
const store: Store = {
  ...inner,
  kind: inner.kind,
  read: (fn) => inner.read(fn),
  migrate: () => inner.migrate(),
  close: () => inner.close(),
  write: async (fn) => {
    const out = await inner.write(async (q) => {
      const r = await fn(q);
      if (hold === 'before-commit' && isPush(r)) await forever();
      return r;
    });
    if (hold === 'after-commit' && isPush(out)) await forever();
    return out;
  },
};

startHub({ store, port: 0, log: false })
  .then((hub) => process.stdout.write(`LISTEN ${hub.url}\n`))
  .catch((e: unknown) => {
    process.stderr.write(`${String(e)}\n`);
    process.exit(1);
  });
