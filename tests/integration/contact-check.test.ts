/** contact.check on a real desk database, and attempts that broke a rule recorded with it (issue 11). */
import { afterEach, describe, expect, it } from 'vitest';
import { createAgent } from '../../electron/core/auth/auth';
import { REQUIRED_OPENING_STEP_IDS } from '../../shared/domain/script-schema';
import { addCase, attemptInput, openTestDesk, type TestDesk } from '../fixtures/desk';

const ALL_STEPS = [...REQUIRED_OPENING_STEP_IDS, 'early.account', 'early.askDate', 'mid.account', 'mid.reason', 'mid.agree', 'late.account', 'late.reason',
  'late.consequence', 'late.agree', 'm2.account', 'm2.reason', 'm2.consequence', 'm2.agree'];

let t: TestDesk;
afterEach(() => t?.close());

const violationsOf = (t: TestDesk, attemptId: string): unknown =>
  JSON.parse((t.desk.ctx.prep<{ v: string }>('SELECT violations AS v FROM attempts WHERE id = ?').get(attemptId)?.v) ?? 'null');

describe('contact.check on the desk', () => {
  it('6 unanswered attempts on a number block the 7th until 08:00 tomorrow; the 7th is still recorded, flagged', async () => {
    t = await openTestDesk(); // 10:00 Shanghai
    const { caseId, phoneIds } = addCase(t, { agentId: t.agentId, phones: [{ number: '13912345678' }, { number: '13812345678' }] });
    const [p1, p2] = phoneIds.map(String);
    for (let i = 0; i < 6; i++) {
      expect((await t.call('contact.check', { caseId: String(caseId), phoneId: p1 })).allowed).toBe(true);
      const a = await t.call('attempt.save', attemptInput(caseId, { phoneId: p1 }));
      expect(violationsOf(t, a.attemptId)).toEqual([]);
      t.clock.advance(60_000);
    }
    const blocked = await t.call('contact.check', { caseId: String(caseId), phoneId: p1 });
    expect(blocked).toEqual({ allowed: false, reasons: [{ rule: 'contact.unansweredCap', params: { count: 6, max: 6 } }], nextAllowedAt: '2026-03-11T00:00:00.000Z', overridden: false });
    expect((await t.call('contact.check', { caseId: String(caseId), phoneId: p2 })).allowed).toBe(true); // per number
    const seventh = await t.call('attempt.save', attemptInput(caseId, { phoneId: p1 }));
    expect(violationsOf(t, seventh.attemptId)).toEqual(['contact.unansweredCap']);
    t.clock.set('2026-03-11T00:00:00.000Z'); // 08:00 the next day: counts start again
    expect((await t.call('contact.check', { caseId: String(caseId), phoneId: p1 })).allowed).toBe(true);
  });

  it('quiet hours in the team zone: 21:59 allowed, 22:00 blocked', async () => {
    t = await openTestDesk();
    const { caseId, phoneIds } = addCase(t, { agentId: t.agentId, phones: [{ number: '13912345678' }] });
    t.clock.set('2026-03-10T13:59:59.000Z');
    expect((await t.call('contact.check', { caseId: String(caseId), phoneId: String(phoneIds[0]) })).allowed).toBe(true);
    t.clock.set('2026-03-10T14:00:00.000Z');
    const r = await t.call('contact.check', { caseId: String(caseId), phoneId: String(phoneIds[0]) });
    expect(r.reasons.map((x) => x.rule)).toEqual(['contact.quietHours']);
    expect(r.nextAllowedAt).toBe('2026-03-11T00:00:00.000Z');
  });

  it('an unrelated contact unlocks after 3 consecutive failed attempts on the debtor’s own numbers', async () => {
    t = await openTestDesk();
    const { caseId, phoneIds } = addCase(t, {
      agentId: t.agentId, phones: [{ number: '13912345678' }],
      contacts: [{ name: '王同事', relation: 'colleague', party: 'third_party', phone: '13700000001' }, { name: '李担保', relation: 'guarantor', party: 'related', phone: '13700000002' }],
    });
    const [own, third, guarantor] = phoneIds.map(String);
    const check = (phoneId: string | undefined) => t.call('contact.check', { caseId: String(caseId), phoneId });
    expect((await check(third)).reasons).toEqual([{ rule: 'contact.thirdPartyLocked', params: { failures: 0, needed: 3 } }]);
    expect((await check(guarantor)).allowed).toBe(true);
    for (let i = 0; i < 2; i++) await t.call('attempt.save', attemptInput(caseId, { phoneId: own }));
    expect((await check(third)).allowed).toBe(false);
    await t.call('attempt.save', attemptInput(caseId, { phoneId: own }));
    expect((await check(third)).allowed).toBe(true);
  });

  it('a lead’s override lets one call through and is used by the attempt that follows', async () => {
    t = await openTestDesk();
    const { caseId, phoneIds } = addCase(t, { agentId: t.agentId, phones: [{ number: '13912345678' }] });
    const phoneId = String(phoneIds[0]);
    t.clock.set('2026-03-10T14:30:00.000Z'); // 22:30
    t.desk.ctx.prep("INSERT INTO contact_overrides (id, case_id, phone_id, lead_id, reason, created_at) VALUES ('0190a000-0000-7000-8000-000000000001', ?, ?, NULL, '债务人约定今晚回电', ?)")
      .run(caseId, phoneIds[0], t.clock().toISOString());
    expect(await t.call('contact.check', { caseId: String(caseId), phoneId })).toMatchObject({ allowed: true, overridden: true });
    const a = await t.call('attempt.save', attemptInput(caseId, { phoneId }));
    expect(violationsOf(t, a.attemptId)).toEqual([]);
    expect(t.count('contact_overrides', "used_by_attempt IS NOT NULL")).toBe(1);
    expect(await t.call('contact.check', { caseId: String(caseId), phoneId })).toMatchObject({ allowed: false, overridden: false });
    const b = await t.call('attempt.save', attemptInput(caseId, { phoneId }));
    expect(violationsOf(t, b.attemptId)).toEqual(['contact.quietHours']);
  });

  it('a note with banned wording is refused, naming the phrase and its place; bidi/zero-width characters are stripped from a saved note', async () => {
    t = await openTestDesk();
    const { caseId } = addCase(t, { agentId: t.agentId, phones: [{ number: '13912345678' }] });
    const r = await t.desk.invoke('attempt.save', attemptInput(caseId, { note: '再不还钱就通知你全家' }));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatchObject({ field: 'note', rule: 'note.bannedPhrase', params: { phrase: '通知你全家', category: 'disclosure', start: 5, end: 10 } });
    expect(t.count('attempts')).toBe(0);
    const ok = await t.call('attempt.save', attemptInput(caseId, { note: '无人\u202E接听\u200B' }));
    expect(t.desk.ctx.prep<{ note: string }>('SELECT note FROM attempts WHERE id = ?').get(ok.attemptId)?.note).toBe('无人接听');
  });
});

describe('a lead on a case’s contact rules (issue 11)', () => {
  const asLead = async (t: TestDesk) => {
    t.desk.ctx.db.transaction(() => createAgent(t.desk.ctx, { username: 'boss', password: 'secret3', displayName: '组长', agentNo: 'L0001', role: 'lead' }))();
    await t.call('auth.login', { username: 'boss', password: 'secret3' });
  };
  const outbox = (t: TestDesk, name: string) => t.desk.ctx.prep<{ args: string }>('SELECT args FROM outbox WHERE name = ?').all(name).map((r) => JSON.parse(r.args) as Record<string, unknown>);

  it('a dispute holds the case (no call allowed, not even by override); a lead clears it, audited and pushed, and the case is back in the agent’s queue', async () => {
    t = await openTestDesk();
    const { caseId, phoneIds } = addCase(t, { agentId: t.agentId, phones: [{ number: '13912345678' }] });
    const phoneId = String(phoneIds[0]);
    await t.call('attempt.save', attemptInput(caseId, { phoneId, outcomeCode: 'DISPUTE', party: 'self', stepsDone: ALL_STEPS, note: '客户对金额有异议' }));
    expect(t.desk.ctx.prep<{ status: string }>('SELECT status FROM cases WHERE id = ?').get(caseId)?.status).toBe('hold');
    const held = await t.call('contact.check', { caseId: String(caseId), phoneId });
    expect(held.allowed).toBe(false);
    expect(held.reasons.map((r) => r.rule)).toContain('contact.caseOnHold');
    // an agent may not clear it
    expect(await t.desk.invoke('lead.clearHold', { caseId: String(caseId), reason: '我自己解除' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    await asLead(t);
    expect(await t.desk.invoke('lead.clearHold', { caseId: String(caseId), reason: ' ' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'reason' } });
    expect(await t.call('lead.clearHold', { caseId: String(caseId), reason: '已与委托方核实，恢复催收' })).toEqual({ caseId: String(caseId), status: 'open' });
    expect(outbox(t, 'case.clearHold')).toMatchObject([{ caseId: String(caseId), reason: '已与委托方核实，恢复催收' }]);
    expect(t.count('audit_log', "action = 'lead.clearHold'")).toBe(1);
    expect(await t.desk.invoke('lead.clearHold', { caseId: String(caseId), reason: '再解除一次' })).toMatchObject({ ok: false, error: { code: 'VALIDATION', rule: 'case.notOnHold' } });
    await t.call('auth.login', { username: 'tester', password: 'secret1' });
    expect((await t.call('contact.check', { caseId: String(caseId), phoneId })).reasons.map((r) => r.rule)).not.toContain('contact.caseOnHold');
    expect((await t.call('queue.list', {})).items.map((i) => i.caseId)).toContain(String(caseId));
  });

  it('the debtor’s own zone: a lead sets it (checked), contact.check reads 22:00 in it; cleared, the team’s again', async () => {
    t = await openTestDesk();
    const { caseId, phoneIds } = addCase(t, { agentId: t.agentId, phones: [{ number: '13912345678' }] });
    const check = () => t.call('contact.check', { caseId: String(caseId), phoneId: String(phoneIds[0]) });
    await asLead(t);
    expect(await t.desk.invoke('lead.setCaseTimeZone', { caseId: String(caseId), timeZone: 'Mars/Olympus' })).toMatchObject({
      ok: false, error: { code: 'VALIDATION', field: 'timeZone', rule: 'case.timeZoneUnknown' },
    });
    expect(await t.call('lead.setCaseTimeZone', { caseId: String(caseId), timeZone: 'Asia/Urumqi' })).toEqual({ caseId: String(caseId), timeZone: 'Asia/Urumqi' });
    expect(outbox(t, 'case.setTimeZone')).toMatchObject([{ caseId: String(caseId), timeZone: 'Asia/Urumqi' }]);
    t.clock.set('2026-03-10T14:00:00.000Z'); // 22:00 for the team, 20:00 for the debtor
    expect((await check()).allowed).toBe(true);
    t.clock.set('2026-03-10T15:59:59.000Z'); // 21:59:59 Urumqi
    expect((await check()).allowed).toBe(true);
    t.clock.set('2026-03-10T16:00:00.000Z'); // 22:00:00 Urumqi
    expect(await check()).toMatchObject({ allowed: false, reasons: [{ rule: 'contact.quietHours', params: { zone: 'Asia/Urumqi' } }], nextAllowedAt: '2026-03-11T02:00:00.000Z' });
    expect((await t.call('case.get', { caseId: String(caseId) })).case.timeZone).toBe('Asia/Urumqi');
    t.clock.set('2026-03-10T14:00:00.000Z');
    await t.call('lead.setCaseTimeZone', { caseId: String(caseId), timeZone: null });
    expect((await check()).reasons.map((r) => r.rule)).toEqual(['contact.quietHours']);
  });
});
