/**
 * The hub re-checks each pushed phone attempt against the contact rules (issue 11), on both
 * stores: by its own counts, at the desk's time corrected by the desk's measured clock offset and
 * never earlier than the device's previous attempt. A broken rule never refuses the record: the
 * attempt is stored, flagged (attempt_checks.rules) and the team's leads get a conflict.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoRows, type DemoRows } from '../../../shared/demo/generate';
import { SYNC_SCHEMA_VERSION, type Mutation } from '../../../shared/sync';
import { attemptArgs, call, deskOf, makeWorld, pgAvailable, type Kind, type World } from './harness';

const pgOk = await pgAvailable();
if (!pgOk) console.warn('hub contact-rules tests: no PostgreSQL reachable at 127.0.0.1:5432 — the PostgreSQL half is SKIPPED');

const MINUTE = 60_000;

describe.each([
  ['sqlite', true],
  ['postgres', pgOk],
] as [Kind, boolean][])('contact rules on the hub (%s)', (kind, enabled) => {
  let w: World;
  let rows: DemoRows;
  let next = 0;
  const sql = <T>(text: string, params: (string | number)[] = []) => w.hub.store.read((q) => q.all<Record<string, unknown>>(text, params)) as Promise<T[]>;
  /** A fresh case of agentA and one of its debtor's own numbers. */
  const fresh = async () => {
    const c = rows.cases[next++]!;
    const [p] = await sql<{ id: number }>("SELECT p.id FROM phones p JOIN cases c ON c.debtor_id = p.debtor_id WHERE c.id = ? AND p.owner = 'self' AND p.status = 'valid' ORDER BY p.id", [Number(c.id)]);
    return { caseId: String(c.id), phoneId: String(p?.id) };
  };
  const checkOf = async (attemptId: string) => {
    const [r] = await sql<{ rules: string; effective_at: string }>('SELECT rules, effective_at FROM attempt_checks WHERE attempt_id = ?', [attemptId]);
    return r ? { rules: JSON.parse(r.rules) as string[], effectiveAt: r.effective_at } : null;
  };
  const pushAt = async (token: string, deviceId: string, id: number, args: Record<string, unknown>, sentAt?: string) => {
    const m: Mutation = { id, name: 'attempt.save', args, clientTime: String(args.at) };
    const r = await call(w.hub, 'POST', '/v1/sync/push', { deviceId, schemaVersion: SYNC_SCHEMA_VERSION, mutations: [m], ...(sentAt ? { sentAt } : {}) }, token);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.rejected).toEqual([]); // never refused for a contact rule
  };

  beforeAll(async () => {
    if (!enabled) return;
    w = await makeWorld(kind);
    rows = generateDemoRows({ cases: 8, firstId: 3000, agentId: String(w.ids.agentA), today: '2026-03-10', history: 0, seed: 11 });
    const up = await call(w.hub, 'POST', '/v1/admin/cases', rows, await w.tokenOf('lead1'));
    expect(up.status, JSON.stringify(up.body)).toBe(200);
  });
  afterAll(async () => {
    if (enabled) await w.close();
  });

  it.skipIf(!enabled)('the 7th unanswered attempt on a number in a day is stored and flagged; the leads get a conflict', async () => {
    const { caseId, phoneId } = await fresh();
    const desk = await deskOf(w, 'agentA');
    const ids: string[] = [];
    const ms: Mutation[] = [];
    for (let i = 0; i < 7; i++) {
      const a = attemptArgs(caseId, new Date(w.now.t.getTime() + i * MINUTE - 10 * MINUTE), { phoneId });
      ids.push(a.attemptId);
      ms.push(desk.m('attempt.save', a));
    }
    const r = await desk.push(ms);
    expect(r.body.rejected).toEqual([]);
    expect(await checkOf(ids[5]!)).toMatchObject({ rules: [] });
    expect(await checkOf(ids[6]!)).toMatchObject({ rules: ['contact.unansweredCap'] });
    expect(Number((await sql<{ n: number }>('SELECT count(*) AS n FROM attempts WHERE case_id = ?', [Number(caseId)]))[0]?.n)).toBe(7);
    const conflicts = (await call(w.hub, 'GET', '/v1/conflicts', undefined, await w.tokenOf('lead1'))).body.conflicts as { caseId: string; kind: string; detail: { rules: string[]; attemptId: string } }[];
    expect(conflicts.filter((c) => c.caseId === caseId && c.kind === 'contactViolation').map((c) => c.detail)).toMatchObject([{ rules: ['contact.unansweredCap'], attemptId: ids[6] }]);
  });

  it.skipIf(!enabled)('a desk with its clock set back an hour is still flagged at 22:10 (its offset is measured at the push)', async () => {
    const { caseId, phoneId } = await fresh();
    const deviceId = `dev-${randomUUID()}`;
    w.now.t = new Date('2026-03-10T14:10:00.000Z'); // 22:10 in Shanghai on the hub's clock
    const token = await w.tokenOf('agentA', deviceId);
    const deskNow = new Date(w.now.t.getTime() - 60 * MINUTE); // the desk says 21:10
    const a = attemptArgs(caseId, deskNow, { phoneId });
    await pushAt(token, deviceId, 1, a, deskNow.toISOString());
    expect(await checkOf(a.attemptId)).toEqual({ rules: ['contact.quietHours'], effectiveAt: '2026-03-10T14:10:00.000Z' });
    // The same desk time with a right clock (an offline call pushed later) is within the rules.
    const { caseId: c2, phoneId: p2 } = await fresh();
    const b = attemptArgs(c2, deskNow, { phoneId: p2 });
    const other = `dev-${randomUUID()}`;
    await pushAt(await w.tokenOf('agentA', other), other, 1, b, w.now.t.toISOString());
    expect(await checkOf(b.attemptId)).toMatchObject({ rules: [] });
  });

  it.skipIf(!enabled)('a device never goes back in time: after a call at 22:05, a call it stamps 21:00 counts at 22:05', async () => {
    const { caseId, phoneId } = await fresh();
    const deviceId = `dev-${randomUUID()}`;
    w.now.t = new Date('2026-03-10T14:30:00.000Z');
    const token = await w.tokenOf('agentA', deviceId);
    const first = attemptArgs(caseId, new Date('2026-03-10T14:05:00.000Z'), { phoneId });
    await pushAt(token, deviceId, 1, first);
    const back = attemptArgs(caseId, new Date('2026-03-10T13:00:00.000Z'), { phoneId });
    await pushAt(token, deviceId, 2, back);
    expect(await checkOf(back.attemptId)).toEqual({ rules: ['contact.quietHours'], effectiveAt: '2026-03-10T14:05:00.000Z' });
    w.now.t = new Date('2026-03-10T02:00:00.000Z');
  });

  it.skipIf(!enabled)('a lead’s override reaches the holder, lets one call through at 22:30 and is counted used; an agent may not override', async () => {
    const { caseId, phoneId } = await fresh();
    w.now.t = new Date('2026-03-10T02:00:00.000Z');
    const lead = await deskOf(w, 'lead1');
    const overrideId = randomUUID();
    const o = await lead.push([lead.m('contact.override', { overrideId, caseId, phoneId, reason: '债务人要求今晚 22:30 回电', at: w.now.t.toISOString() })]);
    expect(o.body.rejected).toEqual([]);
    const agent = await deskOf(w, 'agentA');
    const pulled = await agent.pullAll();
    expect(pulled.changes.filter((c) => c.entity === 'contactOverride' && c.op === 'put').map((c) => c.op === 'put' && c.row)).toMatchObject([{ id: overrideId, caseId, phoneId, usedAt: null }]);
    const sneaky = await agent.push([agent.m('contact.override', { overrideId: randomUUID(), caseId, phoneId, reason: '我自己批准', at: w.now.t.toISOString() })]);
    expect(sneaky.body.rejected).toMatchObject([{ reason: 'forbidden' }]);
    w.now.t = new Date('2026-03-10T14:30:00.000Z'); // 22:30 in Shanghai
    const deviceId = `dev-${randomUUID()}`;
    const token = await w.tokenOf('agentA', deviceId);
    const a = attemptArgs(caseId, w.now.t, { phoneId, overrideId });
    const b = attemptArgs(caseId, new Date(w.now.t.getTime() + MINUTE), { phoneId, overrideId });
    await pushAt(token, deviceId, 1, a);
    w.now.t = new Date(w.now.t.getTime() + 2 * MINUTE);
    await pushAt(token, deviceId, 2, b);
    expect(await checkOf(a.attemptId)).toMatchObject({ rules: [] });
    expect(await checkOf(b.attemptId)).toMatchObject({ rules: ['contact.quietHours'] }); // one call only
    const [used] = await sql<{ used_by_attempt: string }>('SELECT used_by_attempt FROM contact_overrides WHERE id = ?', [overrideId]);
    expect(used?.used_by_attempt).toBe(a.attemptId);
    w.now.t = new Date('2026-03-10T02:00:00.000Z');
  });

  it.skipIf(!enabled)('the hub re-checks the note for banned wording (a desk that skipped the check is refused)', async () => {
    const { caseId } = await fresh();
    const desk = await deskOf(w, 'agentA');
    const r = await desk.push([desk.m('attempt.save', attemptArgs(caseId, w.now.t, { note: '转到我个人账户就行' }))]);
    expect(r.body.rejected).toMatchObject([{ reason: 'ruleViolation' }]);
    expect(await sql<{ detail: string }>('SELECT detail FROM rejections WHERE device_id = ?', [desk.deviceId])).toEqual([{ detail: 'note.bannedPhrase' }]);
  });
});
