/**
 * SMS and letters on the case screen (issue 11): a merged SMS previewed, a banned phrase blocking
 * the send with its mark, a send through the default gateway (recorded) in the history, a letter
 * previewed and its PDF rendered to PNG (pdftoppm) to look at, the evidence block; zh-CN and en at
 * 1366x768.
 */
import { test, expect as baseExpect, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { specClock } from './clock';
import { motionSettled } from './motion';
import { login, SCREENS_DIR, useWebHost } from './web-host';

const expect = baseExpect.configure({ timeout: 45_000 });

// 10:30 on a Tuesday in the team's zone: inside the contact window.
const clock = specClock('2026-03-10T10:30:00+08:00');
const host = useWebHost({ clock: clock.now, pollMs: 0 });
test.use({ actionTimeout: 45_000 });
test.describe.configure({ timeout: 300_000 });

async function shot(page: Page, name: string): Promise<void> {
  await motionSettled(page.locator('body'));
  await page.screenshot({ path: join(SCREENS_DIR, name) });
}

/** Save the letter PDF the drawer offers and render its page to PNG with pdftoppm. */
async function letterPng(page: Page, name: string): Promise<void> {
  const download = page.waitForEvent('download');
  await page.getByTestId('letter-pdf').click();
  const pdf = join(SCREENS_DIR, `${name}.pdf`);
  await (await download).saveAs(pdf);
  expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
  execFileSync('pdftoppm', ['-png', '-r', '60', '-singlefile', pdf, join(SCREENS_DIR, name)]);
  expect(existsSync(join(SCREENS_DIR, `${name}.png`))).toBe(true);
}

test('messages: preview an SMS, a banned phrase blocks the send, a recorded send in the history, a letter and its PDF; zh-CN and en', async ({ page }) => {
  mkdirSync(SCREENS_DIR, { recursive: true });
  await page.setViewportSize({ width: 1366, height: 768 });
  await clock.install(page);
  await login(page, host(), 'demo', 'demo123');
  await expect(page.getByTestId('workstation')).toBeVisible();
  const top = page.getByTestId('queue-row').first();
  const caseId = (await top.getAttribute('data-case-id')) ?? '';
  await top.click();
  await expect(page.locator('.queue-row.selected')).toHaveAttribute('data-case-id', caseId);

  await page.getByTestId('messages-open').click();
  const drawer = page.getByTestId('messages-drawer');
  await expect(drawer).toBeVisible();
  // the merged SMS: the debtor's name and the case's amount, nothing left unfilled, sendable
  const text = page.getByTestId('message-text');
  await expect(text).toHaveValue(/您好.*逾期金额¥[\d,]+\.\d\d/s);
  await expect(text).not.toHaveValue(/\{\{/);
  await expect(page.getByTestId('message-problems')).toHaveCount(0);
  await expect(page.getByTestId('message-send')).toBeEnabled();
  await shot(page, 'messages-sms-preview-zh-CN.png');

  // a banned phrase typed into the preview: marked in place, reason shown, the send blocked
  await text.fill('请今天还款，否则我们上门闹。');
  await expect(page.getByTestId('message-mark')).toHaveText('上门闹');
  await expect(page.locator('[data-testid=message-problem][data-rule="message.bannedPhrase"]')).toContainText('含禁用措辞：“上门闹”');
  await expect(page.getByTestId('message-send')).toBeDisabled();
  await shot(page, 'messages-banned-zh-CN.png');

  // clean wording goes out through the default gateway: recorded, in the history, number masked
  await text.fill('您好，请通过官方渠道尽快还款，谢谢。');
  await expect(page.getByTestId('message-problems')).toHaveCount(0);
  await page.getByTestId('message-send').click();
  const row = page.getByTestId('message-row').first();
  await expect(row).toHaveAttribute('data-status', 'recorded');
  await expect(row).toContainText('您好，请通过官方渠道尽快还款，谢谢。');
  await expect(row).toContainText(/1\d\d\*\*\*\*\d{4}/);
  // the demo case's history has connected calls: the 30-day rule is shown with its dates
  await expect(page.getByTestId('evidence-rule')).toHaveAttribute('data-holds', /^(true|false)$/);
  await expect(page.getByTestId('evidence-rule')).toContainText(/\d{4}-\d{2}-\d{2}/);

  // a letter: previewed with its title, fits one page, its PDF rendered to PNG
  await page.getByTestId('message-channel').getByText('信函').click();
  await expect(page.getByTestId('message-subject')).toHaveText('还款提醒函');
  await expect(text).toHaveValue(/受.+委托/);
  await expect(page.getByTestId('message-count')).toContainText('（一页）');
  await expect(page.getByTestId('message-problems')).toHaveCount(0);
  await shot(page, 'messages-letter-zh-CN.png');
  await letterPng(page, 'letter-zh-CN');

  // English
  await page.keyboard.press('Escape');
  await expect(drawer).toBeHidden();
  await page.getByTestId('language-switch').click();
  await page.getByTestId('lang-en').click();
  await page.getByTestId('messages-open').click();
  await expect(drawer).toContainText('SMS and letters');
  await page.getByTestId('message-channel').getByText('SMS', { exact: true }).click(); // the drawer kept the letter open
  await expect(text).toHaveValue(/Dear .+ days overdue/s);
  await expect(page.getByTestId('message-row').first()).toContainText('Recorded');
  await shot(page, 'messages-sms-preview-en.png');
  await text.fill('Pay today or you will go to jail.');
  await expect(page.getByTestId('message-mark')).toHaveText('you will go to jail');
  await expect(page.getByTestId('message-send')).toBeDisabled();
  await shot(page, 'messages-banned-en.png');
  await page.getByTestId('message-channel').getByText('Letter').click();
  await expect(page.getByTestId('message-subject')).toHaveText('Payment reminder');
  await expect(page.getByTestId('message-problems')).toHaveCount(0);
  await shot(page, 'messages-letter-en.png');
  await letterPng(page, 'letter-en');
});
