/**
 * Issue 9 on the hub, on both stores: numbers and contacts an agent adds (phone.add) and numbers
 * marked bad by hand (phone.mark) are re-checked (the case held, the shared phone rules, the
 * relation enum, no duplicate) and reach the lead by pull; an attempt whose channel lacks what it
 * needs (shared/domain/channel-rules) is a permanent rejection, never a 500.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoRows, type DemoRows } from '../../../shared/demo/generate';
import { attemptArgs, call, deskOf, fold, makeWorld, pgAvailable, type Kind, type World } from './harness';

const pgOk = await pgAvailable();
if (!pgOk) console.warn('hub phones/channels tests: no PostgreSQL reachable at 127.0.0.1:5432 — the PostgreSQL half is SKIPPED');

describe.each([
  ['sqlite', true],
  ['postgres', pgOk],
] as [Kind, boolean][])('phones and channels on the hub (%s)', (kind, enabled) => {
  let w: World;
  let rows: DemoRows;
  let next = 0;
  const sql = <T>(text: string, params: (string | number)[] = []) => w.hub.store.read((q) => q.all<Record<string, unknown>>(text, params)) as Promise<T[]>;
  /** A fresh case of agentA, its debtor and the debtor's own first number. */
  const fresh = async () => {
    const c = rows.cases[next++]!;
    const [p] = await sql<{ id: number; number: string }>("SELECT p.id, p.number FROM phones p JOIN cases c ON c.debtor_id = p.debtor_id WHERE c.id = ? AND p.owner = 'self' ORDER BY p.id", [Number(c.id)]);
    return { caseId: String(c.id), debtorId: c.debtorId, phoneId: String(p?.id), number: String(p?.number) };
  };
  const addArgs = (caseId: string, over: Record<string, unknown> = {}) => ({
    phoneKey: randomUUID(), caseId, number: '13700137000', kind: 'mobile', contact: null, at: w.now.t.toISOString(), ...over,
  });

  beforeAll(async () => {
    if (!enabled) return;
    w = await makeWorld(kind);
    rows = generateDemoRows({ cases: 10, firstId: 5000, agentId: String(w.ids.agentA), today: '2026-03-10', history: 0, seed: 9 });
    const up = await call(w.hub, 'POST', '/v1/admin/cases', rows, await w.tokenOf('lead1'));
    expect(up.status, JSON.stringify(up.body)).toBe(200);
  });
  afterAll(async () => {
    if (enabled) await w.close();
  });

  it.skipIf(!enabled)("an agent's new number and new contact are stored under hub ids with the desk's keys, and reach the lead by pull", async () => {
    const { caseId, debtorId } = await fresh();
    const lead = await deskOf(w, 'lead1');
    await lead.pullAll();
    const desk = await deskOf(w, 'agentA');
    const own = addArgs(caseId, { number: '+86 137 0013 7001' });
    const contactKey = randomUUID();
    const theirs = addArgs(caseId, { number: '010-8765 4321', kind: 'work', contact: { key: contactKey, name: ' 王五\u200b ', relation: 'colleague' } });
    const r = await desk.push([desk.m('phone.add', own), desk.m('phone.add', theirs), desk.m('phone.add', own)]); // the same key twice: stored once
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.rejected).toEqual([]);

    const stored = await sql<{ id: number; number: string; owner: string; kind: string; contact_id: number | null; client_key: string; added_by: number }>(
      'SELECT id, number, owner, kind, contact_id, client_key, added_by FROM phones WHERE client_key IN (?, ?) ORDER BY id', [own.phoneKey, theirs.phoneKey]);
    expect(stored.map((p) => ({ ...p, id: undefined, contact_id: p.contact_id === null ? null : 'set' }))).toEqual([
      { id: undefined, number: '13700137001', owner: 'self', kind: 'mobile', contact_id: null, client_key: own.phoneKey, added_by: w.ids.agentA },
      { id: undefined, number: '01087654321', owner: 'third_party', kind: 'work', contact_id: 'set', client_key: theirs.phoneKey, added_by: w.ids.agentA },
    ]);
    const [contact] = await sql<{ name: string; relation: string; party: string }>('SELECT name, relation, party FROM contacts WHERE client_key = ?', [contactKey]);
    expect(contact).toEqual({ name: '王五', relation: 'colleague', party: 'third_party' });

    // the lead's next pull carries both numbers and the contact, with the keys the adding desk matches on
    const seen = fold((await lead.pullAll()).changes);
    const phones = [...(seen.get('phone')?.values() ?? [])];
    expect(phones.map((p) => [p.debtorId, p.number, p.clientKey, p.mark])).toEqual(expect.arrayContaining([
      [debtorId, '13700137001', own.phoneKey, null], [debtorId, '01087654321', theirs.phoneKey, null],
    ]));
    expect([...(seen.get('contact')?.values() ?? [])]).toEqual([expect.objectContaining({ name: '王五', relation: 'colleague', clientKey: contactKey })]);
  });

  it.skipIf(!enabled)('hostile or wrong phone.add is refused for good: a duplicate, markup, too long, an unknown relation, a case not held', async () => {
    const { caseId, number } = await fresh();
    const other = rows.cases.find((c) => c.assignedAgentId === null) ?? null;
    const desk = await deskOf(w, 'agentA');
    const before = (await sql<{ n: number }>('SELECT count(*) AS n FROM phones'))[0]?.n;
    const r = await desk.push([
      desk.m('phone.add', addArgs(caseId, { number })), // the debtor's own number again
      desk.m('phone.add', addArgs(caseId, { number: '<b>13700137002</b>' })),
      desk.m('phone.add', addArgs(caseId, { number: '1'.repeat(33) })),
      desk.m('phone.add', addArgs(caseId, { contact: { key: randomUUID(), name: '赵六', relation: 'lover' } })),
      desk.m('phone.add', addArgs(caseId, { contact: { key: randomUUID(), name: '<script>x</script>', relation: 'friend' } })),
      desk.m('phone.add', addArgs(String(other ? other.id : 999_999), { number: '13700137003' })),
      desk.m('phone.mark', { caseId, phoneId: '999999', mark: 'empty', at: w.now.t.toISOString() }),
      desk.m('phone.mark', { caseId, phoneId: '1', mark: 'broken', at: w.now.t.toISOString() }),
    ]);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.rejected.map((x: { reason: string }) => x.reason)).toEqual([
      'ruleViolation', 'ruleViolation', 'invalidArgs', 'invalidArgs', 'ruleViolation', other ? 'outOfScope' : 'caseNotFound', 'ruleViolation', 'invalidArgs',
    ]);
    expect((await sql<{ n: number }>('SELECT count(*) AS n FROM phones'))[0]?.n).toBe(before);
    // the rule ids come back to the desk on its rejections
    const back = [...(fold((await desk.pullAll()).changes).get('rejection')?.values() ?? [])].map((x) => x.detail);
    expect(back).toEqual(expect.arrayContaining(['phone.duplicate', 'phone.numberInvalid', 'contact.nameInvalid', 'phone.notOnCase']));
  });

  it.skipIf(!enabled)("another agent's case: phone.add and phone.mark are out of scope", async () => {
    const { caseId, phoneId } = await fresh();
    const b = await deskOf(w, 'agentB');
    const r = await b.push([b.m('phone.add', addArgs(caseId, { number: '13700137009' })), b.m('phone.mark', { caseId, phoneId, mark: 'suspended', at: w.now.t.toISOString() })]);
    expect(r.body.rejected.map((x: { reason: string }) => x.reason)).toEqual(['outOfScope', 'outOfScope']);
    expect(await sql('SELECT status, mark FROM phones WHERE id = ?', [Number(phoneId)])).toEqual([{ status: 'valid', mark: null }]);
  });

  it.skipIf(!enabled)('a number marked 停机 becomes invalid and the lead sees why; a do-not-call number stays do-not-call', async () => {
    const { caseId, phoneId } = await fresh();
    const lead = await deskOf(w, 'lead1');
    await lead.pullAll();
    const desk = await deskOf(w, 'agentA');
    const r = await desk.push([desk.m('phone.mark', { caseId, phoneId, mark: 'suspended', at: w.now.t.toISOString() })]);
    expect(r.body.rejected).toEqual([]);
    expect(await sql('SELECT status, mark FROM phones WHERE id = ?', [Number(phoneId)])).toEqual([{ status: 'invalid', mark: 'suspended' }]);
    expect(fold((await lead.pullAll()).changes).get('phone')?.get(phoneId)).toMatchObject({ status: 'invalid', mark: 'suspended' });

    await w.hub.store.write((q) => q.run("UPDATE phones SET status = 'do_not_call' WHERE id = ?", [Number(phoneId)]));
    await desk.push([desk.m('phone.mark', { caseId, phoneId, mark: 'wrong_person', at: w.now.t.toISOString() })]);
    expect(await sql('SELECT status, mark FROM phones WHERE id = ?', [Number(phoneId)])).toEqual([{ status: 'do_not_call', mark: 'wrong_person' }]);
  });

  it.skipIf(!enabled)('a hand mark withdrawn (mark null): valid again, do-not-call stays; nothing to withdraw is a rejection; the lead sees it', async () => {
    const one = await fresh();
    const two = await fresh();
    const lead = await deskOf(w, 'lead1');
    await lead.pullAll();
    const desk = await deskOf(w, 'agentA');
    const at = w.now.t.toISOString();
    const r = await desk.push([
      desk.m('phone.mark', { caseId: one.caseId, phoneId: one.phoneId, mark: 'empty', at }),
      desk.m('phone.mark', { caseId: one.caseId, phoneId: one.phoneId, mark: null, at }),
      desk.m('phone.mark', { caseId: one.caseId, phoneId: one.phoneId, mark: null, at }), // already withdrawn
      desk.m('phone.mark', { caseId: two.caseId, phoneId: two.phoneId, mark: null, at }), // never marked
    ]);
    expect(r.body.rejected.map((x: { reason: string }) => x.reason)).toEqual(['ruleViolation', 'ruleViolation']);
    expect(await sql('SELECT status, mark FROM phones WHERE id = ?', [Number(one.phoneId)])).toEqual([{ status: 'valid', mark: null }]);
    expect(fold((await lead.pullAll()).changes).get('phone')?.get(one.phoneId)).toMatchObject({ status: 'valid', mark: null });
    const back = [...(fold((await desk.pullAll()).changes).get('rejection')?.values() ?? [])].map((x) => x.detail);
    expect(back).toEqual(expect.arrayContaining(['phone.notMarked']));

    await desk.push([desk.m('phone.mark', { caseId: two.caseId, phoneId: two.phoneId, mark: 'wrong_person', at })]);
    await w.hub.store.write((q) => q.run("UPDATE phones SET status = 'do_not_call' WHERE id = ?", [Number(two.phoneId)]));
    await desk.push([desk.m('phone.mark', { caseId: two.caseId, phoneId: two.phoneId, mark: null, at })]);
    expect(await sql('SELECT status, mark FROM phones WHERE id = ?', [Number(two.phoneId)])).toEqual([{ status: 'do_not_call', mark: null }]);
  });

  it.skipIf(!enabled)("an attempt is re-checked against its channel's needs; a visit keeps its address", async () => {
    const { caseId, phoneId } = await fresh();
    const desk = await deskOf(w, 'agentA');
    const at = new Date(w.now.t.getTime() - 60_000);
    const visit = attemptArgs(caseId, at, { channel: 'visit', visitAddress: ' 北京市朝阳区建国路 88 号 ' });
    const sms = attemptArgs(caseId, at, { channel: 'sms', phoneId });
    const r = await desk.push([
      desk.m('attempt.save', visit),
      desk.m('attempt.save', sms),
      desk.m('attempt.save', attemptArgs(caseId, at, { channel: 'sms' })), // no number
      desk.m('attempt.save', attemptArgs(caseId, at, { channel: 'letter', durationSec: 120 })), // a letter with a call timer
      desk.m('attempt.save', attemptArgs(caseId, at, { channel: 'visit' })), // a visit without an address
      desk.m('attempt.save', attemptArgs(caseId, at, { channel: 'email', phoneId })),
      desk.m('attempt.save', attemptArgs(caseId, at, { channel: 'visit', visitAddress: '<'.repeat(5000) })), // beyond the schema
    ]);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.rejected.map((x: { reason: string }) => x.reason)).toEqual(['ruleViolation', 'ruleViolation', 'ruleViolation', 'ruleViolation', 'invalidArgs']);
    const stored = await sql<{ id: string; channel: string; visit_address: string | null }>('SELECT id, channel, visit_address FROM attempts WHERE case_id = ? ORDER BY channel', [Number(caseId)]);
    expect(stored).toEqual([{ id: sms.attemptId, channel: 'sms', visit_address: null }, { id: visit.attemptId, channel: 'visit', visit_address: '北京市朝阳区建国路 88 号' }]);
    const back = [...(fold((await desk.pullAll()).changes).get('rejection')?.values() ?? [])].map((x) => x.detail);
    expect(back).toEqual(expect.arrayContaining(['channel.phoneRequired', 'channel.noCall', 'channel.addressRequired', 'channel.noPhone']));
    const lead = await deskOf(w, 'lead1');
    expect(fold((await lead.pullAll()).changes).get('attempt')?.get(visit.attemptId)).toMatchObject({ channel: 'visit', visitAddress: '北京市朝阳区建国路 88 号' });
  });
});
