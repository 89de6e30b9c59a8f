/**
 * The agent's screen, second pass (issue 9), the points of desk9c: the script's promise lines
 * follow the promise being entered (#2); the PTP date field shows what will be saved and names
 * the allowed range (#3), today + 30 accepted (#11); unticked required steps are counted, marked
 * in the script and tickable from the keyboard (#5); a scenario branch scrolls into view (#15).
 * Screenshots in zh-CN and English at 1366x768 and 1366x680.
 */
import { test, expect, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { z } from 'zod';
import { followupRoutes } from '../../shared/contract/followups';
import { specClock } from './clock';
import { motionSettled } from './motion';
import { SCREENS_DIR, useWebHost } from './web-host';

// 09:30 in Shanghai on 2 March: today is 2026-03-02, the horizon's last day 2026-04-01
const clock = specClock('2026-03-02T09:30:00+08:00');
const host = useWebHost({ clock: clock.now, pollMs: 0 });
const TODAY = '2026-03-02';
const LAST = '2026-04-01';

// Six engineers share two cores: first paints can take long; give each step room, not sleeps.
test.setTimeout(300_000);
test.use({ actionTimeout: 30_000 });
async function loginAsAgent(page: Page): Promise<void> {
  await page.goto(host().openUrl);
  // the web-host's core keeps the session of an earlier test in this file: signed in already then
  await expect(page.getByTestId('login-username').or(page.getByTestId('workstation'))).toBeVisible({ timeout: 60_000 });
  if (await page.getByTestId('workstation').isVisible()) return;
  await page.getByTestId('login-username').fill('demo', { timeout: 60_000 });
  await page.getByTestId('login-password').fill('demo123', { timeout: 60_000 });
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('queue-row').first()).toBeVisible({ timeout: 60_000 });
}

async function openRow(page: Page, index: number): Promise<string> {
  // the first screen opens the top case by itself: let it, before choosing another
  await expect(page.locator('.queue-row.selected')).toHaveCount(1);
  await expect(page.getByTestId('debtor-name')).toBeVisible();
  const row = page.getByTestId('queue-row').nth(index);
  const caseId = (await row.getAttribute('data-case-id')) ?? '';
  const name = ((await row.getByTestId('queue-row-name').textContent()) ?? '').trim();
  await row.click();
  await expect(page.getByTestId('debtor-name')).toContainText(name);
  await expect(page.locator('[data-testid=script-step]').first()).toBeVisible();
  return caseId;
}

/** Type into the PTP date field and leave it with Tab, as an agent does. */
async function typeDate(page: Page, text: string): Promise<void> {
  const date = page.getByTestId('ptp-date');
  await date.click();
  await date.fill(text);
  await date.press('Tab');
}

const shot = (page: Page, name: string) => page.screenshot({ path: join(SCREENS_DIR, name) });

test('the promise lines follow the PTP being entered; the date field shows what is saved and names the range; today + 30 saves', async ({ page }) => {
  mkdirSync(SCREENS_DIR, { recursive: true });
  await clock.install(page);
  await loginAsAgent(page);
  // #10: a promise due yesterday says so, not 03-01
  await expect(page.getByTestId('queue-row-due').first()).toHaveText('承诺到期 昨天');
  await openRow(page, 0);
  const promises = await page.getByTestId('timeline-promise').count();
  const confirm = page.locator('li:has([data-step-id$=".confirm"])');
  await expect(confirm).toContainText('（约定金额）');

  // #2: the confirmation line reads the terms typed, live
  await page.keyboard.press('1');
  await page.getByTestId('ptp-amount').fill('1234');
  await typeDate(page, '2026-03-05');
  await expect(confirm).toContainText('3月5日');
  await expect(confirm).toContainText('¥1,234.00');
  await page.getByTestId('ptp-amount').fill('2000');
  await expect(confirm).toContainText('¥2,000.00');
  // the 屡次爽约 branch too, and it scrolls into view (#15)
  await page.getByTestId('scenario-repeated_broken').click();
  const commit = page.locator('li:has([data-step-id="broken.commit"])');
  await expect(commit).toContainText('3月5日前还款¥2,000.00');
  await expect(commit).toBeInViewport();
  await shot(page, 'second-pass-script-ptp-zh.png');

  // #3: a date past the horizon stays in the field with an error naming the range
  const field = page.getByTestId('ptp-date');
  const err = page.getByTestId('err-ptp-date');
  await typeDate(page, '2026-04-02');
  await expect(field).toHaveValue('2026-04-02');
  await expect(err).toContainText(`可选日期：${TODAY} 至 ${LAST}`);
  await expect(confirm).toContainText('4月2日');
  await shot(page, 'second-pass-ptp-date-too-far-zh.png');
  // a past date is kept and explained, not cleared
  await typeDate(page, '2026-03-01');
  await expect(field).toHaveValue('2026-03-01');
  await expect(err).toContainText('承诺日期不能早于今天');
  await expect(err).toContainText(`可选日期：${TODAY} 至 ${LAST}`);
  // text that is no date: the field is empty (no date will be saved) and says what was typed
  await typeDate(page, '3月45日');
  await expect(field).toHaveValue('');
  await expect(err).toContainText('“3月45日”不是有效日期');
  await expect(confirm).toContainText('（约定日期）');
  // a save now is refused, nothing stored
  await page.keyboard.press('Control+s');
  await expect(page.getByText(/请先修正标出的问题 · 还有 \d 项必做未勾选/)).toBeVisible();
  await expect(page.getByTestId('timeline-promise')).toHaveCount(promises);

  // #11: today + 30 is accepted and saved
  await typeDate(page, '2026/4/1');
  await expect(field).toHaveValue(LAST);
  await expect(err).toBeHidden();
  await page.getByTestId('preset-tomorrow9').click();
  await page.getByTestId('note-text').fill('答应4月1日前还2000');
  for (let i = 0; i < 10; i += 1) await page.keyboard.press('F8'); // every required step, from the keyboard
  await expect(page.getByTestId('script-progress')).toHaveAttribute('class', /success/);
  await page.keyboard.press('Control+s');
  await expect(page.getByTestId('timeline-promise')).toHaveCount(promises + 1);
  const promise = page.getByTestId('timeline-promise').first();
  await expect(promise).toContainText(LAST);
  await expect(promise).toContainText('¥2,000.00');
});

test('unticked required steps: a short count, the steps marked and scrolled to, ticked from the keyboard; zh-CN and English at 1366x768 and 1366x680', async ({ page }) => {
  mkdirSync(SCREENS_DIR, { recursive: true });
  await clock.install(page);
  await loginAsAgent(page);
  await openRow(page, 1);
  const required = await page.locator('[data-testid=script-step][data-required=true]').count();
  expect(required).toBeGreaterThan(2);

  await page.keyboard.press('5'); // 拒绝还款: a right-party outcome
  await page.getByTestId('note-text').fill('说没钱');
  await page.keyboard.press('Control+s');
  const msg = page.getByTestId('err-steps');
  await expect(msg).toContainText(`还有 ${required} 项必做未勾选`);
  await expect(msg).not.toContainText('、');
  await expect(msg).toBeInViewport(); // above the save buttons, not below the note
  await expect(page.getByText(`还有 ${required} 项必做未勾选`).first()).toBeVisible();
  const missing = page.getByTestId('script-step-missing');
  await expect(missing).toHaveCount(required);
  await expect(missing.first()).toBeInViewport();
  // the first box has the focus: Space ticks it, Tab goes to the next
  await page.keyboard.press('Space');
  await expect(missing).toHaveCount(required - 1);
  await page.keyboard.press('Tab');
  await page.keyboard.press('Space');
  await expect(missing).toHaveCount(required - 2);
  // F8 ticks the next one from the note text
  await page.getByTestId('note-text').click();
  await page.keyboard.press('F8');
  await expect(missing).toHaveCount(required - 3);
  await expect(msg).toContainText(`还有 ${required - 3} 项必做未勾选`);

  for (const [lang, height] of [['zh', 768], ['zh', 680], ['en', 768], ['en', 680]] as const) {
    await page.getByTestId(lang === 'en' ? 'lang-en' : 'lang-zh-CN').click();
    await page.setViewportSize({ width: 1366, height });
    await expect(msg).toContainText(lang === 'en' ? `Required steps not ticked: ${required - 3}` : `还有 ${required - 3} 项必做未勾选`);
    await expect(missing.first()).toBeVisible();
    await expect(page.getByTestId('queue-row-due').filter({ hasText: /PTP due|承诺到期/ }).first()).toHaveText(lang === 'en' ? 'PTP due yesterday' : '承诺到期 昨天');
    await shot(page, `second-pass-steps-${lang}-1366x${height}.png`);
  }

  // 要求停止联系 by the debtor says what it did to the case and the debtor's other numbers (#15)
  await page.getByTestId('lang-zh-CN').click();
  await page.getByTestId('outcome-STOP_CONTACT').click();
  for (let i = 0; i < 10; i += 1) await page.keyboard.press('F8');
  await page.keyboard.press('Control+s');
  await expect(page.getByText('已记录要求停止联系：债务人的全部号码不再拨打，案件已暂停催收，等待组长处理')).toBeVisible();
  await expect(page.getByTestId('script-step-missing')).toHaveCount(0); // saved: the marks go
  await shot(page, 'second-pass-stop-contact-zh.png');
});

test('every agent screen in English at 1366x768 and 1366x680: outcome labels whole, history reasons in English, screenshots', async ({ page }) => {
  mkdirSync(SCREENS_DIR, { recursive: true });
  await clock.install(page);
  await loginAsAgent(page);
  await page.getByTestId('lang-en').click();
  await openRow(page, 2);
  await page.keyboard.press('1');
  await page.getByTestId('ptp-amount').fill('1');
  await typeDate(page, '2026-03-06');
  await expect(page.getByTestId('err-ptp-amount')).toBeHidden();
  for (const height of [768, 680]) {
    await page.setViewportSize({ width: 1366, height });
    // no outcome button cut short ("Complaint / dis…")
    const cut = await page.locator('.outcome-label').evaluateAll((els: { scrollWidth: number; clientWidth: number; textContent: string | null }[]) =>
      els.filter((e) => e.scrollWidth > e.clientWidth + 1).map((e) => e.textContent),
    );
    expect(cut).toEqual([]);
    await shot(page, `second-pass-en-desk-1366x${height}.png`);
    await page.getByTestId('payment-open').click();
    await expect(page.getByTestId('payment-amount')).toBeVisible();
    await shot(page, `second-pass-en-payment-1366x${height}.png`);
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('payment-amount')).toBeHidden();
    await page.getByTestId('help-button').click();
    await expect(page.getByTestId('help-table')).toContainText('Tick the next required script step');
    await shot(page, `second-pass-en-help-1366x${height}.png`);
    await page.keyboard.press('Escape');
    await page.getByTestId('sync-indicator').click();
    await shot(page, `second-pass-en-sync-1366x${height}.png`);
    // close it and wait until it is gone (a drawer still closing would take the next click)
    await page.locator('.ant-drawer-open .ant-drawer-close').click();
    await expect(page.locator('.ant-drawer-open')).toHaveCount(0);
  }
  // a creditor reports a large payment today on one of the agent's cases (shown after the next save)
  const desk = host().desk;
  const paidCase = desk.ctx.prep<{ id: number; agent: number }>("SELECT c.id, c.assigned_agent_id AS agent FROM cases c JOIN agents a ON a.id = c.assigned_agent_id WHERE a.username = 'demo' ORDER BY c.id LIMIT 1").get();
  desk.ctx.prep("INSERT INTO payments (id, case_id, amount_fen, paid_date, source, agent_id, created_at) VALUES ('e2e-large-payment', ?, 123456789, ?, 'creditor', ?, ?)")
    .run(paidCase?.id, TODAY, paidCase?.agent, clock.now().toISOString());
  // a follow-up written in Chinese reads in English in the history
  await page.getByTestId('lang-zh-CN').click();
  await page.getByTestId('preset-tomorrow9').click();
  for (let i = 0; i < 10; i += 1) await page.keyboard.press('F8');
  const followups = await page.getByTestId('timeline-followup').count();
  await page.keyboard.press('Control+s');
  await expect(page.getByTestId('timeline-followup')).toHaveCount(followups + 1);
  await expect(page.getByTestId('timeline-followup').first()).toContainText('承诺还款回访');
  await page.getByTestId('lang-en').click();
  await expect(page.getByTestId('timeline-followup').first()).toContainText('Promise to pay follow-up');
  // the top bar keeps the day's figures whole in English, a seven-figure amount collected too
  await expect(page.getByTestId('today-collected')).toContainText('¥1,234,567.89 in');
  const figures = await page.getByTestId('today-figures').evaluate((el: { scrollWidth: number; clientWidth: number }) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
  expect(figures.scroll).toBeLessThanOrEqual(figures.client);
  await shot(page, 'second-pass-en-history-1366x680.png');
});

/** The desk's due list, as the contract types it. */
async function dueList(): Promise<z.infer<typeof followupRoutes['followup.dueList']['output']>> {
  const res = await host().desk.invoke('followup.dueList', {});
  if (!res.ok) throw new Error(JSON.stringify(res.error));
  return followupRoutes['followup.dueList'].output.parse(res.value);
}

test('a backlog of 250 follow-ups falling due at once: one alert, counting every one of them past the 200 it lists', async ({ page }) => {
  mkdirSync(SCREENS_DIR, { recursive: true });
  await clock.install(page);
  await loginAsAgent(page);
  const desk = host().desk;
  const agent = desk.ctx.prep<{ id: number }>("SELECT id FROM agents WHERE username = 'demo'").get();
  const cases = desk.ctx.prep<{ id: number }>('SELECT id FROM cases WHERE assigned_agent_id = ? ORDER BY id').all(agent?.id ?? -1);
  expect(cases.length).toBeGreaterThan(0);
  const dueAt = new Date(clock.now().getTime() - 60_000).toISOString();
  const insert = desk.ctx.prep("INSERT INTO follow_ups (id, case_id, agent_id, due_at, state, created_at) VALUES (?, ?, ?, ?, 'pending', ?)");
  desk.ctx.db.transaction(() => {
    for (let i = 0; i < 250; i++) insert.run(`e2e-backlog-${i}`, cases[i % cases.length]?.id, agent?.id, dueAt, dueAt);
  })();
  const fired: number[] = [];
  const off = desk.on('followup.due', (f) => fired.push(f.alsoDue));
  try {
    desk.tick();
  } finally {
    off();
  }
  expect(fired).toHaveLength(1); // one event for the whole backlog
  const list = await dueList();
  expect(list.items).toHaveLength(200);
  expect(list.total).toBeGreaterThanOrEqual(250);
  await expect(page.getByTestId('followup-alert')).toHaveCount(1);
  const more = page.getByTestId('followup-alert-more');
  await expect(more).toHaveAttribute('data-count', String(list.total - 1));
  await expect(more).toContainText(String(list.total - 1));

  // a 催记 on the alert's case answers its follow-up: the alert moves on to the next, the count follows
  const newest = list.items[list.items.length - 1];
  const shown = newest?.caseId ?? '';
  await expect(page.getByTestId('followup-alert')).toHaveAttribute('data-case-id', shown);
  await page.getByTestId('followup-alert-open').click();
  await expect(page.getByTestId('debtor-name')).toContainText(newest?.debtorName ?? '');
  await page.keyboard.press('7');
  await page.keyboard.press('Control+s');
  await expect(page.getByTestId('followup-alert')).not.toHaveAttribute('data-case-id', shown);
  const left = await dueList();
  expect(left.total).toBeLessThan(list.total);
  await expect(more).toHaveAttribute('data-count', String(left.total - 1));
  await motionSettled(page.locator('.ant-notification-notice'));
  await shot(page, 'followup-backlog.png');
});
