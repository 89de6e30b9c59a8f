import { test, expect, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { FollowUpDueEvent } from '../../shared/contract';
import { specClock } from './clock';
import { motionSettled } from './motion';
import { loginAsAgent, SCREENS_DIR, useWebHost, wallClock } from './web-host';

// A Monday morning in the desk's zone; the desk and the page share this clock, so the follow-up
// alert is reached by moving time, not by waiting for it. The scheduler runs only on tick().
const clock = specClock('2026-03-02T09:30:00+08:00');
const host = useWebHost({ clock: clock.now, pollMs: 0 });
const ZONE = 'Asia/Shanghai'; // the desk's default zone (settings.get timeZone)

async function tickRequiredSteps(page: Page): Promise<void> {
  const required = page.locator('[data-testid=script-step][data-required=true]');
  await expect(required.first()).toBeVisible();
  for (const box of await required.all()) await box.check();
  await expect(page.getByTestId('script-progress')).toHaveText(/(\d+)\/\1/);
}

async function pickDate(page: Page, testId: string, value: string): Promise<void> {
  const input = page.getByTestId(testId);
  await input.click();
  await input.fill(value);
  await input.press('Enter');
  await expect(input).toHaveValue(value);
}

/** Run the desk's follow-up scheduler now; returns what it told (one event for the newest that fell due, with how many more). */
function tick(): FollowUpDueEvent[] {
  const fired: FollowUpDueEvent[] = [];
  const off = host().desk.on('followup.due', (f) => fired.push(f));
  try {
    host().desk.tick();
  } finally {
    off();
  }
  return fired;
}

/** The renderer shows one alert (never a stack over the queue): the latest due follow-up, and how many more. */
async function alertsShown(page: Page, fired: FollowUpDueEvent[]): Promise<void> {
  const last = fired[fired.length - 1];
  if (!last) return;
  await expect(page.getByTestId('followup-alert')).toHaveCount(1);
  await expect(page.locator(`[data-testid=followup-alert][data-case-id="${last.caseId}"]`)).toBeVisible();
  expect(fired).toHaveLength(1);
  if (last.alsoDue > 0) await expect(page.getByTestId('followup-alert-more')).toBeVisible();
}

async function openCaseBySearch(page: Page, name: string, caseId: string): Promise<void> {
  await page.getByTestId('queue-search').fill(name);
  const row = page.locator(`[data-testid=queue-row][data-case-id="${caseId}"]`);
  await row.click();
  await expect(page.locator('.queue-row.selected')).toHaveAttribute('data-case-id', caseId);
  await expect(page.getByTestId('debtor-name')).toContainText(name);
}

test('an agent works a case: call, script, PTP, follow-up, save-and-next, history, due alert', async ({ page }) => {
  test.setTimeout(180_000);
  mkdirSync(SCREENS_DIR, { recursive: true });
  await clock.install(page);
  await loginAsAgent(page, host());
  await expect(page.getByTestId('agent-name')).toBeVisible();

  // open the top case
  const top = page.getByTestId('queue-row').first();
  const caseId = (await top.getAttribute('data-case-id')) ?? '';
  const name = ((await top.getByTestId('queue-row-name').textContent()) ?? '').trim();
  expect(caseId).not.toBe('');
  await top.click();
  await expect(page.getByTestId('debtor-name')).toContainText(name);

  // the ID number is masked; the eye reveals it (the core writes the reveal to the audit log)
  await expect(page.getByTestId('debtor-id')).toContainText('*');
  await page.getByTestId('debtor-id-reveal').click();
  await expect(page.getByTestId('debtor-id')).toHaveText(/^\d{17}[\dX]$/);

  // '?' lists the hotkeys
  await page.getByTestId('profile-panel').click({ position: { x: 4, y: 4 } });
  await page.keyboard.press('?');
  await expect(page.getByTestId('help-table')).toContainText('Ctrl+Enter');
  await page.keyboard.press('Escape');

  // start the call (F9)
  await page.keyboard.press('F9');
  await expect(page.getByTestId('call-toggle')).toHaveAttribute('data-running', 'true');

  // the script's required steps (opening: identify, recording notice, verify identity)
  await tickRequiredSteps(page);

  // the PTP hotkey, amount and date
  await page.keyboard.press('1');
  await expect(page.getByTestId('outcome-PTP')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('ptp-fields')).toBeVisible();
  await page.getByTestId('ptp-amount').fill('500');
  const tomorrow = wallClock(new Date(clock.now().getTime() + 24 * 3600_000), ZONE).date;
  await pickDate(page, 'ptp-date', tomorrow);

  // a follow-up preset and a note
  await page.getByTestId('preset-tomorrow9').click();
  await expect(page.getByTestId('followup-chosen')).toContainText('09:00');
  await page.getByTestId('note-text').fill('e2e：客户承诺明天还款500元');
  await expect(page.getByTestId('draft-state')).toContainText('草稿已保存', { timeout: 5_000 });
  // the call timer counts (time moved on, not waited for)
  await clock.advance(1_200);
  await expect(page.getByTestId('note-call')).toHaveText(/^通话中 (?!00:00$)\d{2}:\d{2}$/);

  // save and next (Ctrl+Enter): the next case opens
  await page.keyboard.press('Control+Enter');
  await expect(page.locator('.queue-row.selected')).not.toHaveAttribute('data-case-id', caseId);
  await expect(page.getByText('催记已保存，已打开下一个案件')).toBeVisible();
  await expect(page.getByTestId('call-toggle')).toHaveAttribute('data-running', 'false');
  await expect(page.getByTestId('outcome-PTP')).toHaveAttribute('aria-pressed', 'false');

  // reopen the first case: the attempt and the promise are in the history
  await openCaseBySearch(page, name, caseId);
  const attempt = page.getByTestId('timeline-attempt').first();
  await expect(attempt).toContainText('承诺还款');
  await expect(attempt).toContainText('e2e：客户承诺明天还款500元');
  await expect(attempt).toContainText('本人');
  const promise = page.getByTestId('timeline-promise').first();
  await expect(promise).toContainText('¥500.00');
  await expect(promise).toContainText(tomorrow);
  await expect(promise).toHaveAttribute('data-state', 'pending');
  await expect(page.getByTestId('timeline-followup').first()).toContainText('09:00');

  await page.screenshot({ path: join(SCREENS_DIR, 'workstation-zh.png') });
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.screenshot({ path: join(SCREENS_DIR, 'workstation-zh-1920.png') });
  await page.setViewportSize({ width: 1366, height: 768 });

  // the save-and-next toast has gone (time moved on), so the next save's toast is its own
  await clock.advance(3_000);
  await expect(page.getByText('催记已保存，已打开下一个案件')).toBeHidden();

  // a follow-up falling due raises the in-app alert: schedule one at the next minute, then move time to it
  await page.keyboard.press('Escape');
  await page.getByTestId('profile-panel').click({ position: { x: 4, y: 4 } });
  await page.keyboard.press('7'); // 无人接听: no contact, no required steps
  await expect(page.getByTestId('outcome-NO_ANSWER')).toHaveAttribute('aria-pressed', 'true');
  let due = new Date(Math.ceil((clock.now().getTime() + 1) / 60_000) * 60_000);
  if (due.getTime() - clock.now().getTime() < 6_000) due = new Date(due.getTime() + 60_000);
  const at = wallClock(due, ZONE);
  await pickDate(page, 'followup-exact', `${at.date} ${at.time}`);
  await expect(page.getByTestId('followup-chosen')).toContainText(at.time);
  await page.keyboard.press('Control+s');
  await expect(page.getByText('催记已保存', { exact: true })).toBeVisible();

  // demo follow-ups due before ours fire first, in a burst of their own (as they would have in real time)
  await clock.advanceTo(new Date(due.getTime() - 1_000));
  await alertsShown(page, tick());
  await clock.advanceTo(due);
  const fired = tick();
  expect(fired.map((f) => f.caseId)).toContain(caseId);
  const alert = page.locator(`[data-testid=followup-alert][data-case-id="${caseId}"]`);
  await expect(alert).toBeVisible();
  await expect(alert).toContainText(name);
  await motionSettled(page.locator('.ant-notification-notice', { has: alert }));
  await page.screenshot({ path: join(SCREENS_DIR, 'followup-alert-zh.png') });
  // the case is now due in the queue
  await expect(page.locator(`[data-testid=queue-row][data-case-id="${caseId}"] [data-testid=queue-row-due]`)).toContainText('跟进到期');
  // 打开案件 from the alert
  await page.getByTestId('queue-search').fill('');
  await page.locator('.ant-notification-notice', { has: alert }).getByTestId('followup-alert-open').click();
  await expect(alert).toBeHidden();
  await expect(page.getByTestId('debtor-name')).toContainText(name);

  // English
  await page.getByTestId('lang-en').click();
  await expect(page.getByTestId('note-save-next')).toContainText('Save & next');
  await expect(page.getByTestId('timeline-attempt').first()).toContainText('No answer');
  await page.screenshot({ path: join(SCREENS_DIR, 'workstation-en.png') });
  await page.getByTestId('lang-zh-CN').click();
  await expect(page.getByTestId('note-save-next')).toContainText('保存并下一个');
});
