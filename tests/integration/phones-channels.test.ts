/**
 * Issue 9 on the desk core (a real SQLite file): the channel of a 催记 and what it needs
 * (shared/domain/channel-rules), numbers and contacts added by hand and numbers marked bad by
 * hand, each stored with its audit entry and outbox row in one transaction; hostile input refused
 * with the field and the rule, writing nothing.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addCase, attemptInput, openTestDesk, type TestDesk } from '../fixtures/desk';

let t: TestDesk;
beforeEach(async () => {
  t = await openTestDesk();
});
afterEach(() => t?.close());

const outbox = (name: string) =>
  (t.desk.ctx.prep<{ args: string }>('SELECT args FROM outbox WHERE name = ? ORDER BY mutation_id').all(name)).map((r) => JSON.parse(r.args) as Record<string, unknown>);
const count = (table: string) => t.desk.ctx.prep<{ n: number }>(`SELECT count(*) AS n FROM ${table}`).get()?.n ?? 0;
const refusal = async (route: Parameters<TestDesk['desk']['invoke']>[0], input: unknown) => {
  const r = await t.desk.invoke(route, input as never);
  expect(r.ok).toBe(false);
  return r.ok ? null : { code: r.error.code, field: r.error.field, rule: r.error.rule };
};

describe('the channel of a record', () => {
  it('an SMS names its number and has no timer; a visit keeps its address; the history shows both', async () => {
    const { caseId, phoneIds } = addCase(t, { agentId: t.agentId, phones: [{ number: '13912345678' }] });
    await t.call('attempt.save', attemptInput(caseId, { channel: 'sms', phoneId: String(phoneIds[0]), note: '短信提醒还款' }));
    await t.call('attempt.save', attemptInput(caseId, { channel: 'visit', visitAddress: '  上海市浦东新区世纪大道 100 号\u202e ', note: '外访未遇' }));
    const rows = t.desk.ctx.prep<{ channel: string; visit_address: string | null; duration_sec: number }>('SELECT channel, visit_address, duration_sec FROM attempts ORDER BY channel').all();
    expect(rows).toEqual([{ channel: 'sms', visit_address: null, duration_sec: 0 }, { channel: 'visit', visit_address: '上海市浦东新区世纪大道 100 号', duration_sec: 0 }]);
    expect(outbox('attempt.save').map((a) => [a.channel, a.visitAddress])).toEqual([['sms', null], ['visit', '上海市浦东新区世纪大道 100 号']]);
    const detail = await t.call('case.get', { caseId: String(caseId) });
    const shown = detail.timeline.flatMap((e) => (e.kind === 'attempt' ? [[e.channel, e.visitAddress ?? null, e.phoneMasked]] : []));
    expect(shown.sort()).toEqual([['sms', null, '139****5678'], ['visit', '上海市浦东新区世纪大道 100 号', null]]);
  });

  it('refuses a record that lacks what its channel needs, naming the field, writing nothing', async () => {
    const { caseId, phoneIds } = addCase(t, { agentId: t.agentId, phones: [{ number: '13912345678' }] });
    const phoneId = String(phoneIds[0]);
    expect(await refusal('attempt.save', attemptInput(caseId, { channel: 'sms' }))).toEqual({ code: 'VALIDATION', field: 'phoneId', rule: 'channel.phoneRequired' });
    expect(await refusal('attempt.save', attemptInput(caseId, { channel: 'sms', phoneId, durationSec: 42, callStartedAt: t.clock().toISOString() }))).toEqual({ code: 'VALIDATION', field: 'durationSec', rule: 'channel.noCall' });
    expect(await refusal('attempt.save', attemptInput(caseId, { channel: 'visit', visitAddress: '   ' }))).toEqual({ code: 'VALIDATION', field: 'visitAddress', rule: 'channel.addressRequired' });
    expect(await refusal('attempt.save', attemptInput(caseId, { channel: 'letter', phoneId }))).toEqual({ code: 'VALIDATION', field: 'phoneId', rule: 'channel.noPhone' });
    expect(await refusal('attempt.save', attemptInput(caseId, { channel: 'phone', visitAddress: '北京' }))).toEqual({ code: 'VALIDATION', field: 'visitAddress', rule: 'channel.noAddress' });
    expect(await refusal('attempt.save', attemptInput(caseId, { channel: 'visit', visitAddress: '路'.repeat(201) }))).toEqual({ code: 'VALIDATION', field: 'visitAddress', rule: 'channel.addressTooLong' });
    expect(await refusal('attempt.save', attemptInput(caseId, { channel: 'fax' }))).toMatchObject({ code: 'INVALID_INPUT', field: 'channel' });
    expect(count('attempts')).toBe(0);
    expect(outbox('attempt.save')).toEqual([]);
  });
});

describe('numbers and contacts added and marked by hand (local mode)', () => {
  it("adds the debtor's own number and a contact's, normalised; both go to the outbox", async () => {
    const { caseId, debtorId } = addCase(t, { agentId: t.agentId, phones: [{ number: '13912345678' }] });
    const own = await t.call('phone.add', { caseId: String(caseId), number: '+86 137-0013-7000', contact: null });
    expect(own.phone).toMatchObject({ owner: 'self', kind: 'mobile', contactId: null, numberMasked: '137****7000', status: 'valid', mark: null, pending: false });
    const theirs = await t.call('phone.add', { caseId: String(caseId), number: '(0755) 1234567', kind: 'work', contact: { name: ' 李四 ', relation: 'spouse' } });
    expect(theirs.phone).toMatchObject({ owner: 'related', kind: 'work', status: 'valid' });
    const detail = await t.call('case.get', { caseId: String(caseId) });
    expect(detail.phones.map((p) => p.numberMasked)).toEqual(['139****5678', '137****7000', expect.stringContaining('0755')]);
    expect(detail.contacts).toEqual([expect.objectContaining({ id: theirs.phone.contactId, name: '李四', relation: 'spouse', party: 'related' })]);
    expect(t.desk.ctx.prep<{ number: string; debtor_id: number }>('SELECT number, debtor_id FROM phones WHERE id = ?').get(Number(own.phone.id))).toEqual({ number: '13700137000', debtor_id: debtorId });
    expect(outbox('phone.add')).toEqual([
      expect.objectContaining({ caseId: String(caseId), number: '13700137000', kind: 'mobile', contact: null }),
      expect.objectContaining({ number: '07551234567', kind: 'work', contact: expect.objectContaining({ name: '李四', relation: 'spouse' }) }),
    ]);
    expect(t.desk.ctx.prep<{ n: number }>("SELECT count(*) AS n FROM audit_log WHERE action = 'phone.add'").get()?.n).toBe(2);
  });

  it('refuses a duplicate, markup, a too-long number, an unknown relation, a bad name and a case not held, writing nothing', async () => {
    const { caseId } = addCase(t, { agentId: t.agentId, phones: [{ number: '13912345678' }] });
    const others = addCase(t, { agentId: t.otherAgentId, phones: [{ number: '13812345678' }] });
    const id = String(caseId);
    const before = { phones: count('phones'), contacts: count('contacts') };
    expect(await refusal('phone.add', { caseId: id, number: '139 1234 5678', contact: null })).toEqual({ code: 'VALIDATION', field: 'number', rule: 'phone.duplicate' });
    expect(await refusal('phone.add', { caseId: id, number: '<img src=x onerror=alert(1)>13700137000', contact: null })).toEqual({ code: 'VALIDATION', field: 'number', rule: 'phone.numberInvalid' });
    expect(await refusal('phone.add', { caseId: id, number: '1'.repeat(40), contact: null })).toEqual({ code: 'VALIDATION', field: 'number', rule: 'phone.numberInvalid' });
    expect(await refusal('phone.add', { caseId: id, number: '1'.repeat(500), contact: null })).toMatchObject({ code: 'INVALID_INPUT', field: 'number' });
    expect(await refusal('phone.add', { caseId: id, number: '13700137000', contact: { name: '王五', relation: 'lover' } })).toMatchObject({ code: 'INVALID_INPUT', field: 'contact.relation' });
    expect(await refusal('phone.add', { caseId: id, number: '13700137000', contact: { name: '<b>王五</b>', relation: 'friend' } })).toEqual({ code: 'VALIDATION', field: 'contact.name', rule: 'contact.nameInvalid' });
    expect(await refusal('phone.add', { caseId: id, number: '13700137000', contact: { name: ' ', relation: 'friend' } })).toEqual({ code: 'VALIDATION', field: 'contact.name', rule: 'contact.nameRequired' });
    expect(await refusal('phone.add', { caseId: String(others.caseId), number: '13700137000', contact: null })).toMatchObject({ code: 'FORBIDDEN', rule: 'case.notAssigned' });
    expect(await refusal('phone.mark', { caseId: String(others.caseId), phoneId: String(others.phoneIds[0]), mark: 'empty' })).toMatchObject({ code: 'FORBIDDEN', rule: 'case.notAssigned' });
    expect(await refusal('phone.mark', { caseId: id, phoneId: String(others.phoneIds[0]), mark: 'empty' })).toEqual({ code: 'VALIDATION', field: 'phoneId', rule: 'phone.notOnCase' });
    expect(await refusal('phone.mark', { caseId: id, phoneId: String(others.phoneIds[0]), mark: 'gone' })).toMatchObject({ code: 'INVALID_INPUT', field: 'mark' });
    expect({ phones: count('phones'), contacts: count('contacts') }).toEqual(before);
    expect(count('outbox')).toBe(0);
  });

  it('marks a number 空号 / 非本人: invalid at once, kept as why; a do-not-call number stays do-not-call', async () => {
    const { caseId, phoneIds } = addCase(t, { agentId: t.agentId, phones: [{ number: '13912345678' }, { number: '13912345679', status: 'do_not_call' }] });
    const [a, b] = phoneIds.map(String);
    expect((await t.call('phone.mark', { caseId: String(caseId), phoneId: a!, mark: 'empty' })).phone).toMatchObject({ id: a, status: 'invalid', mark: 'empty' });
    expect((await t.call('phone.mark', { caseId: String(caseId), phoneId: b!, mark: 'wrong_person' })).phone).toMatchObject({ status: 'do_not_call', mark: 'wrong_person' });
    const detail = await t.call('case.get', { caseId: String(caseId) });
    expect(detail.phones.map((p) => [p.status, p.mark])).toEqual([['invalid', 'empty'], ['do_not_call', 'wrong_person']]);
    expect(outbox('phone.mark')).toEqual([
      { caseId: String(caseId), phoneId: a, mark: 'empty', at: t.clock().toISOString() },
      { caseId: String(caseId), phoneId: b, mark: 'wrong_person', at: t.clock().toISOString() },
    ]);
  });

  it('clears a hand mark made in error: the number is valid again, a do-not-call number stays do-not-call, an unmarked one is refused', async () => {
    const { caseId, phoneIds } = addCase(t, { agentId: t.agentId, phones: [{ number: '13912345680' }, { number: '13912345681', status: 'do_not_call' }, { number: '13912345682', status: 'invalid' }] });
    const [a, b, c] = phoneIds.map(String);
    const id = String(caseId);
    await t.call('phone.mark', { caseId: id, phoneId: a!, mark: 'suspended' });
    await t.call('phone.mark', { caseId: id, phoneId: b!, mark: 'empty' });
    expect((await t.call('phone.mark', { caseId: id, phoneId: a!, mark: null })).phone).toMatchObject({ id: a, status: 'valid', mark: null });
    expect((await t.call('phone.mark', { caseId: id, phoneId: b!, mark: null })).phone).toMatchObject({ status: 'do_not_call', mark: null });
    // invalid from the import, not by hand: nothing to withdraw
    const queued = count('outbox');
    expect(await refusal('phone.mark', { caseId: id, phoneId: c!, mark: null })).toEqual({ code: 'VALIDATION', field: 'phoneId', rule: 'phone.notMarked' });
    expect(await refusal('phone.mark', { caseId: id, phoneId: a!, mark: null })).toEqual({ code: 'VALIDATION', field: 'phoneId', rule: 'phone.notMarked' });
    expect(count('outbox')).toBe(queued);
    const detail = await t.call('case.get', { caseId: id });
    expect(detail.phones.map((p) => [p.status, p.mark ?? null])).toEqual([['valid', null], ['do_not_call', null], ['invalid', null]]);
    expect(outbox('phone.mark').slice(-2)).toEqual([
      { caseId: id, phoneId: a, mark: null, at: t.clock().toISOString() },
      { caseId: id, phoneId: b, mark: null, at: t.clock().toISOString() },
    ]);
  });
});
