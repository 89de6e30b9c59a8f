/**
 * The JavaScript an agent's screen loads before it is usable: the built renderer in the system
 * Chromium through the web-host (demo data), signed in, from navigation until the first queue
 * row shows. Counts every script the page requested by then (entry, modulepreloads, eager
 * imports), raw and gzip, read from the built files. The web-host's own bridge script is left
 * out: the Electron build has a preload instead.
 *
 *   npm run build:web && npx tsx bench/first-paint.ts
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';
import { startWebHost } from '../electron/web-host/server';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const RENDERER_DIR = path.resolve(__dirname, '..', 'out', 'renderer');

interface Script { file: string; bytes: number; gzip: number }

export async function measureFirstPaintJs(): Promise<{ scripts: Script[]; bytes: number; gzip: number }> {
  if (!fs.existsSync(path.join(RENDERER_DIR, 'index.html'))) throw new Error('renderer not built: run `npm run build:web`');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'collectdesk-firstpaint-'));
  const host = await startWebHost({ dataDir, port: 0, host: '127.0.0.1', rendererDir: RENDERER_DIR, seedDemo: true, log: () => {} });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  try {
    const signIn = await host.desk.invoke('auth.login', { username: 'demo', password: 'demo123' });
    if (!signIn.ok) throw new Error(`login failed: ${signIn.error.message}`);
    const ctx = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    const page = await ctx.newPage();
    const requested: string[] = [];
    let done = false;
    page.on('request', (req) => {
      if (!done && req.resourceType() === 'script') requested.push(new URL(req.url()).pathname);
    });
    await page.goto(host.openUrl);
    await page.getByTestId('queue-row').first().waitFor({ state: 'visible' });
    done = true;
    await ctx.close();
    const scripts = [...new Set(requested)]
      .filter((p) => p !== '/desk-bridge.js')
      .map((p): Script => {
        const body = fs.readFileSync(path.join(RENDERER_DIR, p));
        return { file: p.replace(/^\//, ''), bytes: body.length, gzip: gzipSync(body, { level: 9 }).length };
      });
    return { scripts, bytes: sum(scripts.map((s) => s.bytes)), gzip: sum(scripts.map((s) => s.gzip)) };
  } finally {
    await browser.close();
    await host.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

const sum = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);
const kb = (n: number): string => `${(n / 1024).toFixed(1)} KiB`;

if (require.main === module) {
  measureFirstPaintJs()
    .then(({ scripts, bytes, gzip }) => {
      for (const s of scripts) console.log(`${s.file.padEnd(48)} ${kb(s.bytes).padStart(12)} ${kb(s.gzip).padStart(12)} gzip`);
      console.log(`${'first-paint JS'.padEnd(48)} ${kb(bytes).padStart(12)} ${kb(gzip).padStart(12)} gzip  (${bytes} B / ${gzip} B)`);
    })
    .catch((e: unknown) => {
      console.error(e);
      process.exit(1);
    });
}
