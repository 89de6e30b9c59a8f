import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/**
 * `<dataDir>/desk-profile.json`: which database the desk opens on start.
 *
 * - local mode: `<dataDir>/collectdesk.db` (the original desk database, never touched by hub work);
 * - hub mode: `<dataDir>/<dbDir>/collectdesk.db`, one folder per (hub, hub user):
 *   `hub-<sha1(hubUrl)[:8]>-<hub agent id>`.
 * `accounts` remembers every (hub, user) that logged in on this desk so the same user finds
 * the same database (and device id) again, also while the hub is unreachable.
 */
export const PROFILE_FILE = 'desk-profile.json';

const DbDir = z.string().regex(/^hub-[0-9a-f]{8}-\d{1,16}$/);
export const HubAccount = z.object({ hubUrl: z.string().min(1), username: z.string().min(1), agentId: z.string(), dbDir: DbDir });
export type HubAccount = z.infer<typeof HubAccount>;

export const DeskProfile = z.object({
  mode: z.enum(['local', 'hub']),
  hubUrl: z.string().nullable(),
  /** Relative to dataDir; null in local mode. */
  dbDir: DbDir.nullable(),
  username: z.string().nullable(),
  accounts: z.array(HubAccount).default([]),
});
export type DeskProfile = z.infer<typeof DeskProfile>;

export const LOCAL_PROFILE: DeskProfile = { mode: 'local', hubUrl: null, dbDir: null, username: null, accounts: [] };

/** Normalised hub base URL: no trailing slash, no query or hash. */
export function normalizeHubUrl(url: string): string {
  const u = new URL(url);
  u.hash = '';
  u.search = '';
  return u.toString().replace(/\/+$/, '');
}

export const hubDbDir = (hubUrl: string, agentId: string): string =>
  `hub-${createHash('sha1').update(normalizeHubUrl(hubUrl)).digest('hex').slice(0, 8)}-${agentId}`;

export function readProfile(dataDir: string, warn: (msg: string) => void = () => {}): DeskProfile {
  const file = path.join(dataDir, PROFILE_FILE);
  let raw: string;
  try {
    raw = fs.readFileSync(file, 'utf8');
  } catch {
    return { ...LOCAL_PROFILE };
  }
  try {
    const parsed = DeskProfile.safeParse(JSON.parse(raw));
    if (parsed.success) {
      const p = parsed.data;
      if (p.mode === 'hub' && (!p.dbDir || !p.hubUrl)) return { ...p, mode: 'local', dbDir: null };
      return p;
    }
    warn(`${PROFILE_FILE} is invalid; starting in local mode`);
  } catch {
    warn(`${PROFILE_FILE} is not JSON; starting in local mode`);
  }
  return { ...LOCAL_PROFILE };
}

/** Written to a temp file and renamed, so a crash leaves the old or the new profile, never half of one. */
export function writeProfile(dataDir: string, profile: DeskProfile): void {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, PROFILE_FILE);
  const tmp = `${file}.${process.pid}.tmp`;
  const fd = fs.openSync(tmp, 'w');
  try {
    fs.writeSync(fd, `${JSON.stringify(DeskProfile.parse(profile), null, 2)}\n`);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, file);
}

export function findAccount(profile: DeskProfile, hubUrl: string, username: string): HubAccount | undefined {
  const url = normalizeHubUrl(hubUrl);
  return profile.accounts.find((a) => a.hubUrl === url && a.username.toLowerCase() === username.toLowerCase());
}

export function rememberAccount(profile: DeskProfile, account: HubAccount): DeskProfile {
  const rest = profile.accounts.filter((a) => !(a.hubUrl === account.hubUrl && a.username.toLowerCase() === account.username.toLowerCase()));
  return { ...profile, accounts: [...rest, account] };
}
