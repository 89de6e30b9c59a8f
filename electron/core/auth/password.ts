import { randomBytes, scrypt, scryptSync, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/** scrypt$N$r$p$salt(base64)$hash(base64): parameters travel with the hash so they can be raised later. */
const DEFAULT = { N: 16384, r: 8, p: 1, keyLen: 32 };

function scryptAsync(password: string, salt: Buffer, keyLen: number, opts: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFKC'), salt, keyLen, opts, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

export function hashPasswordSync(password: string, params: Partial<typeof DEFAULT> = {}): string {
  const { N, r, p, keyLen } = { ...DEFAULT, ...params };
  const salt = randomBytes(16);
  const key = scryptSync(password.normalize('NFKC'), salt, keyLen, { N, r, p, maxmem: 256 * N * r });
  return `scrypt$${N}$${r}$${p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

/** The same hash on libuv's thread pool: the caller's thread goes on (a desk logging in pulls meanwhile). */
export async function hashPassword(password: string, params: Partial<typeof DEFAULT> = {}): Promise<string> {
  const { N, r, p, keyLen } = { ...DEFAULT, ...params };
  const salt = randomBytes(16);
  const key = await scryptAsync(password, salt, keyLen, { N, r, p, maxmem: 256 * N * r });
  return `scrypt$${N}$${r}$${p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

interface Parsed { N: number; r: number; p: number; salt: Buffer; key: Buffer }

export function parsePasswordHash(stored: string): Parsed | null {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return null;
  const [N, r, p] = [Number(parts[1]), Number(parts[2]), Number(parts[3])];
  if (![N, r, p].every((n) => Number.isInteger(n) && n > 0)) return null;
  const salt = Buffer.from(parts[4] ?? '', 'base64');
  const key = Buffer.from(parts[5] ?? '', 'base64');
  if (salt.length < 8 || key.length < 16) return null;
  return { N, r, p, salt, key };
}

/** A fixed hash to compare against when the user does not exist, so timing does not reveal usernames. */
let dummy: string | null = null;
const dummyHash = (): string => (dummy ??= hashPasswordSync('collectdesk-dummy-password'));

export async function verifyPassword(password: string, stored: string | null): Promise<boolean> {
  const parsed = parsePasswordHash(stored ?? dummyHash()) ?? parsePasswordHash(dummyHash());
  if (!parsed) return false;
  const key = await scryptAsync(password, parsed.salt, parsed.key.length, {
    N: parsed.N, r: parsed.r, p: parsed.p, maxmem: 256 * parsed.N * parsed.r,
  });
  const same = key.length === parsed.key.length && timingSafeEqual(key, parsed.key);
  return stored !== null && same;
}
