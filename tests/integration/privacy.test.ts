/** Personal data on the desk: the agent's own reveal history, the screen lock (enforced by the core), and the local purge. */
import { afterEach, describe, expect, it } from 'vitest';
import { purgeExpiredCases } from '../../electron/core/privacy/purge';
import { addCase, attemptInput, openTestDesk, requiredSteps, type TestDesk } from '../fixtures/desk';

let t: TestDesk;
afterEach(() => t?.close());

const DAY = 86_400_000;

describe('reveal history', () => {
  it('lists only my reveals, newest first, with the debtor', async () => {
    t = await openTestDesk();
    const { caseId, phoneIds } = addCase(t, { agentId: t.agentId, name: '钱多多', phones: [{ number: '13800001111' }] });
    await t.call('case.reveal', { caseId: String(caseId), field: 'idNumber' });
    t.clock.advance(60_000);
    await t.call('case.reveal', { caseId: String(caseId), field: 'phone', phoneId: String(phoneIds[0]) });
    const mine = await t.call('privacy.myReveals', {});
    expect(mine.items.map((i) => [i.field, i.debtorName, i.caseId])).toEqual([['phone', '钱多多', String(caseId)], ['idNumber', '钱多多', String(caseId)]]);
    expect(mine.items[0]?.at).toBe(t.clock().toISOString());
    await t.call('auth.login', { username: 'other', password: 'secret2' });
    expect((await t.call('privacy.myReveals', {})).items).toEqual([]);
  });
});

describe('screen lock', () => {
  it('refuses every route but unlocking until the right password; each step audited', async () => {
    t = await openTestDesk();
    expect(await t.call('privacy.lockState', {})).toEqual({ locked: false, idleMinutes: 5 });
    await t.call('privacy.lock', {});
    expect(await t.call('privacy.lockState', {})).toMatchObject({ locked: true });
    const refused = await t.desk.invoke('queue.list', {});
    expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', rule: 'screen.locked' } });
    const wrong = await t.desk.invoke('privacy.unlock', { password: 'nope' });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'BAD_CREDENTIALS', rule: 'screen.badPassword' } });
    await t.call('privacy.unlock', { password: 'secret1' });
    expect((await t.desk.invoke('queue.list', {})).ok).toBe(true);
    const actions = t.desk.ctx.db.prepare("SELECT action FROM audit_log WHERE action LIKE 'screen.%' ORDER BY seq").pluck().all();
    expect(actions).toEqual(['screen.lock', 'screen.unlock_failed', 'screen.unlock']);
  });

  it('ends the session after 5 wrong passwords', async () => {
    t = await openTestDesk();
    await t.call('privacy.lock', {});
    for (let i = 0; i < 4; i++) expect((await t.desk.invoke('privacy.unlock', { password: 'bad' })).ok).toBe(false);
    expect(await t.desk.invoke('privacy.unlock', { password: 'bad' })).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(await t.call('auth.session', {})).toEqual({ agent: null });
    expect(await t.desk.invoke('queue.list', {})).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  });
});

describe('local purge', () => {
  it('purges recalled and settled cases past retention, never with unsynced work, and audits each', async () => {
    t = await openTestDesk();
    const paid = addCase(t, { agentId: t.agentId, status: 'paid', name: '已结清' });
    const paidWithWork = addCase(t, { agentId: t.agentId, name: '有未同步' });
    const recalled = addCase(t, { agentId: t.agentId, expiryDate: '2026-03-20', name: '已退案' });
    const open = addCase(t, { agentId: t.agentId, name: '在催' });
    // unsynced work on a case, then it is settled
    await t.call('attempt.save', attemptInput(paidWithWork.caseId, { stepsDone: await requiredSteps(t, paidWithWork.caseId) }));
    t.desk.ctx.db.prepare("UPDATE cases SET status = 'paid' WHERE id = ?").run(paidWithWork.caseId);
    const ctx = t.desk.ctx;

    // 29 days on: nothing is past the 30-day retention yet
    t.clock.advance(29 * DAY);
    expect(purgeExpiredCases(ctx, t.today())).toEqual({ purged: 0, keptForUnsynced: 0 });

    // 51 days on: the settled cases and the one recalled on 03-20 are due
    t.clock.advance(22 * DAY);
    expect(purgeExpiredCases(ctx, t.today())).toEqual({ purged: 2, keptForUnsynced: 1 });
    const left = ctx.db.prepare('SELECT id FROM cases ORDER BY id').pluck().all();
    expect(left).toEqual([paidWithWork.caseId, open.caseId]);
    expect(t.count('debtors', `id IN (${paid.debtorId}, ${recalled.debtorId})`)).toBe(0);
    expect(t.count('phones', `debtor_id IN (${paid.debtorId}, ${recalled.debtorId})`)).toBe(0);
    expect(t.count('attempts', `case_id = ${paidWithWork.caseId}`)).toBe(1);
    const audit = ctx.db.prepare("SELECT entity_id, detail FROM audit_log WHERE action = 'privacy.purge' ORDER BY seq").all() as { entity_id: string; detail: string }[];
    expect(audit.map((a) => [a.entity_id, JSON.parse(a.detail).reason])).toEqual([[String(paid.caseId), 'paid'], [String(recalled.caseId), 'recalled']]);

    // once the hub has the work (the outbox row is acknowledged), that case goes too
    ctx.db.prepare('DELETE FROM outbox').run();
    expect(purgeExpiredCases(ctx, t.today())).toEqual({ purged: 1, keptForUnsynced: 0 });
    expect(t.count('attempts')).toBe(0);
  });

  it('runs at start-up with the team retention setting', async () => {
    t = await openTestDesk();
    const { caseId } = addCase(t, { agentId: t.agentId, status: 'closed' });
    t.desk.ctx.db.prepare("INSERT INTO settings (key, value) VALUES ('retentionDays', '3')").run();
    const dir = t.dir;
    const clock = t.clock;
    t.close();
    clock.advance(4 * DAY);
    t = await openTestDesk({ dataDir: dir, clock });
    expect(t.count('cases', `id = ${caseId}`)).toBe(0);
    expect(t.count('audit_log', "action = 'privacy.purge'")).toBe(1);
  });
});
