import fs from 'node:fs';
import path from 'node:path';

/**
 * HUB_BENCH_PROFILE=DIR: a V8 CPU profile of one bench phase (this thread: the hub and any desk in
 * it) written to DIR, to see where the time goes (open it in Chrome DevTools). A no-op without it.
 */
export async function profilePhase(name: string): Promise<() => Promise<void>> {
  const dir = process.env.HUB_BENCH_PROFILE;
  if (!dir) return async () => {};
  const { Session } = await import('node:inspector/promises');
  const s = new Session();
  s.connect();
  await s.post('Profiler.enable');
  await s.post('Profiler.start');
  return async () => {
    const { profile } = await s.post('Profiler.stop');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, `${name.replace(/[^a-z0-9]+/gi, '-')}.cpuprofile`), JSON.stringify(profile));
    s.disconnect();
  };
}

