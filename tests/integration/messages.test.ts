/** SMS and letters on a real desk database (issue 11): preview, checks, gateways, history, letter PDF, evidence pack. */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createAgent } from '../../electron/core/auth/auth';
import { runEvidenceCli } from '../../electron/core/evidence/cli';
import { addCase, attemptInput, openTestDesk, type TestDesk } from '../fixtures/desk';

let t: TestDesk;
let server: http.Server | null = null;
afterEach(async () => {
  t?.close();
  if (server) await new Promise((r) => server?.close(r));
  server = null;
});

let n = 0;
const req = () => `msg-req-${process.pid}-${++n}`;

async function withCase(over: Parameters<typeof addCase>[1] extends infer S ? Partial<S> : never = {}) {
  t = await openTestDesk(); // Tuesday 10:00 Shanghai
  const made = addCase(t, {
    agentId: t.agentId, name: '刘思琪', gender: 'F', phones: [{ number: '13912345678' }],
    contacts: [{ name: '王同事', relation: 'colleague', party: 'third_party', phone: '13700001111' }, { name: '李担保', relation: 'guarantor', party: 'related', phone: '13600002222' }],
    ...over,
  });
  t.desk.ctx.prep('UPDATE debtors SET home_address = ? WHERE id = ?').run('上海市浦东新区世纪大道100号2101室', made.debtorId);
  const [self, third, guarantor] = made.phoneIds.map(String);
  return { caseId: String(made.caseId), self: self ?? '', third: third ?? '', guarantor: guarantor ?? '' };
}

async function asLead(): Promise<void> {
  t.desk.ctx.db.transaction(() => createAgent(t.desk.ctx, { username: 'boss', password: 'secret3', displayName: '组长', agentNo: 'L0001', role: 'lead' }))();
  await t.call('auth.login', { username: 'boss', password: 'secret3' });
}

describe('messages on the desk', () => {
  it('previews a merged SMS, sends it through the default gateway (recorded, not sent) and keeps it in history, masked', async () => {
    const { caseId, self } = await withCase();
    const opts = await t.call('message.options', { caseId });
    expect(opts.recipients.map((r) => [r.party, r.destination])).toEqual([['self', '139****5678'], ['third_party', '137****1111'], ['guarantor', '136****2222'], ['self', '上海市浦东新****']]);
    const p = await t.call('message.preview', { caseId, templateId: 'sms-reminder-zh', recipient: self });
    expect(p.text).toContain('刘思琪女士您好');
    expect(p.text).toContain('¥5,000.00');
    expect(p.problems).toEqual([]);
    const { message } = await t.call('message.send', { caseId, templateId: 'sms-reminder-zh', recipient: self, clientRequestId: req() });
    expect(message).toMatchObject({ channel: 'sms', status: 'recorded', gateway: 'record', destination: '139****5678', party: 'self', content: p.text, agentName: '测试员' });
    expect(t.desk.ctx.prep<{ destination: string }>('SELECT destination FROM messages').get()?.destination).toBe('13912345678');
    const out = t.desk.ctx.prep<{ args: string }>("SELECT args FROM outbox WHERE name = 'message.send'").get();
    expect(JSON.parse(out?.args ?? '{}')).toMatchObject({ caseId, channel: 'sms', destination: '139****5678', status: 'recorded', content: p.text });
    expect(t.count('audit_log', "action = 'message.send'")).toBe(1);
    expect((await t.call('message.list', { caseId })).map((m) => m.id)).toEqual([message.id]);
  });

  it('sent SMS and letters are in case.get\'s timeline, newest first, masked; at the same instant an attempt comes before a message', async () => {
    const { caseId, self } = await withCase();
    const call = await t.call('attempt.save', attemptInput(caseId, { note: '无人接听，稍后发短信' }));
    const { message: sms } = await t.call('message.send', { caseId, templateId: 'sms-reminder-zh', recipient: self, clientRequestId: req() }); // same instant as the call
    t.clock.advance(60 * 60 * 1000);
    const { message: letter } = await t.call('message.send', { caseId, templateId: 'letter-notice-zh', recipient: 'address', clientRequestId: req() });
    const { timeline } = await t.call('case.get', { caseId });
    expect(timeline.map((e) => [e.kind, 'id' in e ? e.id : null])).toEqual([['message', letter.id], ['attempt', call.attemptId], ['message', sms.id]]);
    expect(timeline[0]).toMatchObject({ kind: 'message', channel: 'letter', status: 'recorded', party: 'self', destination: '上海市浦东新****', subject: '还款提醒函', agentName: '测试员' });
    expect(timeline[2]).toMatchObject({ kind: 'message', channel: 'sms', status: 'recorded', destination: '139****5678', subject: '', agentName: '测试员', at: sms.at });
    const smsEntry = timeline[2];
    if (smsEntry?.kind !== 'message') throw new Error('not a message');
    expect(sms.content.startsWith(smsEntry.excerpt.replace(/…$/, ''))).toBe(true);
    expect(smsEntry.excerpt.length).toBeLessThanOrEqual(61);
    expect(JSON.stringify(timeline)).not.toContain('13912345678');
  });

  it('a banned phrase blocks the send with the phrase and its place; nothing is stored', async () => {
    const { caseId, self } = await withCase();
    const text = '请今天还款，否则我们上门闹。';
    const p = await t.call('message.preview', { caseId, templateId: 'sms-reminder-zh', recipient: self, text });
    expect(p.problems).toEqual([{ rule: 'message.bannedPhrase', params: { phrase: '上门闹', category: 'threat' }, start: 10, end: 13 }]);
    const r = await t.desk.invoke('message.send', { caseId, templateId: 'sms-reminder-zh', recipient: self, text, clientRequestId: req() });
    expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION', rule: 'message.bannedPhrase', params: { phrase: '上门闹', start: 10, end: 13 } } });
    expect(t.count('messages')).toBe(0);
    expect(t.count('outbox', "name = 'message.send'")).toBe(0);
  });

  it('amounts must be the case\'s; a zero-width character hides nothing', async () => {
    const { caseId, self } = await withCase();
    const p = await t.call('message.preview', { caseId, templateId: 'sms-reminder-zh', recipient: self, text: '您的逾期金额为¥4,000.00，请通过官方渠道还款' });
    expect(p.problems.map((x) => x.rule)).toEqual(['message.amountMismatch']);
    const q = await t.call('message.preview', { caseId, templateId: 'sms-reminder-zh', recipient: self, text: '请转到我个\u200B人账户' });
    expect(q.text).toBe('请转到我个人账户');
    expect(q.problems.map((x) => x.rule)).toEqual(['message.bannedPhrase']);
  });

  it('a third party never gets a template that discloses the debt; the third-party template goes through', async () => {
    const { caseId, third, guarantor } = await withCase();
    const r = await t.desk.invoke('message.preview', { caseId, templateId: 'sms-reminder-zh', recipient: third });
    expect(r).toMatchObject({ ok: false, error: { rule: 'message.templateAudience', field: 'templateId' } });
    const edited = await t.call('message.preview', { caseId, templateId: 'sms-callback-zh', recipient: third, text: '请转告刘思琪尽快还清¥5,000.00' });
    expect(edited.problems.map((x) => x.rule)).toContain('message.thirdPartyDisclosure');
    // the third party's number unlocks only when the debtor is unreachable (contact rules apply to SMS)
    const locked = await t.call('message.preview', { caseId, templateId: 'sms-callback-zh', recipient: third });
    expect(locked.problems).toEqual([{ rule: 'message.contactRule', params: { contactRule: 'contact.thirdPartyLocked', failures: 0, needed: 3 } }]);
    t.desk.ctx.prep("UPDATE phones SET status = 'invalid' WHERE owner = 'self'").run();
    const ok = await t.call('message.send', { caseId, templateId: 'sms-callback-zh', recipient: third, clientRequestId: req() });
    expect(ok.message).toMatchObject({ party: 'third_party', status: 'recorded' });
    expect(ok.message.content).not.toMatch(/¥|逾期|欠/);
    // a guarantor is a party to the loan: the debtor's template is fine
    expect((await t.call('message.preview', { caseId, templateId: 'sms-reminder-zh', recipient: guarantor })).problems).toEqual([]);
  });

  it('no SMS in quiet hours (22:00-08:00 in the team zone)', async () => {
    const { caseId, self } = await withCase();
    t.clock.set('2026-03-10T14:00:00.000Z'); // 22:00 Shanghai
    const r = await t.desk.invoke('message.send', { caseId, templateId: 'sms-reminder-zh', recipient: self, clientRequestId: req() });
    expect(r).toMatchObject({ ok: false, error: { rule: 'message.contactRule', params: { contactRule: 'contact.quietHours' } } });
    t.clock.set('2026-03-10T13:59:59.000Z'); // 21:59:59
    expect((await t.call('message.preview', { caseId, templateId: 'sms-reminder-zh', recipient: self })).problems).toEqual([]);
  });

  it('an SMS over the length limit is refused', async () => {
    const { caseId, self } = await withCase();
    const r = await t.desk.invoke('message.send', { caseId, templateId: 'sms-reminder-zh', recipient: self, text: '您好'.repeat(141), clientRequestId: req() });
    expect(r).toMatchObject({ ok: false, error: { rule: 'message.smsTooLong', params: { length: 282, max: 280 } } });
  });

  it('a letter renders to a one-page PDF with the summaries\' PDF code; the sent letter prints the same', async () => {
    const { caseId } = await withCase();
    const pdf = await t.call('message.letterPdf', { caseId, templateId: 'letter-notice-zh', recipient: 'address' });
    const bytes = Buffer.from(pdf.base64, 'base64');
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.pages).toBe(1);
    const sent = await t.call('message.send', { caseId, templateId: 'letter-notice-zh', recipient: 'address', clientRequestId: req() });
    expect(sent.message).toMatchObject({ channel: 'letter', status: 'recorded', destination: '上海市浦东新****', subject: '还款提醒函' });
    expect((await t.call('message.letterPdf', { messageId: sent.message.id })).pages).toBe(1);
    // a letter too long for one page is refused before it is printed or sent
    const long = await t.call('message.preview', { caseId, templateId: 'letter-notice-zh', recipient: 'address', text: Array.from({ length: 39 }, () => '本函内容').join('\n') });
    expect(long.problems.map((p) => p.rule)).toEqual(['message.letterTooLong']);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'letter-'));
    fs.writeFileSync(path.join(dir, 'letter.pdf'), bytes);
    execFileSync('pdftoppm', ['-png', '-r', '50', path.join(dir, 'letter.pdf'), path.join(dir, 'page')]);
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.png'))).toHaveLength(1);
  });

  it('evidence: two provable collections 29 days apart do not hold, 30 do; the pack is a PDF and a ZIP of JSON records', async () => {
    const { caseId, self } = await withCase();
    await t.call('message.send', { caseId, templateId: 'sms-reminder-zh', recipient: self, clientRequestId: req() });
    t.clock.set('2026-04-08T02:00:00.000Z'); // 29 days later
    await t.call('message.send', { caseId, templateId: 'sms-reminder-zh', recipient: self, clientRequestId: req() });
    expect(await t.call('evidence.check', { caseId })).toMatchObject({ holds: false, first: '2026-03-10', second: '2026-04-08', gapDays: 29 });
    t.clock.set('2026-04-09T02:00:00.000Z'); // 30 days after the first
    await t.call('message.send', { caseId, templateId: 'letter-notice-zh', recipient: 'address', clientRequestId: req() });
    const e = await t.call('evidence.check', { caseId });
    expect(e).toMatchObject({ holds: true, first: '2026-03-10', second: '2026-04-09', gapDays: 30 });
    expect(e.collections.map((c) => c.kind)).toEqual(['sms', 'sms', 'letter']);

    const pdf = Buffer.from((await t.call('evidence.pack', { caseId, format: 'pdf' })).base64, 'base64');
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const zip = await t.call('evidence.pack', { caseId, format: 'zip' });
    expect(zip.fileName).toBe(`evidence-${caseId}-2026-04-09.zip`);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'evidence-'));
    const file = path.join(dir, zip.fileName);
    fs.writeFileSync(file, Buffer.from(zip.base64, 'base64'));
    expect(execFileSync('unzip', ['-t', file]).toString()).toMatch(/No errors detected/);
    execFileSync('unzip', ['-q', file, '-d', dir]);
    expect(fs.readdirSync(dir).sort()).toEqual(['attempts.json', 'audit.json', 'case.json', `evidence-${caseId}-2026-04-09.pdf`, zip.fileName, 'evidence.json', 'messages.json', 'payments.json', 'promises.json'].sort());
    const messages = JSON.parse(fs.readFileSync(path.join(dir, 'messages.json'), 'utf8')) as { destination: string }[];
    expect(messages.map((m) => m.destination)).toEqual(['139****5678', '139****5678', '上海市浦东新****']);
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'evidence.json'), 'utf8'))).toMatchObject({ holds: true, gapDays: 30 });
    const audit = JSON.parse(fs.readFileSync(path.join(dir, 'audit.json'), 'utf8')) as { action: string }[];
    expect(audit.filter((a) => a.action === 'message.send')).toHaveLength(3);
    expect(fs.readFileSync(file).includes(Buffer.from('13912345678'))).toBe(false);
  });

  it('a lead edits the templates (local mode); a bad template is refused naming the field', async () => {
    const { caseId, self } = await withCase();
    await asLead();
    const current = (await t.call('settings.get', {})).messageTemplates;
    const edited = current.map((x) => (x.id === 'sms-reminder-zh' ? { ...x, body: '【{{institution}}】{{debtorName}}您好，请尽快还款{{overdueAmount}}。' } : x));
    await t.call('message.saveTemplates', { templates: edited });
    expect((await t.call('message.preview', { caseId, templateId: 'sms-reminder-zh', recipient: self })).text).toMatch(/^【.+】刘思琪您好，请尽快还款¥5,000.00。$/);
    const bad = await t.desk.invoke('message.saveTemplates', { templates: [{ ...current[0], audience: 'thirdParty', body: '{{balance}}' }] });
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'templates.0.body' } });
  });
});

describe('npm run evidence', () => {
  it('writes the pack of a case from the desk database in DATA_DIR; a bad case number is a usage error', async () => {
    const { caseId, self } = await withCase();
    await t.call('message.send', { caseId, templateId: 'sms-reminder-zh', recipient: self, clientRequestId: req() });
    t.close();
    const outFile = path.join(t.dir, 'pack.zip');
    const lines: string[] = [];
    expect(await runEvidenceCli(['--case', caseId, '--format', 'zip', '--out', outFile], { DATA_DIR: t.dir }, (l) => lines.push(l))).toBe(0);
    expect(lines[0]).toContain(outFile);
    expect(execFileSync('unzip', ['-l', outFile]).toString()).toContain('messages.json');
    await expect(runEvidenceCli(['--case', '99999', '--format', 'pdf'], { DATA_DIR: t.dir }, () => {})).rejects.toThrow(/no case 99999/);
    await expect(runEvidenceCli(['--case', caseId, '--format', 'doc'], { DATA_DIR: t.dir }, () => {})).rejects.toThrow(/--format is pdf or zip/);
  });
});

describe('the HTTP gateway against a local stub', () => {
  async function stub(handler: http.RequestListener): Promise<string> {
    server = http.createServer(handler);
    await new Promise<void>((r) => server?.listen(0, '127.0.0.1', r));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}/sms`;
  }

  it('sends: the provider gets the number, text, template id and key; its id is kept', async () => {
    const seen: { auth: string | undefined; body: unknown }[] = [];
    const url = await stub((rq, rs) => {
      let body = '';
      rq.on('data', (c: Buffer) => (body += c.toString()));
      rq.on('end', () => {
        seen.push({ auth: rq.headers.authorization, body: JSON.parse(body) as unknown });
        rs.writeHead(200, { 'content-type': 'application/json' }).end('{"id":"prov-1"}');
      });
    });
    const { caseId, self } = await withCase();
    await asLead();
    expect(await t.call('message.gateway', { set: { url, key: 'k-secret', templateId: 'TPL_01' } })).toEqual({ kind: 'http', url, templateId: 'TPL_01', hasKey: true, timeoutMs: 10_000 });
    const { message } = await t.call('message.send', { caseId, templateId: 'sms-reminder-zh', recipient: self, clientRequestId: req() });
    expect(message).toMatchObject({ status: 'sent', gateway: 'http', error: null });
    expect(seen).toEqual([{ auth: 'Bearer k-secret', body: { templateId: 'TPL_01', to: '13912345678', content: message.content, messageId: message.id } }]);
    expect(t.desk.ctx.prep<{ r: string }>('SELECT gateway_ref AS r FROM messages').get()?.r).toBe('prov-1');
    expect(JSON.stringify(t.desk.ctx.prep('SELECT * FROM audit_log').all())).not.toContain('k-secret');
    // a letter never goes to the SMS provider
    await t.call('message.send', { caseId, templateId: 'letter-notice-zh', recipient: 'address', clientRequestId: req() });
    expect(seen).toHaveLength(1);
  });

  it('an error answer is stored as a failed send, with the reason, and still recorded', async () => {
    const url = await stub((_rq, rs) => rs.writeHead(503).end('busy'));
    const { caseId, self } = await withCase();
    await asLead();
    await t.call('message.gateway', { set: { url, key: 'k', templateId: 'T' } });
    const { message } = await t.call('message.send', { caseId, templateId: 'sms-reminder-zh', recipient: self, clientRequestId: req() });
    expect(message).toMatchObject({ status: 'failed', error: 'gateway answered HTTP 503' });
    expect(t.count('outbox', "name = 'message.send'")).toBe(1);
  });

  it('no answer within the timeout is a failed send', async () => {
    const url = await stub(() => {}); // never answers
    const { caseId, self } = await withCase();
    await asLead();
    // the lead's timeout is read back, so the screen shows it and a later save keeps it
    expect(await t.call('message.gateway', { set: { url, key: 'k', templateId: 'T', timeoutMs: 500 } })).toMatchObject({ kind: 'http', timeoutMs: 500 });
    const { message } = await t.call('message.send', { caseId, templateId: 'sms-reminder-zh', recipient: self, clientRequestId: req() });
    expect(message).toMatchObject({ status: 'failed', error: 'timeout after 500 ms' });
    server?.closeAllConnections();
  });

  it('a blank key keeps the stored one for the same server; a new server needs the key again; agents may not touch it', async () => {
    const seen: (string | undefined)[] = [];
    const url = await stub((rq, rs) => {
      seen.push(rq.headers.authorization);
      rq.resume().on('end', () => rs.writeHead(200).end('ok'));
    });
    const { caseId, self } = await withCase();
    expect(await t.desk.invoke('message.gateway', { set: { url, key: 'k1', templateId: 'T' } })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    await asLead();
    await t.call('message.gateway', { set: { url, key: 'k1', templateId: 'T' } });
    // the form sends the key field empty: the stored key stays, the template id changes
    expect(await t.call('message.gateway', { set: { url: `${url}?v=2`, key: '', templateId: 'T2' } })).toEqual({ kind: 'http', url: `${url}?v=2`, templateId: 'T2', hasKey: true, timeoutMs: 10_000 });
    await t.call('message.send', { caseId, templateId: 'sms-reminder-zh', recipient: self, clientRequestId: req() });
    expect(seen).toEqual(['Bearer k1']);
    // another origin with a blank key is refused on the key field, and nothing changes
    const moved = url.replace('127.0.0.1', 'localhost');
    expect(await t.desk.invoke('message.gateway', { set: { url: moved, key: '', templateId: 'T2' } })).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'set.key' } });
    expect(await t.call('message.gateway', {})).toEqual({ kind: 'http', url: `${url}?v=2`, templateId: 'T2', hasKey: true, timeoutMs: 10_000 });
    // a typed key replaces it; the audit log says which, never the key
    await t.call('message.gateway', { set: { url: moved, key: 'k2', templateId: 'T2' } });
    await t.call('message.send', { caseId, templateId: 'sms-reminder-zh', recipient: self, clientRequestId: req() });
    expect(seen).toEqual(['Bearer k1', 'Bearer k2']);
    const details = t.desk.ctx.prep<{ d: string }>("SELECT detail AS d FROM audit_log WHERE action = 'message.gateway' ORDER BY seq").all().map((r) => JSON.parse(r.d) as { key: string });
    expect(details.map((d) => d.key)).toEqual(['new', 'kept', 'new']);
    expect(JSON.stringify(details)).not.toMatch(/k1|k2/);
    // after record-only there is no key left to keep
    await t.call('message.gateway', { set: 'record' });
    expect(await t.call('message.gateway', { set: { url, key: '', templateId: 'T' } })).toMatchObject({ hasKey: false });
  });

  it('an unreachable gateway is a failed send; back to record-only is one switch', async () => {
    const { caseId, self } = await withCase();
    await asLead();
    await t.call('message.gateway', { set: { url: 'http://127.0.0.1:9/sms', key: 'k', templateId: 'T' } });
    expect((await t.call('message.send', { caseId, templateId: 'sms-reminder-zh', recipient: self, clientRequestId: req() })).message).toMatchObject({ status: 'failed', error: 'gateway unreachable' });
    expect(await t.call('message.gateway', { set: 'record' })).toEqual({ kind: 'record', url: null, templateId: null, hasKey: false, timeoutMs: null });
  });
});
