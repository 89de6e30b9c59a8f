/**
 * Issue 9 through the real UI: click-to-dial against a local stub softphone (settings, the dial,
 * the call timer, the recording reference on the saved call record, an error reply), a payment
 * recorded with its channel and transaction number as a claim (待核实), and the lead verifying it
 * from the lead console — in zh-CN and en at 1366x768, screenshots in test-results/screens.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { test, expect as baseExpect, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { specClock } from './clock';
import { motionSettled } from './motion';
import { login, SCREENS_DIR, useWebHost } from './web-host';
import { openBySearch } from './queue';

const expect = baseExpect.configure({ timeout: 45_000 });
const clock = specClock('2026-03-10T10:00:00+08:00'); // inside calling hours
const host = useWebHost({ clock: clock.now, pollMs: 0 });
test.use({ actionTimeout: 45_000 });
test.describe.configure({ timeout: 300_000 });

const calls: { body: { number?: string; caseId?: string }; auth: string | undefined; path: string }[] = [];
let stub: http.Server;
let stubUrl = '';
test.beforeAll(async () => {
  stub = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString('utf8')));
    req.on('end', () => {
      calls.push({ body: JSON.parse(raw || '{}'), auth: req.headers.authorization, path: req.url ?? '' });
      if (req.url === '/busy') res.writeHead(503).end('busy');
      else res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ recordingRef: `REC-${calls.length}` }));
    });
  });
  await new Promise<void>((r) => stub.listen(0, '127.0.0.1', r));
  stubUrl = `http://127.0.0.1:${(stub.address() as AddressInfo).port}`;
});
test.afterAll(async () => {
  stub.closeAllConnections();
  await new Promise((r) => stub.close(r));
});

async function shot(page: Page, name: string, settle = page.locator('body')): Promise<void> {
  await motionSettled(settle);
  await page.screenshot({ path: join(SCREENS_DIR, name) });
}

async function setLanguage(page: Page, lang: 'en' | 'zh-CN'): Promise<void> {
  await page.getByTestId('language-switch').click();
  await page.getByTestId(`lang-${lang}`).click();
}

test('click-to-dial through a stub softphone; a claimed payment with channel and transaction number, verified by the lead', async ({ page }) => {
  mkdirSync(SCREENS_DIR, { recursive: true });
  await page.setViewportSize({ width: 1366, height: 768 });
  await clock.install(page);
  await login(page, host(), 'demo', 'demo123');
  await expect(page.getByTestId('queue-row').first()).toBeVisible();
  const top = page.getByTestId('queue-row').first();
  const caseId = (await top.getAttribute('data-case-id')) ?? '';
  await top.click();
  await expect(page.locator('.queue-row.selected')).toHaveAttribute('data-case-id', caseId);

  // dial settings: the softphone's HTTP API with a token
  await expect(page.getByTestId('dial-button')).toHaveCount(0); // by hand until set up
  await page.getByTestId('dial-settings-open').click();
  await page.getByTestId('dial-mode-http').click();
  await page.getByTestId('dial-url').fill(`${stubUrl}/dial`);
  await page.getByTestId('dial-token').fill('e2e-token');
  await shot(page, 'dial-settings-zh-CN.png');
  await page.getByTestId('dial-settings-save').click();
  await expect(page.getByText('拨号设置已保存')).toBeVisible();

  // dial: the stub hears the number, the call timer runs, the recording reference is announced
  await page.getByTestId('dial-button').click();
  await expect(page.getByText('已拨出，录音编号 REC-1')).toBeVisible();
  await expect(page.getByTestId('call-toggle')).toHaveAttribute('data-running', 'true');
  expect(calls).toHaveLength(1);
  expect(calls[0]).toMatchObject({ auth: 'Bearer e2e-token', body: { caseId } });
  expect(calls[0]?.body.number).toMatch(/^\+?\d{7,}$/);
  await shot(page, 'dial-started-zh-CN.png');

  // the call record keeps the reference: 无人接听, saved; the history shows it
  await page.keyboard.press('7');
  await page.getByTestId('note-text').fill('e2e：软电话拨出，无人接听');
  await page.keyboard.press('Control+s');
  await openBySearch(page, caseId);
  await expect(page.getByTestId('timeline-recording').first()).toHaveText(/录音 REC-1/);

  // a softphone error is a clear message; nothing starts
  await page.getByTestId('dial-settings-open').click();
  await page.getByTestId('dial-url').fill(`${stubUrl}/busy`);
  await page.getByTestId('dial-settings-save').click();
  await expect(page.getByText('拨号设置已保存')).toBeVisible();
  await page.getByTestId('dial-button').click();
  await expect(page.getByText('软电话拒绝了拨号（HTTP 503）')).toBeVisible();
  await expect(page.getByTestId('call-toggle')).toHaveAttribute('data-running', 'false');

  // a claimed payment with its channel and transaction number: a bad number is refused inline first
  await page.getByTestId('payment-open').click();
  const dialog = page.getByTestId('payment-dialog');
  await expect(dialog).toBeVisible();
  // the dialog takes focus when its zoom ends: a select opened before that closes again (slow machines)
  await motionSettled(dialog);
  await page.getByTestId('payment-amount').fill('100');
  await page.getByTestId('payment-channel').click();
  await page.locator('.ant-select-item-option').filter({ hasText: '银行转账' }).click();
  await page.getByTestId('payment-txn').fill('流水 123');
  await expect(page.getByTestId('payment-txn-error')).toContainText('交易流水号须为 6–40 位字母、数字');
  await page.getByTestId('payment-txn').fill('E2E20260310001');
  await expect(page.getByTestId('payment-txn-error')).toHaveCount(0);
  await page.getByTestId('payment-claimed').check();
  await shot(page, 'payment-channel-zh-CN.png');
  const balance = await page.getByTestId('case-balance').textContent();
  await page.getByTestId('payment-ok').click();
  await expect(page.getByText('已登记还款 ¥100.00，待组长核实')).toBeVisible();
  const claim = page.getByTestId('timeline-payment').filter({ hasText: '¥100.00' }).first();
  await expect(claim).toHaveAttribute('data-verification', 'unverified');
  await expect(claim).toContainText('待核实');
  await expect(claim).toContainText('银行转账');
  await expect(claim).toContainText('流水号 E2E20260310001');
  await expect(page.getByTestId('case-balance')).toHaveText(balance ?? ''); // a claim moves nothing
  await shot(page, 'payment-claimed-zh-CN.png');

  // the same in English
  await setLanguage(page, 'en');
  await expect(claim).toContainText('To verify');
  await expect(claim).toContainText('Bank transfer');
  await page.getByTestId('payment-open').click();
  await expect(dialog).toBeVisible();
  await page.getByTestId('payment-amount').fill('50');
  await page.getByTestId('payment-txn').fill('E2E20260310001');
  await page.getByTestId('payment-ok').click();
  await expect(page.getByTestId('payment-txn-error')).toContainText('already recorded on this case');
  await shot(page, 'payment-duplicate-en.png', dialog); // the refusal's toast keeps the page busy
  await page.getByTestId('payment-cancel').click();
  await page.getByTestId('dial-settings-open').click();
  await expect(page.getByTestId('dial-settings')).toContainText('Softphone HTTP API');
  await shot(page, 'dial-settings-en.png');
  await page.keyboard.press('Escape');

  // the lead verifies the claim from the lead console (English first, then Chinese)
  await page.getByTestId('logout').click();
  await login(page, host(), 'lead', 'lead123');
  await expect(page.getByTestId('lead-view')).toBeVisible();
  await page.getByTestId('lead-tab-payments').click();
  const row = page.locator('.pending-payments tr').filter({ hasText: 'E2E20260310001' });
  await expect(row).toBeVisible();
  await expect(page.getByTestId('pending-count')).toContainText('1 to verify');
  await shot(page, 'payment-verify-en.png');
  await setLanguage(page, 'zh-CN');
  await expect(page.getByTestId('pending-count')).toContainText('1 笔待核实');
  await row.getByTestId('pending-reject').click();
  await page.getByTestId('reject-ok').click();
  await expect(page.getByTestId('reject-error')).toContainText('驳回须填写原因');
  await page.keyboard.press('Escape');
  await shot(page, 'payment-verify-zh-CN.png');
  await row.getByTestId('pending-confirm').click();
  await expect(page.getByText('已核实')).toBeVisible();
  await expect(row).toHaveCount(0);
  await expect(page.getByTestId('pending-count')).toContainText('0 笔待核实');

  // back at the desk: the payment counts now
  await page.getByTestId('logout').click();
  await login(page, host(), 'demo', 'demo123');
  await expect(page.getByTestId('queue-row').first()).toBeVisible();
  await openBySearch(page, caseId);
  const verified = page.getByTestId('timeline-payment').filter({ hasText: 'E2E20260310001' });
  await expect(verified).toHaveAttribute('data-verification', 'verified');
  await expect(page.getByTestId('case-balance')).not.toHaveText(balance ?? '');
  await shot(page, 'payment-verified-zh-CN.png');
});
