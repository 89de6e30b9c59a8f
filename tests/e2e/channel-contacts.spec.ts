import { test, expect, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { motionSettled } from './motion';
import { loginAsAgent, SCREENS_DIR, useWebHost } from './web-host';
import { openBySearch } from './queue';

const host = useWebHost();

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENS_DIR, name), animations: 'disabled' });
}

/** Pick an option of the open antd select by its label. */
async function pickOption(page: Page, label: string | RegExp): Promise<void> {
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: label }).first().click();
}

test('an agent records an SMS (no timer) and a visit with its address, adds a number and a contact, and marks a number invalid, in zh-CN and en', async ({ page }) => {
  test.setTimeout(180_000);
  mkdirSync(SCREENS_DIR, { recursive: true });
  await loginAsAgent(page, host());

  const top = page.getByTestId('queue-row').first();
  const caseId = (await top.getAttribute('data-case-id')) ?? '';
  const name = ((await top.getByTestId('queue-row-name').textContent()) ?? '').trim();
  await top.click();
  await expect(page.getByTestId('debtor-name')).toContainText(name);
  const reopen = () => openBySearch(page, caseId);

  // --- SMS, picked from the keyboard: the radio group is reached and moved along with the arrow keys
  const radio = (label: string) => page.getByTestId('note-pane').getByRole('radio', { name: label, exact: true });
  /** The visible button of a channel (the radio input itself is hidden under it). */
  const channel = (label: string) => page.getByTestId('note-pane').locator('label.ant-radio-button-wrapper', { hasText: label });
  await expect(radio('电话')).toBeChecked();
  await radio('电话').focus();
  await page.keyboard.press('ArrowRight');
  await expect(radio('短信')).toBeChecked();
  await expect(page.getByTestId('note-call')).toHaveText('不计时');
  await expect(page.getByTestId('note-pane')).toContainText('发送号码');
  const attempts = await page.getByTestId('timeline-attempt').count();
  await page.getByTestId('outcome-NO_ANSWER').click(); // 未回复: picks the debtor's own number
  await page.getByTestId('note-text').fill('e2e：发送还款提醒短信');
  await shot(page, 'channel-sms-zh-CN.png');
  await page.keyboard.press('Control+s');
  await expect(page.getByText('催记已保存').first()).toBeVisible();
  await expect(page.getByTestId('timeline-attempt')).toHaveCount(attempts + 1);
  const sms = page.getByTestId('timeline-attempt').first();
  await expect(sms).toHaveAttribute('data-channel', 'sms');
  await expect(sms.getByTestId('timeline-channel')).toHaveText('短信');
  await expect(sms).not.toContainText('时长'); // no call duration
  await expect(sms).toContainText('****');

  // --- a visit: no number, its address is required; picked from the debtor's addresses
  await channel('外访').click();
  await expect(page.getByTestId('note-phone')).toHaveCount(0);
  await page.getByTestId('outcome-NO_ANSWER').click();
  await page.getByTestId('note-text').fill('e2e：上门外访，本人不在');
  await page.keyboard.press('Control+s');
  await expect(page.getByTestId('err-visit-address')).toContainText('外访请填写外访地址');
  await expect(page.getByTestId('timeline-attempt')).toHaveCount(attempts + 1); // nothing saved
  await motionSettled(page.getByTestId('note-pane'));
  await shot(page, 'channel-visit-required-zh-CN.png');
  await page.getByTestId('note-visit-address').click();
  const known = page.locator('.ant-select-dropdown:visible .ant-select-item-option').first();
  const address = (await known.getAttribute('title')) ?? '';
  if (address) await known.click();
  else await page.getByTestId('note-visit-address').locator('input').fill('上海市浦东新区世纪大道100号');
  await expect(page.getByTestId('err-visit-address')).toHaveCount(0);
  await page.keyboard.press('Control+s');
  await expect(page.getByTestId('timeline-attempt')).toHaveCount(attempts + 2);
  const visit = page.getByTestId('timeline-attempt').first();
  await expect(visit).toHaveAttribute('data-channel', 'visit');
  await expect(visit.getByTestId('timeline-visit-address')).toContainText('外访地址：');
  await shot(page, 'channel-visit-saved-zh-CN.png');

  // --- a number the debtor gives: markup refused inline; a new contact's number added with Enter
  const own = await page.getByTestId('phone-row').count();
  await page.getByTestId('add-phone').click();
  const dialog = page.getByTestId('add-phone-dialog');
  await expect(dialog).toBeVisible();
  await expect(page.getByTestId('add-phone-number')).toBeFocused();
  await page.getByTestId('add-phone-number').fill('<b>13700137000</b>');
  await page.getByTestId('add-phone-number').press('Enter');
  await expect(page.getByTestId('err-add-number')).toContainText('请输入正确的手机号');
  await motionSettled(dialog);
  await shot(page, 'add-phone-invalid-zh-CN.png');
  await page.getByTestId('add-phone-number').fill('137 0013 7000');
  await dialog.locator('label.ant-radio-button-wrapper', { hasText: '新联系人' }).click();
  await page.getByTestId('add-phone-relation').click();
  await pickOption(page, '配偶');
  await page.getByTestId('add-phone-name').fill('李四');
  await page.getByTestId('add-phone-name').press('Enter');
  await expect(page.getByText('号码已添加，将同步到团队服务器').first()).toBeVisible();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('phone-row')).toHaveCount(own + 1);
  await expect(page.getByTestId('contact-row').filter({ hasText: '李四' })).toContainText('137****7000');
  // the same number again: the core refuses the duplicate and says so
  await page.getByTestId('add-phone').click();
  await page.getByTestId('add-phone-number').fill('13700137000');
  await page.getByTestId('add-phone-number').press('Enter');
  await expect(page.getByTestId('err-add-number')).toContainText('该号码已在此案件中');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  // --- marking the debtor's own first number 停机 by hand
  const first = page.getByTestId('phone-row').first();
  await first.locator('.phone-mark').click();
  await pickOption(page, '停机');
  await expect(page.getByText('已标记为停机').first()).toBeVisible();
  await expect(page.getByTestId('phone-row').first().locator('.phone-status')).toHaveText('停机');
  await shot(page, 'phone-marked-zh-CN.png');

  // still so after a fresh read from the core
  await page.reload();
  await expect(page.getByTestId('workstation')).toBeVisible();
  await reopen();
  await expect(page.getByTestId('phone-row').first().locator('.phone-status')).toHaveText('停机');
  await expect(page.getByTestId('contact-row').filter({ hasText: '李四' })).toBeVisible();
  await expect(page.locator('[data-testid=timeline-attempt][data-channel=visit]').first()).toBeVisible();
  // the mark was an error: 清除标记 makes the number valid again
  await page.getByTestId('phone-row').first().locator('.phone-mark').click();
  await pickOption(page, '清除标记（标错了）');
  await expect(page.getByText('已清除标记').first()).toBeVisible();
  await expect(page.getByTestId('phone-row').first().locator('.phone-status')).toHaveText('有效');
  await shot(page, 'phone-mark-cleared-zh-CN.png');

  // --- English
  await page.getByTestId('language-switch').click();
  await page.getByTestId('lang-en').click();
  await expect(radio('Phone')).toBeChecked();
  await channel('Email').click();
  await expect(page.getByTestId('note-call')).toHaveText('No call timer');
  await channel('Visit').click();
  await page.getByTestId('outcome-NO_ANSWER').click();
  await page.keyboard.press('Control+s');
  await expect(page.getByTestId('err-visit-address')).toContainText('Enter the address visited');
  await motionSettled(page.getByTestId('note-pane'));
  await shot(page, 'channel-visit-required-en.png');
  await expect(page.getByTestId('timeline-attempt').first()).toContainText('Visit');
  await page.getByTestId('add-phone').click();
  await page.getByTestId('add-phone-number').fill('123');
  await page.getByTestId('add-phone-number').press('Enter');
  await expect(page.getByTestId('err-add-number')).toContainText('Enter a valid mobile number');
  await motionSettled(dialog);
  await shot(page, 'add-phone-invalid-en.png');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  const last = page.getByTestId('phone-row').last();
  await last.locator('.phone-mark').click();
  await pickOption(page, 'Wrong person');
  await expect(page.getByText('Marked: Wrong person').first()).toBeVisible();
  await expect(page.getByTestId('phone-row').last().locator('.phone-status')).toHaveText('Wrong person');
  await shot(page, 'phone-marked-en.png');
  // marked in error: the mark is withdrawn and the number is valid again
  await page.getByTestId('phone-row').last().locator('.phone-mark').click();
  await pickOption(page, 'Clear mark (marked in error)');
  await expect(page.getByText('Mark cleared').first()).toBeVisible();
  await expect(page.getByTestId('phone-row').last().locator('.phone-status')).toHaveText('Valid');
});
