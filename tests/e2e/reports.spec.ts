import { test, expect as baseExpect, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { addDays, localDateOf, zonedToUtc } from '../../shared/domain/dates';
import { formatFen } from '../../shared/domain/money';
import { specClock } from './clock';
import { login, SCREENS_DIR, useWebHost } from './web-host';

// 工作计划 / 工作总结: an agent's own day written from the data, the reflection and next plan
// saved, DOCX and PDF exported (the PDF's first page rendered to look at), the plan's worklist,
// English, and a lead's team summary — at 1366x768.
// Several engineers share two cores: wait on conditions longer than the default 10 s.
const expect = baseExpect.configure({ timeout: 30_000 });
test.use({ actionTimeout: 30_000 });

const clock = specClock('2026-03-02T17:30:00+08:00');
const host = useWebHost({ clock: clock.now, pollMs: 0 });
const ZONE = 'Asia/Shanghai';

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENS_DIR, `${name}.png`), animations: 'disabled' });
}

/** Today's figures for an agent, counted with plain SQL over the records (not the report code). */
function handCount(agentId: number): { calls: number; connected: number; recoveredFen: number; ptps: number } {
  const ctx = host().desk.ctx;
  const today = localDateOf(clock.now(), ZONE);
  const start = zonedToUtc(today, '00:00', ZONE).toISOString();
  const end = zonedToUtc(addDays(today, 1), '00:00', ZONE).toISOString();
  const one = (sql: string, ...args: unknown[]): number => (ctx.db.prepare(sql).get(...args) as { n: number | null }).n ?? 0;
  return {
    calls: one("SELECT count(*) AS n FROM attempts WHERE agent_id = ? AND channel = 'phone' AND at >= ? AND at < ?", agentId, start, end),
    connected: one(`SELECT count(*) AS n FROM attempts a JOIN outcome_codes o ON o.code = a.outcome_code
                     WHERE a.agent_id = ? AND a.channel = 'phone' AND o.is_contact = 1 AND a.at >= ? AND a.at < ?`, agentId, start, end),
    recoveredFen: one(`SELECT sum(p.amount_fen) AS n FROM payments p JOIN cases c ON c.id = p.case_id
                        WHERE COALESCE(p.agent_id, c.assigned_agent_id) = ? AND p.paid_date = ?`, agentId, today),
    ptps: one('SELECT count(*) AS n FROM promises WHERE agent_id = ? AND created_date = ?', agentId, today),
  };
}

/** Open the drawer from the top bar (again if the main screen remounted under the first click, as it does once after sign-in). */
async function openReports(page: Page): Promise<void> {
  await expect(async () => {
    await page.getByTestId('reports-open').click();
    await baseExpect(page.getByTestId('reports-drawer').getByTestId('reports-edit')).toBeVisible({ timeout: 5_000 });
  }).toPass({ timeout: 60_000 });
}

/** The value beside a label in the overview table. */
const figure = (page: Page, label: string) => page.locator('.report-kv th', { hasText: new RegExp(`^${label}$`) }).locator('xpath=following-sibling::td[1]');

test("an agent's day: summary from the data, reflection and next plan saved, DOCX/PDF exported, the plan, English", async ({ page }) => {
  test.setTimeout(300_000);
  mkdirSync(SCREENS_DIR, { recursive: true });
  await page.setViewportSize({ width: 1366, height: 768 });
  const ctx = host().desk.ctx;
  const demo = (ctx.db.prepare("SELECT id FROM agents WHERE username = 'demo'").get() as { id: number }).id;
  const cases = ctx.db.prepare('SELECT id FROM cases WHERE assigned_agent_id = ? ORDER BY id LIMIT 3').all(demo) as { id: number }[];
  const now = clock.now().getTime();
  const today = localDateOf(clock.now(), ZONE);
  // today's work: three calls (a promise from the debtor, no answer, a refusal), a promise, a payment
  const ins = ctx.db.prepare(`INSERT INTO attempts (id, client_request_id, case_id, agent_id, channel, party, outcome_code, note, at)
                              VALUES (?, ?, ?, ?, 'phone', ?, ?, 'e2e', ?)`);
  ins.run('e2e-a1', 'e2e-r1', cases[0]!.id, demo, 'self', 'PTP', new Date(now - 3 * 3_600_000).toISOString());
  ins.run('e2e-a2', 'e2e-r2', cases[1]!.id, demo, 'none', 'NO_ANSWER', new Date(now - 2 * 3_600_000).toISOString());
  ins.run('e2e-a3', 'e2e-r3', cases[2]!.id, demo, 'self', 'REFUSES', new Date(now - 3_600_000).toISOString());
  ctx.db.prepare("INSERT INTO promises (id, case_id, attempt_id, agent_id, amount_fen, due_date, created_date, created_at, state) VALUES ('e2e-p1', ?, 'e2e-a1', ?, 88_800, ?, ?, ?, 'pending')")
    .run(cases[0]!.id, demo, addDays(today, 3), today, new Date(now - 3 * 3_600_000).toISOString());
  ctx.db.prepare("INSERT INTO payments (id, case_id, amount_fen, paid_date, source, agent_id, created_at) VALUES ('e2e-pay1', ?, 123_456, ?, 'agent', ?, ?)")
    .run(cases[1]!.id, today, demo, new Date(now - 1_800_000).toISOString());
  const hand = handCount(demo);
  expect(hand.calls).toBeGreaterThanOrEqual(3);

  await clock.install(page);
  await login(page, host(), 'demo', 'demo123');
  await expect(page.getByTestId('workstation')).toBeVisible();
  await openReports(page);
  const drawer = page.getByTestId('reports-drawer');
  await expect(drawer.getByTestId('report-title')).toHaveText('工作日报 · 工作总结');
  await expect(drawer.getByTestId('reports-scope')).toHaveCount(0); // an agent writes their own only
  await expect(figure(page, '拨打次数')).toHaveText(String(hand.calls));
  await expect(figure(page, '接通次数')).toHaveText(String(hand.connected));
  await expect(figure(page, '承诺笔数')).toHaveText(String(hand.ptps));
  await expect(figure(page, '回款金额')).toHaveText(formatFen(hand.recoveredFen));

  // the reflection and the next day's plan
  await page.getByTestId('reports-reflection').fill('今天失联客户较多，明天换时段再拨，并联系紧急联系人。');
  await page.getByTestId('reports-next').fill('每天联系 60 位客户\n跟进到期承诺');
  await page.getByTestId('reports-save').click();
  await expect(page.locator('.ant-message')).toContainText('已保存');
  await expect(page.getByTestId('report-doc')).toContainText('今天失联客户较多');
  await expect(page.getByTestId('report-doc')).toContainText('每天联系 60 位客户');
  await shot(page, 'reports-summary-zh');

  // exports: a DOCX and a PDF with Chinese text
  for (const format of ['docx', 'pdf'] as const) {
    const download = page.waitForEvent('download');
    await page.getByTestId(`reports-export-${format}`).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe(`工作总结-${today}_${today}.${format}`);
    const path = join(SCREENS_DIR, `reports-summary.${format}`);
    await file.saveAs(path);
    if (format === 'pdf') {
      expect(execFileSync('pdftotext', [path, '-'], { encoding: 'utf8' })).toContain('今天失联客户较多');
      execFileSync('pdftoppm', ['-png', '-r', '80', '-f', '1', '-l', '1', path, join(SCREENS_DIR, 'reports-summary-pdf')]);
      expect(existsSync(join(SCREENS_DIR, 'reports-summary-pdf-1.png'))).toBe(true);
    } else {
      expect(execFileSync('unzip', ['-p', path, 'word/document.xml'], { encoding: 'utf8' })).toContain('每天联系 60 位客户');
    }
  }

  // tomorrow's plan carries the commitments written as the next plan; today's plan lists the worklist
  await page.getByTestId('reports-kind-plan').click();
  await expect(drawer.getByTestId('report-title')).toHaveText('今日工作计划');
  await expect(page.getByTestId('report-doc')).toContainText('今日工作清单');
  await shot(page, 'reports-plan-zh');
  await page.getByTestId('reports-date').fill(addDays(today, 1));
  await expect(page.getByTestId('reports-commitments')).toHaveValue('每天联系 60 位客户\n跟进到期承诺');

  // English: the screen and the document
  await page.keyboard.press('Escape');
  await expect(drawer).toBeHidden();
  await page.getByTestId('lang-en').click();
  await openReports(page);
  await page.getByTestId('reports-kind-summary').click(); // the drawer keeps what was chosen
  await page.getByTestId('reports-date').fill(today);
  await expect(drawer.getByTestId('report-title')).toHaveText('Daily work summary');
  await expect(figure(page, 'Calls')).toHaveText(String(hand.calls));
  await shot(page, 'reports-summary-en');
  await page.keyboard.press('Escape');
  await page.getByTestId('lang-zh-CN').click();
});

test("a lead's team summary for the week, with each agent", async ({ page }) => {
  test.setTimeout(200_000);
  await page.setViewportSize({ width: 1366, height: 768 });
  await clock.install(page);
  await host().desk.invoke('auth.logout', {}); // the desk has one session: the agent of the test before signs out
  await login(page, host(), 'lead', 'lead123');
  await expect(page.getByTestId('workstation')).toBeVisible();
  await openReports(page);
  const drawer = page.getByTestId('reports-drawer');
  await expect(drawer.getByTestId('reports-scope')).toBeVisible();
  await expect(drawer.getByTestId('reports-error')).toHaveCount(0);
  await page.getByTestId('reports-period-week').click();
  await expect(drawer.getByTestId('report-title')).toHaveText('周工作总结');
  await expect(page.getByTestId('report-doc')).toContainText('组员情况');
  await shot(page, 'reports-team-week-zh');
});
