import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { QueueItem } from '../../shared/contract';
import { createAgent } from '../../electron/core/auth/auth';
import { nextCaseId } from '../../electron/core/queue/queue';
import { addCase, addFollowUp, addPromise, openTestDesk, type TestDesk } from '../fixtures/desk';

// Clock: 2026-03-10 10:00 in Shanghai (02:00Z).
let t: TestDesk;
let ids: Record<string, number>;

beforeEach(async () => {
  t = await openTestDesk();
  const a = t.agentId;
  ids = {
    big: addCase(t, { agentId: a, name: '张伟', overdueSince: '2025-11-01', overdueFen: 8_000_000, balanceFen: 9_000_000, idNumber: '110105198001011234', accountNo: '6225880012345678', phones: [{ number: '13912345678' }] }).caseId,
    fuDue: addCase(t, { agentId: a, name: '李娜', overdueSince: '2026-03-08', overdueFen: 10_000, balanceFen: 20_000, phones: [{ number: '13600001111' }], tags: ['sensitive'] }).caseId,
    ptpDue: addCase(t, { agentId: a, name: '王芳', overdueSince: '2026-02-01', overdueFen: 50_000, idNumber: '44010619900101567X' }).caseId,
    fuLater: addCase(t, { agentId: a, name: '张敏', overdueSince: '2026-02-25', overdueFen: 20_000, contacts: [{ name: '张父', relation: 'parent', party: 'third_party', phone: '18800009999' }] }).caseId,
    paid: addCase(t, { agentId: a, name: '赵丽', status: 'paid', overdueFen: 0 }).caseId,
    others: addCase(t, { agentId: t.otherAgentId, name: '张三', phones: [{ number: '13912340000' }] }).caseId,
  };
  addFollowUp(t, ids.fuDue!, '2026-03-10T01:30:00.000Z');
  addPromise(t, ids.ptpDue!, { amountFen: 10_000, dueDate: '2026-03-10', createdDate: '2026-03-05' });
  addFollowUp(t, ids.fuLater!, '2026-03-10T03:00:00.000Z');
});
afterEach(() => t.close());

const list = (input: unknown = {}) => t.call('queue.list', input);
const idsOf = (items: QueueItem[]) => items.map((i) => Number(i.caseId));

describe('queue.list', () => {
  it('puts due follow-ups first (the alert says they are at the top), then due PTPs, then the rest by priority', async () => {
    const r = await list();
    expect(idsOf(r.items)).toEqual([ids.fuDue, ids.ptpDue, ids.big, ids.fuLater]);
    expect(r.total).toBe(4);
    expect(r.dueCount).toBe(2);
    expect(r.items[0]).toMatchObject({ dueKind: 'followup', dueAt: '2026-03-10T01:30:00.000Z' });
    expect(r.items[1]).toMatchObject({ dueKind: 'ptp', dueAt: '2026-03-09T16:00:00.000Z', status: 'ptp' });
    expect(r.items[2]).toMatchObject({ dueKind: null, dueAt: null, bucket: 'M4P' });
    expect(r.items[2]!.priority).toBeGreaterThan(r.items[3]!.priority);
    // each row says why it ranks there: the parts of its score, which add up to it
    for (const i of r.items) expect(i.rank.reduce((s, p) => s + p.points, 0)).toBe(i.priority);
    expect(r.items[2]!.rank.map((p) => p.part)).toEqual(['amount', 'dpd', 'neverContacted']);
  });

  it('a follow-up rises to the top when its time comes', async () => {
    t.clock.set('2026-03-10T03:00:00.000Z');
    const r = await list();
    expect(idsOf(r.items)).toEqual([ids.fuDue, ids.fuLater, ids.ptpDue, ids.big]);
    expect(r.dueCount).toBe(3);
  });

  it('a case with a due promise and a due follow-up ranks with the follow-ups, by the follow-up\'s time; save-and-next opens it first', async () => {
    addFollowUp(t, ids.ptpDue!, '2026-03-10T01:45:00.000Z');
    const r = await list();
    expect(idsOf(r.items)).toEqual([ids.fuDue, ids.ptpDue, ids.big, ids.fuLater]);
    expect(r.items[1]).toMatchObject({ dueKind: 'followup', dueAt: '2026-03-10T01:45:00.000Z' });
    expect(idsOf((await list({ offset: 1, limit: 1 })).items)).toEqual([ids.ptpDue]);
    expect(idsOf((await list({ filter: { search: '王' } })).items)).toEqual([ids.ptpDue]);
    expect(nextCaseId(t.desk.ctx, t.agentId, ids.big!)).toBe(String(ids.fuDue));
    expect(nextCaseId(t.desk.ctx, t.agentId, ids.fuDue!)).toBe(String(ids.ptpDue));
  });

  it('pages across the due and the ranked part', async () => {
    const all = idsOf((await list()).items);
    const pages = [];
    for (let off = 0; off < 4; off += 1) pages.push(...idsOf((await list({ offset: off, limit: 1 })).items));
    expect(pages).toEqual(all);
    expect((await list({ offset: 1, limit: 2 })).items.map((i) => Number(i.caseId))).toEqual(all.slice(1, 3));
  });

  it('filters by bucket, status and tag', async () => {
    expect(idsOf((await list({ filter: { bucket: 'M1_EARLY' } })).items)).toEqual([ids.fuDue]);
    expect(idsOf((await list({ filter: { bucket: 'M4P' } })).items)).toEqual([ids.big]);
    expect((await list({ filter: { bucket: 'M3' } })).total).toBe(0);
    const paid = await list({ filter: { status: 'paid' } });
    expect(idsOf(paid.items)).toEqual([ids.paid]);
    expect(paid.total).toBe(1);
    expect(idsOf((await list({ filter: { status: 'ptp' } })).items)).toEqual([ids.ptpDue]);
    expect(idsOf((await list({ filter: { tag: 'sensitive' } })).items)).toEqual([ids.fuDue]);
    expect(idsOf((await list({ filter: { tag: 'sensitive', bucket: 'M4P' } })).items)).toEqual([]);
  });

  it('searches names by prefix, only in the agent\'s own cases', async () => {
    const r = await list({ filter: { search: '张' } });
    expect(idsOf(r.items).sort()).toEqual([ids.big, ids.fuLater].sort());
    expect(r.total).toBe(2);
    expect(idsOf((await list({ filter: { search: '张伟' } })).items)).toEqual([ids.big]);
    expect((await list({ filter: { search: '欧阳' } })).total).toBe(0);
  });

  it('searches digits as phone prefix / tail 4, ID prefix / tail 4 and account prefix', async () => {
    const one = async (search: string) => idsOf((await list({ filter: { search } })).items);
    expect(await one('1391234')).toEqual([ids.big]); // phone prefix (the other agent's 13912340000 is not shown)
    expect(await one('139 1234 5678')).toEqual([ids.big]);
    expect(await one('5678')).toEqual([ids.big]); // phone tail 4 (and account tail is not a prefix)
    expect(await one('1111')).toEqual([ids.fuDue]); // phone tail 4
    expect(await one('9999')).toEqual([ids.fuLater]); // a contact's phone finds the debtor
    expect(await one('110105')).toContain(ids.big); // ID prefix
    expect(await one('567x')).toEqual([ids.ptpDue]); // ID tail 4 with X
    expect(await one('62258800123')).toEqual([ids.big]); // account prefix
    expect(await one('123')).toEqual([]); // too short to search
  });

  it('a number several cases share lists them all in queue order, with exact total and due count', async () => {
    const phone = t.desk.ctx.db.prepare("INSERT INTO phones (debtor_id, owner, kind, number, number_tail4) VALUES ((SELECT debtor_id FROM cases WHERE id = ?), 'self', 'mobile', ?, '4321')");
    for (const [i, id] of [ids.paid, ids.fuLater, ids.big, ids.ptpDue, ids.fuDue, ids.others].entries()) phone.run(id, `1370000${i}4321`);
    const r = await list({ filter: { search: '4321' } });
    // The queue's order (due follow-up, due promise, the rest by priority), the paid case among the rest; not the other agent's.
    expect(idsOf(r.items).filter((id) => id !== ids.paid)).toEqual([ids.fuDue, ids.ptpDue, ids.big, ids.fuLater]);
    expect(idsOf(r.items)).toContain(ids.paid);
    expect(r).toMatchObject({ total: 5, dueCount: 2 });
    expect(r.totalAtLeast).toBeUndefined();
    expect(idsOf((await list({ filter: { search: '4321' }, offset: 1, limit: 2 })).items)).toEqual(idsOf(r.items).slice(1, 3));
  });

  it('finds the card tail printed on every row, an ID tail of any length, a batch number, a contact\'s name and a case number', async () => {
    const one = async (search: string) => idsOf((await list({ filter: { search } })).items);
    const db = t.desk.ctx.db;
    db.prepare("INSERT INTO batches (id, batch_no, creditor, imported_at) VALUES (7, 'WA202603-118', 'x', '2026-03-01T00:00:00.000Z')").run();
    db.prepare('UPDATE cases SET batch_id = 7 WHERE id IN (?, ?)').run(ids.fuDue, ids.paid);
    expect(await one('345678')).toEqual([ids.big]); // 6-digit account (card) tail
    expect(await one('01011234')).toEqual([ids.big]); // 8-digit ID tail
    expect(await one('01567x')).toEqual([ids.ptpDue]); // 6-digit ID tail ending in X
    expect(await one('WA202603')).toEqual([ids.fuDue, ids.paid]); // batch number (a search finds paid cases too)
    expect(await one('wa202603-1')).toEqual([ids.fuDue, ids.paid]); // any case
    expect(await one('张父')).toEqual([ids.fuLater]); // a contact's name
    expect(await one(`#${ids.ptpDue}`)).toEqual([ids.ptpDue]); // the case number the lead's table shows
    expect(await one(String(ids.ptpDue))).toEqual([ids.ptpDue]);
    expect(await one(`#${ids.others}`)).toEqual([]); // not the agent's case
  });

  it('the lead\'s table searches the same way: phone, ID number, case number, card tail, contact, batch', async () => {
    t.desk.ctx.db.transaction(() => createAgent(t.desk.ctx, { username: 'boss', password: 'secret3', displayName: '组长', agentNo: 'L0001', role: 'lead' }))();
    await t.call('auth.logout', {});
    await t.call('auth.login', { username: 'boss', password: 'secret3' });
    const lead = async (search: string) => (await t.call('lead.cases', { search })).items.map((i) => Number(i.caseId)).sort((a, b) => a - b);
    expect(await lead('13912345678')).toEqual([ids.big]);
    expect(await lead('1391234')).toEqual([ids.big!, ids.others!].sort((a, b) => a - b)); // the whole team's cases
    expect(await lead('110105198001011234')).toEqual([ids.big]);
    expect(await lead(`#${ids.ptpDue}`)).toEqual([ids.ptpDue]);
    expect(await lead('345678')).toEqual([ids.big]);
    expect(await lead('张父')).toEqual([ids.fuLater]);
    expect(await lead('张')).toEqual([ids.big!, ids.fuLater!, ids.others!].sort((a, b) => a - b));
  });

  it('search finds paid cases too (a debtor calling back)', async () => {
    expect(idsOf((await list({ filter: { search: '赵丽' } })).items)).toEqual([ids.paid]);
  });

  it('every queue and search query uses the indexes (EXPLAIN QUERY PLAN)', async () => {
    const ctx = t.desk.ctx;
    const seen: { sql: string; params: unknown }[] = [];
    const orig = ctx.prep;
    ctx.prep = ((sql: string) => {
      const st = orig(sql);
      return new Proxy(st, {
        get(target, prop, recv) {
          const v = Reflect.get(target, prop, recv) as unknown;
          if ((prop === 'all' || prop === 'get') && typeof v === 'function') {
            return (...args: unknown[]) => {
              seen.push({ sql, params: args[0] });
              return (v as (...a: unknown[]) => unknown).apply(target, args);
            };
          }
          return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
        },
      });
    }) as typeof ctx.prep;
    try {
      for (const filter of [{}, { bucket: 'M2' }, { status: 'open' }, { search: '张' }, { search: '13912345678' }, { search: '5678' }, { search: '110105198001011234' },
        { search: '345678' }, { search: '张父' }, { search: 'WA2026' }, { search: '#3' }]) {
        await list({ filter });
        await list({ filter, offset: 1, limit: 1 }); // the ranked part too
      }
    } finally {
      ctx.prep = orig;
    }
    expect(seen.length).toBeGreaterThan(10);
    for (const { sql, params } of seen) {
      const plan = (ctx.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params ?? {}) as { detail: string }[]).map((r) => r.detail);
      const scans = plan.filter((d) => /^SCAN (c|cc|d|dd|p|cases|debtors|phones)\b/.test(d));
      expect(scans, `${sql}\n${plan.join('\n')}`).toEqual([]);
    }
  });
});
