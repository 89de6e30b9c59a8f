/** Hub login hardening (issue 11): throttling per user name and per address, a failed-login log line with the name (never the password), a disabled account answered like a wrong password. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, setDisabled } from '../../../hub/admin';
import { call, makeWorld, pgAvailable, PASSWORD, PG_URL, type Kind, type World } from './harness';

const pgOk = await pgAvailable();
if (!pgOk) console.warn('PostgreSQL unreachable at', PG_URL, '- the postgres half of the login hardening tests is skipped');

describe.each([
  ['sqlite', true],
  ['postgres', pgOk],
] as [Kind, boolean][])('hub login hardening on %s', (kind, enabled) => {
  let w: World;
  const lines: string[] = [];
  beforeAll(async () => {
    if (enabled) {
      w = await makeWorld(kind, {
        log: { level: 'info', stream: { write: (s: string) => void lines.push(s) } },
        loginThrottle: { freePerUser: 3, freePerAddress: 12, baseMs: 1000, maxMs: 8000 },
      });
    }
  });
  afterAll(async () => {
    if (enabled) await w.close();
  });
  const login = (username: string, password: string) => call(w.hub, 'POST', '/v1/auth/login', { username, password });

  it.skipIf(!enabled)('a disabled account gets exactly the answer of a wrong password; the log says why, by name only', async () => {
    await addUser(w.hub.store, { username: 'gone', password: PASSWORD, role: 'agent', team: 'T1', displayName: '离职', agentNo: 'G1' }, w.now.t);
    await setDisabled(w.hub.store, 'gone', true, w.now.t);
    const disabled = await login('gone', PASSWORD);
    const wrong = await login('agentB', 'not-the-password');
    const unknown = await login('nobody', 'not-the-password');
    for (const r of [disabled, wrong, unknown]) {
      expect(r.status).toBe(401);
      expect(r.body).toEqual({ error: { code: 'UNAUTHENTICATED', message: 'Wrong username or password.' } });
    }
    const failed = lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.msg === 'login failed');
    expect(failed.map((l) => [l.username, l.reason])).toEqual([['gone', 'disabled'], ['agentB', 'wrongPassword'], ['nobody', 'unknownUser']]);
    expect(lines.join('\n')).not.toContain('not-the-password');
    expect(lines.join('\n')).not.toContain(PASSWORD);
  });

  it.skipIf(!enabled)('backs off per user name: after the free failures even the right password waits, then works', async () => {
    for (let i = 0; i < 3; i++) expect((await login('agentA', `bad-${i}`)).status).toBe(401);
    expect((await login('agentA', PASSWORD)).status).toBe(200); // 3 free failures: not closed yet, and a good login clears the name
    for (let i = 0; i < 4; i++) expect((await login('agentA', `bad-${i}`)).status).toBe(401);
    const closed = await login('agentA', PASSWORD);
    expect(closed.status).toBe(429);
    expect(closed.body.error).toMatchObject({ code: 'TOO_MANY_ATTEMPTS', params: { retryAfterSec: 1 } });
    expect(lines.some((l) => l.includes('"login throttled"') && l.includes('"username":"agentA"'))).toBe(true);
    expect((await login('lead1', PASSWORD)).status).toBe(200); // another name is not held up
    w.now.t = new Date(w.now.t.getTime() + 1000);
    expect((await login('agentA', 'bad-again')).status).toBe(401); // the 5th failure: 2 s
    w.now.t = new Date(w.now.t.getTime() + 1999);
    expect((await login('agentA', PASSWORD)).status).toBe(429);
    w.now.t = new Date(w.now.t.getTime() + 1);
    expect((await login('agentA', PASSWORD)).status).toBe(200);
  });

  it.skipIf(!enabled)('backs off per source address across user names', async () => {
    // this address has 1 + 1 + 1 + 3 + 4 + 1 = 11 failures so far; the 12th is free, the 13th closes it
    expect((await login('x1', 'bad')).status).toBe(401);
    expect((await login('x2', 'bad')).status).toBe(401);
    const r = await login('lead2', PASSWORD);
    expect(r.status).toBe(429);
    expect(Number(r.body.error.params.retryAfterSec)).toBeGreaterThanOrEqual(1);
  });
});
