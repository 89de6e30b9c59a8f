/**
 * Team mode: the hub plans and applies (hub/routes/distribution.ts), on its own data, in one
 * transaction per operation; this desk then pulls what changed. Hub refusals come back as the
 * same rule ids local mode uses.
 */
import { z } from 'zod';
import { DistApplied, DistPreview, type DistOperation } from '../../../shared/contract/distribution';
import { RuleId } from '../../../shared/domain/rule-ids';
import { AgentBucketsSetting } from '../../../shared/domain/settings';
import { DeskFailure, forbidden } from '../errors';
import type { DeskRuntime } from '../runtime';
import { hubSession } from '../sync/connection';
import { HubRequestError } from '../sync/hub-client';

/** The hub session of a team-mode desk; null in local mode. */
export function teamHub(rt: DeskRuntime): NonNullable<ReturnType<typeof hubSession>> | null {
  if (!rt.core.hub) return null;
  const hub = hubSession(rt);
  if (!hub) throw new DeskFailure('VALIDATION', 'Log in to the hub again.', { rule: 'sync.needsLogin' });
  return hub;
}

async function ask<S extends z.ZodType>(hub: NonNullable<ReturnType<typeof hubSession>>, path: string, body: unknown, schema: S): Promise<z.output<S>> {
  try {
    return await hub.client.postJson(path, body, schema, hub.token);
  } catch (err) {
    if (!(err instanceof HubRequestError)) throw err;
    if (err.code === 'RULE_VIOLATION') {
      const rule = RuleId.safeParse(err.params.rule);
      throw new DeskFailure('VALIDATION', err.message, { ...(rule.success ? { rule: rule.data } : {}), params: err.params });
    }
    if (err.code === 'BAD_REQUEST') throw new DeskFailure('VALIDATION', err.message, typeof err.params.field === 'string' ? { field: err.params.field } : {});
    if (err.kind === 'unauthenticated') throw new DeskFailure('VALIDATION', 'Log in to the hub again.', { rule: 'sync.needsLogin' });
    if (err.kind === 'forbidden') throw forbidden('The hub refused this account.', 'sync.forbidden');
    throw new DeskFailure('HUB_UNREACHABLE', 'The hub cannot be reached; distribution needs it in team mode.', { rule: 'distribution.hubUnreachable' });
  }
}

export const previewOnHub = (rt: DeskRuntime, hub: NonNullable<ReturnType<typeof hubSession>>, operation: DistOperation): Promise<DistPreview> =>
  ask(hub, '/v1/distribution/preview', { operation }, DistPreview);

export async function applyOnHub(rt: DeskRuntime, hub: NonNullable<ReturnType<typeof hubSession>>, operation: DistOperation, token: string): Promise<DistApplied> {
  const r = await ask(hub, '/v1/distribution/apply', { operation, token }, DistApplied);
  // The moved cases come to this desk (and leave the agents') by pull.
  rt.engine?.poke();
  return r;
}

export async function setBucketsOnHub(rt: DeskRuntime, hub: NonNullable<ReturnType<typeof hubSession>>, agentBuckets: AgentBucketsSetting): Promise<AgentBucketsSetting> {
  const r = await ask(hub, '/v1/distribution/skills', { agentBuckets }, z.object({ agentBuckets: AgentBucketsSetting }));
  rt.engine?.poke();
  return r.agentBuckets;
}
