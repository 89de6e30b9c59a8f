/**
 * One web-host per spec file: the real desk core on a fresh temporary data directory (demo
 * data seeded), serving the built renderer at 127.0.0.1 on a free port.
 */
import { test, expect, type Page } from '@playwright/test';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startWebHost, type WebHost, type WebHostOptions } from '../../electron/web-host/server';

export const RENDERER_DIR = resolve(__dirname, '../../out/renderer');
export const SCREENS_DIR = resolve(__dirname, '../../test-results/screens');

/**
 * Call at the top of a spec file; returns a getter for the running host. `clock` drives the
 * desk's time (tests/e2e/clock.ts); with `pollMs: 0` the follow-up scheduler runs only when the
 * spec calls host().desk.tick().
 */
export function useWebHost(opts: Pick<WebHostOptions, 'clock' | 'pollMs'> = {}): () => WebHost {
  let host: WebHost | undefined;
  let dataDir = '';
  test.beforeAll(async () => {
    if (!existsSync(join(RENDERER_DIR, 'index.html'))) {
      throw new Error('The renderer is not built: run `npm run build:web` (npm run test:e2e does it).');
    }
    dataDir = mkdtempSync(join(tmpdir(), 'collectdesk-e2e-'));
    host = await startWebHost({ ...opts, dataDir, port: 0, host: '127.0.0.1', rendererDir: RENDERER_DIR, seedDemo: true });
  });
  test.afterAll(async () => {
    await host?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });
  return () => {
    if (!host) throw new Error('web-host not started');
    return host;
  };
}

export async function login(page: Page, host: WebHost, username: string, password: string): Promise<void> {
  await page.goto(host.openUrl);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
}

/** Signed in: the workstation with a loaded queue. */
export async function loginAsAgent(page: Page, host: WebHost): Promise<void> {
  await login(page, host, 'demo', 'demo123');
  await expect(page.getByTestId('workstation')).toBeVisible();
  await expect(page.getByTestId('queue-row').first()).toBeVisible();
}

/** The idle screen lock is up (after the team's idle minutes of driven time): reopen it with the password. */
export async function unlock(page: Page, password: string): Promise<void> {
  await expect(page.getByTestId('screen-lock')).toBeVisible();
  await page.getByTestId('unlock-password').fill(password);
  await page.getByTestId('unlock-submit').click();
  await expect(page.getByTestId('screen-lock')).toBeHidden();
}

/** YYYY-MM-DD and HH:mm of an instant in a zone. */
export function wallClock(at: Date, timeZone: string): { date: string; time: string } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` };
}
