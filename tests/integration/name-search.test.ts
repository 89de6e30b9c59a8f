import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateIntoDesk } from '../../electron/core/demo/cli';
import { nameSearch } from '../../electron/core/queue/name-search';
import { classifySearch, searchParams } from '../../electron/core/queue/search';
import { addFollowUp, openTestDesk, tempDir, testClock, type TestDesk } from '../fixtures/desk';

// Both ways of serving a name search (read all matches and sort / walk the queue indexes in
// order) must return exactly the queue order; checked against a brute-force ordering.
let t: TestDesk;
let agentId: number;

beforeAll(async () => {
  const dir = tempDir();
  generateIntoDesk({ dataDir: dir, cases: 1500, agent: 'demo', seed: 11 });
  t = await openTestDesk({ dataDir: dir, clock: testClock(new Date().toISOString()), login: false });
  await t.call('auth.login', { username: 'demo', password: 'demo123' });
  agentId = t.desk.ctx.prep<{ id: number }>("SELECT id FROM agents WHERE username = 'demo'").get()!.id;
  // Follow-ups that have come due, on every 7th case (some of them with a due promise too): the queue's head.
  const cases = t.desk.ctx.prep<{ id: number }>('SELECT id FROM cases WHERE assigned_agent_id = ? AND id % 7 = 0').all(agentId);
  const now = t.desk.ctx.clock().getTime();
  for (const [i, c] of cases.entries()) addFollowUp(t, c.id, new Date(now - (i % 50) * 60_000 - 60_000).toISOString(), agentId);
}, 60_000);
afterAll(() => t.close());

interface Row { id: number; next_due_at: string | null; priority: number; name: string }

function bruteForce(prefix: string, now: string): { ids: number[]; due: number } {
  const rows = t.desk.ctx.db
    .prepare(`SELECT c.id, c.next_due_at, c.priority, d.name, coalesce(b.batch_no, '') AS batch,
                (SELECT json_group_array(k.name) FROM contacts k WHERE k.debtor_id = c.debtor_id) AS contacts,
                (SELECT min(f.due_at) FROM follow_ups f WHERE f.case_id = c.id AND f.state = 'pending') AS fu_at
              FROM cases c JOIN debtors d ON d.id = c.debtor_id LEFT JOIN batches b ON b.id = c.batch_id
              WHERE c.assigned_agent_id = ? AND c.status IN ('open','ptp','hold')`)
    .all(agentId) as (Row & { batch: string; contacts: string; fu_at: string | null })[];
  // The debtor's name, a contact's name or the batch number (case-insensitive) starts with the prefix.
  // (contacts from two characters on, batch numbers when the text has a letter or digit: classifySearch)
  const q = classifySearch(prefix);
  if (q.kind !== 'name') throw new Error(prefix);
  const hit = rows.filter((r) => r.name.startsWith(prefix) || (q.contacts && (JSON.parse(r.contacts) as string[]).some((n) => n.startsWith(prefix)))
    || (q.batches && r.batch.toUpperCase().startsWith(prefix.toUpperCase())));
  // Due follow-ups first (by their time), then the other due cases, then the rest.
  const isHead = (r: { fu_at: string | null }) => r.fu_at !== null && r.fu_at <= now;
  const head = hit.filter(isHead).sort((a, b) => a.fu_at!.localeCompare(b.fu_at!) || b.priority - a.priority || a.id - b.id);
  const due = hit.filter((r) => !isHead(r) && r.next_due_at !== null && r.next_due_at <= now)
    .sort((a, b) => a.next_due_at!.localeCompare(b.next_due_at!) || b.priority - a.priority || a.id - b.id);
  const rest = hit.filter((r) => r.next_due_at === null || r.next_due_at > now).sort((a, b) => b.priority - a.priority || a.id - b.id);
  return { ids: [...head, ...due, ...rest].map((r) => r.id), due: head.length + due.length };
}

describe('name search', () => {
  it('sorted and walked paths both return the exact queue order, page by page', () => {
    const now = t.desk.ctx.clock().toISOString();
    const today = t.today();
    const where = "c.assigned_agent_id = @agent AND c.status IN ('open', 'ptp', 'hold')";
    let checked = 0;
    for (const prefix of ['王', '李', '张', '刘', '陈', 'wa2', '王秀', '张伟']) {
      const { ids: expected, due: expectedDue } = bruteForce(prefix, now);
      if (expected.length < 30) continue;
      checked++;
      for (const walkMin of [1, 1_000_000]) {
        const got: number[] = [];
        let dueCount = -1;
        for (let offset = 0; offset < expected.length; offset += 7) {
          const query = classifySearch(prefix);
          if (query.kind !== 'name') throw new Error(prefix);
          const r = nameSearch(t.desk.ctx, { query, where, params: { agent: agentId, now, ...searchParams(query) }, now, offset, limit: 7, today, walkMin });
          got.push(...r.items.map((i) => Number(i.caseId)));
          dueCount = r.dueCount;
          // Exact figures unless walked ("at least"): a bare surname (cases_name) and every sorted read.
          if (!r.totalAtLeast) expect(r.total, `${prefix} total`).toBe(expected.length);
          if (!r.totalAtLeast) expect(r.dueCount, `${prefix} due`).toBe(expectedDue);
          if ([...prefix].length === 1) expect(r.totalAtLeast, prefix).toBeUndefined();
        }
        expect(got, `${prefix} walkMin=${walkMin}`).toEqual(expected);
        expect(dueCount).toBeGreaterThan(0);
      }
    }
    expect(checked).toBeGreaterThanOrEqual(4);
  });

  it('a walked search claims no more cases than the queue holds ("at least" counts only cases the filter keeps)', () => {
    const now = t.desk.ctx.clock().toISOString();
    const query = classifySearch('王秀');
    if (query.kind !== 'name') throw new Error('王秀');
    const search = (agent: number, walkMin: number) =>
      nameSearch(t.desk.ctx, { query, where: 'c.assigned_agent_id = @agent', params: { agent, now, ...searchParams(query) }, now, offset: 0, limit: 7, today: t.today(), walkMin });
    // the control: this prefix walks and finds cases of the demo agent
    const own = search(agentId, 5);
    expect(own.totalAtLeast).toBe(true);
    expect(own.items.length).toBeGreaterThan(0);
    expect(own.total).toBeGreaterThanOrEqual(own.items.length);
    // an agent with no cases: the same candidates exist on the desk, none is theirs
    const none = search(t.otherAgentId, 5);
    expect(none.items).toEqual([]);
    expect(none.total).toBe(0);
  });

  it('a bare surname follows a debtor\'s rename (the case\'s copy of the name, migration 018)', async () => {
    const find = async (search: string) => (await t.call('queue.list', { filter: { search }, limit: 500 })).items.map((i) => Number(i.caseId));
    const c = t.desk.ctx.prep<{ id: number; debtor_id: number }>("SELECT c.id, c.debtor_id FROM cases c JOIN debtors d ON d.id = c.debtor_id WHERE c.assigned_agent_id = ? AND d.name LIKE '王%' LIMIT 1").get(agentId)!;
    expect(await find('王')).toContain(c.id);
    expect(await find('欧')).not.toContain(c.id);
    t.desk.ctx.db.prepare("UPDATE debtors SET name = '欧阳娜' WHERE id = ?").run(c.debtor_id);
    expect(await find('王')).not.toContain(c.id);
    expect(await find('欧')).toContain(c.id);
  });
});
