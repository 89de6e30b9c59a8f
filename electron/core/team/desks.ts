import { TeamDesks, type RouteOutput } from '../../../shared/contract';
import { DeskFailure, forbidden } from '../errors';
import type { DeskRuntime } from '../runtime';
import { hubSession } from '../sync/connection';
import { HubRequestError } from '../sync/hub-client';

/** The hub's failures of a lead's live request, in the desk's terms. */
export function hubRequestFailure(err: unknown): never {
  if (!(err instanceof HubRequestError)) throw err;
  if (err.kind === 'unauthenticated') throw new DeskFailure('VALIDATION', 'Log in to the hub again.', { rule: 'sync.needsLogin' });
  if (err.kind === 'forbidden') throw forbidden('The hub refused this account.', 'sync.forbidden');
  throw new DeskFailure('HUB_UNREACHABLE', `The hub cannot be reached: ${err.message}`);
}

/** The team's desks as the hub sees them now (online, last sync, pending work). */
export async function teamDesks(rt: DeskRuntime): Promise<RouteOutput<'team.desks'>> {
  const hub = hubSession(rt);
  if (!hub) throw new DeskFailure('VALIDATION', 'The team view needs the team hub.', { rule: 'conflict.needsHub' });
  try {
    return await hub.client.teamDesks(TeamDesks, hub.token);
  } catch (err) {
    return hubRequestFailure(err);
  }
}
