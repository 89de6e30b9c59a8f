/**
 * The one content security policy of the desk's page, for every host: the Electron window
 * (header for the dev server, <meta> in the built index.html) and the web-host (header).
 * Pure string building; lives in shared/ because electron/main and electron/web-host must
 * not import each other.
 */
export interface CspOptions {
  /**
   * Development against the electron-vite dev server: Vite injects an inline React refresh
   * preamble and talks to its server over a WebSocket.
   */
  dev?: boolean;
  /**
   * A <meta> policy cannot carry frame-ancestors (browsers ignore it there and warn), so the
   * meta variant leaves it out; the header variant has it.
   */
  delivery?: 'header' | 'meta';
}

export function contentSecurityPolicy(options: CspOptions = {}): string {
  const directives: [string, string][] = [
    ['default-src', "'self'"],
    ['script-src', options.dev ? "'self' 'unsafe-inline'" : "'self'"],
    ['style-src', "'self' 'unsafe-inline'"], // Ant Design injects its styles at run time
    ['img-src', "'self' data:"],
    ['connect-src', options.dev ? "'self' ws: http://localhost:* http://127.0.0.1:*" : "'self'"],
    ['object-src', "'none'"],
    ['base-uri', "'none'"],
    ['frame-ancestors', "'none'"],
    ['form-action', "'none'"],
  ];
  return directives
    .filter(([name]) => !(options.delivery === 'meta' && name === 'frame-ancestors'))
    .map(([name, value]) => `${name} ${value}`)
    .join('; ');
}

