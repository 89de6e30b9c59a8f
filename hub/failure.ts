/**
 * Telling a mutation that cannot be applied from a hub that cannot work right now. The first
 * becomes that mutation's rejection (the push goes on); the second stays a 500, so the desk
 * retries later and loses nothing.
 */

/** The store itself is unavailable (connection, disk, locks, resources): nothing a mutation did. */
export function isInfrastructureFailure(e: unknown): boolean {
  if (typeof e !== 'object' || e === null || !('code' in e) || typeof e.code !== 'string') return false;
  const code = e.code;
  // PostgreSQL SQLSTATE classes: 08 connection, 53 insufficient resources, 57 operator
  // intervention (shutdown, cancel), 58 system error, XX internal; 40 (deadlock, serialization)
  // is retried by the store already and left over only when retries ran out.
  if (/^(08|53|57|58|XX|40)[0-9A-Z]{3}$/.test(code)) return true;
  // Node sockets and files
  if (/^E[A-Z]+$/.test(code)) return true;
  // SQLite: busy or locked, disk or I/O trouble, out of memory, a read-only or corrupt file
  return /^SQLITE_(BUSY|LOCKED|IOERR|FULL|NOMEM|CANTOPEN|READONLY|CORRUPT|NOTADB|PROTOCOL)/.test(code);
}

/** A short, data-free description for the rejection the desk shows: the error's kind and code, never its message or stack. */
export function failureDetail(e: unknown): string {
  const name = e instanceof Error ? e.name : typeof e;
  const code = typeof e === 'object' && e !== null && 'code' in e && (typeof e.code === 'string' || typeof e.code === 'number') ? ` ${e.code}` : '';
  return `the hub could not apply it (${name}${code})`.slice(0, 120);
}
