// The web-host over real HTTP against the real core on a temp SQLite file.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebHost, type WebHost } from '../../electron/web-host/server';

let host: WebHost;
let dataDir: string;
let rendererDir: string;

interface Raw {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json: () => unknown;
}

/** node:http, not fetch: sends the path and Host header exactly as given. */
function raw(method: string, path: string, opts: { headers?: Record<string, string>; body?: string | Buffer } = {}): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: host.port, method, path, headers: opts.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: () => JSON.parse(text) });
      });
    });
    req.on('error', reject);
    if (opts.body !== undefined) req.write(opts.body);
    req.end();
  });
}

const invoke = (route: string, body: unknown, token = host.token) =>
  raw('POST', `/api/invoke/${route}`, {
    headers: { 'Content-Type': 'application/json', 'X-Desk-Token': token },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'cd-webhost-'));
  rendererDir = mkdtempSync(join(tmpdir(), 'cd-renderer-'));
  writeFileSync(
    join(rendererDir, 'index.html'),
    '<!doctype html><html><head><meta charset="utf-8"><script type="module" crossorigin src="./assets/app.js"></script></head><body><div id="root"></div></body></html>',
  );
  host = await startWebHost({ dataDir, port: 0, host: '127.0.0.1', rendererDir, seedDemo: true, demoCases: 40 });
});

afterAll(async () => {
  await host?.close();
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(rendererDir, { recursive: true, force: true });
});

describe('web-host', () => {
  it('listens on 127.0.0.1 with a 32-byte token in the hash of the open URL', () => {
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(Buffer.from(host.token, 'base64url')).toHaveLength(32);
    expect(host.openUrl).toBe(`${host.url}#token=${host.token}`);
  });

  it('refuses calls without or with a wrong token (401)', async () => {
    const none = await raw('POST', '/api/invoke/auth.session', { headers: { 'Content-Type': 'application/json' }, body: '{}' });
    expect(none.status).toBe(401);
    expect(none.json()).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const wrong = await invoke('auth.session', {}, 'x'.repeat(43));
    expect(wrong.status).toBe(401);
    const events = await raw('GET', '/api/events?token=nope');
    expect(events.status).toBe(401);
  });

  it('refuses a foreign Host header (DNS rebinding) and foreign origins', async () => {
    const r = await raw('POST', '/api/invoke/auth.session', {
      headers: { Host: `evil.example:${host.port}`, 'Content-Type': 'application/json', 'X-Desk-Token': host.token },
      body: '{}',
    });
    expect(r.status).toBe(421);
    expect((await raw('GET', '/', { headers: { Host: 'evil.example' } })).status).toBe(421);
    const ok = await raw('GET', '/', { headers: { Host: `localhost:${host.port}` } });
    expect(ok.status).toBe(200);
    const cross = await raw('POST', '/api/invoke/auth.session', {
      headers: { Origin: 'http://evil.example', 'Content-Type': 'application/json', 'X-Desk-Token': host.token },
      body: '{}',
    });
    expect(cross.status).toBe(403);
  });

  it('answers an unknown route with 404 UNKNOWN_ROUTE', async () => {
    const r = await invoke('nope.nothing', {});
    expect(r.status).toBe(404);
    expect(r.json()).toMatchObject({ ok: false, error: { code: 'UNKNOWN_ROUTE' } });
    expect((await invoke('__proto__', {})).status).toBe(404);
  });

  it('answers malformed JSON with 400 and a Result error', async () => {
    const r = await invoke('auth.login', '{"username": ');
    expect(r.status).toBe(400);
    expect(r.json()).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('refuses a body over 1 MiB with 413', async () => {
    const big = JSON.stringify({ username: 'demo', password: 'x'.repeat(1024 * 1024 + 10) });
    const r = await invoke('auth.login', big);
    expect(r.status).toBe(413);
    expect(r.json()).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('names the offending field of invalid input', async () => {
    const r = await invoke('auth.login', { username: 'demo' });
    expect(r.status).toBe(400);
    expect(r.json()).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'password' } });
  });

  it('logs in as demo/demo123, lists the queue, and pushes queue.changed over SSE', async () => {
    expect((await invoke('queue.list', {})).json()).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    const bad = await invoke('auth.login', { username: 'demo', password: 'wrong' });
    expect(bad.json()).toMatchObject({ ok: false, error: { code: 'BAD_CREDENTIALS' } });
    const login = await invoke('auth.login', { username: 'demo', password: 'demo123' });
    expect(login.status).toBe(200);
    expect(login.json()).toMatchObject({ ok: true, value: { agent: { username: 'demo' } } });

    const queue = (await invoke('queue.list', { limit: 5 })).json() as { ok: true; value: { items: { caseId: string; balanceFen: number }[]; total: number } };
    expect(queue.ok).toBe(true);
    expect(queue.value.items.length).toBeGreaterThan(0);
    expect(queue.value.total).toBeGreaterThan(0);

    // Open the event stream, then record a payment: the core emits queue.changed.
    const ac = new AbortController();
    const res = await fetch(`${host.url}api/events?token=${encodeURIComponent(host.token)}`, { signal: ac.signal });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let buf = '';
    /** Reads the stream until a frame matches (the test's own timeout bounds the wait). */
    const frameWhere = async (match: (frame: string) => boolean): Promise<string> => {
      for (;;) {
        const frames = buf.split('\n\n');
        const i = frames.slice(0, -1).findIndex(match);
        if (i >= 0) {
          buf = frames.slice(i + 1).join('\n\n');
          return frames[i]!;
        }
        const { value, done } = await reader.read();
        if (done) throw new Error(`the event stream ended: ${buf}`);
        buf += decoder.decode(value, { stream: true });
      }
    };
    // the host has registered this client once it says so: the payment's event cannot be missed
    await frameWhere((f) => f.includes(': connected'));
    const first = queue.value.items[0]!;
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
    const pay = await invoke('payment.record', { caseId: first.caseId, amountFen: 100, paidDate: today });
    expect(pay.json()).toMatchObject({ ok: true });
    const frame = await frameWhere((f) => f.startsWith('data: ') && f.includes('queue.changed'));
    expect(JSON.parse(frame.slice('data: '.length))).toEqual({ name: 'queue.changed', payload: { reason: 'payment.record' } });
    ac.abort();
  });

  it('serves index.html with the bridge injected and security headers', async () => {
    const r = await raw('GET', '/', { headers: { Host: `127.0.0.1:${host.port}` } });
    expect(r.status).toBe(200);
    expect(r.text.indexOf('/desk-bridge.js')).toBeLessThan(r.text.indexOf('./assets/app.js'));
    expect(r.headers['content-security-policy']).toContain("script-src 'self'");
    expect(r.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    const bridge = await raw('GET', '/desk-bridge.js');
    expect(bridge.status).toBe(200);
    expect(bridge.headers['content-type']).toContain('javascript');
    expect(bridge.text).toContain('X-Desk-Token');
  });

  it('refuses directory traversal in static serving', async () => {
    for (const path of ['/../package.json', '/..%2fpackage.json', '/%2e%2e/%2e%2e/package.json', '/assets/../../package.json', '/..\\package.json']) {
      const r = await raw('GET', path);
      expect(r.status, path).toBe(404);
      expect(r.text).not.toContain('collectdesk');
    }
    expect((await raw('GET', '/missing.js')).status).toBe(404);
    const icon = await raw('GET', '/favicon.ico');
    expect(icon.status).toBe(200);
    expect(icon.headers['content-type']).toBe('image/x-icon');
    expect((await raw('DELETE', '/index.html')).status).toBe(405);
  });
});
