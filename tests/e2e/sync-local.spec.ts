import { test, expect } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { login, loginAsAgent, SCREENS_DIR, useWebHost } from './web-host';
import { motionSettled } from './motion';

const host = useWebHost();

test('local mode: 仅本机, the sync drawer, an unreachable hub is a translated error', async ({ page }) => {
  await loginAsAgent(page, host());
  const indicator = page.getByTestId('sync-indicator');
  await expect(indicator).toHaveAttribute('data-mode', 'local');
  await expect(indicator).toContainText('仅本机');

  await indicator.click();
  const drawer = page.getByTestId('sync-drawer-body');
  await expect(drawer).toBeVisible();
  await expect(page.getByTestId('sync-status-mode')).toContainText('仅本机');
  // an agent does not see the hosting switch
  await expect(page.getByTestId('host-section')).toHaveCount(0);

  // validation before anything is sent
  await page.getByTestId('connect-url').fill('ftp://192.168.1.20');
  await page.getByTestId('connect-password').fill('x');
  await page.getByTestId('connect-submit').click();
  await expect(page.getByText('地址格式应为 http://IP地址:端口')).toBeVisible();

  // nothing listens on port 1: the core answers sync.unreachable
  await page.getByTestId('connect-url').fill('http://127.0.0.1:1');
  await expect(page.getByTestId('connect-username')).toHaveValue('demo');
  await page.getByTestId('connect-password').fill('demo123');
  await page.getByTestId('connect-submit').click();
  await expect(page.getByTestId('connect-error')).toContainText('无法连接该服务器，请检查地址、端口和网络');
  await expect(indicator).toHaveAttribute('data-mode', 'local');
  mkdirSync(SCREENS_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENS_DIR, 'sync-drawer-local-zh.png') });

  // and in English
  await page.getByTestId('sync-drawer').locator('.ant-drawer-close').click();
  await page.getByTestId('lang-en').click();
  await expect(indicator).toContainText('Local only');
  await indicator.click();
  await page.getByTestId('connect-password').fill('demo123');
  await page.getByTestId('connect-submit').click();
  await expect(page.getByTestId('connect-error')).toContainText('Cannot reach that hub');
  await page.getByTestId('sync-drawer').locator('.ant-drawer-close').click();
  await page.getByTestId('lang-zh-CN').click();
  await expect(indicator).toContainText('仅本机');
  await page.getByTestId('logout').click(); // the desk has one session
  await expect(page.getByTestId('login-card')).toBeVisible();
});

test('the lead lands on 分案 and assigns a case from demo to agent2 (local mode)', async ({ page }) => {
  await login(page, host(), 'lead', 'lead123');
  await expect(page.getByTestId('lead-view')).toBeVisible();
  await expect(page.getByTestId('view-lead')).toBeVisible();
  await expect(page.getByTestId('lead-agent')).toHaveCount(3); // 王芳, 李强, and the lead herself

  const demo = page.getByTestId('lead-agent').filter({ hasText: '王芳' });
  const agent2 = page.getByTestId('lead-agent').filter({ hasText: '李强' });
  const agent2Id = (await agent2.getAttribute('data-agent-id')) ?? '';
  const countOf = async (loc: typeof demo) => Number(((await loc.getByTestId('lead-agent-count').textContent()) ?? '').replace(/\D/g, ''));
  const demoBefore = await countOf(demo);
  const agent2Before = await countOf(agent2);
  expect(demoBefore).toBeGreaterThan(0);

  await demo.click();
  await expect(demo).toHaveAttribute('aria-pressed', 'true');
  const row = page.getByTestId('lead-case-row').first();
  await expect(row.getByTestId('lead-case-agent')).toHaveText('王芳');
  const caseId = (await row.getAttribute('data-case-id')) ?? '';
  const name = ((await row.getByTestId('lead-case-name').textContent()) ?? '').replace(/#\d+$/, '').trim();
  expect(caseId).not.toBe('');

  await row.locator('input[type=checkbox]').check();
  await expect(page.getByTestId('lead-selected')).toHaveAttribute('data-count', '1');
  await page.getByTestId('lead-assign-agent').click();
  await page.locator('.ant-select-item-option').filter({ hasText: '李强' }).click();
  await page.getByTestId('lead-assign').click();
  // the lead confirms what moves and from whom, then is told what moved
  await expect(page.getByTestId('lead-assign-confirm')).toContainText('王芳 1 件');
  // OK only once the confirm has stopped zooming in: clicked mid-zoom on a slow machine, the click can land on Cancel
  await motionSettled(page.locator('.ant-modal', { has: page.getByTestId('lead-assign-confirm') }));
  await page.locator('#lead-assign-ok').click();
  await expect(page.getByTestId('lead-assign-done')).toContainText('已将 1 件案件分配给 李强');

  // the case left demo's list; the counts moved
  await expect(page.locator(`[data-testid=lead-case-row][data-case-id="${caseId}"]`)).toHaveCount(0);
  await expect.poll(() => countOf(demo)).toBe(demoBefore - 1);
  await expect.poll(() => countOf(agent2)).toBe(agent2Before + 1);
  await agent2.click();
  await page.getByTestId('lead-search').fill(name);
  const moved = page.locator(`[data-testid=lead-case-row][data-case-id="${caseId}"]`);
  await expect(moved).toHaveAttribute('data-agent-id', agent2Id);
  await expect(moved.getByTestId('lead-case-agent')).toHaveText('李强');
  await page.getByTestId('lead-search').fill('');

  mkdirSync(SCREENS_DIR, { recursive: true });
  await page.getByTestId('lead-filter-all').click();
  await expect(page.getByTestId('lead-case-row').first()).toBeVisible();
  await page.screenshot({ path: join(SCREENS_DIR, 'lead-view-local-zh.png') });

  // the lead can switch to the workstation and back
  await page.getByTestId('view-desk').click();
  await expect(page.getByTestId('queue-panel')).toBeVisible();
  await page.getByTestId('view-lead').click();
  await expect(page.getByTestId('lead-view')).toBeVisible();

  // the lead sees the hosting switch in the sync drawer
  await page.getByTestId('sync-indicator').click();
  await expect(page.getByTestId('host-panel')).toHaveAttribute('data-hosting', 'false');
  await page.getByTestId('sync-drawer').locator('.ant-drawer-close').click();

  // agent2's queue now holds the case
  await page.getByTestId('logout').click();
  await login(page, host(), 'agent2', 'demo123');
  await expect(page.getByTestId('queue-panel')).toBeVisible();
  await page.getByTestId('queue-search').fill(name);
  await expect(page.locator(`[data-testid=queue-row][data-case-id="${caseId}"]`)).toBeVisible();
  await page.getByTestId('logout').click();
  await expect(page.getByTestId('login-card')).toBeVisible();
});
