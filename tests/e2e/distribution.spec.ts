import { test, expect, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { specClock } from './clock';
import { motionSettled } from './motion';
import { login, SCREENS_DIR, useWebHost } from './web-host';

// 批量分案 on a lead's desk (local mode, demo data) in zh-CN and English at 1366x768: filters
// with the selection's count and sum, a preview of who gets how many cases and how much money
// and from whom, confirm, the result; then an absent agent's cases rebalanced, and a recall.
const clock = specClock('2026-03-02T09:30:00+08:00');
const host = useWebHost({ clock: clock.now, pollMs: 0 });

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENS_DIR, `${name}.png`), animations: 'disabled' });
}

interface Row { id: number }

/** Six of 王芳's cases become unassigned, of 6000..1000 yuan in id order (the amounts the test computes by hand). */
function sixUnassigned(): number[] {
  const ctx = host().desk.ctx;
  const ids = (ctx.db.prepare("SELECT c.id FROM cases c JOIN agents a ON a.id = c.assigned_agent_id WHERE a.username = 'demo' AND c.status = 'open' ORDER BY c.id LIMIT 6").all() as Row[]).map((r) => r.id);
  ctx.db.transaction(() => {
    ids.forEach((id, i) => ctx.prep('UPDATE cases SET assigned_agent_id = NULL, overdue_fen = ? WHERE id = ?').run((6 - i) * 100_000, id));
  })();
  return ids;
}

const activeOf = (username: string): number =>
  (host().desk.ctx.db.prepare("SELECT count(*) AS n FROM cases c JOIN agents a ON a.id = c.assigned_agent_id WHERE a.username = ? AND c.status IN ('open', 'ptp', 'hold')").get(username) as { n: number }).n;

test('the lead previews and distributes a selection, rebalances an absent agent, and sees a recall before confirming it', async ({ page }) => {
  test.setTimeout(180_000);
  mkdirSync(SCREENS_DIR, { recursive: true });
  const ids = sixUnassigned();
  expect(ids).toHaveLength(6);
  await clock.install(page);
  await login(page, host(), 'lead', 'lead123');
  await expect(page.getByTestId('lead-view')).toBeVisible();

  await page.getByTestId('dist-open').click();
  const drawer = page.getByTestId('dist-drawer');
  await expect(drawer).toBeVisible();
  // "unassigned only" is on by default: the six cases, ¥21,000.00
  await expect(page.getByTestId('dist-selection')).toHaveText('已选 6 件，共 ¥21,000.00');
  // Round-robin in id order over 王芳, 李强: 6000+4000+2000 and 5000+3000+1000
  await page.getByTestId('dist-strategy-roundRobin').click();
  await page.getByTestId('dist-preview').click();
  const rows = page.getByTestId('dist-row');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0).getByTestId('dist-row-agent')).toHaveText('王芳');
  await expect(rows.nth(0).getByTestId('dist-row-cases')).toHaveText('3');
  await expect(rows.nth(0).getByTestId('dist-row-amount')).toHaveText('¥12,000.00');
  await expect(rows.nth(0).getByTestId('dist-row-from')).toHaveText('未分配 3 件（¥12,000.00）');
  await expect(rows.nth(1).getByTestId('dist-row-amount')).toHaveText('¥9,000.00');
  await expect(page.getByTestId('dist-summary')).toContainText('其中 6 件将换人');
  // Nothing moved yet.
  expect(host().desk.ctx.db.prepare(`SELECT count(*) AS n FROM cases WHERE assigned_agent_id IS NULL AND id IN (${ids.join(',')})`).get()).toEqual({ n: 6 });
  await motionSettled(page.getByTestId('dist-preview-table'));
  await shot(page, 'distribution-preview-zh');

  // Balanced by amount instead: the preview follows the strategy (王芳 starts with more money on hand).
  await page.getByTestId('dist-strategy-byAmount').click();
  await expect(page.getByTestId('dist-preview-table')).toHaveCount(0); // a changed form drops the stale preview
  await page.getByTestId('dist-preview').click();
  await expect(rows).toHaveCount(2);
  await page.getByTestId('dist-apply').click();
  await expect(page.getByTestId('dist-done')).toHaveText('已分配 6 件案件');
  expect(host().desk.ctx.db.prepare(`SELECT count(*) AS n FROM cases WHERE assigned_agent_id IS NULL AND id IN (${ids.join(',')})`).get()).toEqual({ n: 0 });
  await expect(page.getByTestId('dist-selection')).toHaveText('已选 0 件，共 ¥0.00');
  await shot(page, 'distribution-done-zh');

  // English: rebalance 王芳 (absent) onto 李强.
  await page.keyboard.press('Escape');
  await expect(drawer).toBeHidden();
  await page.getByTestId('lang-en').click();
  await page.getByTestId('dist-open').click();
  await page.getByTestId('dist-mode-rebalance').click();
  const wang = activeOf('demo');
  const li = activeOf('agent2');
  await page.getByTestId('dist-absent').click();
  await page.locator('.ant-select-item-option', { hasText: '王芳' }).click();
  await page.getByTestId('dist-preview').click();
  await expect(rows).toHaveCount(1);
  await expect(rows.first().getByTestId('dist-row-agent')).toHaveText('李强');
  await expect(rows.first().getByTestId('dist-row-cases')).toHaveText(String(wang));
  await expect(rows.first().getByTestId('dist-row-from')).toContainText(`王芳 ${wang} (`);
  await motionSettled(page.getByTestId('dist-preview-table'));
  await shot(page, 'distribution-rebalance-en');
  await page.getByTestId('dist-apply').click();
  await expect(page.getByTestId('dist-done')).toHaveText(`Cases rebalanced: ${wang}`);
  expect(activeOf('demo')).toBe(0);
  expect(activeOf('agent2')).toBe(li + wang);

  // Recall: before the batch's end date it is refused with the reason; early, the preview shows whose desks lose what.
  await page.getByTestId('dist-mode-recall').click();
  await page.getByTestId('dist-recall-batch').click();
  await page.locator('.ant-select-item-option').first().click();
  await page.getByTestId('dist-preview').click();
  // The demo batches end after today (2026-03-02).
  await expect(page.getByTestId('dist-error')).toContainText('tick "Recall early"');
  await page.getByTestId('dist-recall-early').click();
  await page.getByTestId('dist-preview').click();
  await expect(rows.first().getByTestId('dist-row-agent')).toHaveText('Back to the creditor');
  await expect(rows.first().getByTestId('dist-row-from')).toContainText('李强');
  await motionSettled(page.getByTestId('dist-preview-table'));
  await shot(page, 'distribution-recall-en');
});
