import { afterEach, describe, expect, it } from 'vitest';
import type { FollowUpDueEvent } from '../../shared/contract';
import { addCase, attemptInput, openTestDesk, type TestDesk } from '../fixtures/desk';

let t: TestDesk;
afterEach(() => t?.close());

describe('follow-up scheduler', () => {
  it('fires followup.due exactly once when the clock passes due_at, then queue.changed', async () => {
    t = await openTestDesk();
    const { caseId } = addCase(t, { agentId: t.agentId, name: '周杰' });
    const { followUpId } = await t.call('attempt.save', attemptInput(caseId, { followUp: { dueAt: '2026-03-10T02:30:00.000Z', reason: '下午回电' } }));
    const due: FollowUpDueEvent[] = [];
    const changed: string[] = [];
    t.desk.on('followup.due', (e) => due.push(e));
    t.desk.on('queue.changed', (e) => changed.push(e.reason));

    expect(await t.call('followup.next', {})).toMatchObject({ next: { followUpId, caseId: String(caseId), debtorName: '周杰' }, dueCount: 0 });
    t.clock.set('2026-03-10T02:29:59.000Z');
    t.desk.tick();
    expect(due).toEqual([]);
    t.clock.set('2026-03-10T02:30:00.000Z');
    t.desk.tick();
    t.desk.tick();
    t.clock.advance(60_000);
    t.desk.tick();
    expect(due).toEqual([{ followUpId, caseId: String(caseId), dueAt: '2026-03-10T02:30:00.000Z', debtorName: '周杰', reason: '下午回电', alsoDue: 0 }]);
    expect(changed.filter((r) => r === 'followup.due')).toHaveLength(1);
    expect(await t.call('followup.next', {})).toMatchObject({ dueCount: 1 });
    const q = await t.call('queue.list', {});
    expect(q.items[0]).toMatchObject({ caseId: String(caseId), dueKind: 'followup' });
    // the alert's list: due and pending; a 催记 on the case answers it and it leaves the list
    expect((await t.call('followup.dueList', {})).items.map((i) => i.followUpId)).toEqual([followUpId]);
    await t.call('attempt.save', attemptInput(caseId, {}));
    expect((await t.call('followup.dueList', {})).items).toEqual([]);

    // persisted: a restart does not notify again
    t.close();
    t = await openTestDesk({ dataDir: t.dir, clock: t.clock });
    t.desk.ctx.db.prepare("UPDATE follow_ups SET state = 'pending'").run();
    const again: FollowUpDueEvent[] = [];
    t.desk.on('followup.due', (e) => again.push(e));
    t.desk.tick();
    expect(again).toEqual([]);
  });

  it('a backlog that fell due together is one event for the newest, with how many more (not one per follow-up)', async () => {
    t = await openTestDesk();
    const insert = t.desk.ctx.db.prepare("INSERT INTO follow_ups (id, case_id, agent_id, due_at, state, created_at) VALUES (?, ?, ?, ?, 'pending', '2026-03-01T00:00:00.000Z')");
    const ids: string[] = [];
    for (let i = 0; i < 250; i++) {
      const { caseId } = addCase(t, { agentId: t.agentId, name: `欠款人${i}` });
      const id = `f${String(i).padStart(3, '0')}`;
      // due over the last ~4 hours, oldest first; f249 is the newest
      insert.run(id, caseId, t.agentId, new Date(Date.parse('2026-03-10T01:59:00.000Z') - (249 - i) * 60_000).toISOString());
      ids.push(id);
    }
    // another agent's follow-up waits for its agent, an answered one never fires
    const other = addCase(t, { agentId: t.otherAgentId });
    insert.run('other', other.caseId, t.otherAgentId, '2026-03-10T01:00:00.000Z');
    t.desk.ctx.db.prepare("UPDATE follow_ups SET state = 'done' WHERE id = 'f000'").run();
    const due: FollowUpDueEvent[] = [];
    const changed: string[] = [];
    t.desk.on('followup.due', (e) => due.push(e));
    t.desk.on('queue.changed', (e) => changed.push(e.reason));

    t.desk.tick();
    expect(due).toHaveLength(1);
    expect(due[0]).toMatchObject({ followUpId: 'f249', debtorName: '欠款人249', dueAt: '2026-03-10T01:59:00.000Z', alsoDue: 248 });
    expect(changed).toEqual(['followup.due']);
    const notified = t.desk.ctx.db.prepare('SELECT id FROM follow_ups WHERE notified_at IS NOT NULL ORDER BY id').pluck().all();
    expect(notified).toEqual(ids.slice(1));
    // told once: the next check has nothing new
    t.desk.tick();
    expect(due).toHaveLength(1);
    expect(changed).toHaveLength(1);
    // the alert's list holds the newest 200 (the newest is the one the alert shows), oldest first; the total counts them all
    const { items: list, total } = await t.call('followup.dueList', {});
    expect(list).toHaveLength(200);
    expect(list[0]!.followUpId).toBe('f050');
    expect(list[199]!.followUpId).toBe(due[0]!.followUpId);
    expect(total).toBe(249);
    // the newest answered: the list takes in the next older one, the total goes down
    t.desk.ctx.db.prepare("UPDATE follow_ups SET state = 'done' WHERE id = 'f249'").run();
    const after = await t.call('followup.dueList', {});
    expect(after.items.map((i) => i.followUpId)).toEqual(ids.slice(49, 249));
    expect(after.total).toBe(248);
  });

  it('runs on its own timer (pollMs) and stops on close', async () => {
    t = await openTestDesk({ pollMs: 20 });
    const { caseId } = addCase(t, { agentId: t.agentId });
    await t.call('attempt.save', attemptInput(caseId, { followUp: { dueAt: '2026-03-10T02:00:01.000Z', reason: null } }));
    const got = new Promise<FollowUpDueEvent>((resolve) => t.desk.on('followup.due', resolve));
    t.clock.advance(2_000);
    expect((await got).caseId).toBe(String(caseId));
  });

  it('only the logged-in agent\'s follow-ups fire', async () => {
    t = await openTestDesk();
    const { caseId } = addCase(t, { agentId: t.otherAgentId });
    t.desk.ctx.db.prepare("INSERT INTO follow_ups (id, case_id, agent_id, due_at, state, created_at) VALUES ('x', ?, ?, '2026-03-10T01:00:00.000Z', 'pending', '2026-03-09T01:00:00.000Z')").run(caseId, t.otherAgentId);
    const due: FollowUpDueEvent[] = [];
    t.desk.on('followup.due', (e) => due.push(e));
    t.desk.tick();
    expect(due).toEqual([]);
    expect(t.desk.ctx.db.prepare("SELECT notified_at FROM follow_ups WHERE id = 'x'").get()).toEqual({ notified_at: null });
  });
});
