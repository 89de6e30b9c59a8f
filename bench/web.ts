/**
 * The web screen's time to interactive, in the system Chromium through the web-host, on the
 * same 100,000-case database as the core bench. Each sample is a new browser context (no
 * HTTP cache), like a desk starting the app.
 */
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { startWebHost } from '../electron/web-host/server';
import { freshCopy, summarize, type Stat } from './core';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const TARGET_MS = 1500;

export async function runWebBench(opts: { dbDir: string; samples?: number; rendererDir?: string; log?: (s: string) => void }): Promise<Stat[]> {
  const rendererDir = opts.rendererDir ?? path.resolve(__dirname, '..', 'out', 'renderer');
  if (!fs.existsSync(path.join(rendererDir, 'index.html'))) throw new Error('renderer not built: run `npm run build:web` (npm run bench does)');
  if (!fs.existsSync(CHROMIUM)) {
    opts.log?.(`web bench skipped: no Chromium at ${CHROMIUM}`);
    return [];
  }
  const n = opts.samples ?? 12;
  const { dir } = freshCopy(opts.dbDir);
  const host = await startWebHost({ dataDir: dir, port: 0, host: '127.0.0.1', rendererDir, seedDemo: false, log: () => {} });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  const login: number[] = [];
  const work: number[] = [];
  try {
    for (let i = 0; i < n + 2; i++) {
      // Signed out: load -> the login form accepts typing.
      await host.desk.invoke('auth.logout', {});
      const ctx = await browser.newContext({ viewport: { width: 1366, height: 768 } });
      const page = await ctx.newPage();
      let t0 = performance.now();
      await page.goto(host.openUrl);
      await page.getByTestId('login-username').waitFor({ state: 'visible' });
      await page.getByTestId('login-username').fill('demo');
      const tLogin = performance.now() - t0;
      await page.getByTestId('login-password').fill('demo123');
      await page.getByTestId('login-submit').click();
      await page.getByTestId('queue-row').first().waitFor({ state: 'visible' });
      await ctx.close();

      // Signed in (the desk keeps its session): load -> the 100k-case queue is on screen and clickable.
      const ctx2 = await browser.newContext({ viewport: { width: 1366, height: 768 } });
      const page2 = await ctx2.newPage();
      t0 = performance.now();
      await page2.goto(host.openUrl);
      await page2.getByTestId('queue-row').first().click();
      await page2.getByTestId('profile-panel').waitFor({ state: 'visible' });
      const tWork = performance.now() - t0;
      await ctx2.close();
      if (i >= 2) {
        login.push(tLogin);
        work.push(tWork);
      }
    }
  } finally {
    await browser.close();
    await host.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return [
    summarize('web: login form interactive', login, TARGET_MS),
    summarize('web: workstation, queue usable', work, TARGET_MS),
  ];
}
