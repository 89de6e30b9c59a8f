/** "192.168.1.20:7420" -> "http://192.168.1.20:7420"; null when it is not an http(s) address. */
export function normalizeHubUrl(raw: string): string | null {
  const v = raw.trim();
  if (!v) return null;
  const withScheme = /^[a-z][a-z\d+.-]*:\/\//i.test(v) ? v : `http://${v}`;
  if (withScheme.replace(/^[a-z][a-z\d+.-]*:\/\//i, '').includes('//')) return null; // "http//host": a mistyped scheme
  try {
    const u = new URL(withScheme);
    if ((u.protocol !== 'http:' && u.protocol !== 'https:') || !u.hostname || u.username || u.password) return null;
    if (u.search || u.hash) return null;
    return `${u.protocol}//${u.host}${u.pathname === '/' ? '' : u.pathname.replace(/\/+$/, '')}`;
  } catch {
    return null;
  }
}
