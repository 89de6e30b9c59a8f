import { test, expect, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { motionSettled } from './motion';
import { loginAsAgent, SCREENS_DIR, useWebHost, wallClock } from './web-host';
import { openBySearch } from './queue';

const host = useWebHost();
const ZONE = 'Asia/Shanghai'; // the desk's default zone (settings.get timeZone)

/** '¥12,345.60' -> 1234560 */
function fenOf(text: string | null): number {
  const m = /¥([\d,]+)\.(\d{2})/.exec(text ?? '');
  if (!m) throw new Error(`no amount in ${text}`);
  return Number((m[1] ?? '').replace(/,/g, '')) * 100 + Number(m[2]);
}

async function pickDate(page: Page, testId: string, value: string): Promise<void> {
  const input = page.getByTestId(testId);
  await input.click();
  await input.fill(value);
  await input.press('Enter');
  await expect(input).toHaveValue(value);
}

test('an agent records a payment: the promise it meets turns 已兑现, and an amount above the balance is refused inline', async ({ page }) => {
  test.setTimeout(120_000);
  mkdirSync(SCREENS_DIR, { recursive: true });
  await loginAsAgent(page, host());

  // open the top case and save a PTP of ¥300 for tomorrow
  const top = page.getByTestId('queue-row').first();
  const caseId = (await top.getAttribute('data-case-id')) ?? '';
  const name = ((await top.getByTestId('queue-row-name').textContent()) ?? '').trim();
  expect(caseId).not.toBe('');
  await top.click();
  await expect(page.getByTestId('debtor-name')).toContainText(name);

  const required = page.locator('[data-testid=script-step][data-required=true]');
  await expect(required.first()).toBeVisible();
  for (const box of await required.all()) await box.check();
  await expect(page.getByTestId('script-progress')).toHaveText(/(\d+)\/\1/);
  await page.keyboard.press('1');
  await expect(page.getByTestId('outcome-PTP')).toHaveAttribute('aria-pressed', 'true');
  await page.getByTestId('ptp-amount').fill('300');
  const tomorrow = wallClock(new Date(Date.now() + 24 * 3600_000), ZONE).date;
  await pickDate(page, 'ptp-date', tomorrow);
  await page.getByTestId('preset-tomorrow9').click();
  await page.getByTestId('note-text').fill('e2e：客户承诺明天还款300元');
  await page.keyboard.press('Control+Enter');
  await expect(page.getByText('催记已保存，已打开下一个案件')).toBeVisible();
  await expect(page.locator('.queue-row.selected')).not.toHaveAttribute('data-case-id', caseId);

  // reopen that case: the promise is pending
  await openBySearch(page, caseId, name);
  await expect(page.getByTestId('debtor-name')).toContainText(name);
  const promise = page.getByTestId('timeline-promise').filter({ hasText: '¥300.00' }).filter({ hasText: tomorrow }).first();
  await expect(promise).toHaveAttribute('data-state', 'pending');
  await expect(promise).toContainText('待兑现');
  const payments = await page.getByTestId('timeline-payment').count();
  const balanceFen = fenOf(await page.getByTestId('case-balance').textContent());
  await expect(page.getByText('催记已保存，已打开下一个案件')).toBeHidden(); // a clean screenshot

  // failure path: above the balance -> the inline error names the field; OK records nothing
  await page.getByTestId('payment-open').click();
  const dialog = page.getByTestId('payment-dialog');
  await expect(dialog).toBeVisible();
  const today = wallClock(new Date(), ZONE).date;
  await expect(page.getByTestId('payment-date')).toHaveValue(today);
  await expect(page.getByTestId('payment-balance')).toHaveText(await page.getByTestId('case-balance').textContent() ?? '');
  const above = balanceFen + 100; // ¥1 more than owed
  await page.getByTestId('payment-amount').fill(`${Math.floor(above / 100)}.${String(above % 100).padStart(2, '0')}`);
  const amountError = page.getByTestId('payment-amount-error');
  await expect(amountError).toContainText('还款金额不能超过欠款总额');
  await expect(amountError).toContainText('¥');
  await page.getByTestId('payment-ok').click();
  await expect(dialog).toBeVisible();
  await expect(amountError).toBeVisible();
  await motionSettled(dialog); // the error's slide-in has finished
  await page.screenshot({ path: join(SCREENS_DIR, 'payment-dialog-zh.png'), animations: 'disabled' });
  // not a number, then nothing: each says what is wrong with the amount
  await page.getByTestId('payment-amount').fill('3.001');
  await expect(amountError).toContainText('还款金额格式不正确');
  await page.getByTestId('payment-amount').fill('');
  await expect(amountError).toContainText('请输入还款金额');
  await page.getByTestId('payment-cancel').click();
  await expect(dialog).toBeHidden();
  // nothing was stored: the same history and balance after a fresh read from the core
  await openBySearch(page, caseId, name);
  await expect(page.getByTestId('timeline-payment')).toHaveCount(payments);
  await expect(page.getByTestId('case-balance')).toHaveText(/¥/);
  expect(fenOf(await page.getByTestId('case-balance').textContent())).toBe(balanceFen);
  await expect(promise).toHaveAttribute('data-state', 'pending');

  // record ¥300 today: the payment shows in the history and the promise is kept
  await page.getByTestId('payment-open').click();
  await expect(dialog).toBeVisible();
  await expect(page.getByTestId('payment-amount-error')).toHaveCount(0); // a fresh form
  await expect(page.getByTestId('payment-amount')).toBeFocused();
  await page.getByTestId('payment-amount').fill('300');
  await expect(page.getByTestId('payment-date')).toHaveValue(today);
  await page.getByTestId('payment-ok').click();
  await expect(page.getByText('已登记还款 ¥300.00')).toBeVisible();
  await expect(dialog).toBeHidden();

  await expect(page.getByTestId('timeline-payment')).toHaveCount(payments + 1);
  const paid = page.getByTestId('timeline-payment').filter({ hasText: `还款日 ${today}` }).filter({ hasText: '¥300.00' });
  await expect(paid).toHaveCount(1);
  await expect(paid).toContainText('催收员登记');
  await expect(promise).toHaveAttribute('data-state', 'kept');
  await expect(promise).toContainText('已兑现');
  await expect(promise).toContainText('已还 ¥300.00');
  await expect.poll(async () => fenOf(await page.getByTestId('case-balance').textContent())).toBe(balanceFen - 30_000);
  // the script merges the new figures too (every stage's talking points state the overdue amount)
  const newOverdue = (await page.getByTestId('case-overdue').textContent())?.trim() ?? '';
  expect(newOverdue).toMatch(/^¥/);
  await expect(page.getByTestId('script-panel')).toContainText(newOverdue);
  await page.screenshot({ path: join(SCREENS_DIR, 'payment-recorded-zh.png'), animations: 'disabled' });

  // still there after a fresh read from the core (reload the page)
  await page.reload();
  await expect(page.getByTestId('workstation')).toBeVisible();
  await openBySearch(page, caseId, name);
  await expect(page.getByTestId('debtor-name')).toContainText(name);
  await expect(page.getByTestId('timeline-payment')).toHaveCount(payments + 1);
  await expect(promise).toHaveAttribute('data-state', 'kept');

  // English
  await page.getByTestId('lang-en').click();
  await page.getByTestId('payment-open').click();
  await expect(dialog).toContainText('Payment amount');
  await page.getByTestId('payment-amount').fill('0');
  await expect(page.getByTestId('payment-amount-error')).toContainText('The payment amount must be above 0');
  await motionSettled(dialog); // the error's slide-in has finished
  await page.screenshot({ path: join(SCREENS_DIR, 'payment-dialog-en.png'), animations: 'disabled' });
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await page.getByTestId('lang-zh-CN').click();
  await expect(page.getByTestId('payment-open')).toContainText('登记还款');
});
