/**
 * CLI: `tsx electron/web-host/index.ts` (npm run web). Env: PORT (0 = random, default 0),
 * DATA_DIR (default ./.data/web), RENDERER_DIR (default out/renderer).
 * Prints one line: `CollectDesk web-host: http://127.0.0.1:PORT/#token=...`.
 */
import { resolve } from 'node:path';
import { startWebHost } from './server';

async function main(): Promise<void> {
  const portText = process.env.PORT ?? '0';
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    console.error(`PORT must be an integer 0-65535 (got "${portText}").`);
    process.exit(2);
  }
  const dataDir = resolve(process.env.DATA_DIR || '.data/web');
  const rendererDir = resolve(process.env.RENDERER_DIR || resolve(__dirname, '../../out/renderer'));
  const verbose = process.env.DEBUG_WEB_HOST === '1';
  const host = await startWebHost({
    dataDir,
    port,
    host: '127.0.0.1',
    rendererDir,
    seedDemo: true,
    log: (level, msg, extra) => {
      if (level === 'error' || level === 'warn' || verbose) console.error(`[${level}] ${msg}`, extra ?? '');
    },
  });
  console.log(`CollectDesk web-host: ${host.openUrl}`);
  console.error(`  data: ${dataDir}\n  renderer: ${rendererDir}\n  Ctrl+C to stop.`);

  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    console.error(`\n${signal}: stopping the web-host...`);
    host.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(`CollectDesk web-host failed to start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
