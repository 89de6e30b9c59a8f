/**
 * Fuzz (fast-check): random and hostile payloads through every desk contract route, as an agent
 * and as a lead. Whatever comes in, desk.invoke answers (never throws); a success's output parses
 * with the route's contract schema; a refusal is a DeskError with a code and a message, and never
 * INTERNAL (an unexpected error is a crash the input found). FUZZ_RUNS=n runs per route (default 25).
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { createAgent } from '../../electron/core/auth/auth';
import { contract, DeskError, type RouteName } from '../../shared/contract';
import { addCase, attemptInput, openTestDesk, type TestDesk } from '../fixtures/desk';
import { fakeHubFetch } from '../fixtures/fake-hub';
import { hostilePayload } from '../fixtures/hostile';

const RUNS = Number(process.env.FUZZ_RUNS ?? 25);
/** Routes that render documents (a valid payload costs a second): fewer runs. */
const HEAVY = new Set<RouteName>(['reports.export', 'dashboard.exportXlsx', 'message.letterPdf', 'evidence.pack', 'importer.apply', 'importer.export', 'sync.exportUnsynced']);
/** Routes that end the session or switch the database: last, so the others run on the seeded desk. */
const LAST: RouteName[] = ['team.moveLocalCases', 'team.localCasesPreview', 'hub.host', 'sync.connect', 'sync.now', 'sync.disconnect', 'auth.logout'];

let t: TestDesk;
let ids: string[] = [];
let samples: Partial<Record<RouteName, Record<string, unknown>[]>> = {};

/** A fresh desk with a lead, two cases (one the agent's, with numbers and a contact) and valid samples to bend. */
async function setup(): Promise<void> {
  t = await openTestDesk({
    fetch: fakeHubFetch({ agentId: '42', displayName: '枢纽组长', agentNo: 'H0042', role: 'lead' }),
    hostHub: async ({ port }) => ({ port, urls: [`http://192.0.2.10:${port}`], close: async () => {} }),
  });
  t.desk.ctx.db.transaction(() => createAgent(t.desk.ctx, { username: 'boss', password: 'secret3', displayName: '组长', agentNo: 'L0001', role: 'lead' }))();
  const a = addCase(t, { agentId: t.agentId, phones: [{ number: '13912345678' }, { number: '13800138001' }], contacts: [{ name: '李四', relation: 'friend', party: 'third_party', phone: '13700137000' }] });
  const b = addCase(t, { agentId: t.otherAgentId });
  const caseId = String(a.caseId);
  const phoneId = String(a.phoneIds[0]);
  ids = [caseId, String(b.caseId), phoneId, String(a.phoneIds[1]), String(t.agentId), String(t.otherAgentId), '1'];
  const today = t.today();
  const scope = { kind: 'agent', agentId: String(t.agentId) };
  samples = {
    'attempt.save': [attemptInput(caseId), attemptInput(caseId, { party: 'self', outcomeCode: 'PTP', ptp: { amountFen: 10_000, dueDate: today } })],
    'payment.record': [{ caseId, amountFen: 5_000, paidDate: today, channel: 'bank_transfer', txnNo: 'TXN1', claimed: true }],
    'phone.add': [{ caseId, number: '139 0013 9000', contact: { name: '李四', relation: 'spouse' } }],
    'phone.mark': [{ caseId, phoneId, mark: 'suspended' }],
    'case.get': [{ caseId }],
    'case.reveal': [{ caseId, field: 'phone', phoneId }],
    'contact.check': [{ caseId, phoneId }],
    'contact.override': [{ caseId, phoneId, reason: '债务人约定此时回电' }],
    'dial.start': [{ caseId, phoneId }],
    'draft.save': [{ caseId, draft: { outcomeCode: 'PTP', party: 'self', phoneId: null, note: '草稿', ptpAmountFen: 100, ptpDate: null, followUpAt: null, claimedPaidDate: null, stepsDone: [], scenario: null } }],
    'queue.list': [{ filter: { search: '王' }, limit: 50 }],
    'script.forCase': [{ caseId, locale: 'en' }],
    'settings.update': [{ locale: 'en' }],
    'message.preview': [{ caseId, templateId: 'sms-reminder-zh', recipient: String(a.phoneIds[1]) }],
    'message.send': [{ caseId, templateId: 'sms-reminder-zh', recipient: String(a.phoneIds[1]), clientRequestId: 'msg-fuzz-1' }],
    'message.letterPdf': [{ caseId, templateId: 'letter-notice-zh', recipient: 'address' }],
    'evidence.pack': [{ caseId, format: 'zip' }],
    'reports.summary': [{ scope, from: today, to: today }],
    'reports.export': [{ scope, from: today, to: today, doc: 'summary', format: 'docx', locale: 'zh-CN' }],
    'targets.save': [{ targets: [{ agentId: String(t.agentId), period: 'day', metric: 'calls', value: 60, from: today, to: today }] }],
    'lead.assign': [{ caseIds: [caseId], agentId: String(t.otherAgentId) }],
    'lead.setCaseTimeZone': [{ caseId, timeZone: 'Asia/Urumqi' }],
    'distribution.preview': [{ operation: { op: 'distribute', filter: {}, strategy: 'byCount', agentIds: [String(t.otherAgentId)] } }],
    'importer.upload': [{ uploadId: null, fileName: 'batch.csv', offset: 0, data: Buffer.from('姓名,卡号,逾期金额\n张三,A1,100\n').toString('base64') }],
    'privacy.unlock': [{ password: 'secret1' }],
  };
}
afterEach(() => t?.close());

/** Back to a signed-in, unlocked session as `user` (a payload may have logged out or locked the screen). */
async function ensureSession(user: { username: string; password: string }): Promise<void> {
  const s = await t.desk.invoke('auth.session', {});
  const who = s.ok && typeof s.value === 'object' && s.value !== null && 'agent' in s.value ? s.value.agent : null;
  const name = typeof who === 'object' && who !== null && 'username' in who ? who.username : null;
  if (name !== user.username) await t.desk.invoke('auth.login', user);
  const lock = await t.desk.invoke('privacy.lockState', {});
  if (lock.ok && typeof lock.value === 'object' && lock.value !== null && 'locked' in lock.value && lock.value.locked) await t.desk.invoke('privacy.unlock', { password: user.password });
}

/** What the payloads met, per route (FUZZ_DEBUG=1 prints it: whether they get past the schema). */
const seen = new Map<string, number>();
afterEach(() => {
  if (process.env.FUZZ_DEBUG === '1') console.log([...seen].sort().map(([k, n]) => `${k} ${n}`).join('\n'));
  seen.clear();
});

function expectExplained(route: RouteName, r: unknown): void {
  const tag = typeof r === 'object' && r !== null && 'ok' in r ? (r.ok ? 'ok' : 'error' in r && typeof r.error === 'object' && r.error !== null && 'code' in r.error ? String(r.error.code) : '?') : '?';
  seen.set(`${route} ${tag}`, (seen.get(`${route} ${tag}`) ?? 0) + 1);
  expect(typeof r === 'object' && r !== null && 'ok' in r, `${route}: not a result`).toBe(true);
  if (typeof r !== 'object' || r === null || !('ok' in r)) return;
  if (r.ok === true && 'value' in r) {
    const parsed = contract[route].output.safeParse(r.value);
    expect(parsed.success, `${route}: output does not parse: ${parsed.success ? '' : parsed.error.message}`).toBe(true);
    return;
  }
  const e = 'error' in r ? DeskError.safeParse(r.error) : null;
  expect(e?.success, `${route}: refusal is not a DeskError: ${JSON.stringify(r).slice(0, 300)}`).toBe(true);
  if (!e?.success) return;
  expect(e.data.code, `${route}: ${e.data.message}`).not.toBe('INTERNAL');
  expect(e.data.message.length, route).toBeGreaterThan(0);
}

const ROUTES = (Object.keys(contract) as RouteName[]).filter((r) => !LAST.includes(r));

describe.each([
  ['agent', { username: 'tester', password: 'secret1' }],
  ['lead', { username: 'boss', password: 'secret3' }],
] as const)('fuzz: every desk route as %s', (_role, user) => {
  it('answers any payload with a result or an explained refusal, never a crash', async () => {
    await setup();
    for (const route of [...ROUTES, ...LAST]) {
      await ensureSession(user);
      const arb = hostilePayload(contract[route].input, ids, samples[route] ?? []);
      await fc.assert(
        fc.asyncProperty(arb, async (payload) => {
          if (route !== 'auth.logout') await ensureSession(user);
          expectExplained(route, await t.desk.invoke(route, payload));
        }),
        { numRuns: HEAVY.has(route) ? Math.max(3, Math.floor(RUNS / 4)) : RUNS, seed: Number(process.env.FUZZ_SEED ?? 20261206) },
      );
    }
  }, 600_000);
});
