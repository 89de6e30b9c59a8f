import { describe, expect, it } from 'vitest';
import { join, resolve } from 'node:path';
import { compileBridge } from './bridge/compile';
import { injectBridge, safeStaticPath, statusFor, tokenMatches } from './http';

describe('web-host helpers', () => {
  it('injects the bridge before the first script', () => {
    const html = '<html><head><meta charset="utf-8"><script type="module" crossorigin src="./assets/index-abc.js"></script></head><body></body></html>';
    const out = injectBridge(html);
    expect(out.indexOf('/desk-bridge.js')).toBeLessThan(out.indexOf('./assets/index-abc.js'));
    expect(injectBridge('<html><head></head><body></body></html>')).toContain('<script src="/desk-bridge.js"></script>\n  </head>');
  });

  it('keeps static paths inside the renderer folder', () => {
    const root = resolve('/srv/renderer');
    expect(safeStaticPath(root, '/assets/a.js')).toBe(join(root, 'assets', 'a.js'));
    for (const bad of ['/../package.json', '/assets/../../x', '/..%2fpackage.json', '/%2e%2e/x', '/a%00b', '/a\\..\\b', '/.env', '/assets/.hidden', '/%E0%A4%A', '/']) {
      expect(safeStaticPath(root, bad), bad).toBeNull();
    }
  });

  it('compares tokens safely', () => {
    expect(tokenMatches('secret', 'secret')).toBe(true);
    expect(tokenMatches('secret', 'secreT')).toBe(false);
    expect(tokenMatches('secret', 'secret-longer')).toBe(false);
    expect(tokenMatches('secret', '')).toBe(false);
    expect(tokenMatches('secret', undefined)).toBe(false);
    expect(tokenMatches('secret', ['secret'])).toBe(false);
  });

  it('maps Results to HTTP statuses', () => {
    expect(statusFor({ ok: true, value: 1 })).toBe(200);
    expect(statusFor({ ok: false, error: { code: 'UNKNOWN_ROUTE', message: '' } })).toBe(404);
    expect(statusFor({ ok: false, error: { code: 'INVALID_INPUT', message: '' } })).toBe(400);
    expect(statusFor({ ok: false, error: { code: 'BAD_CREDENTIALS', message: '' } })).toBe(200);
    expect(statusFor({ ok: false, error: { code: 'INTERNAL', message: '' } })).toBe(500);
  });

  it('compiles the bridge to one classic script without imports', async () => {
    const js = await compileBridge();
    expect(js).toContain('X-Desk-Token');
    expect(js).toContain('/api/events?token=');
    expect(js).not.toMatch(/^\s*(import|export)\s/m);
    expect(js).not.toContain('zod'); // type-only imports are erased
  });
});
