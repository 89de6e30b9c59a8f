/** contact.check on a real desk database, and attempts that broke a rule recorded with it (issue 11). */
import { afterEach, describe, expect, it } from 'vitest';
import { addCase, attemptInput, openTestDesk, type TestDesk } from '../fixtures/desk';

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
