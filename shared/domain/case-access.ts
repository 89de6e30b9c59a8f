/**
 * "May this user work this case now?" — one answer for the desk and the hub. The agent the case
 * is assigned to works it; a lead or admin works any case of their own team. An agent who held
 * the case before may still hand in what already happened (a call is a fact, and an offline desk
 * may not know yet that the case moved): that is history, never work on the case.
 */
import type { Role } from './enums';

export type CaseAccess = 'holder' | 'lead' | 'formerHolder' | 'none';

export interface CaseUser {
  userId: number;
  role: Role;
}
export interface CaseHolding {
  assignedAgentId: number | null;
  /** The case belongs to the user's team (a desk holds only its own team's cases). */
  inUsersTeam: boolean;
  /** The user was assigned the case at some time (hub: case_holders). */
  heldBefore: boolean;
}

export function caseAccess(user: CaseUser, c: CaseHolding): CaseAccess {
  if (user.role !== 'agent') return c.inUsersTeam ? 'lead' : 'none';
  if (c.assignedAgentId !== null && c.assignedAgentId === user.userId) return 'holder';
  return c.heldBefore ? 'formerHolder' : 'none';
}

/** Changing the case itself (agent-owned fields, assignment-bound work). */
export const mayWork = (a: CaseAccess): boolean => a === 'holder' || a === 'lead';
/** Handing in records of what happened on the case. */
export const mayRecordHistory = (a: CaseAccess): boolean => a !== 'none';
