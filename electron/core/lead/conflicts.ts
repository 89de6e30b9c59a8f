/**
 * Sync conflicts a lead reviews: changes the hub could not merge (a promise state change the hub's
 * state machine refused, ...). The hub sends them to the team's leads as `conflict` rows, kept in
 * hub_rows; resolving one is recorded on the hub (it is the team's decision, not this desk's).
 */
import type { LeadConflict } from '../../../shared/contract';
import { ConflictRow, type EntityRow } from '../../../shared/sync';
import type { Ctx } from '../context';

/** At most this many resolved ones are listed after the open ones (the recent past, for context). */
const RESOLVED_SHOWN = 50;

interface Detail {
  from?: unknown;
  to?: unknown;
  hubState?: unknown;
  agentId?: unknown;
  at?: unknown;
}

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

export function leadConflicts(ctx: Pick<Ctx, 'prep'>): LeadConflict[] {
  const rows = ctx.prep<{ row: string }>("SELECT row FROM hub_rows WHERE entity = 'conflict'").all();
  const names = ctx.prep<{ name: string | null }>('SELECT d.name FROM cases c JOIN debtors d ON d.id = c.debtor_id WHERE c.id = ?');
  const agent = ctx.prep<{ display_name: string; agent_no: string }>('SELECT display_name, agent_no FROM agents WHERE id = ?');
  const out: LeadConflict[] = [];
  for (const { row } of rows) {
    const parsed = ConflictRow.safeParse(JSON.parse(row));
    if (!parsed.success) continue; // a row from a newer hub this desk cannot read: left for the hub's own view
    const c: EntityRow<'conflict'> = parsed.data;
    const d = (typeof c.detail === 'object' && c.detail !== null ? c.detail : {}) as Detail;
    const agentId = str(d.agentId);
    const who = agentId && /^\d+$/.test(agentId) ? agent.get(Number(agentId)) : undefined;
    const resolver = c.resolvedBy ? agent.get(Number(c.resolvedBy)) : undefined;
    out.push({
      id: c.id,
      kind: c.kind,
      caseId: c.caseId,
      debtorName: c.caseId ? (names.get(Number(c.caseId))?.name ?? null) : null,
      agentName: who ? `${who.display_name}（${who.agent_no}）` : null,
      wanted: str(d.from) && str(d.to) ? { from: String(d.from), to: String(d.to) } : null,
      hubState: str(d.hubState),
      at: str(d.at) ?? c.createdAt,
      createdAt: c.createdAt,
      resolvedAt: c.resolvedAt,
      resolvedBy: resolver ? resolver.display_name : null,
      resolution: c.resolution,
    });
  }
  const open = out.filter((c) => !c.resolvedAt).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  const done = out.filter((c) => c.resolvedAt).sort((a, b) => (b.resolvedAt ?? '').localeCompare(a.resolvedAt ?? '')).slice(0, RESOLVED_SHOWN);
  return [...open, ...done];
}

/** Keep the hub's answer at once (the next pull brings the same row). */
export function storeConflict(ctx: Pick<Ctx, 'prep'>, row: EntityRow<'conflict'>): void {
  ctx.prep("INSERT INTO hub_rows (entity, key, row) VALUES ('conflict', ?, ?) ON CONFLICT (entity, key) DO UPDATE SET row = excluded.row").run(row.id, JSON.stringify(row));
}
