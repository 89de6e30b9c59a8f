import { randomUUID } from 'node:crypto';
import { test, expect } from '@playwright/test';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { addUser } from '../../hub/admin';
import { localDateOf } from '../../shared/domain/dates';
import { SYNC_SCHEMA_VERSION } from '../../shared/sync';
import { HUB_PASSWORD, seedTeam, startSyncDesk, startTestHub, TEAM, type TestDeskHost, type TestHub } from './hub';
import { motionSettled } from './motion';
import { login, RENDERER_DIR, SCREENS_DIR } from './web-host';

let hub: TestHub;
let leadDesk: TestDeskHost;

test.beforeAll(async () => {
  if (!existsSync(join(RENDERER_DIR, 'index.html'))) throw new Error('The renderer is not built: run `npm run build:web`.');
  hub = await startTestHub();
  await seedTeam(hub.hub, 2);
  leadDesk = await startSyncDesk();
});

test.afterAll(async () => {
  await leadDesk?.close();
  await hub?.close();
});

async function post(path: string, body: unknown, token?: string): Promise<{ status: number; body: any }> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const res = await fetch(hub.url + path, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body) });
  return { status: res.status, body: await res.json() };
}

/**
 * The agent's desk (spoken here as plain HTTP, like a desk does) records a promise, then sends a
 * state change from a state the hub does not hold: the hub refuses it and files a conflict.
 */
async function agentCausesConflict(caseId: string): Promise<void> {
  const { body: auth } = await post('/v1/auth/login', { username: TEAM.agent.username, password: HUB_PASSWORD });
  const now = new Date();
  const today = localDateOf(now);
  const promiseId = randomUUID();
  const mutations = [
    {
      id: 1, name: 'attempt.save', clientTime: now.toISOString(),
      args: {
        attemptId: randomUUID(), clientRequestId: `e2e-${randomUUID()}`, caseId, phoneId: null, channel: 'phone', party: 'spouse', outcomeCode: 'PTP',
        note: '客户承诺三天内还款', callStartedAt: null, durationSec: 60, claimedPaidDate: null, stepsDone: [], scenario: null, at: now.toISOString(),
        promise: { id: promiseId, amountFen: 30_000, dueDate: today, createdDate: today }, followUp: null, phoneLock: null,
      },
    },
    { id: 2, name: 'promise.transition', clientTime: now.toISOString(), args: { promiseId, caseId, from: 'broken', to: 'kept', paidFen: 30_000, at: now.toISOString() } },
  ];
  const r = await post('/v1/sync/push', { deviceId: `e2e-agent-${randomUUID().slice(0, 8)}`, schemaVersion: SYNC_SCHEMA_VERSION, mutations }, auth.token);
  expect(r.status).toBe(200);
  expect(r.body.rejected).toEqual([{ mutationId: 2, reason: 'invalidTransition' }]);
}

test('the lead sees a sync conflict on the desk and records a decision on the hub', async ({ browser }) => {
  test.setTimeout(120_000);
  mkdirSync(SCREENS_DIR, { recursive: true });
  const agentCase = await hub.hub.store.read((q) => q.get<{ id: number }>('SELECT c.id FROM cases c JOIN users u ON u.id = c.assigned_agent_id WHERE u.username = ? ORDER BY c.id LIMIT 1', [TEAM.agent.username]));
  const caseId = String(agentCase?.id);
  await agentCausesConflict(caseId);

  const page = await (await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' })).newPage();
  await login(page, leadDesk.host, 'lead', 'lead123');
  // local-only: no conflicts button
  await expect(page.getByTestId('lead-view')).toBeVisible();
  await expect(page.getByTestId('lead-conflicts')).toHaveCount(0);
  await page.getByTestId('sync-indicator').click();
  await page.getByTestId('connect-url').fill(hub.url);
  await page.getByTestId('connect-username').fill(TEAM.lead.username);
  await page.getByTestId('connect-password').fill(HUB_PASSWORD);
  await page.getByTestId('connect-submit').click();
  await expect(page.getByTestId('sync-indicator')).toHaveAttribute('data-online', 'true');
  // the 已连接 toast can sit over the close button, and the pointer on it keeps it open: click the button itself
  await page.getByTestId('sync-drawer').locator('.ant-drawer-close').dispatchEvent('click');
  await expect(page.getByTestId('sync-drawer-body')).toBeHidden();

  const button = page.getByTestId('lead-conflicts');
  await expect(button).toHaveAttribute('data-count', '1', { timeout: 20_000 });
  await expect(button).toContainText('冲突 1');
  await page.screenshot({ path: join(SCREENS_DIR, 'lead-conflicts-button-zh.png') });
  await button.click();
  const item = page.getByTestId('conflict');
  await expect(item).toHaveCount(1);
  await expect(item).toHaveAttribute('data-resolved', '0');
  await expect(item.getByTestId('conflict-text')).toHaveText('承诺状态：催收员的工作台要改为“已兑现”（原为“爽约”），但团队服务器上已是“待兑现”');
  await expect(item).toContainText(`${TEAM.agent.displayName}（A3001）`);
  await expect(item).toContainText(`#${caseId}`);
  // the amounts and dates behind it, and a way to the case
  await expect(item.getByTestId('conflict-promise')).toContainText('该承诺：¥');
  await expect(item.getByTestId('conflict-open-case')).toBeVisible();
  await motionSettled(page.getByTestId('conflicts-drawer')); // the drawer has slid in, for the screenshot
  await page.screenshot({ path: join(SCREENS_DIR, 'lead-conflicts-zh.png') });

  // the hub goes away: the decision cannot be recorded, and says why
  await hub.stop();
  await item.getByText('已与催收员核实').click();
  await expect(item.getByTestId('conflict-input')).toHaveValue('已与催收员核实');
  await item.getByTestId('conflict-resolve').click();
  await expect(item.getByTestId('conflict-error')).toHaveText('无法连接团队服务器，联网后再处理');
  await expect(item).toHaveAttribute('data-resolved', '0');

  // back: recorded on the hub, shown as resolved, the count drops
  await hub.restart();
  await item.getByTestId('conflict-input').fill('已与催收员核实，客户实际未付款，承诺保持待兑现');
  await item.getByTestId('conflict-resolve').click();
  await expect(page.getByText('处理意见已记录到团队服务器')).toBeVisible();
  await expect(item).toHaveAttribute('data-resolved', '1');
  await expect(item.getByTestId('conflict-resolution')).toContainText('已与催收员核实，客户实际未付款');
  await expect(item.getByTestId('conflict-resolution')).toContainText(`${TEAM.lead.displayName} 于`);
  await page.screenshot({ path: join(SCREENS_DIR, 'lead-conflicts-resolved-zh.png') });
  await page.getByTestId('conflicts-drawer').locator('.ant-drawer-close').click();
  await expect(button).toHaveAttribute('data-count', '0');

  const open = await hub.hub.store.read((q) => q.all<{ resolution: string }>('SELECT resolution FROM conflicts WHERE resolved_at IS NULL'));
  expect(open).toEqual([]);

  // The agent's second case moves to another agent; the agent's desk, not knowing, pushes a
  // payment on it: refused `reassigned`, and the lead accepts it from the drawer.
  const moved = await hub.hub.store.read((q) => q.get<{ id: number; balance_fen: number }>(
    'SELECT c.id, c.balance_fen FROM cases c JOIN users u ON u.id = c.assigned_agent_id WHERE u.username = ? ORDER BY c.id LIMIT 1 OFFSET 1', [TEAM.agent.username]));
  const movedId = String(moved?.id);
  await agentPaysAfterReassignment(movedId, 12_345);
  await expect(button).toHaveAttribute('data-count', '1', { timeout: 20_000 });
  await button.click();
  const late = page.locator('[data-testid="conflict"][data-resolved="0"]');
  await expect(late).toHaveCount(1);
  await expect(late.getByTestId('conflict-text')).toContainText(`前任坐席 ${TEAM.agent.displayName}（A3001） 在案件改派后登记还款 ¥123.45`);
  await expect(late.getByTestId('conflict-discard')).toBeVisible();
  await late.getByTestId('conflict-accept').click();
  await expect(page.getByText('已采纳，记录已计入案件')).toBeVisible();
  await expect(page.locator(`[data-testid="conflict"][data-conflict-id]`).filter({ hasText: '登记还款 ¥123.45' })).toHaveAttribute('data-resolved', '1');
  const after = await hub.hub.store.read((q) => q.get<{ balance_fen: number }>('SELECT balance_fen FROM cases WHERE id = ?', [Number(movedId)]));
  expect(Number(after?.balance_fen)).toBe(Number(moved?.balance_fen) - 12_345);
  const accepted = page.locator('[data-testid="conflict"][data-resolved="1"]').filter({ hasText: '登记还款 ¥123.45' });
  await expect(accepted.getByTestId('conflict-decision')).toHaveText('采纳');
  await page.screenshot({ path: join(SCREENS_DIR, 'lead-conflicts-late-payment-zh.png') });
  const kept = await hub.hub.store.read((q) => q.all<{ decision: string | null; kind: string }>('SELECT kind, decision FROM conflicts ORDER BY id'));
  expect(kept).toEqual([{ kind: 'promise.transition', decision: null }, { kind: 'latePayment', decision: 'accept' }]);
  const audited = await hub.hub.store.read((q) => q.all<{ action: string }>("SELECT action FROM admin_audit WHERE action = 'conflict.resolve'"));
  expect(audited).toHaveLength(2);

  // A refused promise change the hub's payments do not support: accepting it is refused naming
  // why (nothing changes); discarding it records the decision only.
  await page.getByTestId('conflicts-drawer').locator('.ant-drawer-close').click();
  await agentCausesConflict(caseId);
  await expect(button).toHaveAttribute('data-count', '1', { timeout: 20_000 });
  await button.click();
  const change = page.locator('[data-testid="conflict"][data-resolved="0"]');
  await expect(change).toHaveCount(1);
  await change.getByTestId('conflict-accept').click();
  await expect(change.getByTestId('conflict-error')).toHaveText('按团队服务器上的还款，该承诺应为“待兑现”（已还 ¥0.00），不是“已兑现”，无法采纳');
  await expect(change).toHaveAttribute('data-resolved', '0');
  await page.screenshot({ path: join(SCREENS_DIR, 'lead-conflicts-refused-accept-zh.png') });
  const changeId = await change.getAttribute('data-conflict-id');
  await change.getByTestId('conflict-discard').click();
  const discarded = page.locator(`[data-testid="conflict"][data-conflict-id="${changeId}"]`);
  await expect(discarded).toHaveAttribute('data-resolved', '1');
  await expect(discarded.getByTestId('conflict-decision')).toHaveText('不采纳');
  const promises = await hub.hub.store.read((q) => q.all<{ state: string }>('SELECT state FROM promises WHERE case_id = ? ORDER BY created_at DESC LIMIT 1', [Number(caseId)]));
  expect(promises).toEqual([{ state: 'pending' }]);
  await expect(button).toHaveAttribute('data-count', '0');
});

/** The lead moves `caseId` to a second agent; then the first agent's desk (plain HTTP) pushes a payment on it. */
async function agentPaysAfterReassignment(caseId: string, amountFen: number): Promise<void> {
  const now = new Date();
  const other = await addUser(hub.hub.store, { username: 'agent2', password: HUB_PASSWORD, role: 'agent', team: TEAM.name, displayName: '孙丽', agentNo: 'A3002' }, now);
  const { body: lead } = await post('/v1/auth/login', { username: TEAM.lead.username, password: HUB_PASSWORD });
  const assign = await post('/v1/sync/push', {
    deviceId: `e2e-lead-${randomUUID().slice(0, 8)}`, schemaVersion: SYNC_SCHEMA_VERSION,
    mutations: [{ id: 1, name: 'case.assign', clientTime: now.toISOString(), args: { caseIds: [caseId], agentId: String(other), at: now.toISOString() } }],
  }, lead.token);
  expect(assign.body.rejected).toEqual([]);
  const { body: auth } = await post('/v1/auth/login', { username: TEAM.agent.username, password: HUB_PASSWORD });
  const r = await post('/v1/sync/push', {
    deviceId: `e2e-agent-${randomUUID().slice(0, 8)}`, schemaVersion: SYNC_SCHEMA_VERSION,
    mutations: [{ id: 1, name: 'payment.record', clientTime: now.toISOString(), args: { paymentId: randomUUID(), caseId, amountFen, paidDate: localDateOf(now), source: 'agent', at: now.toISOString() } }],
  }, auth.token);
  expect(r.body.rejected).toEqual([{ mutationId: 1, reason: 'reassigned' }]);
}
