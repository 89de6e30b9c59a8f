import { afterEach, describe, expect, it } from 'vitest';
import { contract, DeskError, type RouteName } from '../../shared/contract';
import { createAgent } from '../../electron/core/auth/auth';
import { addCase, attemptInput, openTestDesk, unwrap, type TestDesk } from '../fixtures/desk';
import { fakeHubFetch } from '../fixtures/fake-hub';
import { DEFAULT_MESSAGE_TEMPLATES } from '../../electron/core/messages/default-templates';

let t: TestDesk;
afterEach(() => t?.close());

describe('desk.invoke and the contract', () => {
  it('every route returns output that parses with its contract schema', async () => {
    t = await openTestDesk({ fetch: fakeHubFetch({ agentId: '42', displayName: '枢纽组长', agentNo: 'H0042', role: 'lead' }), hostHub: async ({ port }) => ({ port, urls: [`http://192.0.2.10:${port}`], close: async () => {} }) });
    const { caseId, debtorId, phoneIds } = addCase(t, { agentId: t.agentId, phones: [{ number: '13912345678' }, { number: '13800138001' }] });
    t.desk.ctx.prep('UPDATE debtors SET home_address = ? WHERE id = ?').run('上海市浦东新区世纪大道100号', debtorId);
    const tomorrow = new Date(t.clock().getTime() + 86_400_000);
    const script = await t.call('script.forCase', { caseId: String(caseId), locale: 'zh-CN' });
    const required = [...script.opening, ...script.body].filter((s) => s.required).map((s) => s.id);
    const inputs: { [R in RouteName]: unknown } = {
      'auth.login': { username: 'tester', password: 'secret1' },
      'auth.session': {},
      'settings.get': {},
      'settings.update': { locale: 'en' },
      'reference.get': {},
      'queue.list': {},
      'queue.today': {},
      'followup.dueList': {},
      'case.get': { caseId: String(caseId) },
      'case.reveal': { caseId: String(caseId), field: 'phone', phoneId: String(phoneIds[0]) },
      'script.forCase': { caseId: String(caseId), locale: 'en' },
      'draft.save': { caseId: String(caseId), draft: { outcomeCode: 'PTP', party: 'self', phoneId: null, note: '草稿', ptpAmountFen: 100, ptpDate: null, followUpAt: null, claimedPaidDate: null, stepsDone: [], scenario: null } },
      'draft.cases': {},
      'attempt.save': attemptInput(caseId, {
        party: 'self', outcomeCode: 'PTP', ptp: { amountFen: 10_000, dueDate: t.today() }, stepsDone: required,
        followUp: { dueAt: tomorrow.toISOString(), reason: '回访' },
      }),
      'payment.record': { caseId: String(caseId), amountFen: 5_000, paidDate: t.today(), channel: 'bank_transfer', txnNo: 'TXN20260301001', claimed: true },
      'payment.pending': {},
      'dial.settings': {},
      'dial.saveSettings': { mode: 'tel' },
      'dial.start': { caseId: String(caseId), phoneId: String(phoneIds[0]) },
      'payment.verify': {}, // filled in with the claimed payment recorded above
      'followup.next': {},
      'case.setPreferredPhone': { caseId: String(caseId), phoneId: String(phoneIds[0]) },
      'phone.add': { caseId: String(caseId), number: '139 0013 9000', contact: { name: '李四', relation: 'spouse' } },
      'phone.mark': { caseId: String(caseId), phoneId: String(phoneIds[0]), mark: 'suspended' },
      'contact.check': { caseId: String(caseId), phoneId: String(phoneIds[0]) },
      'contact.violations': {},
      'contact.override': { caseId: String(caseId), phoneId: String(phoneIds[0]), reason: '债务人约定此时回电' },
      'sync.status': {},
      'sync.unsynced': {},
      'sync.exportUnsynced': {},
      'sync.rejections': {},
      'reports.agents': {},
      'reports.summary': { scope: { kind: 'agent', agentId: String(t.agentId) }, from: t.today(), to: t.today() },
      'reports.plan': { scope: { kind: 'agent', agentId: String(t.agentId) }, from: t.today(), to: t.today() },
      'reports.saveNotes': { scope: { kind: 'agent', agentId: String(t.agentId) }, from: t.today(), to: t.today(), reflection: '今天接通率偏低', nextCommitments: ['每天联系 60 位客户'] },
      'reports.export': { scope: { kind: 'agent', agentId: String(t.agentId) }, from: t.today(), to: t.today(), doc: 'summary', format: 'docx', locale: 'zh-CN' },
      'sync.ackRejections': {},
      'case.moved': { caseId: String(caseId) },
      'lead.agents': {},
      'lead.cases': { agentId: String(t.agentId) },
      'lead.assignPreview': { caseIds: [String(caseId)], agentId: String(t.otherAgentId) },
      'lead.assign': { caseIds: [String(caseId)], agentId: String(t.otherAgentId) },
      'distribution.options': {},
      'distribution.select': { filter: { unassigned: false } },
      'distribution.preview': { operation: { op: 'distribute', filter: {}, strategy: 'byCount', agentIds: [String(t.otherAgentId)] } },
      'distribution.apply': { operation: { op: 'distribute', filter: {}, strategy: 'byCount', agentIds: [String(t.otherAgentId)] }, token: '' },
      'distribution.setAgentBuckets': { agentBuckets: { [String(t.otherAgentId)]: ['M2'] } },
      'importer.upload': { uploadId: null, fileName: 'batch.csv', offset: 0, data: Buffer.from('姓名,卡号,逾期金额,逾期天数\n张三,A1,100,3\n').toString('base64') },
      'importer.preset': { creditor: '某银行' },
      'importer.preview': {},
      'importer.apply': {},
      'importer.export': {},
      'hub.host': { enabled: true, port: 7999 },
      'sync.connect': { hubUrl: 'http://hub.test:7420', username: 'hubuser', password: 'hubpass1' },
      'sync.now': {},
      'lead.conflicts': {},
      'team.desks': {},
      'team.addAgent': { username: 'newagent', password: 'secret-9', displayName: '新人', agentNo: 'A2001' },
      'team.setAgentDisabled': { userId: '77', disabled: true },
      'team.localCasesPreview': {},
      'team.moveLocalCases': {},
      'lead.resolveConflict': { conflictId: '7', resolution: '已核实：以中心状态为准' },
      'lead.clearHold': { caseId: String(caseId), reason: '争议已核实，恢复催收' },
      'lead.setCaseTimeZone': { caseId: String(caseId), timeZone: 'Asia/Urumqi' },
      'targets.list': {},
      'targets.save': { targets: [{ agentId: String(t.agentId), period: 'day', metric: 'calls', value: 60, from: t.today(), to: t.today() }] },
      'dashboard.get': { period: 'month' },
      'dashboard.exportXlsx': { period: 'week', locale: 'en' },
      'dashboard.myProgress': {},
      'sync.disconnect': {},
      'auth.logout': {},
      'privacy.myReveals': {},
      'privacy.lock': {},
      'privacy.unlock': { password: 'secret1' },
      'privacy.lockState': {},
      'message.options': { caseId: String(caseId) },
      'message.preview': { caseId: String(caseId), templateId: 'sms-reminder-zh', recipient: String(phoneIds[1]) /* phoneIds[0] is marked suspended above */ },
      'message.send': { caseId: String(caseId), templateId: 'sms-reminder-zh', recipient: String(phoneIds[1]) /* phoneIds[0] is marked suspended above */, clientRequestId: 'msg-contract-1' },
      'message.list': { caseId: String(caseId) },
      'message.letterPdf': { caseId: String(caseId), templateId: 'letter-notice-zh', recipient: 'address' },
      'message.saveTemplates': { templates: DEFAULT_MESSAGE_TEMPLATES },
      'message.gateway': {},
      'evidence.check': { caseId: String(caseId) },
      'evidence.pack': { caseId: String(caseId), format: 'zip' },
    };
    // Lead routes as a lead; then the hub routes (they switch databases); log out last.
    const late: RouteName[] = ['lead.agents', 'payment.pending', 'payment.verify', 'message.saveTemplates', 'message.gateway', 'contact.violations', 'contact.override', 'targets.save', 'dashboard.get', 'dashboard.exportXlsx', 'lead.cases', 'lead.assignPreview', 'lead.assign',
      'lead.clearHold', 'lead.setCaseTimeZone', 'importer.upload', 'importer.preset', 'importer.preview', 'importer.apply', 'importer.export',
      'distribution.options', 'distribution.select', 'distribution.preview', 'distribution.apply', 'distribution.setAgentBuckets', 'hub.host', 'sync.connect', 'sync.now', 'lead.conflicts', 'team.desks', 'team.addAgent', 'team.setAgentDisabled', 'team.localCasesPreview', 'team.moveLocalCases', 'lead.resolveConflict', 'sync.disconnect', 'auth.logout'];
    const order = [...(Object.keys(contract) as RouteName[]).filter((r) => !late.includes(r)), ...late];
    for (const route of order) {
      if (route === 'lead.agents') {
        t.desk.ctx.db.transaction(() => createAgent(t.desk.ctx, { username: 'boss', password: 'secret3', displayName: '组长', agentNo: 'L0001', role: 'lead' }))();
        await t.call('auth.login', { username: 'boss', password: 'secret3' });
      }
      // Moving local cases is offered on the hub this desk hosts (the fake hub answers on any address).
      if (route === 'team.localCasesPreview') t.desk.ctx.db.prepare("UPDATE sync_state SET hub_url = 'http://127.0.0.1:7999'").run();
      if (route === 'lead.resolveConflict') t.desk.ctx.db.prepare("UPDATE sync_state SET hub_url = 'http://hub.test:7420'").run();
      if (route === 'lead.clearHold') t.desk.ctx.db.prepare("UPDATE cases SET status = 'hold' WHERE id = ?").run(caseId);
      if (route === 'auth.logout') await t.call('auth.login', { username: 'tester', password: 'secret1' });
      if (route === 'distribution.apply') {
        const operation = { op: 'distribute' as const, filter: {}, strategy: 'byCount' as const, agentIds: [String(t.otherAgentId)] };
        inputs[route] = { operation, token: (await t.call('distribution.preview', { operation })).token };
      }
      const r = await t.desk.invoke(route, inputs[route]);
      expect(r.ok, `${route}: ${JSON.stringify(r)}`).toBe(true);
      if (r.ok && route === 'payment.record') inputs['payment.verify'] = { paymentId: (r.value as { paymentId: string }).paymentId, decision: 'confirm' };
      if (r.ok && route === 'importer.upload') {
        const { uploadId } = r.value as { uploadId: string };
        inputs['importer.preview'] = { uploadId, creditor: '某银行' };
        inputs['importer.apply'] = { uploadId, creditor: '某银行', mapping: { 姓名: 'name' }, savePreset: true };
        inputs['importer.export'] = { uploadId, format: 'xlsx' };
      }
      if (r.ok) {
        const parsed = contract[route].output.safeParse(r.value);
        expect(parsed.success, `${route} output: ${parsed.success ? '' : parsed.error.message}`).toBe(true);
      }
    }
  });

  it('refuses unknown routes and malformed input with a clear error', async () => {
    t = await openTestDesk();
    const unknown = await t.desk.invoke('case.delete', {});
    expect(unknown).toMatchObject({ ok: false, error: { code: 'UNKNOWN_ROUTE' } });
    const bad = await t.desk.invoke('queue.list', { limit: 10_000 });
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'limit' } });
    const notFound = await t.desk.invoke('case.get', { caseId: '999999' });
    expect(notFound).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    for (const r of [unknown, bad, notFound]) if (!r.ok) expect(DeskError.safeParse(r.error).success).toBe(true);
  });

  it('maps unexpected errors to INTERNAL, logs them and never throws', async () => {
    const logged: string[] = [];
    t = await openTestDesk({ log: (level, msg) => logged.push(`${level}:${msg}`) });
    t.desk.ctx.db.exec('DROP TABLE drafts'); // sabotage
    const { caseId } = addCase(t, { agentId: t.agentId });
    const r = await t.desk.invoke('draft.save', { caseId: String(caseId), draft: { outcomeCode: null, party: null, phoneId: null, note: '', ptpAmountFen: null, ptpDate: null, followUpAt: null, claimedPaidDate: null, stepsDone: [], scenario: null } });
    expect(r).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(logged.some((l) => l.startsWith('error:draft.save'))).toBe(true);
  });

  it('settings: defaults, update and validation of the zone', async () => {
    t = await openTestDesk();
    expect(await t.call('settings.get', {})).toMatchObject({ locale: 'zh-CN', timeZone: 'Asia/Shanghai', ptpMaxDays: 30, ptpGraceDays: 1 });
    expect(await t.call('settings.update', { locale: 'en', timeZone: 'Asia/Urumqi' })).toMatchObject({ locale: 'en', timeZone: 'Asia/Urumqi' });
    expect(await t.desk.invoke('settings.update', { timeZone: 'Mars/Olympus' })).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'timeZone' } });
    t.close();
    t = await openTestDesk({ dataDir: t.dir });
    expect(await unwrap(t.desk.invoke('settings.get', {}))).toMatchObject({ locale: 'en', timeZone: 'Asia/Urumqi' });
  });

  it('reference.get returns the bundled outcome codes with hotkeys', async () => {
    t = await openTestDesk();
    const { outcomeCodes } = await t.call('reference.get', {});
    expect(outcomeCodes.find((c) => c.code === 'PTP')).toMatchObject({ hotkey: '1', needsPtp: true });
    expect(new Set(outcomeCodes.map((c) => c.hotkey).filter(Boolean)).size).toBe(10);
  });
});
