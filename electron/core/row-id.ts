/**
 * Ids of the rows a desk creates (attempts, promises, payments, follow-ups): UUID version 7
 * (RFC 9562), the creation time in milliseconds followed by 74 random bits. Unique without
 * coordination like version 4, but in time order: the hub's primary-key and feed indexes take
 * new ids at their right edge instead of at a random leaf, so a push costs the same with a
 * million other teams' rows in those indexes as with none.
 */
import { randomBytes } from 'node:crypto';

export function newRowId(now: number = Date.now()): string {
  const b = randomBytes(16);
  b.writeUIntBE(Math.max(0, Math.min(now, 2 ** 48 - 1)), 0, 6);
  b[6] = 0x70 | ((b[6] ?? 0) & 0x0f); // version 7
  b[8] = 0x80 | ((b[8] ?? 0) & 0x3f); // RFC 9562 variant
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
