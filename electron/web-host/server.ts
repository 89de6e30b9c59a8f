/**
 * The web-host: the real renderer in a real browser against the real core, for development,
 * end-to-end tests and screenshots. Plain Node (no electron import). NOT a production
 * server: it binds 127.0.0.1 only and trusts one random session token.
 *
 *   GET  /, /index.html        the built renderer's index.html with /desk-bridge.js injected
 *   GET  /desk-bridge.js       window.desk over HTTP (electron/web-host/bridge)
 *   GET  /<asset>              static files of the built renderer
 *   POST /api/invoke/<route>   JSON body -> Result (header X-Desk-Token)
 *   GET  /api/events?token=    server-sent events: data: {"name", "payload"}
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, resolve } from 'node:path';
import { contentSecurityPolicy as cspFor } from '../../shared/csp';
import { CORE_EVENTS, createInvokeHandler } from '../../shared/invoke-handler';
import { createDesk, type CoreDesk } from '../core/desk';
import { hostHubWith, type HubModule } from '../core/sync/host-hub';
import type { Clock } from '../core/types';
import { compileBridge } from './bridge/compile';
import {
  BASE_HEADERS, BodyTooLarge, errorResult, injectBridge, MAX_BODY_BYTES, MIME, readBody, safeStaticPath, sendJson, sendText,
  statusFor, TOKEN_HEADER, tokenMatches,
} from './http';

export { MAX_BODY_BYTES, TOKEN_HEADER };

/** The app icon doubles as the browser tab's icon when the renderer has none. */
const FAVICON = resolve(__dirname, '../../resources/icons/icon.ico');
const safeStaticPathExists = (root: string, pathname: string): boolean => {
  const file = safeStaticPath(root, pathname);
  return file !== null && existsSync(file);
};

export interface WebHostOptions {
  dataDir: string;
  /** 0 = a free port. */
  port?: number;
  host?: '127.0.0.1';
  /** The built renderer (out/renderer). May be missing: the API still works. */
  rendererDir: string;
  /** The desk core's time (tests drive it; default the wall clock). */
  clock?: Clock;
  seedDemo?: boolean;
  demoCases?: number;
  /** Follow-up scheduler poll interval (ms) passed to the core; 0 = no timer (tests call desk.tick()). */
  pollMs?: number;
  log?: (level: 'debug' | 'info' | 'warn' | 'error', msg: string, extra?: Record<string, unknown>) => void;
  /** Use this desk instead of creating one (closed by close() only if created here). */
  desk?: CoreDesk;
}

export interface WebHost {
  /** http://127.0.0.1:PORT/ */
  url: string;
  /** The URL to open: carries the token in the hash (never sent to the server). */
  openUrl: string;
  port: number;
  token: string;
  /** The core behind it: tests drive its scheduler (tick) with an injected clock. */
  desk: CoreDesk;
  close(): Promise<void>;
}

/**
 * "Host the team hub on this computer" in the browser too; the hub's code loads only when asked
 * for. `require`, not `import()`: this file runs as CommonJS (tsx, Playwright's transform), where
 * a native import() of a .ts file bypasses the TypeScript loader and fails.
 */
export const hostTeamHub = hostHubWith(async () => require('../../hub/server') as HubModule); // eslint-disable-line @typescript-eslint/no-require-imports

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const host = options.host ?? '127.0.0.1';
  if (host !== '127.0.0.1') throw new Error('The web-host binds 127.0.0.1 only.');
  const log = options.log ?? (() => undefined);
  const rendererDir = resolve(options.rendererDir);
  const token = randomBytes(32).toString('base64url');
  const bridge = await compileBridge();
  const ownsDesk = !options.desk;
  const desk =
    options.desk ??
    (await createDesk({
      dataDir: options.dataDir,
      clock: options.clock,
      seedDemo: options.seedDemo ?? true,
      demoCases: options.demoCases,
      pollMs: options.pollMs,
      log: options.log,
      hostHub: hostTeamHub,
    }));

  const handle = createInvokeHandler<IncomingMessage>(desk, (req) => tokenMatches(token, req.headers[TOKEN_HEADER]), {
    onProblem: (kind, detail) => log(kind === 'forbidden' ? 'warn' : 'error', `invoke ${kind}`, { ...detail, error: String(detail.error ?? '') }),
  });

  const clients = new Set<ServerResponse>();
  const broadcast = (name: string, payload: unknown): void => {
    const frame = `data: ${JSON.stringify({ name, payload })}\n\n`;
    for (const res of clients) res.write(frame);
  };
  const unsubscribe = CORE_EVENTS.map((name) => desk.on(name, (payload) => broadcast(name, payload)));
  const heartbeat = setInterval(() => {
    for (const res of clients) res.write(': keep-alive\n\n');
  }, 15_000);
  heartbeat.unref();

  let port = 0;
  const allowedHosts = (): Set<string> => new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  const csp = cspFor();

  const serveIndex = async (res: ServerResponse, headOnly: boolean): Promise<void> => {
    let html: string;
    try {
      html = await readFile(join(rendererDir, 'index.html'), 'utf8');
    } catch {
      sendText(res, 503, 'The renderer is not built: run `npm run build:web` (or `npm run web`).\n');
      return;
    }
    const body = injectBridge(html);
    res.writeHead(200, {
      ...BASE_HEADERS,
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Security-Policy': csp,
      'X-Frame-Options': 'DENY',
      'Cache-Control': 'no-store',
      'Content-Length': Buffer.byteLength(body),
    });
    res.end(headOnly ? undefined : body);
  };

  const serveStatic = async (res: ServerResponse, pathname: string, headOnly: boolean): Promise<void> => {
    const file = safeStaticPath(rendererDir, pathname);
    if (!file) {
      sendText(res, 404, 'Not found\n');
      return;
    }
    await serveFile(res, file, headOnly, pathname.startsWith('/assets/'));
  };

  const serveFile = async (res: ServerResponse, file: string, headOnly: boolean, immutable = false): Promise<void> => {
    try {
      const info = await stat(file);
      if (!info.isFile()) throw new Error('not a file');
      const data = await readFile(file);
      res.writeHead(200, {
        ...BASE_HEADERS,
        'Content-Type': MIME[extname(file).toLowerCase()] ?? 'application/octet-stream',
        'Content-Length': data.length,
        'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
      });
      res.end(headOnly ? undefined : data);
    } catch {
      sendText(res, 404, 'Not found\n');
    }
  };

  const serveEvents = (req: IncomingMessage, res: ServerResponse, url: URL): void => {
    if (!tokenMatches(token, url.searchParams.get('token'))) {
      sendJson(res, 401, errorResult('FORBIDDEN', 'Missing or wrong web-host session token.'));
      return;
    }
    res.writeHead(200, {
      ...BASE_HEADERS,
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
    });
    res.write('retry: 2000\n: connected\n\n');
    clients.add(res);
    req.on('close', () => clients.delete(res));
  };

  const serveInvoke = async (req: IncomingMessage, res: ServerResponse, route: string): Promise<void> => {
    if (req.method !== 'POST') {
      res.setHeader('Allow', 'POST');
      sendJson(res, 405, errorResult('INVALID_INPUT', 'Use POST.'));
      return;
    }
    if (!tokenMatches(token, req.headers[TOKEN_HEADER])) {
      sendJson(res, 401, errorResult('FORBIDDEN', 'Missing or wrong web-host session token.'));
      return;
    }
    const origin = req.headers.origin;
    if (origin !== undefined && !allowedHosts().has(origin.replace(/^http:\/\//, ''))) {
      sendJson(res, 403, errorResult('FORBIDDEN', 'Cross-origin requests are refused.'));
      return;
    }
    const type = req.headers['content-type'] ?? '';
    if (type && !/^application\/json\b/i.test(type)) {
      sendJson(res, 415, errorResult('INVALID_INPUT', 'Send application/json.'));
      return;
    }
    let raw: Buffer;
    try {
      raw = await readBody(req, MAX_BODY_BYTES);
    } catch (error) {
      if (error instanceof BodyTooLarge) {
        res.setHeader('Connection', 'close');
        sendJson(res, 413, errorResult('INVALID_INPUT', `The request body exceeds ${MAX_BODY_BYTES} bytes.`));
      } else {
        sendJson(res, 400, errorResult('INVALID_INPUT', 'The request body could not be read.'));
      }
      return;
    }
    let input: unknown = {};
    if (raw.length > 0) {
      try {
        input = JSON.parse(raw.toString('utf8'));
      } catch {
        sendJson(res, 400, errorResult('INVALID_INPUT', 'The request body is not valid JSON.'));
        return;
      }
    }
    const result = await handle(req, route, input);
    sendJson(res, statusFor(result), result);
  };

  const server = createServer((req, res) => {
    void (async () => {
      const hostHeader = (req.headers.host ?? '').toLowerCase();
      if (!allowedHosts().has(hostHeader)) {
        // DNS rebinding: a foreign name resolving to 127.0.0.1 must not reach the desk.
        sendJson(res, 421, errorResult('FORBIDDEN', 'Unexpected Host header.'));
        return;
      }
      const url = new URL(req.url ?? '/', `http://${hostHeader}`);
      const path = url.pathname;
      if (path.startsWith('/api/invoke/')) {
        let route: string;
        try {
          route = decodeURIComponent(path.slice('/api/invoke/'.length));
        } catch {
          route = '';
        }
        await serveInvoke(req, res, route);
        return;
      }
      if (path === '/api/events') {
        if (req.method !== 'GET') {
          sendJson(res, 405, errorResult('INVALID_INPUT', 'Use GET.'));
          return;
        }
        serveEvents(req, res, url);
        return;
      }
      if (path.startsWith('/api/')) {
        sendJson(res, 404, errorResult('UNKNOWN_ROUTE', 'Unknown API path.'));
        return;
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.setHeader('Allow', 'GET, HEAD');
        sendText(res, 405, 'Method not allowed\n');
        return;
      }
      const headOnly = req.method === 'HEAD';
      if (path === '/' || path === '/index.html') {
        await serveIndex(res, headOnly);
        return;
      }
      if (path === '/desk-bridge.js') {
        res.writeHead(200, {
          ...BASE_HEADERS,
          'Content-Type': 'text/javascript; charset=utf-8',
          'Cache-Control': 'no-store',
          'Content-Length': Buffer.byteLength(bridge),
        });
        res.end(headOnly ? undefined : bridge);
        return;
      }
      if (path === '/favicon.ico' && !safeStaticPathExists(rendererDir, path)) {
        await serveFile(res, FAVICON, headOnly);
        return;
      }
      await serveStatic(res, path, headOnly);
    })().catch((error: unknown) => {
      log('error', 'web-host request failed', { error: String(error) });
      if (!res.headersSent) sendJson(res, 500, errorResult('INTERNAL', 'Internal error.'));
      else res.destroy();
    });
  });
  server.requestTimeout = 60_000;
  server.headersTimeout = 15_000;

  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', fail);
      ok();
    });
  });
  port = (server.address() as AddressInfo).port;
  const url = `http://${host}:${port}/`;

  let closed: Promise<void> | null = null;
  return {
    url,
    openUrl: `${url}#token=${token}`,
    port,
    token,
    desk,
    close() {
      closed ??= (async () => {
        clearInterval(heartbeat);
        for (const off of unsubscribe) off();
        for (const res of clients) res.end();
        clients.clear();
        await new Promise<void>((ok) => {
          server.close(() => ok());
          server.closeAllConnections();
        });
        if (ownsDesk) desk.close();
      })();
      return closed;
    },
  };
}
