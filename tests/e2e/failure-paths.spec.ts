import { test, expect } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { login, loginAsAgent, SCREENS_DIR, useWebHost, wallClock } from './web-host';

const host = useWebHost();

test('a wrong password shows the translated error', async ({ page }) => {
  await login(page, host(), 'demo', 'not-the-password');
  await expect(page.getByTestId('login-error')).toContainText('用户名或密码错误');
  await expect(page.getByTestId('workstation')).toHaveCount(0);
  // and in English
  await page.getByTestId('lang-en').click();
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('login-error')).toContainText('Wrong username or password');
  await page.getByTestId('lang-zh-CN').click();
});

test('a PTP above the balance shows the inline error and nothing is saved', async ({ page }) => {
  await loginAsAgent(page, host());
  const top = page.getByTestId('queue-row').first();
  const caseId = (await top.getAttribute('data-case-id')) ?? '';
  await top.click();
  await expect(page.getByTestId('debtor-name')).toBeVisible();
  const attempts = await page.getByTestId('timeline-attempt').count();
  const promises = await page.getByTestId('timeline-promise').count();

  const required = page.locator('[data-testid=script-step][data-required=true]');
  await expect(required.first()).toBeVisible();
  for (const box of await required.all()) await box.check();
  await page.keyboard.press('1');
  await expect(page.getByTestId('outcome-PTP')).toHaveAttribute('aria-pressed', 'true');
  await page.getByTestId('ptp-amount').fill('999999999');
  const tomorrow = wallClock(new Date(Date.now() + 24 * 3600_000), 'Asia/Shanghai').date;
  const date = page.getByTestId('ptp-date');
  await date.click();
  await date.fill(tomorrow);
  await date.press('Enter');
  await page.getByTestId('preset-tomorrow9').click();

  await expect(page.getByTestId('err-ptp-amount')).toContainText('承诺金额不能超过欠款总额');
  await page.getByTestId('note-save').click();
  await expect(page.getByText('请先修正标出的问题')).toBeVisible();
  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId('err-ptp-amount')).toContainText('¥');
  mkdirSync(SCREENS_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENS_DIR, 'ptp-above-balance-zh.png') });

  // nothing was stored: still the same case, the same history after a reload from the core
  await expect(page.locator('.queue-row.selected')).toHaveAttribute('data-case-id', caseId);
  await expect(page.getByTestId('draft-state')).toContainText('草稿已保存'); // the autosave has run
  await page.locator(`[data-testid=queue-row][data-case-id="${caseId}"]`).click();
  await expect(page.getByTestId('timeline-attempt')).toHaveCount(attempts);
  await expect(page.getByTestId('timeline-promise')).toHaveCount(promises);

  // the unsaved note is a draft in the database: it survives a reload of the page
  await expect(page.getByTestId('ptp-amount')).toHaveValue('999999999');
  await page.reload();
  await expect(page.getByTestId('workstation')).toBeVisible();
  await page.locator(`[data-testid=queue-row][data-case-id="${caseId}"]`).click();
  await expect(page.getByTestId('outcome-PTP')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('ptp-amount')).toHaveValue('999999999');
  await expect(page.getByTestId('ptp-date')).toHaveValue(tomorrow);
  await expect(page.locator('[data-testid=script-step][data-required=true]').first()).toBeChecked();
});
