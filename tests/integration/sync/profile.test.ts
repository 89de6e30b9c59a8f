import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { hubDbDir, LOCAL_PROFILE, normalizeHubUrl, PROFILE_FILE, readProfile, writeProfile } from '../../../electron/core/sync/profile';
import { openTestDesk, tempDir, type TestDesk } from '../../fixtures/desk';

let t: TestDesk | null = null;
afterEach(() => t?.close());

describe('desk-profile.json', () => {
  it('round-trips, and anything unreadable or pointing nowhere starts the desk in local mode', async () => {
    const dir = tempDir();
    expect(readProfile(dir)).toEqual(LOCAL_PROFILE);
    const dbDir = hubDbDir('http://10.0.0.5:7420/', '12');
    expect(dbDir).toMatch(/^hub-[0-9a-f]{8}-12$/);
    expect(hubDbDir('http://10.0.0.5:7420', '12')).toBe(dbDir);
    expect(normalizeHubUrl('http://10.0.0.5:7420/?x=1#y')).toBe('http://10.0.0.5:7420');
    const p = { mode: 'hub' as const, hubUrl: 'http://10.0.0.5:7420', dbDir, username: 'agenta', accounts: [{ hubUrl: 'http://10.0.0.5:7420', username: 'agenta', agentId: '12', dbDir }] };
    writeProfile(dir, p);
    expect(readProfile(dir)).toEqual(p);

    const warnings: string[] = [];
    fs.writeFileSync(path.join(dir, PROFILE_FILE), '{ not json');
    expect(readProfile(dir, (m) => warnings.push(m))).toEqual(LOCAL_PROFILE);
    fs.writeFileSync(path.join(dir, PROFILE_FILE), JSON.stringify({ ...p, dbDir: '../../etc' }));
    expect(readProfile(dir, (m) => warnings.push(m)).mode).toBe('local');
    expect(warnings).toHaveLength(2);

    // a hub profile whose database folder is gone: the desk opens the local database
    writeProfile(dir, p);
    t = await openTestDesk({ dataDir: dir, login: false });
    expect(t.desk.mode).toBe('local');
    expect(t.desk.dbDir).toBe(dir);
  });
});
