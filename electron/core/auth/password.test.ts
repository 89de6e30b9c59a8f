import { describe, expect, it } from 'vitest';
import { hashPasswordSync, parsePasswordHash, verifyPassword } from './password';

describe('password hashing (scrypt)', () => {
  it('verifies the right password and refuses others', async () => {
    const h = hashPasswordSync('demo123', { N: 1024 });
    expect(await verifyPassword('demo123', h)).toBe(true);
    expect(await verifyPassword('demo124', h)).toBe(false);
    expect(await verifyPassword('demo123', null)).toBe(false);
  });
  it('salts every hash and keeps its parameters', () => {
    const a = hashPasswordSync('x', { N: 1024 });
    const b = hashPasswordSync('x', { N: 1024 });
    expect(a).not.toBe(b);
    expect(parsePasswordHash(a)).toMatchObject({ N: 1024, r: 8, p: 1 });
  });
  it('rejects malformed stored hashes', async () => {
    expect(parsePasswordHash('md5$abc')).toBeNull();
    expect(await verifyPassword('x', 'scrypt$1$2')).toBe(false);
  });
});
