/** Targets 目标: every user reads the ones that concern them; a lead replaces the team's list (shared/domain/targets.ts). */
import { z } from 'zod';
import { TargetList, TargetMetric, TargetPeriod } from '../domain/targets';
import { Empty, route } from './route';

/** A target as the desk shows it (already checked when it was stored). */
export const TargetView = z.object({
  agentId: z.string().nullable(),
  period: TargetPeriod,
  metric: TargetMetric,
  value: z.number(),
  from: z.string(),
  to: z.string(),
});
export type TargetView = z.infer<typeof TargetView>;

export const targetRoutes = {
  /** A lead: the team's and every agent's; an agent: the team's and their own. `hub`: changes go through the team hub. */
  'targets.list': route({ access: 'agent', input: Empty, output: z.object({ targets: z.array(TargetView), hub: z.boolean() }) }),
  /** Replace the team's targets (local mode: on this desk; team mode: on the hub, which sends them to the desks). */
  'targets.save': route({ access: 'lead', input: z.object({ targets: TargetList }).strict(), output: z.object({ targets: z.array(TargetView) }) }),
};
