/**
 * message.send on the hub, both stores (issue 11): the hub re-checks every pushed SMS and letter —
 * the caller holds the case, banned wording, amounts, length, a third party never told of the
 * debt, the SMS contact rules — and hostile payloads are rejections, never a 500.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoRows, type DemoRows } from '../../../shared/demo/generate';
import { formatFen } from '../../../shared/domain/money';
import { attemptArgs, call, deskOf, makeWorld, pgAvailable, type Kind, type World } from './harness';

const pgOk = await pgAvailable();
if (!pgOk) console.warn('hub messages tests: no PostgreSQL reachable at 127.0.0.1:5432 — the PostgreSQL half is SKIPPED');

describe.each([
  ['sqlite', true],
  ['postgres', pgOk],
] as [Kind, boolean][])('message.send on the hub (%s)', (kind, enabled) => {
  let w: World;
  let rows: DemoRows;
  let next = 0;
  const sql = <T>(text: string, params: (string | number)[] = []) => w.hub.store.read((q) => q.all<Record<string, unknown>>(text, params)) as Promise<T[]>;
  const fresh = async () => {
    const c = rows.cases[next++]!;
    const [p] = await sql<{ id: number }>("SELECT p.id FROM phones p JOIN cases c ON c.debtor_id = p.debtor_id WHERE c.id = ? AND p.owner = 'self' AND p.status = 'valid' ORDER BY p.id", [Number(c.id)]);
    const [k] = await sql<{ overdue_fen: number }>('SELECT overdue_fen FROM cases WHERE id = ?', [Number(c.id)]);
    return { caseId: String(c.id), phoneId: String(p?.id), overdue: formatFen(Number(k?.overdue_fen)) };
  };
  const args = (caseId: string, phoneId: string | null, over: Record<string, unknown> = {}) => ({
    messageId: randomUUID(), caseId, phoneId, channel: 'sms', templateId: 'sms-reminder-zh', party: 'self', destination: '139****5678', subject: '',
    content: '您好，请通过官方渠道尽快还款。', status: 'recorded', gateway: 'record', at: w.now.t.toISOString(), ...over,
  });
  const pushOne = async (user: string, a: Record<string, unknown>) => {
    const desk = await deskOf(w, user);
    const r = await desk.push([desk.m('message.send', a)]);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const [rej] = await sql<{ reason: string; detail: string | null }>('SELECT reason, detail FROM rejections WHERE device_id = ? ORDER BY id', [desk.deviceId]);
    return rej ? { reason: rej.reason, detail: rej.detail } : null;
  };
  const stored = async (id: unknown) => Number((await sql<{ n: number }>('SELECT count(*) AS n FROM messages WHERE id = ?', [String(id)]))[0]?.n);

  beforeAll(async () => {
    if (!enabled) return;
    w = await makeWorld(kind);
    rows = generateDemoRows({ cases: 12, firstId: 5000, agentId: String(w.ids.agentA), today: '2026-03-10', history: 0, seed: 7 });
    const up = await call(w.hub, 'POST', '/v1/admin/cases', rows, await w.tokenOf('lead1'));
    expect(up.status, JSON.stringify(up.body)).toBe(200);
  });
  afterAll(async () => {
    if (enabled) await w.close();
  });

  it.skipIf(!enabled)('stores a checked SMS and a letter from the case holder, once', async () => {
    const { caseId, phoneId, overdue } = await fresh();
    const a = args(caseId, phoneId, { content: `您好，您的逾期金额为${overdue}，请通过官方渠道还款。` });
    expect(await pushOne('agentA', a)).toBeNull();
    expect(await stored(a.messageId)).toBe(1);
    const [row] = await sql<{ destination: string; agent_id: number; content: string }>('SELECT destination, agent_id, content FROM messages WHERE id = ?', [a.messageId]);
    expect(row).toMatchObject({ destination: '139****5678', content: a.content });
    expect(Number(row?.agent_id)).toBe(w.ids.agentA);
    expect(await pushOne('agentA', a)).toBeNull(); // the same id again: stored once
    expect(await stored(a.messageId)).toBe(1);
    const letter = args(caseId, null, { channel: 'letter', templateId: 'letter-notice-zh', destination: '上海市浦东新****', subject: '还款提醒函' });
    expect(await pushOne('agentA', letter)).toBeNull();
  });

  it.skipIf(!enabled)('another agent\'s case is out of scope', async () => {
    const { caseId, phoneId } = await fresh();
    const a = args(caseId, phoneId);
    expect(await pushOne('agentB', a)).toMatchObject({ reason: 'outOfScope' });
    expect(await stored(a.messageId)).toBe(0);
  });

  it.skipIf(!enabled)('banned wording, a wrong amount, an over-long SMS and an over-long letter are rejected naming the rule', async () => {
    const { caseId, phoneId } = await fresh();
    const cases: [Record<string, unknown>, string][] = [
      [args(caseId, phoneId, { content: '再不还款就上门闹' }), 'message.bannedPhrase'],
      [args(caseId, phoneId, { content: '逾期金额¥1.23，请还款' }), 'message.amountMismatch'],
      [args(caseId, phoneId, { content: '好'.repeat(281) }), 'message.smsTooLong'],
      [args(caseId, null, { channel: 'letter', content: Array.from({ length: 39 }, () => '本函').join('\n') }), 'message.letterTooLong'],
    ];
    for (const [a, rule] of cases) {
      expect(await pushOne('agentA', a)).toEqual({ reason: 'ruleViolation', detail: rule });
      expect(await stored(a.messageId)).toBe(0);
    }
  });

  it.skipIf(!enabled)('SMS contact rules: quiet hours by the hub\'s reading, a refused number, a case on hold, a number of another debtor', async () => {
    const { caseId, phoneId } = await fresh();
    expect(await pushOne('agentA', args(caseId, phoneId, { at: '2026-03-09T14:30:00.000Z' }))).toEqual({ reason: 'ruleViolation', detail: 'contact.quietHours' });
    const other = await fresh();
    expect(await pushOne('agentA', args(caseId, other.phoneId))).toEqual({ reason: 'ruleViolation', detail: 'phone.notOnCase' });
    expect(await pushOne('agentA', args(caseId, null))).toEqual({ reason: 'ruleViolation', detail: 'message.noDestination' });
    await w.hub.store.write((q) => q.run("UPDATE phones SET status = 'do_not_call' WHERE id = ?", [Number(phoneId)]));
    expect(await pushOne('agentA', args(caseId, phoneId))).toEqual({ reason: 'ruleViolation', detail: 'contact.refused' });
    const held = await fresh();
    await w.hub.store.write((q) => q.run("UPDATE cases SET status = 'hold' WHERE id = ?", [Number(held.caseId)]));
    expect(await pushOne('agentA', args(held.caseId, held.phoneId))).toEqual({ reason: 'ruleViolation', detail: 'contact.caseOnHold' });
  });

  it.skipIf(!enabled)('a third party is never told an amount; a desk calling its own number a third party\'s changes nothing', async () => {
    const { caseId, phoneId, overdue } = await fresh();
    expect(await pushOne('agentA', args(caseId, phoneId, { party: 'third_party', content: `请转告他还款${overdue}` }))).toEqual({ reason: 'ruleViolation', detail: 'message.thirdPartyDisclosure' });
    const [tp] = await sql<{ id: number }>("SELECT p.id FROM phones p JOIN cases c ON c.debtor_id = p.debtor_id WHERE c.id = ? AND p.owner = 'third_party' ORDER BY p.id", [Number(caseId)]);
    if (tp) expect(await pushOne('agentA', args(caseId, String(tp.id), { party: 'self' }))).toMatchObject({ reason: 'ruleViolation' });
    expect(await pushOne('agentA', args(caseId, null, { channel: 'letter', party: 'third_party' }))).toEqual({ reason: 'ruleViolation', detail: 'message.templateAudience' });
  });

  it.skipIf(!enabled)('an SMS to an unrelated third party is rejected until the debtor is unreachable by the hub\'s own attempts, then accepted', async () => {
    const [tp] = await sql<{ case_id: number; phone_id: number; debtor_id: number }>(
      "SELECT c.id AS case_id, p.id AS phone_id, c.debtor_id FROM cases c JOIN phones p ON p.debtor_id = c.debtor_id WHERE c.id >= 5000 AND p.owner = 'third_party' AND p.status = 'valid' ORDER BY c.id DESC LIMIT 1",
    );
    expect(tp, 'the demo rows hold a case with a third party\'s number').toBeTruthy();
    const caseId = String(tp?.case_id);
    const sms = () => args(caseId, String(tp?.phone_id), { party: 'third_party', templateId: 'sms-callback-zh', content: '您好，麻烦转告他给我们回个电话。' });
    const locked = sms();
    expect(await pushOne('agentA', locked)).toEqual({ reason: 'ruleViolation', detail: 'contact.thirdPartyLocked' });
    expect(await stored(locked.messageId)).toBe(0);
    // three unanswered calls on the debtor's own number (the team's thirdPartyAfterFailures): now unreachable
    const [own] = await sql<{ id: number }>("SELECT id FROM phones WHERE debtor_id = ? AND owner = 'self' AND status = 'valid' ORDER BY id", [Number(tp?.debtor_id)]);
    const desk = await deskOf(w, 'agentA');
    const calls = [3, 2, 1].map((m) => desk.m('attempt.save', attemptArgs(caseId, new Date(w.now.t.getTime() - m * 60_000), { phoneId: String(own?.id) })));
    const r = await desk.push(calls);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.rejected).toEqual([]);
    const open = sms();
    expect(await pushOne('agentA', open)).toBeNull();
    expect(await stored(open.messageId)).toBe(1);
  });

  it.skipIf(!enabled)('hostile payloads are rejections, never a 500', async () => {
    const { caseId, phoneId } = await fresh();
    const hostile: Record<string, unknown>[] = [
      args(caseId, phoneId, { content: '' }),
      args(caseId, phoneId, { content: 'x'.repeat(9000) }),
      args(caseId, phoneId, { channel: 'fax' }),
      args(caseId, phoneId, { party: 'boss' }),
      args(caseId, phoneId, { messageId: "1'; DROP TABLE messages; --" }),
      args(caseId, phoneId, { caseId: '0' }),
      args('999999999', phoneId),
      args(caseId, phoneId, { at: 'yesterday' }),
      args(caseId, phoneId, { at: '2099-01-01T00:00:00.000Z' }),
      args(caseId, phoneId, { content: { $gt: '' } }),
      args(caseId, phoneId, { destination: 'x'.repeat(201) }),
      args(caseId, phoneId, { status: 'sending' }),
    ];
    for (const a of hostile) {
      const r = await pushOne('agentA', a);
      expect(r?.reason, JSON.stringify(a).slice(0, 120)).toMatch(/^(invalidArgs|caseNotFound|clockAhead|outOfScope)$/);
    }
    expect(Number((await sql<{ n: number }>('SELECT count(*) AS n FROM messages WHERE case_id = ?', [Number(caseId)]))[0]?.n)).toBe(0);
  });
});
