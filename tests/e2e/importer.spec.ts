import { test, expect as baseExpect, type Page } from '@playwright/test';
import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { specClock } from './clock';
import { motionSettled } from './motion';
import { login, SCREENS_DIR, useWebHost } from './web-host';

// The lead imports a creditor's batch (委案批次): file picker, preview with the column mapping,
// progress, the report on screen and its export; the cases then show in the lead's table.
// zh-CN and English at 1366x768.
const clock = specClock('2026-03-02T09:30:00+08:00');
const host = useWebHost({ clock: clock.now, pollMs: 0 });
const FIXTURES = resolve(__dirname, '../fixtures/import');
// the shared 2-core machine runs several suites at once: wait on conditions longer, never on time
test.use({ actionTimeout: 45_000 });
const expect = baseExpect.configure({ timeout: 45_000 });

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENS_DIR, `${name}.png`), animations: 'disabled' });
}

test('a lead imports a GBK CSV and a LibreOffice XLSX: preview, report with rejected rows, export, the cases appear', async ({ page }) => {
  test.setTimeout(420_000);
  mkdirSync(SCREENS_DIR, { recursive: true });
  await clock.install(page);
  await login(page, host(), 'lead', 'lead123');
  await expect(page.getByTestId('lead-view')).toBeVisible();

  await page.getByTestId('importer-open').click();
  const drawer = page.getByTestId('importer-drawer');
  await page.getByTestId('importer-file').setInputFiles(join(FIXTURES, 'messy-gbk.csv'));
  await expect(page.getByTestId('importer-file-name')).toHaveText('messy-gbk.csv');
  await page.getByTestId('importer-upload').click();
  const mapping = page.getByTestId('importer-mapping');
  await expect(mapping).toContainText('客户经理');
  await expect(mapping.locator('.importer-map-item.unmapped')).toHaveCount(1);
  await expect(page.getByTestId('importer-sample')).toContainText('张伟');
  await expect(page.getByTestId('importer-sample')).toContainText('¥12,345.60');
  await motionSettled(page.locator('.ant-drawer-content-wrapper'));
  await shot(page, 'importer-preview-zh');

  await page.getByTestId('importer-apply').click();
  const report = page.getByTestId('importer-report');
  await expect(report).toBeVisible();
  await expect(page.getByTestId('importer-accepted')).toContainText('6');
  await expect(page.getByTestId('importer-rejected')).toContainText('9');
  await expect(page.getByTestId('importer-rejected-table')).toContainText('身份证校验位错误');
  await shot(page, 'importer-report-zh');

  const download = page.waitForEvent('download');
  await page.getByTestId('importer-export-csv').click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('messy-gbk-report.csv');
  const csv = readFileSync(await file.path(), 'utf8');
  expect(csv).toContain('身份证号');
  expect(csv.startsWith('\uFEFF')).toBe(true);

  // the imported cases are in the lead's table (unassigned)
  await drawer.locator('.ant-drawer-close').click();
  await page.getByTestId('lead-search').fill('黄蕾');
  await expect(page.getByTestId('lead-case-row')).toHaveCount(1);

  // English, a LibreOffice XLSX
  await page.getByTestId('lang-en').click();
  await page.getByTestId('lead-search').fill('');
  await page.getByTestId('importer-open').click();
  await page.getByRole('button', { name: 'Import another file' }).click();
  await page.getByTestId('importer-file').setInputFiles(join(FIXTURES, 'libreoffice.xlsx'));
  await page.getByTestId('importer-upload').click();
  await expect(page.getByTestId('importer-sample')).toContainText('陈静');
  await motionSettled(page.locator('.ant-drawer-content-wrapper'));
  await shot(page, 'importer-preview-en');
  await page.getByTestId('importer-apply').click();
  await expect(page.getByTestId('importer-accepted')).toContainText('2');
  await expect(page.getByTestId('importer-rejected-table')).toContainText('Wrong type for the column');
  await shot(page, 'importer-report-en');

  // a file that is not a spreadsheet is refused with that reason
  await page.getByRole('button', { name: 'Import another file' }).click();
  await page.getByTestId('importer-file').setInputFiles(join(FIXTURES, 'not-a-spreadsheet.pdf'));
  await page.getByTestId('importer-upload').click();
  await expect(page.getByTestId('importer-refused')).toContainText('Not a spreadsheet');
  await page.getByTestId('importer-drawer').locator('.ant-drawer-close').click();
  await page.getByTestId('lang-zh-CN').click();
});
