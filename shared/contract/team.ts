/** The lead's view of the team on the hub (issue 9 #23): each member's desk, live from the hub. */
import { z } from 'zod';
import { Id, Instant, Role } from '../domain/enums';
import { Empty, route } from './route';

export const TeamDesk = z.object({
  userId: Id,
  username: z.string(),
  displayName: z.string(),
  agentNo: z.string(),
  role: Role,
  disabled: z.boolean(),
  /** Connected to the hub now (event stream open, or a pull within the last ~90 s). */
  online: z.boolean(),
  /** The desk's last pull as the hub saw it (null: not since the hub started). */
  lastSyncAt: Instant.nullable(),
  /** Its last push that reached the hub (kept by the hub). */
  lastPushAt: Instant.nullable(),
  /** Work queued on the desk the hub has not processed yet (null: not known). */
  pending: z.number().int().nonnegative().nullable(),
});
export type TeamDesk = z.infer<typeof TeamDesk>;

export const TeamDesks = z.object({ team: z.string().nullable(), desks: z.array(TeamDesk).max(10_000) });
export type TeamDesks = z.infer<typeof TeamDesks>;

export const NewTeamAgent = z.object({
  username: z.string().trim().min(1).max(64).regex(/^[\w.@-]+$/),
  password: z.string().min(6).max(256),
  displayName: z.string().trim().min(1).max(64),
  agentNo: z.string().trim().min(1).max(32),
});

/** What moving this desk's local (pre-hosting) cases into the hosted hub would send. */
export const LocalCasesPreview = z.object({
  localCases: z.number().int(), toMove: z.number().int(), alreadyOnHub: z.number().int(), debtors: z.number().int(), attempts: z.number().int(), promises: z.number().int(),
  /** Payments go along as history: the hub judges promises and counts recoveries by its own payments. */
  payments: z.number().int(),
});
export type LocalCasesPreview = z.infer<typeof LocalCasesPreview>;

export const teamRoutes = {
  /** The lead's local (pre-hosting) cases that would move into the hub this desk hosts (the local database is only read). */
  'team.localCasesPreview': route({ access: 'lead', leadRule: 'hub.leadOnly', input: Empty, output: LocalCasesPreview }),
  /** Move them: sent to the hosted hub as one upload, unassigned, with their history (calls, promises, payments); the local database stays as it is. */
  'team.moveLocalCases': route({ access: 'lead', leadRule: 'hub.leadOnly', input: Empty, output: z.object({ moved: z.number().int(), alreadyOnHub: z.number().int() }) }),
  /** The team's members and their desks, asked of the hub now (needs the hub). */
  'team.desks': route({ access: 'lead', leadRule: 'hub.leadOnly', input: Empty, output: TeamDesks }),
  /** A new agent in the lead's team on the hub (their desk connects with this username and password). */
  'team.addAgent': route({ access: 'lead', leadRule: 'hub.leadOnly', input: NewTeamAgent, output: z.object({ userId: Id }) }),
  /** Disable (or enable again) an agent of the lead's team: a disabled agent's sessions end at once. */
  'team.setAgentDisabled': route({ access: 'lead', leadRule: 'hub.leadOnly', input: z.object({ userId: Id, disabled: z.boolean() }), output: z.object({ userId: Id, disabled: z.boolean() }) }),
};
