import type { teamRoutes } from '../../../shared/contract/team';
import type { DeskRuntime, Handlers } from '../runtime';
import { teamDesks } from './desks';

/** The lead's live view of the team on the hub. */
export const teamHandlers = (rt: DeskRuntime): Handlers<keyof typeof teamRoutes> => ({
  'team.desks': () => teamDesks(rt),
});
