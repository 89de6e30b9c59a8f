/** A lead manages the agents of their own team on the hub, from the desk (#20): add, disable, enable. */
import { z } from 'zod';
import type { RouteOutput, RouteParsed } from '../../../shared/contract';
import { appendAudit } from '../audit/audit';
import { DeskFailure } from '../errors';
import type { DeskRuntime } from '../runtime';
import { hubSession } from '../sync/connection';
import { HubRequestError } from '../sync/hub-client';
import { hubRequestFailure } from './desks';

function session(rt: DeskRuntime) {
  const hub = hubSession(rt);
  if (!hub) throw new DeskFailure('VALIDATION', 'Managing the team needs the team hub.', { rule: 'conflict.needsHub' });
  return hub;
}

/** The hub's refusals in the desk's words: which field, and why. */
function refusal(err: unknown): never {
  if (err instanceof HubRequestError) {
    if (err.code === 'BAD_REQUEST' && /already exists/.test(err.message)) throw new DeskFailure('VALIDATION', err.message, { field: 'username', rule: 'team.usernameTaken' });
    if (err.code === 'BAD_REQUEST') {
      const field = typeof err.params.field === 'string' ? err.params.field : 'username';
      throw new DeskFailure('VALIDATION', err.message, { field, rule: 'team.badInput', params: { field, reason: err.message.replace(/^Invalid request: /, '').slice(0, 200) } });
    }
    if (err.code === 'NOT_FOUND') throw new DeskFailure('NOT_FOUND', err.message, { rule: 'team.notInTeam' });
    if (err.code === 'FORBIDDEN') throw new DeskFailure('FORBIDDEN', err.message, { rule: 'team.agentsOnly' });
  }
  return hubRequestFailure(err);
}

export async function addAgent(rt: DeskRuntime, i: RouteParsed<'team.addAgent'>): Promise<RouteOutput<'team.addAgent'>> {
  const hub = session(rt);
  let out: { userId: string };
  try {
    out = await hub.client.teamPost('/agents', i, z.object({ userId: z.string() }), hub.token);
  } catch (err) {
    return refusal(err);
  }
  const ctx = rt.core.ctx;
  ctx.db.transaction(() => appendAudit(ctx, { action: 'team.addAgent', entity: 'agent', entityId: out.userId, detail: { username: i.username, agentNo: i.agentNo } }))();
  rt.engine?.poke(); // the new member's row comes by pull (the assignment list shows them)
  return out;
}

export async function setAgentDisabled(rt: DeskRuntime, i: RouteParsed<'team.setAgentDisabled'>): Promise<RouteOutput<'team.setAgentDisabled'>> {
  const hub = session(rt);
  try {
    await hub.client.teamPost(`/agents/${encodeURIComponent(i.userId)}/disabled`, { disabled: i.disabled }, z.unknown(), hub.token);
  } catch (err) {
    return refusal(err);
  }
  const ctx = rt.core.ctx;
  ctx.db.transaction(() => appendAudit(ctx, { action: 'team.setAgentDisabled', entity: 'agent', entityId: i.userId, detail: { disabled: i.disabled } }))();
  rt.engine?.poke();
  return { userId: i.userId, disabled: i.disabled };
}
