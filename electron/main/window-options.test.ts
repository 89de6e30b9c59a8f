import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, createWindowOptions, isPermissionAllowed, MIN_HEIGHT, MIN_WIDTH, windowBounds } from './window-options';

describe('createWindowOptions', () => {
  const opts = createWindowOptions({ preloadPath: '/app/out/preload/index.js', title: '催收工作台' });

  it('locks the renderer down', () => {
    expect(opts.webPreferences).toMatchObject({
      preload: '/app/out/preload/index.js',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      navigateOnDragDrop: false,
      experimentalFeatures: false,
      devTools: false,
    });
    expect(createWindowOptions({ preloadPath: 'p', title: 't', dev: true }).webPreferences?.devTools).toBe(true);
  });

  it('has a title, a minimum size that fits a 1366x768 screen above the taskbar, and shows when ready', () => {
    expect(opts.title).toBe('催收工作台');
    expect([opts.minWidth, opts.minHeight]).toEqual([1280, 680]);
    expect([MIN_WIDTH, MIN_HEIGHT]).toEqual([1280, 680]);
    // 1366x768 with a 40 px taskbar: a 728 px work area
    expect(MIN_WIDTH).toBeLessThanOrEqual(1366);
    expect(MIN_HEIGHT).toBeLessThanOrEqual(728);
    expect(windowBounds(null, [{ x: 0, y: 0, width: 1366, height: 728 }])).toEqual({ width: 1366, height: 728 });
    expect(opts.show).toBe(false);
    expect(opts.width).toBeGreaterThanOrEqual(1280);
    expect(opts.x).toBeUndefined(); // centred
  });

  it('restores saved bounds, never below the minimum, and drops positions off every screen', () => {
    const screens = [{ x: 0, y: 0, width: 1920, height: 1040 }];
    expect(windowBounds({ x: 10, y: 20, width: 1500, height: 900 }, screens)).toEqual({ x: 10, y: 20, width: 1500, height: 900 });
    expect(windowBounds({ x: 10, y: 20, width: 300, height: 200 }, screens)).toEqual({ x: 10, y: 20, width: 1280, height: 680 });
    // the monitor it was on is unplugged
    expect(windowBounds({ x: 3000, y: 20, width: 1500, height: 900 }, screens)).toEqual({ width: 1500, height: 900 });
    expect(windowBounds({ x: 100, y: -500, width: 1500, height: 900 }, screens)).toEqual({ width: 1500, height: 900 });
    // a second monitor on the left
    expect(windowBounds({ x: -1800, y: 0, width: 1500, height: 900 }, [...screens, { x: -1920, y: 0, width: 1920, height: 1040 }])).toMatchObject({ x: -1800 });
    expect(createWindowOptions({ preloadPath: 'p', title: 't', bounds: { x: 5, y: 6, width: 1300, height: 800 } })).toMatchObject({ x: 5, y: 6, width: 1300, height: 800 });
  });
});

describe('contentSecurityPolicy', () => {
  const directives = (csp: string) => Object.fromEntries(csp.split('; ').map((d) => [d.split(' ')[0], d.slice(d.indexOf(' ') + 1)]));

  it('is strict: own scripts only, no objects, no framing, no forms', () => {
    expect(directives(contentSecurityPolicy())).toEqual({
      'default-src': "'self'",
      'script-src': "'self'",
      'style-src': "'self' 'unsafe-inline'",
      'img-src': "'self' data:",
      'connect-src': "'self'",
      'object-src': "'none'",
      'base-uri': "'none'",
      'frame-ancestors': "'none'",
      'form-action': "'none'",
    });
    expect(contentSecurityPolicy()).not.toContain('unsafe-eval');
  });

  it('leaves frame-ancestors out of the <meta> variant (ignored there)', () => {
    const meta = directives(contentSecurityPolicy({ delivery: 'meta' }));
    expect(meta['frame-ancestors']).toBeUndefined();
    expect(meta['script-src']).toBe("'self'");
  });

  it('relaxes only for the dev server', () => {
    const dev = directives(contentSecurityPolicy({ dev: true }));
    expect(dev['script-src']).toContain("'unsafe-inline'");
    expect(dev['connect-src']).toContain('ws:');
    expect(dev['object-src']).toBe("'none'");
  });
});

describe('permissions', () => {
  it('allows notifications only', () => {
    expect(isPermissionAllowed('notifications')).toBe(true);
    for (const p of ['media', 'geolocation', 'clipboard-read', 'openExternal', 'fullscreen', 'midi', 'display-capture']) {
      expect(isPermissionAllowed(p)).toBe(false);
    }
  });
});
