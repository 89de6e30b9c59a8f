/**
 * Personal data on the screen (issue 11): the agent's own reveal history, and the screen lock
 * after the idle minutes (the page's and the desk's clocks are driven; nothing sleeps). While
 * locked the desk core itself refuses work; the password reopens it.
 */
import { test, expect, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { specClock } from './clock';
import { loginAsAgent, SCREENS_DIR, useWebHost } from './web-host';

const clock = specClock('2026-03-02T09:30:00+08:00');
const host = useWebHost({ clock: clock.now, pollMs: 0 });
const MINUTE = 60_000;

// One desk serves the whole file: each test starts signed out.
test.afterEach(async () => {
  await host().desk.invoke('auth.logout', {});
});

async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENS_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENS_DIR, name) });
}

test('my reveal history lists what I showed in clear; zh-CN and en', async ({ page }) => {
  await clock.install(page);
  await loginAsAgent(page, host());
  const top = page.getByTestId('queue-row').first();
  const name = ((await top.getByTestId('queue-row-name').textContent()) ?? '').trim();
  await top.click();
  await page.getByTestId('debtor-id-reveal').click();
  await expect(page.getByTestId('debtor-id')).toHaveText(/^\d{17}[\dX]$/);

  await page.getByTestId('reveal-history').click();
  const drawer = page.getByTestId('reveal-history-drawer');
  await expect(drawer.locator('tbody tr')).toHaveCount(1);
  await expect(drawer.locator('tbody tr').first()).toContainText(name);
  await expect(drawer.locator('tbody tr').first()).toContainText('身份证号');
  await shot(page, 'privacy-reveals-zh.png');
  // closed by its button: Escape reaches the drawer only when focus is inside it
  await drawer.locator('.ant-drawer-close').dispatchEvent('click');
  await expect(drawer).toBeHidden();
  await page.getByTestId('lang-en').click();
  await page.getByTestId('reveal-history').click();
  await expect(drawer.locator('tbody tr').first()).toContainText('ID number');
  await shot(page, 'privacy-reveals-en.png');
  await drawer.locator('.ant-drawer-close').dispatchEvent('click');
  await expect(drawer).toBeHidden();
  await page.getByTestId('lang-zh-CN').click();
});

test('the screen locks after 5 idle minutes; the desk refuses work until the password reopens it', async ({ page }) => {
  await clock.install(page);
  await loginAsAgent(page, host());
  await page.getByTestId('queue-row').first().click();
  await page.mouse.move(300, 300); // last activity: now

  await clock.advance(4 * MINUTE + 30_000);
  await expect(page.getByTestId('screen-lock')).toBeHidden();
  await clock.advance(MINUTE);
  await expect(page.getByTestId('screen-lock')).toBeVisible();
  await expect(page.getByTestId('screen-lock')).toContainText('闲置超过 5 分钟');
  // not only a cover: the core refuses the agent's routes
  expect(await host().desk.invoke('queue.list', {})).toMatchObject({ ok: false, error: { rule: 'screen.locked' } });
  await shot(page, 'privacy-lock-zh.png');

  await page.getByTestId('unlock-password').fill('wrong-one');
  await page.getByTestId('unlock-submit').click();
  await expect(page.getByTestId('screen-lock')).toContainText('密码错误');
  await page.getByTestId('unlock-password').fill('demo123');
  await page.getByTestId('unlock-submit').click();
  await expect(page.getByTestId('screen-lock')).toBeHidden();
  expect((await host().desk.invoke('queue.list', {})).ok).toBe(true);
  await expect(page.getByTestId('queue-row').first()).toBeVisible();
});

test('the lock screen in English', async ({ page }) => {
  await clock.install(page);
  await loginAsAgent(page, host());
  await page.getByTestId('lang-en').click();
  await page.mouse.move(200, 200);
  await clock.advance(5 * MINUTE + 15_000);
  await expect(page.getByTestId('screen-lock')).toContainText('idle for more than 5 minutes');
  await shot(page, 'privacy-lock-en.png');
  await page.getByTestId('unlock-password').fill('demo123');
  await page.getByTestId('unlock-submit').click();
  await expect(page.getByTestId('screen-lock')).toBeHidden();
  await page.getByTestId('lang-zh-CN').click();
});
