import { test, expect as baseExpect, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { specClock } from './clock';
import { motionSettled } from './motion';
import { openBySearch } from './queue';
import { login, SCREENS_DIR, useWebHost } from './web-host';

// A shared, loaded machine: longer waits on conditions (never fixed sleeps).
const expect = baseExpect.configure({ timeout: 45_000 });

// 22:30 in the desk's (and the debtors') zone: inside the quiet hours. The desk and the page share
// this clock; nothing waits for real time.
const clock = specClock('2026-03-10T22:30:00+08:00');
const host = useWebHost({ clock: clock.now, pollMs: 0 });
test.use({ actionTimeout: 45_000 });
test.describe.configure({ timeout: 300_000 });

/** `target`: what must have settled (an open drawer: antd's view switch behind it can keep its appear class). */
async function shot(page: Page, name: string, target = page.locator('body')): Promise<void> {
  await motionSettled(target);
  await page.screenshot({ path: join(SCREENS_DIR, name) });
}

/** The blocked-call dialog: what its screenshots wait on (an earlier save's toast may still be on its way out). */
const blockedDialog = (page: Page) => page.getByRole('dialog').filter({ has: page.getByTestId('contact-blocked') });

async function openTopCase(page: Page, index = 0): Promise<string> {
  const caseId = (await page.getByTestId('queue-row').nth(index).getAttribute('data-case-id')) ?? '';
  // by its id, not its place: the queue may reorder between reading the row and clicking it
  await page.locator(`[data-testid=queue-row][data-case-id="${caseId}"]`).click();
  await expect(page.locator('.queue-row.selected')).toHaveAttribute('data-case-id', caseId);
  return caseId;
}

test('contact rules: a blocked call with its reason and next time, a banned phrase marked, a recorded violation on the lead’s screen, a lead’s one-call override the agent then uses', async ({ page }) => {
  test.setTimeout(300_000);
  mkdirSync(SCREENS_DIR, { recursive: true });
  await page.setViewportSize({ width: 1366, height: 768 });
  await clock.install(page);
  await login(page, host(), 'demo', 'demo123');
  await expect(page.getByTestId('workstation')).toBeVisible();
  await expect(page.getByTestId('queue-row').first()).toBeVisible();
  const caseId = await openTopCase(page);

  // F9 at 22:30: refused, with the rule and the next allowed time (08:00 tomorrow)
  await page.keyboard.press('F9');
  await expect(page.getByTestId('contact-blocked')).toBeVisible();
  await expect(page.locator('[data-testid=contact-reason][data-rule="contact.quietHours"]')).toContainText('22:00–08:00');
  await expect(page.getByTestId('contact-next')).toContainText('2026-03-11 08:00');
  await expect(page.getByTestId('call-toggle')).toHaveAttribute('data-running', 'false');
  await expect(page.getByTestId('contact-override')).toHaveCount(0); // an agent cannot override
  await shot(page, 'contact-blocked-zh-CN.png', blockedDialog(page));
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('contact-blocked')).toBeHidden();

  // a banned phrase in the note is marked where it is, and the save is refused
  await page.keyboard.press('7'); // 无人接听 (the call was dialled elsewhere)
  await page.getByTestId('note-text').fill('再不还就让你坐牢');
  await expect(page.getByTestId('banned-mark')).toHaveText('坐牢');
  await expect(page.locator('[data-testid=banned-hit][data-category=threat]')).toBeVisible();
  await shot(page, 'banned-phrase-zh-CN.png');
  await page.keyboard.press('Control+Enter');
  await expect(page.getByText('备注含禁用措辞：“坐牢”').first()).toBeVisible();

  // the same call recorded with clean wording: never refused, flagged as a violation
  await page.getByTestId('note-text').fill('拨打无人接听（在其他电话上拨出）');
  await expect(page.getByTestId('banned-phrases')).toHaveCount(0);
  await page.getByTestId('note-phone').click();
  await page.locator('.ant-select-item-option').first().click();
  await page.keyboard.press('Control+Enter');
  await expect(page.locator('.queue-row.selected')).not.toHaveAttribute('data-case-id', caseId);

  // English: the same refusal and the same marking, worded in English (still the agent's desk)
  await page.getByTestId('language-switch').click();
  await page.getByTestId('lang-en').click();
  await openBySearch(page, caseId);
  await page.keyboard.press('F9');
  await expect(page.getByTestId('contact-blocked')).toContainText('No collection 22:00–08:00');
  await expect(page.getByTestId('contact-next')).toContainText('Next allowed: 2026-03-11 08:00');
  await shot(page, 'contact-blocked-en.png', blockedDialog(page));
  await page.keyboard.press('Escape');
  await page.getByTestId('note-text').fill('you will go to jail');
  await expect(page.getByTestId('banned-mark')).toHaveText('you will go to jail');
  await shot(page, 'banned-phrase-en.png');
  await page.getByTestId('note-text').fill('');

  // the lead sees the violation and allows one more call on that number, with a written reason
  await page.getByTestId('logout').click();
  await login(page, host(), 'lead', 'lead123');
  await expect(page.getByTestId('lead-view')).toBeVisible();
  await expect(page.getByTestId('lead-violations')).toHaveAttribute('data-count', '1');
  await page.getByTestId('lead-violations').click();
  const row = page.locator(`[data-testid=violation-row][data-case-id="${caseId}"]`);
  await expect(row.locator('[data-rule="contact.quietHours"]')).toBeVisible();
  await row.getByTestId('violation-override-reason').fill('The debtor asked to be called back at 22:45 tonight');
  await shot(page, 'violations-en.png');
  await row.getByTestId('violation-override').click();
  await expect(page.getByText('One call on this number allowed').first()).toBeVisible();
  await page.keyboard.press('Escape');

  // back on the agent's desk: F9 on that number now goes through, once
  await page.getByTestId('logout').click();
  await login(page, host(), 'demo', 'demo123');
  await expect(page.getByTestId('workstation')).toBeVisible();
  await openBySearch(page, caseId);
  await page.keyboard.press('F9');
  await expect(page.getByTestId('call-toggle')).toHaveAttribute('data-running', 'true');
  await shot(page, 'contact-override-used-en.png');
});

test('a dispute holds the case until a lead clears it (back to the agent’s queue); the debtor’s own zone moves the quiet hours', async ({ page }) => {
  test.setTimeout(300_000);
  mkdirSync(SCREENS_DIR, { recursive: true });
  await page.setViewportSize({ width: 1366, height: 768 });
  await clock.install(page);
  await page.goto(host().openUrl);
  // the web-host keeps the earlier test's session: wait for the first screen before asking which it is
  await expect(page.getByTestId('login-username').or(page.getByTestId('logout'))).toBeVisible({ timeout: 60_000 });
  if (await page.getByTestId('logout').isVisible()) {
    await page.getByTestId('logout').click();
    // the earlier test left a call running: signing out asks first
    await expect(page.getByTestId('login-username').or(page.getByTestId('logout-confirm'))).toBeVisible();
    if (await page.getByTestId('logout-confirm').isVisible()) await page.getByTestId('logout-confirm').click();
    await expect(page.getByTestId('login-username')).toBeVisible();
  }
  await login(page, host(), 'demo', 'demo123');
  await expect(page.getByTestId('workstation')).toBeVisible();
  // not the top case: the first test left a lead's one-call override on it, which would let the call go
  const caseId = await openTopCase(page, 1);
  // The debtor disputes the amount: the call is recorded with 投诉/争议 (as the note pane saves it).
  const saved = await host().desk.invoke('attempt.save', {
    clientRequestId: `e2e-dispute-${Date.now()}`, caseId, phoneId: null, channel: 'phone', party: 'self', outcomeCode: 'DISPUTE', note: '客户对欠款金额有异议，要求核实',
    callStartedAt: null, durationSec: 90, ptp: null, followUp: null, claimedPaidDate: null, scenario: null,
    stepsDone: ['open.identify', 'open.recording', 'open.verify', 'early.account', 'early.askDate', 'mid.account', 'mid.reason', 'mid.agree', 'late.account', 'late.reason', 'late.consequence', 'late.agree', 'm2.account', 'm2.reason', 'm2.consequence', 'm2.agree'],
  });
  expect(saved.ok, JSON.stringify(saved)).toBe(true);
  await openBySearch(page, caseId);
  // the screen has read the case since the save (F9 checks the case on screen)
  await expect(page.getByTestId('case-status')).toHaveAttribute('data-status', 'hold');
  await page.keyboard.press('F9');
  await expect(page.getByTestId('contact-blocked')).toBeVisible();
  await expect(page.locator('[data-testid=contact-reason][data-rule="contact.caseOnHold"]')).toBeVisible();
  await expect(page.getByTestId('contact-override')).toHaveCount(0);
  await page.keyboard.press('Escape');

  // The lead clears the hold from the case drawer with a reason, and gives the debtor's zone (Urumqi, two hours behind).
  await page.getByTestId('logout').click();
  await login(page, host(), 'lead', 'lead123');
  await expect(page.getByTestId('lead-view')).toBeVisible();
  await page.getByTestId('lead-search').fill(`#${caseId}`);
  await expect(page.getByTestId('lead-case-history')).toHaveCount(1);
  await page.getByTestId('lead-case-history').click();
  await expect(page.getByTestId('lead-case-drawer')).toContainText(`#${caseId}`);
  const drawer = page.getByTestId('lead-case-drawer');
  // the panel in English first, then back to Chinese
  await drawer.locator('.ant-drawer-close').click();
  await page.getByTestId('language-switch').click();
  await page.getByTestId('lang-en').click();
  await page.getByTestId('lead-case-history').click();
  await expect(drawer.getByTestId('case-hold')).toContainText('on hold (complaint or dispute)');
  await expect(drawer.getByTestId('case-clear-hold')).toHaveText('Clear hold');
  await shot(page, 'lead-clear-hold-en.png', drawer);
  await drawer.locator('.ant-drawer-close').click();
  await page.getByTestId('language-switch').click();
  await page.getByTestId('lang-zh-CN').click();
  await page.getByTestId('lead-case-history').click();
  await expect(drawer.getByTestId('case-hold')).toContainText('暂停催收');
  await drawer.getByTestId('case-zone').fill('Mars/Olympus');
  await drawer.getByTestId('case-zone-save').click();
  await expect(drawer.getByTestId('case-rules-error')).toContainText('未知的时区 Mars/Olympus');
  await drawer.getByTestId('case-zone').fill('Asia/Urumqi');
  await drawer.getByTestId('case-zone-save').click();
  await expect(page.getByText('已保存：禁催时段按 Asia/Urumqi 计算').first()).toBeVisible();
  await drawer.getByTestId('case-hold-reason').fill('已与委托方核实金额无误，恢复催收');
  await shot(page, 'lead-clear-hold-zh-CN.png', drawer);
  await drawer.getByTestId('case-clear-hold').click();
  await expect(page.getByText('已解除暂停，案件已回到催收员的队列').first()).toBeVisible();
  await expect(drawer.getByTestId('case-hold')).toHaveCount(0);
  const audit = host().desk.ctx.prep<{ n: number }>("SELECT count(*) AS n FROM audit_log WHERE action IN ('lead.clearHold', 'lead.setCaseTimeZone') AND entity_id = ?").get(caseId);
  expect(audit?.n).toBe(2);
  await drawer.locator('.ant-drawer-close').dispatchEvent('click');
  await expect(drawer).toBeHidden();

  // Back on the agent's desk: the case is in the queue again; no hold, and 22:30 in Shanghai is
  // 20:30 for this debtor (no quiet hours). What still blocks today is the sensitive case's one
  // conversation a day (the dispute call was it), until 08:00 in Urumqi = 10:00 on this desk.
  await page.getByTestId('logout').click();
  await expect(page.getByTestId('login-username')).toBeVisible();
  await login(page, host(), 'demo', 'demo123');
  await expect(page.getByTestId('workstation')).toBeVisible();
  await openBySearch(page, caseId);
  await page.keyboard.press('F9');
  await expect(page.getByTestId('contact-blocked')).toBeVisible();
  await expect(page.locator('[data-testid=contact-reason][data-rule="contact.conversationCap"]')).toBeVisible();
  await expect(page.locator('[data-testid=contact-reason][data-rule="contact.caseOnHold"]')).toHaveCount(0);
  await expect(page.locator('[data-testid=contact-reason][data-rule="contact.quietHours"]')).toHaveCount(0);
  await expect(page.getByTestId('contact-next')).toContainText('2026-03-11 10:00');
  await shot(page, 'hold-cleared-zone-zh-CN.png');
});
