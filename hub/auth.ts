import { createHash, randomBytes } from 'node:crypto';
import { HubFailure } from './errors';
import { dummyHash, verifyPassword } from './password';
import type { Caller } from './push';
import type { UserDb } from './rows';
import type { Q, Store } from './store/types';

export const DEFAULT_TOKEN_TTL_MS = 12 * 60 * 60 * 1000;

export const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex');

export interface Session extends Caller {
  tokenHash: string;
  username: string;
}

/** A refused login: answered exactly like a wrong password; `reason` is for the hub's log only. */
export class LoginRefused extends HubFailure {
  constructor(readonly reason: 'unknownUser' | 'wrongPassword' | 'disabled') {
    super('UNAUTHENTICATED', 'Wrong username or password.');
  }
}

/** Check a username and password; a random 32-byte token is returned, only its hash is stored. */
export async function login(
  store: Store,
  input: { username: string; password: string; deviceId?: string | undefined },
  now: Date,
  ttlMs: number,
): Promise<{ token: string; expiresAt: string; user: UserDb }> {
  const username = input.username.trim().toLowerCase();
  const user = await store.read((q) => q.get<UserDb>('SELECT * FROM users WHERE username = ?', [username]));
  // Unknown users cost a hash check too (constant-ish time).
  const ok = await verifyPassword(input.password, user?.password_hash ?? (await dummyHash()));
  // One answer for all three: a caller learns nothing about which names exist or are disabled.
  if (!user) throw new LoginRefused('unknownUser');
  if (!ok) throw new LoginRefused('wrongPassword');
  if (user.disabled) throw new LoginRefused('disabled');
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + ttlMs).toISOString();
  await store.write((q) =>
    q.run('INSERT INTO tokens (hash, user_id, device_id, created_at, expires_at) VALUES (?, ?, ?, ?, ?)', [sha256(token), user.id, input.deviceId ?? null, now.toISOString(), expiresAt]),
  );
  return { token, expiresAt, user };
}

/** The session of a Bearer token: 401 when missing, unknown (forged), expired, revoked or the user is disabled. */
export async function authenticate(q: Q, header: string | undefined, now: Date): Promise<Session> {
  const m = /^Bearer ([A-Za-z0-9_-]{16,128})$/.exec(header ?? '');
  if (!m?.[1]) throw new HubFailure('UNAUTHENTICATED', 'A Bearer token is required.');
  const hash = sha256(m[1]);
  const row = await q.get<{ expires_at: string; revoked_at: string | null; id: number; username: string; role: Session['role']; team_id: number | null; disabled: number }>(
    'SELECT t.expires_at, t.revoked_at, u.id, u.username, u.role, u.team_id, u.disabled FROM tokens t JOIN users u ON u.id = t.user_id WHERE t.hash = ?',
    [hash],
  );
  if (!row || row.revoked_at !== null || row.disabled || row.expires_at <= now.toISOString()) {
    throw new HubFailure('UNAUTHENTICATED', 'The token is invalid, expired or revoked; log in again.');
  }
  return { userId: Number(row.id), role: row.role, teamId: row.team_id === null ? null : Number(row.team_id), tokenHash: hash, username: row.username };
}

/** Log out: the token stops working at once (revoking twice keeps the first time). */
export async function revokeToken(q: Q, tokenHash: string, now: Date): Promise<void> {
  await q.run('UPDATE tokens SET revoked_at = ? WHERE hash = ? AND revoked_at IS NULL', [now.toISOString(), tokenHash]);
}
