import type { RouteOutput, RouteParsed } from '../../../shared/contract';
import { RuleId } from '../../../shared/domain/rule-ids';
import { appendAudit } from '../audit/audit';
import { DeskFailure, forbidden } from '../errors';
import type { DeskRuntime } from '../runtime';
import { hubSession } from '../sync/connection';
import { HubRequestError } from '../sync/hub-client';
import { leadConflicts, storeConflict } from './conflicts';

/**
 * A lead's decision on a conflict: recorded on the hub (the team's record, so it needs the hub), kept here at once.
 * `accept` on late work is applied by the hub against its current data; a rule it breaks now comes back as that rule.
 */
export async function resolveConflict(rt: DeskRuntime, i: RouteParsed<'lead.resolveConflict'>): Promise<RouteOutput<'lead.resolveConflict'>> {
  const hub = hubSession(rt);
  if (!hub) throw new DeskFailure('VALIDATION', 'Resolving a conflict needs the team hub.', { rule: 'conflict.needsHub' });
  let resolved;
  try {
    resolved = (await hub.client.resolveConflict(i.conflictId, i.resolution, i.decision, hub.token)).conflict;
  } catch (err) {
    if (!(err instanceof HubRequestError)) throw err;
    if (err.code === 'RULE_VIOLATION') {
      const rule = RuleId.safeParse(err.params.rule);
      throw new DeskFailure('VALIDATION', err.message, { ...(rule.success ? { rule: rule.data } : {}), params: err.params });
    }
    if (err.code === 'NOT_FOUND') throw new DeskFailure('NOT_FOUND', `No conflict ${i.conflictId} in this team.`, { rule: 'conflict.notFound' });
    if (err.kind === 'unauthenticated') throw new DeskFailure('VALIDATION', 'Log in to the hub again.', { rule: 'sync.needsLogin' });
    if (err.kind === 'forbidden') throw forbidden('The hub refused this account.', 'sync.forbidden');
    throw new DeskFailure('HUB_UNREACHABLE', 'The hub cannot be reached; try again when the desk is online.', { rule: 'conflict.hubUnreachable' });
  }
  const ctx = rt.core.ctx;
  ctx.db.transaction(() => {
    storeConflict(ctx, resolved);
    appendAudit(ctx, { action: 'lead.resolveConflict', entity: 'conflict', entityId: resolved.id, detail: { resolution: i.resolution, decision: i.decision ?? null } });
  })();
  // What an accept wrote on the hub comes to this desk by pull.
  if (i.decision === 'accept') rt.engine?.poke();
  const view = leadConflicts(ctx).find((c) => c.id === resolved.id);
  if (!view) throw new DeskFailure('INTERNAL', 'The resolved conflict could not be read back.');
  return { conflict: view };
}
