/**
 * The SMS gateway screen (issue 11): a lead switches the desk from record-only to an HTTP gateway
 * (a stub provider started here), a bad URL is refused next to its field, the key is never shown
 * and a blank key keeps it; an agent (who does not see the form) sends an SMS that reaches the stub
 * with the template id and number and shows as sent; the lead switches back to record-only.
 * The form in zh-CN and en at 1366x768.
 */
import { test, expect as baseExpect, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
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

interface Received {
  auth: string | undefined;
  body: { templateId?: unknown; to?: unknown; content?: unknown; messageId?: unknown };
}
const received: Received[] = [];
let stub: http.Server | null = null;
let stubUrl = '';

test.beforeAll(async () => {
  stub = http.createServer((rq, rs) => {
    let body = '';
    rq.on('data', (c: Buffer) => (body += c.toString()));
    rq.on('end', () => {
      received.push({ auth: rq.headers.authorization, body: JSON.parse(body) as Received['body'] });
      rs.writeHead(200, { 'content-type': 'application/json' }).end(`{"id":"prov-${received.length}"}`);
    });
  });
  await new Promise<void>((r) => stub?.listen(0, '127.0.0.1', r));
  const { port } = stub.address() as AddressInfo;
  stubUrl = `http://127.0.0.1:${port}/sms/send`;
});
test.afterAll(async () => {
  stub?.closeAllConnections();
  await new Promise((r) => stub?.close(r));
});

async function shot(page: Page, name: string): Promise<void> {
  await motionSettled(page.locator('body'));
  await page.screenshot({ path: join(SCREENS_DIR, name) });
}

/** The first case of the signed-in user's queue, its messages drawer open. */
async function openMessages(page: Page): Promise<string> {
  const top = page.getByTestId('queue-row').first();
  const caseId = (await top.getAttribute('data-case-id')) ?? '';
  await top.click();
  await expect(page.locator('.queue-row.selected')).toHaveAttribute('data-case-id', caseId);
  await page.getByTestId('messages-open').click();
  await expect(page.getByTestId('messages-drawer')).toBeVisible();
  return caseId;
}

/** The lead's view, its 短信设置 drawer open. */
async function leadSettings(page: Page): Promise<void> {
  await login(page, host(), 'lead', 'lead123');
  await expect(page.getByTestId('lead-view')).toBeVisible();
  await page.getByTestId('message-settings-open').click();
  await expect(page.getByTestId('message-settings-drawer')).toBeVisible();
}

/** The signed-in agent sends the first case's merged SMS; returns the case id. */
async function agentSends(page: Page, status: 'sent' | 'recorded'): Promise<string> {
  await login(page, host(), 'demo', 'demo123');
  await expect(page.getByTestId('workstation')).toBeVisible();
  const caseId = await openMessages(page);
  await expect(page.getByTestId('message-text')).toHaveValue(/您好/);
  await expect(page.getByTestId('message-problems')).toHaveCount(0);
  await expect(page.getByTestId('gateway-settings')).toHaveCount(0); // agents do not see the gateway
  const before = await page.getByTestId('message-row').count();
  await page.getByTestId('message-send').click();
  await expect(page.getByTestId('message-row')).toHaveCount(before + 1);
  await expect(page.getByTestId('message-row').first()).toHaveAttribute('data-status', status);
  return caseId;
}

test('a lead sets the HTTP gateway on screen; an agent\'s SMS reaches the stub and shows sent; back to record-only', async ({ page }) => {
  mkdirSync(SCREENS_DIR, { recursive: true });
  await page.setViewportSize({ width: 1366, height: 768 });
  await clock.install(page);
  await leadSettings(page);

  const form = page.getByTestId('gateway-settings');
  await form.scrollIntoViewIfNeeded();
  await expect(page.getByTestId('gateway-current')).toHaveAttribute('data-kind', 'record');
  await expect(page.getByTestId('gateway-current')).toHaveText('只记录不发送');
  await expect(page.getByTestId('gateway-url')).toHaveCount(0);

  // HTTP: a URL that is not http(s) is refused by the route, shown under the URL field
  await page.getByTestId('gateway-mode-http').click();
  await expect(page.getByTestId('gateway-key-state')).toHaveText('未设置');
  await page.getByTestId('gateway-url').fill('ftp://sms.example.com/send');
  await page.getByTestId('gateway-template-id').fill('TPL_E2E_01');
  await page.getByTestId('gateway-save').click();
  const urlItem = form.locator('.ant-form-item', { has: page.getByTestId('gateway-url') });
  await expect(urlItem.locator('.ant-form-item-explain-error')).toHaveText('请输入以 http:// 或 https:// 开头的有效地址');
  await expect(page.getByTestId('gateway-current')).toHaveAttribute('data-kind', 'record');
  await form.scrollIntoViewIfNeeded();
  await shot(page, 'sms-gateway-url-error-zh-CN.png');

  // the stub's URL, a key and the provider's template id: saved, the key only shown as set
  await page.getByTestId('gateway-url').fill(stubUrl);
  await expect(urlItem.locator('.ant-form-item-explain-error')).toHaveCount(0);
  await page.getByTestId('gateway-key').fill('e2e-secret-key');
  await page.getByTestId('gateway-timeout').fill('5');
  await page.getByTestId('gateway-save').click();
  await expect(page.getByTestId('gateway-current')).toHaveAttribute('data-kind', 'http');
  await expect(page.getByTestId('gateway-current')).toHaveText('HTTP 网关');
  await expect(page.getByTestId('gateway-key-state')).toHaveText('已设置');
  await expect(page.getByTestId('gateway-key')).toHaveValue('');
  await expect(form).toContainText('留空则保留原密钥');
  await expect(page.getByTestId('gateway-url')).toHaveValue(stubUrl);
  await expect(page.getByTestId('gateway-template-id')).toHaveValue('TPL_E2E_01');
  await expect(page.getByTestId('gateway-timeout')).toHaveValue('5.0');
  // saved again with a new template id and the key field left blank: the stored key stays
  await page.getByTestId('gateway-template-id').fill('TPL_E2E_02');
  await page.getByTestId('gateway-save').click();
  await expect.poll(async () => host().desk.invoke('message.gateway', {})).toEqual({ ok: true, value: { kind: 'http', url: stubUrl, templateId: 'TPL_E2E_02', hasKey: true, timeoutMs: 5000 } });
  await expect(page.getByTestId('gateway-key-state')).toHaveAttribute('data-set', 'true');
  await form.scrollIntoViewIfNeeded();
  await shot(page, 'sms-gateway-http-zh-CN.png');

  // English
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('message-settings-drawer')).toBeHidden();
  await page.getByTestId('language-switch').click();
  await page.getByTestId('lang-en').click();
  await page.getByTestId('message-settings-open').click();
  await expect(form).toContainText('SMS gateway (lead)');
  await expect(page.getByTestId('gateway-current')).toHaveText('HTTP gateway');
  await expect(page.getByTestId('gateway-key-state')).toHaveText('Set');
  await form.scrollIntoViewIfNeeded();
  await shot(page, 'sms-gateway-http-en.png');
  await page.getByTestId('gateway-url').fill('not a url');
  await page.getByTestId('gateway-save').click();
  await expect(urlItem.locator('.ant-form-item-explain-error')).toHaveText('Enter a valid address starting with http:// or https://');
  await form.scrollIntoViewIfNeeded();
  await shot(page, 'sms-gateway-url-error-en.png');
  await page.getByTestId('gateway-url').fill(stubUrl); // left as saved
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('message-settings-drawer')).toBeHidden();
  await shot(page, 'sms-gateway-lead-toolbar-en.png');
  await page.getByTestId('language-switch').click();
  await page.getByTestId('lang-zh-CN').click();
  await page.getByTestId('logout').click();

  // an agent: no gateway form; the SMS goes through the stub and shows as sent
  const caseId = await agentSends(page, 'sent');
  const row = page.getByTestId('message-row').first();
  await expect(row).toContainText('已发送');
  expect(received).toHaveLength(1);
  const [got] = received;
  expect(got?.auth).toBe('Bearer e2e-secret-key');
  expect(got?.body.templateId).toBe('TPL_E2E_02');
  const to = String(got?.body.to);
  const own = host().desk.ctx.prep<{ number: string }>("SELECT p.number FROM phones p JOIN cases c ON c.debtor_id = p.debtor_id WHERE c.id = ? AND p.owner = 'self'").all(caseId).map((p) => p.number);
  expect(own).toContain(to);
  // the masked number in the history is that number
  await expect(row).toContainText(`${to.slice(0, 3)}****${to.slice(-4)}`);
  await page.keyboard.press('Escape');
  await page.getByTestId('logout').click();

  // the lead switches back to record-only: the next SMS is recorded and the stub hears nothing
  await leadSettings(page);
  await page.getByTestId('gateway-mode-record').click();
  await expect(page.getByTestId('gateway-url')).toHaveCount(0);
  await page.getByTestId('gateway-save').click();
  await expect(page.getByTestId('gateway-current')).toHaveAttribute('data-kind', 'record');
  await expect(page.getByTestId('gateway-current')).toHaveText('只记录不发送');
  await shot(page, 'sms-gateway-record-zh-CN.png');
  await page.keyboard.press('Escape');
  await page.getByTestId('logout').click();
  await agentSends(page, 'recorded');
  expect(received).toHaveLength(1);
});
