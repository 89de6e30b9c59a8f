/** Which team a lead or admin request works on. */
import { HubFailure } from './errors';
import type { Caller } from './push';
import type { Q } from './store/types';

/**
 * A lead works on their own team; an admin on their own or any named one. 403 for a lead naming
 * another team, 400 for an admin without a team naming none, 404 for a team that does not exist.
 */
export async function teamOf(q: Q, caller: Caller, requested: string | number | undefined): Promise<number> {
  let teamId = caller.teamId;
  if (requested !== undefined) {
    if (caller.role !== 'admin' && Number(requested) !== caller.teamId) throw new HubFailure('FORBIDDEN', 'A lead works on their own team only.');
    teamId = Number(requested);
  }
  if (teamId === null) throw new HubFailure('BAD_REQUEST', 'teamId is required for an admin without a team.');
  if (!(await q.get('SELECT 1 AS x FROM teams WHERE id = ?', [teamId]))) throw new HubFailure('NOT_FOUND', `No team ${teamId}.`);
  return teamId;
}
