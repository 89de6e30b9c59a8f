import { test, expect, type Browser, type Page } from '@playwright/test';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { HUB_PASSWORD, seedTeam, startSyncDesk, startTestHub, TEAM, type TestDeskHost, type TestHub } from './hub';
import { login, RENDERER_DIR, SCREENS_DIR, wallClock } from './web-host';
import { motionSettled } from './motion';

const ZONE = 'Asia/Shanghai';

let hub: TestHub;
let leadDesk: TestDeskHost;
let agentDesk: TestDeskHost;

test.beforeAll(async () => {
  if (!existsSync(join(RENDERER_DIR, 'index.html'))) throw new Error('The renderer is not built: run `npm run build:web`.');
  hub = await startTestHub();
  await seedTeam(hub.hub, 12);
  leadDesk = await startSyncDesk();
  agentDesk = await startSyncDesk();
});

test.afterAll(async () => {
  await leadDesk?.close();
  await agentDesk?.close();
  await hub?.close();
});

async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
  return context.newPage();
}

/** The sync drawer's 连接团队服务器 form. */
async function connect(page: Page, url: string, username: string): Promise<void> {
  await page.getByTestId('sync-indicator').click();
  await page.getByTestId('connect-url').fill(url);
  await page.getByTestId('connect-username').fill(username);
  await page.getByTestId('connect-password').fill(HUB_PASSWORD);
  await page.getByTestId('connect-submit').click();
  await expect(page.getByTestId('sync-indicator')).toHaveAttribute('data-mode', 'hub');
  await expect(page.getByTestId('sync-status-url')).toHaveText(url);
  await expect(page.getByTestId('sync-indicator')).toHaveAttribute('data-online', 'true');
}

async function closeDrawer(page: Page): Promise<void> {
  // the 已连接 toast can sit over the close button, and the pointer on it keeps it open: click the button itself
  await page.getByTestId('sync-drawer').locator('.ant-drawer-close').dispatchEvent('click');
  await expect(page.getByTestId('sync-drawer-body')).toBeHidden();
}

test('lead assigns on the hub; the agent works offline; the work reaches the lead', async ({ browser }) => {
  test.setTimeout(240_000);
  mkdirSync(SCREENS_DIR, { recursive: true });

  // ---- the lead's desk: local lead account, then the team hub
  const lead = await newPage(browser);
  await login(lead, leadDesk.host, 'lead', 'lead123');
  await expect(lead.getByTestId('lead-view')).toBeVisible();
  await connect(lead, hub.url, TEAM.lead.username);
  await expect(lead.getByTestId('agent-name')).toHaveText(TEAM.lead.displayName);
  await expect(lead.getByTestId('sync-status-user')).toContainText(TEAM.lead.username);
  await closeDrawer(lead);
  await expect(lead.getByTestId('lead-view')).toBeVisible();
  const agentItem = lead.getByTestId('lead-agent').filter({ hasText: TEAM.agent.displayName });
  await expect(agentItem).toBeVisible();
  const hubAgentId = (await agentItem.getAttribute('data-agent-id')) ?? '';

  // ---- the agent's desk: local demo account, then the hub as agent1
  const agent = await newPage(browser);
  await login(agent, agentDesk.host, 'demo', 'demo123');
  await expect(agent.getByTestId('queue-row').first()).toBeVisible();
  await connect(agent, hub.url, TEAM.agent.username);
  await expect(agent.getByTestId('agent-name')).toHaveText(TEAM.agent.displayName);
  await closeDrawer(agent);
  await expect(agent.getByTestId('queue-total')).toHaveText('共 3 件');

  // ---- the lead assigns an unassigned case to agent1
  await lead.getByTestId('lead-filter-unassigned').click();
  const row = lead.getByTestId('lead-case-row').first();
  await expect(row.getByTestId('lead-case-agent')).toHaveText('未分配');
  const caseId = (await row.getAttribute('data-case-id')) ?? '';
  const name = ((await row.getByTestId('lead-case-name').textContent()) ?? '').replace(/#\d+$/, '').trim();
  await row.locator('input[type=checkbox]').check();
  await lead.getByTestId('lead-assign-agent').click();
  await lead.locator('.ant-select-item-option').filter({ hasText: TEAM.agent.displayName }).click();
  await lead.getByTestId('lead-assign').click();
  await expect(lead.getByTestId('lead-assign-confirm')).toContainText('未分配 1 件');
  // OK only once the confirm has stopped zooming in: clicked mid-zoom on a slow machine, the click can land on Cancel
  await motionSettled(lead.locator('.ant-modal', { has: lead.getByTestId('lead-assign-confirm') }));
  await lead.locator('#lead-assign-ok').click();
  await expect(lead.getByText(`已将 1 件案件分配给 ${TEAM.agent.displayName}`)).toBeVisible();
  await expect(lead.locator(`[data-testid=lead-case-row][data-case-id="${caseId}"]`)).toHaveCount(0);
  // the assignment reaches the hub: nothing pending on the lead's desk
  await expect(lead.getByTestId('sync-pending')).toHaveAttribute('data-count', '0', { timeout: 20_000 });
  await agentItem.click();
  await expect(lead.locator(`[data-testid=lead-case-row][data-case-id="${caseId}"]`)).toHaveAttribute('data-agent-id', hubAgentId);
  await lead.screenshot({ path: join(SCREENS_DIR, 'lead-view-zh.png') });
  await lead.setViewportSize({ width: 1920, height: 1080 });
  await lead.screenshot({ path: join(SCREENS_DIR, 'lead-view-zh-1920.png') });
  await lead.setViewportSize({ width: 1366, height: 768 });

  // ---- the agent's desk receives it (the sync timer pulls)
  const queueRow = agent.locator(`[data-testid=queue-row][data-case-id="${caseId}"]`);
  await expect(queueRow).toBeVisible({ timeout: 30_000 });
  await expect(agent.getByTestId('queue-total')).toHaveText('共 4 件');
  await expect(agent.getByTestId('cases-assigned')).toContainText('组长新分配给您 1 件案件'); // and is told so
  await agent.screenshot({ path: join(SCREENS_DIR, 'agent-told-assigned-zh.png') });

  // ---- the hub goes away
  await hub.stop();
  await expect(agent.getByTestId('sync-indicator')).toHaveAttribute('data-online', 'false', { timeout: 20_000 });

  // the agent records a PTP offline
  await queueRow.click();
  await expect(agent.getByTestId('debtor-name')).toContainText(name);
  const required = agent.locator('[data-testid=script-step][data-required=true]');
  await expect(required.first()).toBeVisible();
  for (const box of await required.all()) await box.check();
  await agent.getByTestId('profile-panel').click({ position: { x: 4, y: 4 } });
  await agent.keyboard.press('1');
  await expect(agent.getByTestId('outcome-PTP')).toHaveAttribute('aria-pressed', 'true');
  await agent.getByTestId('ptp-amount').fill('300');
  const tomorrow = wallClock(new Date(Date.now() + 24 * 3600_000), ZONE).date;
  const date = agent.getByTestId('ptp-date');
  await date.click();
  await date.fill(tomorrow);
  await date.press('Enter');
  await expect(date).toHaveValue(tomorrow);
  await agent.getByTestId('preset-tomorrow9').click();
  const note = 'e2e离线：客户承诺明天还款300元';
  await agent.getByTestId('note-text').fill(note);
  await agent.keyboard.press('Control+s');
  await expect(agent.getByText('催记已保存', { exact: true })).toBeVisible();
  await expect(agent.getByTestId('timeline-attempt').first()).toContainText(note);

  // offline, one record waiting
  const indicator = agent.getByTestId('sync-indicator');
  await expect(agent.getByTestId('sync-pending')).toHaveAttribute('data-count', '1');
  await expect(agent.getByTestId('sync-pending')).toHaveText('待同步 1');
  await expect(indicator).toHaveAttribute('data-state', 'offline');
  await expect(agent.getByTestId('sync-online')).toHaveText('离线');
  await agent.screenshot({ path: join(SCREENS_DIR, 'agent-offline-pending-zh.png') });
  await agent.getByTestId('topbar').screenshot({ path: join(SCREENS_DIR, 'agent-topbar-offline-zh.png') });

  // the drawer lists it, says it is safe here, and exports it
  await indicator.click();
  const unsynced = agent.getByTestId('unsynced-row');
  await expect(unsynced).toHaveCount(1);
  await expect(unsynced).toHaveAttribute('data-mutation', 'attempt.save');
  await expect(unsynced).toHaveAttribute('data-case-id', caseId);
  await expect(unsynced).toContainText('催记');
  await expect(unsynced).toContainText(name);
  await expect(unsynced.getByTestId('unsynced-text')).toContainText(`承诺 ¥300.00，${tomorrow} 前 · ${note}`);
  await expect(agent.getByTestId('unsynced-note')).toContainText('安全保存在本机');
  await expect(agent.getByTestId('sync-status-error')).toContainText('无法连接团队服务器');
  const download = agent.waitForEvent('download');
  await agent.getByTestId('unsynced-export').click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^collectdesk-unsynced-.*\.json$/);
  const doc = JSON.parse(readFileSync(await file.path(), 'utf8')) as { count: number; mutations: { name: string }[] };
  expect(doc.count).toBe(1);
  expect(doc.mutations[0]?.name).toBe('attempt.save');
  await agent.screenshot({ path: join(SCREENS_DIR, 'sync-drawer-zh.png') });

  // disconnecting now is refused: the work has not reached the hub
  await agent.getByTestId('sync-disconnect').click();
  await agent.getByTestId('sync-disconnect-ok').click();
  await expect(agent.getByTestId('sync-disconnect-error')).toContainText('还有 1 条记录未同步到团队服务器');
  await expect(indicator).toHaveAttribute('data-mode', 'hub');

  // ---- the hub comes back on the same port and data: the desk syncs by itself
  await hub.restart();
  await expect(agent.getByTestId('sync-pending')).toHaveAttribute('data-count', '0', { timeout: 30_000 });
  await expect(indicator).toHaveAttribute('data-online', 'true');
  await expect(agent.getByTestId('unsynced-empty')).toBeVisible();
  await expect(agent.getByTestId('sync-status-error')).toHaveText('无');
  await expect(agent.getByTestId('sync-disconnect-error')).toHaveCount(0); // the refusal is gone with the pending work
  await expect(agent.getByTestId('sync-last')).toContainText('上次同步');
  await closeDrawer(agent);

  // ---- the lead's desk shows the outcome in the case history
  const leadRow = lead.locator(`[data-testid=lead-case-row][data-case-id="${caseId}"]`);
  await expect(lead.getByTestId('sync-indicator')).toHaveAttribute('data-online', 'true', { timeout: 30_000 });
  await leadRow.getByTestId('lead-case-history').click();
  const attempt = lead.getByTestId('lead-timeline-attempt').first();
  await expect(attempt).toHaveAttribute('data-outcome', 'PTP', { timeout: 30_000 });
  await expect(attempt).toContainText(note);
  await expect(attempt).toContainText(TEAM.agent.displayName);
  await expect(lead.getByTestId('lead-timeline-promise').first()).toContainText('¥300.00');
  await lead.screenshot({ path: join(SCREENS_DIR, 'lead-case-history-zh.png') });

  // English, for the layout
  await lead.getByTestId('lead-case-drawer').locator('.ant-drawer-close').click();
  await lead.getByTestId('lang-en').click();
  await expect(lead.getByTestId('sync-online')).toHaveText('Online');
  await expect(lead.getByTestId('view-lead')).toHaveText('Assign');
  await lead.screenshot({ path: join(SCREENS_DIR, 'lead-view-en.png') });
  await lead.getByTestId('lang-zh-CN').click();

  // signing out and in again on a hub desk: the sign-in card says whose accounts count
  await agent.getByTestId('logout').click();
  await expect(agent.getByTestId('hub-login-note')).toContainText(hub.url);
  await agent.getByTestId('login-username').fill(TEAM.agent.username);
  await agent.getByTestId('login-password').fill(HUB_PASSWORD);
  await agent.getByTestId('login-submit').click();
  await expect(agent.getByTestId('agent-name')).toHaveText(TEAM.agent.displayName);
  await expect(agent.getByTestId('queue-total')).toHaveText('共 4 件');
  await expect(agent.getByTestId('sync-indicator')).toHaveAttribute('data-mode', 'hub');

  await lead.context().close();
  await agent.context().close();
});

/** A port nothing listens on right now. */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

test('a lead hosts the team hub on this computer and stops it', async ({ browser }) => {
  const port = await freePort();
  const desk = await startSyncDesk();
  const page = await newPage(browser);
  await login(page, desk.host, 'lead', 'lead123');
  await expect(page.getByTestId('lead-view')).toBeVisible();
  const indicator = page.getByTestId('sync-indicator');
  await indicator.click();
  const panel = page.getByTestId('host-panel');
  await expect(panel).toHaveAttribute('data-hosting', 'false');
  // the password is needed to put the lead's account on the new hub
  await page.getByTestId('host-switch').click();
  await expect(panel).toContainText('请输入密码');
  await page.getByTestId('host-port').fill(String(port));
  await page.getByTestId('host-password').fill('lead123');
  await page.getByTestId('host-switch').click();
  await expect(panel).toHaveAttribute('data-hosting', 'true', { timeout: 30_000 });
  await expect(page.getByTestId('host-urls')).toContainText(`团队服务器已开启（端口 ${port}）`);
  // this desk now syncs with its own hub
  await expect(indicator).toHaveAttribute('data-mode', 'hub');
  await expect(page.getByTestId('sync-status-url')).toHaveText(`http://127.0.0.1:${port}`);
  await expect(page.getByTestId('lead-view')).toBeVisible();
  mkdirSync(SCREENS_DIR, { recursive: true });
  await page.getByTestId('host-urls').scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(SCREENS_DIR, 'sync-drawer-hosting-zh.png') });

  // #20: the lead brings this desk's own (pre-hosting) cases into the hosted hub: preview, confirm, result.
  // the 已连接 toast can sit over the close button, and the pointer on it keeps it open: click the button itself
  await page.getByTestId('sync-drawer').locator('.ant-drawer-close').dispatchEvent('click');
  await page.getByTestId('team-desks-button').click();
  const move = page.getByTestId('move-local');
  const preview = move.getByTestId('move-local-preview');
  await expect(preview).toContainText('件案件可移入');
  const toMove = Number(await preview.getAttribute('data-to-move'));
  expect(toMove).toBeGreaterThan(0);
  await move.getByTestId('move-local-button').click();
  await page.getByTestId('move-local-ok').click();
  await expect(move.getByTestId('move-local-result')).toContainText(`已移入 ${toMove} 件案件，均为未分配`, { timeout: 60_000 });
  await expect(preview).toHaveAttribute('data-to-move', '0');
  await move.scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(SCREENS_DIR, 'team-move-local-zh.png') });
  await page.getByTestId('team-desks-drawer').locator('.ant-drawer-close').click();
  await indicator.click();

  await page.getByTestId('host-switch').click();
  await expect(panel).toHaveAttribute('data-hosting', 'false', { timeout: 20_000 });
  await expect(page.getByText('团队服务器已关闭')).toBeVisible();
  await page.context().close();
  await desk.close();
});
