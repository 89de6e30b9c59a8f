import { afterEach, describe, expect, it } from 'vitest';
import { createAgent } from '../../electron/core/auth/auth';
import { verifyAuditChain } from '../../electron/core/audit/audit';
import { openTestDesk, type TestDesk } from '../fixtures/desk';

let t: TestDesk;
afterEach(() => t?.close());

describe('auth', () => {
  it('logs in with the right password and audits it', async () => {
    t = await openTestDesk({ login: false });
    const r = await t.desk.invoke('auth.login', { username: 'tester', password: 'secret1' });
    expect(r).toMatchObject({ ok: true, value: { agent: { username: 'tester', displayName: '测试员', agentNo: 'T0001', role: 'agent' } } });
    expect(await t.call('auth.session', {})).toMatchObject({ agent: { username: 'tester' } });
    expect(t.count('audit_log', "action = 'auth.login'")).toBe(1);
    expect(verifyAuditChain(t.desk.ctx.db).ok).toBe(true);
  });

  it('refuses a wrong password and an unknown user the same way', async () => {
    t = await openTestDesk({ login: false });
    for (const [username, password] of [['tester', 'wrong'], ['nobody', 'secret1']]) {
      const r = await t.desk.invoke('auth.login', { username, password });
      expect(r).toMatchObject({ ok: false, error: { code: 'BAD_CREDENTIALS' } });
    }
    expect(await t.call('auth.session', {})).toEqual({ agent: null });
    expect(t.count('audit_log', "action = 'auth.login_failed'")).toBe(2);
  });

  it('refuses a disabled agent', async () => {
    t = await openTestDesk({ login: false });
    t.desk.ctx.db.transaction(() => createAgent(t.desk.ctx, { username: 'gone', password: 'pw123456', displayName: '离职', agentNo: 'X1', role: 'agent', disabled: true }))();
    const r = await t.desk.invoke('auth.login', { username: 'gone', password: 'pw123456' });
    expect(r).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', rule: 'auth.disabled' } });
    expect(await t.call('auth.session', {})).toEqual({ agent: null });
  });

  it('requires a session for everything but login, session and settings.get', async () => {
    t = await openTestDesk({ login: false });
    expect((await t.desk.invoke('settings.get', {})).ok).toBe(true);
    for (const route of ['queue.list', 'reference.get', 'followup.next', 'auth.logout'] as const) {
      expect(await t.desk.invoke(route, {})).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    }
    expect(await t.desk.invoke('case.get', { caseId: '1' })).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  });

  it('logout ends the session', async () => {
    t = await openTestDesk();
    expect(await t.call('auth.logout', {})).toEqual({ ok: true });
    expect(await t.desk.invoke('queue.list', {})).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  });

  it('stores scrypt hashes with their parameters, never the password', async () => {
    t = await openTestDesk({ login: false });
    const row = t.desk.ctx.db.prepare("SELECT password_hash FROM agents WHERE username = 'tester'").get() as { password_hash: string };
    expect(row.password_hash).toMatch(/^scrypt\$16384\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(row.password_hash).not.toContain('secret1');
  });
});
