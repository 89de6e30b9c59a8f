import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAgent } from '../../electron/core/auth/auth';
import { addCase, openTestDesk, type TestDesk } from '../fixtures/desk';

// The lead sees what an assignment will move and from whom before it happens, and what moved after.
let t: TestDesk;
let ids: number[];
beforeEach(async () => {
  t = await openTestDesk();
  ids = [
    addCase(t, { agentId: t.agentId }).caseId,
    addCase(t, { agentId: t.agentId }).caseId,
    addCase(t, { agentId: t.otherAgentId }).caseId,
    addCase(t, { agentId: t.agentId }).caseId, // made unassigned below
  ];
  t.desk.ctx.db.prepare('UPDATE cases SET assigned_agent_id = NULL WHERE id = ?').run(ids[3]);
  t.desk.ctx.db.transaction(() => createAgent(t.desk.ctx, { username: 'boss', password: 'secret3', displayName: '组长', agentNo: 'L0001', role: 'lead' }))();
  await t.call('auth.logout', {});
  await t.call('auth.login', { username: 'boss', password: 'secret3' });
});
afterEach(() => t.close());

describe('lead.assign', () => {
  it('previews what moves from whom, moves only those, and says so; cases already with the agent stay', async () => {
    const caseIds = ids.map(String);
    const preview = await t.call('lead.assignPreview', { caseIds, agentId: String(t.otherAgentId) });
    expect(preview).toEqual({
      moving: [
        { fromAgentId: String(t.agentId), fromName: '测试员', count: 2 },
        { fromAgentId: null, fromName: null, count: 1 },
      ],
      unchanged: 1,
      missing: 0,
    });
    expect(t.count('cases', `assigned_agent_id = ${t.agentId}`)).toBe(2); // nothing moved yet
    const before = t.count('outbox', "name = 'case.assign'");
    const r = await t.call('lead.assign', { caseIds, agentId: String(t.otherAgentId) });
    expect(r).toEqual({ assigned: 3, plan: preview });
    expect(t.count('cases', `assigned_agent_id = ${t.otherAgentId}`)).toBe(4);
    expect(t.count('outbox', "name = 'case.assign'")).toBe(before + 1);
    // again: nothing moves, nothing is sent
    expect(await t.call('lead.assign', { caseIds, agentId: String(t.otherAgentId) })).toMatchObject({ assigned: 0, plan: { moving: [], unchanged: 4 } });
    expect(t.count('outbox', "name = 'case.assign'")).toBe(before + 1);
  });
});
