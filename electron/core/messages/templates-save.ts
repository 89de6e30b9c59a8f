/**
 * A lead replaces the team's templates. Team mode: the hub holds them (a team setting), checks
 * them again and sends them back to every desk by pull. Local mode: this desk's own setting.
 */
import type { RouteOutput, RouteParsed } from '../../../shared/contract';
import { appendAudit } from '../audit/audit';
import { DeskFailure, forbidden } from '../errors';
import type { DeskRuntime } from '../runtime';
import { saveSettings } from '../settings/settings';
import { hubSession } from '../sync/connection';
import { HubRequestError } from '../sync/hub-client';

export async function saveTemplates(rt: DeskRuntime, i: RouteParsed<'message.saveTemplates'>): Promise<RouteOutput<'message.saveTemplates'>> {
  const { core } = rt;
  if (core.hub) {
    const hub = hubSession(rt);
    if (!hub) throw new DeskFailure('HUB_UNREACHABLE', 'Log in to the team hub to change the team\'s templates.', { rule: 'sync.needsLogin' });
    try {
      await hub.client.putTeamSettings({ messageTemplates: i.templates }, hub.token);
    } catch (err) {
      if (!(err instanceof HubRequestError)) throw err;
      if (err.kind === 'forbidden') throw forbidden('The hub refused this account.', 'sync.forbidden');
      if (err.status === 400) throw new DeskFailure('VALIDATION', err.message, err.params.field !== undefined ? { field: String(err.params.field) } : {});
      throw new DeskFailure('HUB_UNREACHABLE', 'The hub cannot be reached; try again when the desk is online.', { rule: 'sync.unreachable' });
    }
    core.ctx.db.transaction(() => appendAudit(core.ctx, { action: 'message.saveTemplates', detail: { count: i.templates.length, hub: true } }))();
    rt.engine?.poke();
    return { ok: true };
  }
  core.ctx.db.transaction(() => {
    saveSettings(core.ctx, { messageTemplates: i.templates });
    appendAudit(core.ctx, { action: 'message.saveTemplates', detail: { count: i.templates.length } });
  })();
  core.invalidate();
  return { ok: true };
}
