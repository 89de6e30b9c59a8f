import { test, expect, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { recomputeCase } from '../../electron/core/cases/derive';
import { localDateOf } from '../../shared/domain/dates';
import { specClock } from './clock';
import { motionSettled } from './motion';
import { login, loginAsAgent, SCREENS_DIR, useWebHost, unlock } from './web-host';

// Issue 9's queue, search, alert and assignment fixes, clicked through in zh-CN and English at
// 1366x768 (and 1366x680, the content left under a Windows title bar and taskbar).
const clock = specClock('2026-03-02T09:30:00+08:00');
const host = useWebHost({ clock: clock.now, pollMs: 0 });

/** A follow-up the agent set on a case, come due a minute ago (as a save would leave it). */
function dueFollowUp(caseId: string): void {
  const ctx = host().desk.ctx;
  const now = clock.now();
  ctx.db.transaction(() => {
    ctx.prep("INSERT INTO follow_ups (id, case_id, agent_id, due_at, reason, state, created_at) SELECT ?, id, assigned_agent_id, ?, '客户要求上午回电', 'pending', ? FROM cases WHERE id = ?")
      .run(`e2e-fu-${caseId}`, new Date(now.getTime() - 60_000).toISOString(), new Date(now.getTime() - 3_600_000).toISOString(), Number(caseId));
    recomputeCase(ctx, Number(caseId), localDateOf(now, ctx.settings().timeZone));
  })();
}

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENS_DIR, `${name}.png`), animations: 'disabled' });
}

test('the queue: first screen opens the top case, rows say why they rank, search finds card tails and #case, one due follow-up alert leads the queue', async ({ page }) => {
  test.setTimeout(180_000);
  mkdirSync(SCREENS_DIR, { recursive: true });
  await clock.install(page);
  await loginAsAgent(page, host());

  // the top case opens by itself
  const top = page.getByTestId('queue-row').first();
  const topId = (await top.getAttribute('data-case-id')) ?? '';
  await expect(page.locator('.queue-row.selected')).toHaveAttribute('data-case-id', topId);
  await expect(page.getByTestId('debtor-name')).toContainText(((await top.getByTestId('queue-row-name').textContent()) ?? '').trim());
  // rows that are not due say why they rank there
  await expect(page.getByTestId('queue-row-why').first()).toContainText(/^因/);
  // the agent's own figures for today sit in the top bar
  await expect(page.getByTestId('today-calls')).toContainText('拨打');
  await expect(page.getByTestId('today-collected')).toContainText('回款 ¥');
  await shot(page, 'queue-first-screen-zh');

  // a follow-up the agent set comes due on a case far down the queue: it leads the queue, and one alert says so
  const rows = page.getByTestId('queue-row');
  const far = rows.nth(8);
  const farId = (await far.getAttribute('data-case-id')) ?? '';
  const farName = ((await far.getByTestId('queue-row-name').textContent()) ?? '').trim();
  dueFollowUp(farId);
  host().desk.tick();
  const alert = page.getByTestId('followup-alert');
  await expect(alert).toHaveCount(1);
  await expect(alert).toHaveAttribute('data-case-id', farId);
  await expect(alert).toContainText(farName);
  await expect(rows.first()).toHaveAttribute('data-case-id', farId);
  await expect(rows.first().getByTestId('queue-row-due')).toContainText('跟进到期');
  await motionSettled(page.locator('.ant-notification-notice', { has: alert }));
  await shot(page, 'queue-followup-head-zh');
  // snoozed: it goes for ten minutes, then comes back
  await page.getByTestId('followup-alert-snooze').click();
  await expect(alert).toHaveCount(0);
  await clock.advanceTo(new Date(clock.now().getTime() + 10 * 60_000 + 1_000));
  // ten idle minutes lock the screen (issue 11): the agent unlocks, and the alert is there
  await unlock(page, 'demo123');
  await expect(alert).toHaveCount(1);
  await page.getByTestId('followup-alert-open').click();
  await expect(alert).toHaveCount(0);
  await expect(page.getByTestId('debtor-name')).toContainText(farName);

  // search: the card tail printed on the row, and the case number
  const second = rows.nth(3);
  const secondId = (await second.getAttribute('data-case-id')) ?? '';
  const tail = ((await second.locator('.qr-account').textContent()) ?? '').replace(/\D/g, '').slice(-4);
  const unfiltered = (await page.getByTestId('queue-total').textContent()) ?? '';
  await page.getByTestId('queue-search').fill(tail);
  // the search's own answer, not the list before it (the row was on screen already)
  await expect(page.getByTestId('queue-total')).not.toHaveText(unfiltered);
  await expect(page.locator(`[data-testid=queue-row][data-case-id="${secondId}"]`)).toBeVisible();
  await shot(page, 'queue-search-tail-zh');
  await page.getByTestId('queue-search').fill(`#${secondId}`);
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toHaveAttribute('data-case-id', secondId);
  await page.getByTestId('queue-search').fill('');
  await expect(rows.first()).toHaveAttribute('data-case-id', farId);

  // English, and the 1366x680 viewport
  await page.getByTestId('lang-en').click();
  await expect(page.getByTestId('queue-row-why').first()).toContainText(/^By /);
  await expect(rows.first().getByTestId('queue-row-due')).toContainText('Follow-up');
  await shot(page, 'queue-first-screen-en');
  await page.setViewportSize({ width: 1366, height: 680 });
  await expect(page.getByTestId('note-save-next')).toBeInViewport();
  await shot(page, 'queue-680-en');
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.getByTestId('lang-zh-CN').click();
  await page.getByTestId('logout').click();
});

test('the lead confirms what an assignment moves and from whom, then is told what moved; the table finds #case', async ({ page }) => {
  test.setTimeout(120_000);
  mkdirSync(SCREENS_DIR, { recursive: true });
  await clock.install(page);
  await login(page, host(), 'lead', 'lead123');
  await expect(page.getByTestId('lead-view')).toBeVisible();

  const row = page.getByTestId('lead-case-row').filter({ has: page.getByTestId('lead-case-agent').filter({ hasText: '王芳' }) }).first();
  const caseId = (await row.getAttribute('data-case-id')) ?? '';
  await page.getByTestId('lead-search').fill(`#${caseId}`);
  await expect(page.getByTestId('lead-case-row')).toHaveCount(1);
  await page.getByTestId('lead-case-row').first().locator('input[type=checkbox]').check();
  await page.getByTestId('lead-assign-agent').click();
  await page.locator('.ant-select-item-option').filter({ hasText: '李强' }).click();
  await page.getByTestId('lead-assign').click();
  const confirm = page.getByTestId('lead-assign-confirm');
  await expect(confirm).toContainText('来自：王芳 1 件');
  await expect(confirm).toContainText('其他催收员正在跟进');
  await motionSettled(page.locator('.ant-modal', { has: confirm }));
  await shot(page, 'lead-assign-confirm-zh');
  await page.locator('#lead-assign-ok').click();
  await expect(page.getByTestId('lead-assign-done')).toContainText('已将 1 件案件分配给 李强');
  await expect(page.getByTestId('lead-assign-done')).toContainText('来自 王芳 1 件');
  await expect(page.getByTestId('lead-case-row').first().getByTestId('lead-case-agent')).toHaveText('李强');
  await shot(page, 'lead-assign-done-zh');

  // English: back to 王芳, the same two steps
  await page.getByTestId('lang-en').click();
  await page.getByTestId('lead-case-row').first().locator('input[type=checkbox]').check();
  await page.getByTestId('lead-assign-agent').click();
  await page.locator('.ant-select-item-option').filter({ hasText: '王芳' }).click();
  await page.getByTestId('lead-assign').click();
  await expect(confirm).toContainText('1 from 李强');
  await motionSettled(page.locator('.ant-modal', { has: confirm }));
  await shot(page, 'lead-assign-confirm-en');
  await page.locator('#lead-assign-ok').click();
  await expect(page.getByTestId('lead-assign-done').last()).toContainText('assigned to 王芳');
  await page.getByTestId('lang-zh-CN').click();
});
