/**
 * Targets on the desk. Both modes keep them in `hub_rows` (entity 'target'), the rows the hub sends:
 * in team mode the hub owns them (a lead's change goes to the hub, which checks it again and sends
 * it back by pull); in local mode this desk is its own hub and writes them there itself.
 */
import type { RouteOutput, RouteParsed } from '../../../shared/contract';
import type { TargetView } from '../../../shared/contract/targets';
import { TargetRow } from '../../../shared/entities';
import { Target, type Target as TargetT } from '../../../shared/domain/targets';
import { appendAudit } from '../audit/audit';
import type { Ctx } from '../context';
import { DeskFailure, forbidden } from '../errors';
import type { DeskRuntime } from '../runtime';
import { hubSession } from '../sync/connection';
import { HubRequestError } from '../sync/hub-client';

/** Every usable target on this desk; a row this version cannot use (a newer hub's metric) is left out. */
export function readTargets(ctx: Pick<Ctx, 'prep'>): TargetView[] {
  const rows = ctx.prep<{ row: string }>("SELECT row FROM hub_rows WHERE entity = 'target' ORDER BY CAST(key AS INTEGER)").all();
  const out: TargetView[] = [];
  for (const { row } of rows) {
    let json: unknown;
    try {
      json = JSON.parse(row);
    } catch {
      continue;
    }
    const sent = TargetRow.safeParse(json);
    if (!sent.success) continue;
    const { id: _id, ...rest } = sent.data;
    const t = Target.safeParse(rest);
    if (t.success) out.push(t.data);
  }
  return out;
}

/** What the signed-in user may see: a lead all of the team's, an agent the team's and their own. */
export function listTargets(rt: DeskRuntime): RouteOutput<'targets.list'> {
  const { ctx } = rt.core;
  const agent = ctx.session.agent;
  const all = readTargets(ctx);
  const mine = agent && (agent.role === 'lead' || agent.role === 'admin') ? all : all.filter((t) => t.agentId === null || t.agentId === String(ctx.session.agentId));
  return { targets: mine, hub: rt.core.hub };
}

/** Local mode: replace the list on this desk, audited, in one transaction. */
function saveLocal(ctx: Ctx, targets: TargetT[]): void {
  const known = new Set(ctx.prep<{ id: number }>('SELECT id FROM agents').all().map((a) => String(a.id)));
  const stranger = targets.findIndex((t) => t.agentId !== null && !known.has(t.agentId));
  if (stranger >= 0) throw new DeskFailure('VALIDATION', `targets.${stranger}.agentId: no agent ${targets[stranger]?.agentId ?? ''}`, { field: `targets.${stranger}.agentId`, rule: 'lead.unknownAgent' });
  ctx.db.transaction(() => {
    ctx.prep("DELETE FROM hub_rows WHERE entity = 'target'").run();
    const put = ctx.prep("INSERT INTO hub_rows (entity, key, row) VALUES ('target', ?, ?)");
    targets.forEach((t, i) => put.run(String(i + 1), JSON.stringify({ id: String(i + 1), ...t })));
    appendAudit(ctx, { action: 'targets.save', entity: 'targets', detail: { count: targets.length } });
  })();
}

/** Team mode: the hub is the team's record; its answer (a 400 names the field) comes back as is. */
async function saveOnHub(rt: DeskRuntime, targets: TargetT[]): Promise<void> {
  const hub = hubSession(rt);
  if (!hub) throw new DeskFailure('HUB_UNREACHABLE', 'Log in to the team hub to change the team\'s targets.', { rule: 'sync.needsLogin' });
  try {
    await hub.client.putTargets(targets, hub.token);
  } catch (err) {
    if (!(err instanceof HubRequestError)) throw err;
    if (err.kind === 'unauthenticated') throw new DeskFailure('VALIDATION', 'Log in to the hub again.', { rule: 'sync.needsLogin' });
    if (err.kind === 'forbidden') throw forbidden('The hub refused this account.', 'sync.forbidden');
    if (err.status === 400) throw new DeskFailure('VALIDATION', err.message, { ...(err.params.field !== undefined ? { field: String(err.params.field) } : {}) });
    throw new DeskFailure('HUB_UNREACHABLE', 'The hub cannot be reached; try again when the desk is online.', { rule: 'sync.unreachable' });
  }
  const ctx = rt.core.ctx;
  ctx.db.transaction(() => appendAudit(ctx, { action: 'targets.save', entity: 'targets', detail: { count: targets.length, hub: true } }))();
  // The hub's rows (with its ids) arrive by the next pull.
  rt.engine?.poke();
}

export async function saveTargets(rt: DeskRuntime, i: RouteParsed<'targets.save'>): Promise<RouteOutput<'targets.save'>> {
  if (rt.core.hub) await saveOnHub(rt, i.targets);
  else saveLocal(rt.core.ctx, i.targets);
  return { targets: i.targets };
}
