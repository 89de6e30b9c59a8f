import { describe, expect, it } from 'vitest';
import { caseAccess, mayRecordHistory, mayWork } from './case-access';

const agent = { userId: 7, role: 'agent' as const };
const lead = { userId: 2, role: 'lead' as const };
const held = { assignedAgentId: 7, inUsersTeam: true, heldBefore: true };

describe('caseAccess', () => {
  it('the assigned agent works the case', () => {
    expect(caseAccess(agent, held)).toBe('holder');
    expect(mayWork('holder')).toBe(true);
  });
  it('a former holder may only hand in history; a stranger nothing', () => {
    expect(caseAccess(agent, { ...held, assignedAgentId: 8 })).toBe('formerHolder');
    expect(caseAccess(agent, { ...held, assignedAgentId: null })).toBe('formerHolder');
    expect(caseAccess(agent, { ...held, assignedAgentId: 8, heldBefore: false })).toBe('none');
    expect(mayWork('formerHolder')).toBe(false);
    expect(mayRecordHistory('formerHolder')).toBe(true);
    expect(mayRecordHistory('none')).toBe(false);
  });
  it("a lead or admin works any case of the team, none of another team's", () => {
    expect(caseAccess(lead, { ...held, assignedAgentId: 8 })).toBe('lead');
    expect(caseAccess({ userId: 1, role: 'admin' }, { ...held, assignedAgentId: null })).toBe('lead');
    expect(caseAccess(lead, { ...held, inUsersTeam: false })).toBe('none');
  });
  it('an agent of the team is not a lead: being in the team is not enough', () => {
    expect(caseAccess(agent, { assignedAgentId: 8, inUsersTeam: true, heldBefore: false })).toBe('none');
  });
});
