#!/usr/bin/env node
// npm run web [-- --no-build]: build the renderer, then run electron/web-host in the
// foreground (env PORT, DATA_DIR). It prints `CollectDesk web-host: http://127.0.0.1:PORT/#token=...`.
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const args = process.argv.slice(2);

if (!args.includes('--no-build')) {
  const vite = join(dirname(require.resolve('vite/package.json')), 'bin', 'vite.js');
  const r = spawnSync(process.execPath, [vite, 'build', '--config', 'renderer/vite.config.ts', '--logLevel', 'warn'], {
    cwd: root,
    stdio: 'inherit',
    // The TS config files are loaded by Vite's bundling config loader; silence its advice.
    env: { ...process.env, VITE_CONFIG_NATIVE_IGNORE_WARNING: 'true' },
  });
  if (r.status !== 0) {
    process.stderr.write('\n✖ The renderer build failed / 前端构建失败\n');
    process.exit(r.status ?? 1);
  }
}

const tsxCli = join(dirname(require.resolve('tsx/package.json')), 'dist', 'cli.mjs');
const child = spawn(process.execPath, [tsxCli, join(root, 'electron', 'web-host', 'index.ts')], {
  cwd: root,
  stdio: 'inherit',
  env: process.env,
});
let stopping = false;
const stop = (signal) => () => {
  if (stopping) return;
  stopping = true;
  child.kill(signal);
};
process.on('SIGINT', stop('SIGINT'));
process.on('SIGTERM', stop('SIGTERM'));
child.on('exit', (code, signal) => process.exit(code ?? (signal && !stopping ? 1 : 0)));
