import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ensureLead, startHub, type RunningHub } from '../../../hub/server';

const running: RunningHub[] = [];
afterEach(async () => {
  while (running.length) await running.pop()?.close();
});

const login = async (hub: RunningHub, username: string, password: string) =>
  fetch(`${hub.url}/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });

describe('ensureLead (a lead desk hosting the team hub)', () => {
  it('creates the team and the lead on a new hub, and on a second call takes the newly typed password', async () => {
    const hub = await startHub({ dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'hub-lead-')), port: 0, log: false });
    running.push(hub);
    await ensureLead(hub, { username: 'Chen', password: 'first-pass-1', displayName: '陈静', agentNo: 'L2001' });
    const first = await login(hub, 'chen', 'first-pass-1');
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ role: 'lead', displayName: '陈静', agentNo: 'L2001' });

    await ensureLead(hub, { username: 'chen', password: 'second-pass-2', displayName: '陈静', agentNo: 'L2001' });
    expect((await login(hub, 'chen', 'first-pass-1')).status).toBe(401);
    expect((await login(hub, 'chen', 'second-pass-2')).status).toBe(200);
    const teams = await hub.store.read((q) => q.all<{ n: number }>('SELECT count(*) AS n FROM teams'));
    expect(Number(teams[0]?.n)).toBe(1);
  });
});
