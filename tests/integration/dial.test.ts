/**
 * Click-to-dial (issue 9) on a real desk against a local stub softphone (127.0.0.1, random
 * port): the settings (token never read back, bad URLs refused), the contact rules before any
 * dial (blocked: the softphone hears nothing), tel:/sip: links handed to the host or returned,
 * the HTTP adapter's answers (recording reference, error status, timeout, unreachable, a hostile
 * reply), and the recording reference kept on the call record and sent to the hub.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { addCase, attemptInput, openTestDesk, type TestDesk } from '../fixtures/desk';

interface Seen { body: unknown; auth: string | undefined }
let server: http.Server;
let base = '';
const seen: Seen[] = [];
/** What the stub does next, by path. */
const replies: Record<string, (res: http.ServerResponse) => void> = {
  '/dial': (res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ recordingRef: 'REC-20260310-0001', callId: 77 })),
  '/plain': (res) => res.writeHead(200).end('OK'),
  '/busy': (res) => res.writeHead(503).end('{"error":"line busy"}'),
  '/hang': () => undefined, // never answers
  '/evil': (res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ recordingRef: 'REC\u0000\n<script>' })),
};

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString('utf8')));
    req.on('end', () => {
      seen.push({ body: JSON.parse(raw || 'null'), auth: req.headers.authorization });
      (replies[req.url ?? ''] ?? ((r: http.ServerResponse) => r.writeHead(404).end()))(res);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

let t: TestDesk;
afterEach(() => {
  t.close();
  seen.length = 0;
});

async function deskWithCase(opened: string[] | null = null, phone = '13812345678', status: 'valid' | 'do_not_call' = 'valid') {
  t = await openTestDesk(opened ? { openExternal: async (url: string) => void opened.push(url) } : {});
  const { caseId, phoneIds } = addCase(t, { agentId: t.agentId, phones: [{ number: phone, status }] });
  return { caseId: String(caseId), phoneId: String(phoneIds[0]) };
}

describe('dial settings', () => {
  it('default to dialling by hand, keep the token to themselves and refuse bad URLs', async () => {
    await deskWithCase();
    expect(await t.call('dial.settings', {})).toEqual({ mode: 'none', httpUrl: null, hasToken: false, timeoutMs: 5000 });
    expect(await t.call('dial.saveSettings', { mode: 'http', httpUrl: `${base}/dial`, token: 'sekret-token', timeoutMs: 3000 })).toEqual({ mode: 'http', httpUrl: `${base}/dial`, hasToken: true, timeoutMs: 3000 });
    // token omitted: kept; null: cleared
    expect((await t.call('dial.saveSettings', { mode: 'http', httpUrl: `${base}/dial` })).hasToken).toBe(true);
    expect(JSON.stringify(await t.call('dial.settings', {}))).not.toContain('sekret');
    expect(t.count('audit_log', "action = 'dial.settings' AND detail LIKE '%sekret%'")).toBe(0);
    for (const httpUrl of ['ftp://127.0.0.1/dial', 'javascript:alert(1)', 'http://user:pw@127.0.0.1/dial', 'not a url']) {
      expect(await t.desk.invoke('dial.saveSettings', { mode: 'http', httpUrl }), httpUrl).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'httpUrl' } });
    }
    expect(await t.desk.invoke('dial.saveSettings', { mode: 'http', httpUrl: null })).toMatchObject({ ok: false, error: { field: 'httpUrl', rule: 'dial.notConfigured' } });
    expect(await t.desk.invoke('dial.saveSettings', { mode: 'http', httpUrl: `${base}/dial`, timeoutMs: 10 })).toMatchObject({ ok: false, error: { field: 'timeoutMs' } });
    expect((await t.call('dial.saveSettings', { mode: 'none', token: null })).hasToken).toBe(false);
  });
});

describe('dial.start', () => {
  it('by hand: nothing leaves the desk; a blocked number is not dialled', async () => {
    const { caseId, phoneId } = await deskWithCase();
    expect(await t.call('dial.start', { caseId, phoneId })).toEqual({ kind: 'manual', overridden: false });
    const blocked = await deskWithCaseAgain('do_not_call');
    await t.call('dial.saveSettings', { mode: 'http', httpUrl: `${base}/dial` });
    const r = await t.call('dial.start', blocked);
    expect(r).toMatchObject({ kind: 'blocked', check: { allowed: false, reasons: [{ rule: 'contact.refused' }] } });
    expect(seen).toEqual([]);
  });

  it('tel: and sip: links: the host opens them when it can, else they go back to the renderer', async () => {
    const opened: string[] = [];
    const { caseId, phoneId } = await deskWithCase(opened, '+86 138-1234-5678');
    await t.call('dial.saveSettings', { mode: 'tel' });
    expect(await t.call('dial.start', { caseId, phoneId })).toEqual({ kind: 'link', url: 'tel:+8613812345678', opened: true, overridden: false });
    expect(opened).toEqual(['tel:+8613812345678']);
    t.close();
    const other = await deskWithCase();
    await t.call('dial.saveSettings', { mode: 'sip' });
    expect(await t.call('dial.start', other)).toEqual({ kind: 'link', url: 'sip:13812345678', opened: false, overridden: false });
    expect(t.count('audit_log', "action = 'dial.start'")).toBe(1);
  });

  it('HTTP: posts the number with the token and keeps the recording reference', async () => {
    const { caseId, phoneId } = await deskWithCase();
    await t.call('dial.saveSettings', { mode: 'http', httpUrl: `${base}/dial`, token: 'tok-123' });
    expect(await t.call('dial.start', { caseId, phoneId })).toEqual({ kind: 'http', recordingRef: 'REC-20260310-0001', overridden: false });
    expect(seen).toEqual([{ body: { number: '13812345678', caseId, agentNo: 'T0001' }, auth: 'Bearer tok-123' }]);
    await t.call('dial.saveSettings', { mode: 'http', httpUrl: `${base}/plain`, token: null });
    expect(await t.call('dial.start', { caseId, phoneId })).toEqual({ kind: 'http', recordingRef: null, overridden: false });
    expect(seen[1]?.auth).toBeUndefined();
  });

  it('HTTP failures are clear refusals: error status, timeout, unreachable, a hostile reply', async () => {
    const { caseId, phoneId } = await deskWithCase();
    const dial = async (httpUrl: string, timeoutMs = 5000) => {
      await t.call('dial.saveSettings', { mode: 'http', httpUrl, timeoutMs });
      const r = await t.desk.invoke('dial.start', { caseId, phoneId });
      return r.ok ? r.value : r.error;
    };
    expect(await dial(`${base}/busy`)).toMatchObject({ code: 'VALIDATION', rule: 'dial.httpStatus', params: { status: 503 } });
    const started = Date.now();
    expect(await dial(`${base}/hang`, 1000)).toMatchObject({ code: 'VALIDATION', rule: 'dial.timeout', params: { seconds: 1 } });
    expect(Date.now() - started).toBeLessThan(4000);
    const closed = http.createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const deadPort = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    expect(await dial(`http://127.0.0.1:${deadPort}/dial`)).toMatchObject({ code: 'VALIDATION', rule: 'dial.unreachable' });
    expect(await dial(`${base}/evil`)).toMatchObject({ code: 'VALIDATION', rule: 'dial.badResponse' });
    expect(await dial(`${base}/nowhere`)).toMatchObject({ rule: 'dial.httpStatus', params: { status: 404 } });
  });

  it('the recording reference is kept on the call record, shown in the history and sent to the hub', async () => {
    const { caseId, phoneId } = await deskWithCase();
    await t.call('attempt.save', attemptInput(caseId, { phoneId, recordingRef: 'REC-20260310-0001' }));
    expect(t.count('attempts', "recording_ref = 'REC-20260310-0001'")).toBe(1);
    const args = JSON.parse((t.desk.ctx.db.prepare("SELECT args FROM outbox WHERE name = 'attempt.save'").get() as { args: string }).args);
    expect(args.recordingRef).toBe('REC-20260310-0001');
    const d = await t.call('case.get', { caseId });
    expect(d.timeline.find((e) => e.kind === 'attempt')).toMatchObject({ recordingRef: 'REC-20260310-0001' });
    expect(await t.desk.invoke('attempt.save', attemptInput(caseId, { phoneId, recordingRef: 'x'.repeat(201) }))).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'recordingRef' } });
  });
});

/** A second case on the open desk whose one number is `status`. */
async function deskWithCaseAgain(status: 'valid' | 'do_not_call') {
  const { caseId, phoneIds } = addCase(t, { agentId: t.agentId, phones: [{ number: '13900001111', status }] });
  return { caseId: String(caseId), phoneId: String(phoneIds[0]) };
}
