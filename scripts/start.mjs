#!/usr/bin/env node
// npm start: check that the Electron binary is usable, build with electron-vite, launch.
// When the binary is missing and cannot be downloaded, say so (zh-CN + English), point to
// `npm run web`, and exit 1 — no hang, no stack trace.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const CHECK_TIMEOUT_MS = Number(process.env.ELECTRON_CHECK_TIMEOUT_MS || 120_000);

// electron's index.js downloads the binary lazily on first require and throws
// "Electron failed to install correctly" when it cannot; run that in a child with a timeout.
const probe = [
  "const p = require('electron');",
  "if (typeof p !== 'string' || !require('fs').existsSync(p)) { console.error('Electron binary not found at ' + p); process.exit(3); }",
  'process.stdout.write(p);',
].join('\n');

function checkElectron() {
  const r = spawnSync(process.execPath, ['-e', probe], {
    cwd: root,
    encoding: 'utf8',
    timeout: CHECK_TIMEOUT_MS,
    killSignal: 'SIGKILL',
    windowsHide: true,
  });
  if (r.error) {
    const timedOut = r.error.code === 'ETIMEDOUT';
    return { ok: false, reason: timedOut ? `download timed out after ${Math.round(CHECK_TIMEOUT_MS / 1000)} s` : r.error.message };
  }
  if (r.status === 0 && r.stdout && existsSync(r.stdout.trim())) return { ok: true, path: r.stdout.trim() };
  // One line of why (no stack): the first "Error: ..." / "...failed" line the child printed.
  const lines = `${r.stderr ?? ''}`.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  const why = lines.find((l) => /^(\w*Error|Error)\b|failed|not found/i.test(l) && !/^at /.test(l));
  return { ok: false, reason: why ?? `exit code ${r.status}` };
}

function explainMissingElectron(reason) {
  const msg = `
✖ 无法启动 CollectDesk 桌面应用：Electron 运行文件缺失，且无法下载（没有网络，或下载被拦截）。
  解决办法（任选其一）：
    1. 连接网络后重新运行  npm start （首次启动会自动下载 Electron）；
    2. 使用镜像下载：设置环境变量 ELECTRON_MIRROR=https://npmmirror.com/mirrors/electron/
       然后运行  npx install-electron ，再运行  npm start ；
    3. 不用 Electron，在浏览器中运行同一个应用：  npm run web

✖ Cannot start the CollectDesk desktop app: the Electron binary is missing and could not be
  downloaded (no network, or the download is blocked).
  To fix it (any one):
    1. Connect to the network and run  npm start  again (the first start downloads Electron);
    2. Download through a mirror: set ELECTRON_MIRROR=https://npmmirror.com/mirrors/electron/
       then run  npx install-electron , then  npm start ;
    3. Run the same app in a browser instead, without Electron:  npm run web

  (detail: ${reason})
`;
  process.stderr.write(msg);
}

function run(cmd, args) {
  const env = { ...process.env, VITE_CONFIG_NATIVE_IGNORE_WARNING: 'true' };
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', windowsHide: true, env });
  if (r.error) throw r.error;
  return r.status ?? 1;
}

const electron = checkElectron();
if (!electron.ok) {
  explainMissingElectron(electron.reason);
  process.exit(1);
}

const electronVite = join(dirname(require.resolve('electron-vite/package.json')), 'bin', 'electron-vite.js');
const buildStatus = run(process.execPath, [electronVite, 'build']);
if (buildStatus !== 0) {
  process.stderr.write('\n✖ electron-vite build failed / 构建失败\n');
  process.exit(buildStatus);
}

const child = spawn(electron.path, [root, ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
const forward = (signal) => () => {
  if (!child.killed) child.kill(signal);
};
process.on('SIGINT', forward('SIGINT'));
process.on('SIGTERM', forward('SIGTERM'));
child.on('error', (error) => {
  process.stderr.write(`✖ Electron could not be launched / 无法运行 Electron: ${error.message}\n`);
  process.exit(1);
});
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
