import type { teamRoutes } from '../../../shared/contract/team';
import type { DeskRuntime, Handlers } from '../runtime';
import { addAgent, setAgentDisabled } from './agents';
import { teamDesks } from './desks';
import { localCasesPreview, moveLocalCases } from './move-local';

/** The lead's live view of the team on the hub. */
export const teamHandlers = (rt: DeskRuntime): Handlers<keyof typeof teamRoutes> => ({
  'team.desks': () => teamDesks(rt),
  'team.addAgent': (i) => addAgent(rt, i),
  'team.setAgentDisabled': (i) => setAgentDisabled(rt, i),
  'team.localCasesPreview': () => localCasesPreview(rt),
  'team.moveLocalCases': () => moveLocalCases(rt),
});
