/** Sync conflicts a lead reviews: recorded by the push, listed and resolved by the team's leads. */
import { DECIDABLE_KINDS, type ConflictDecision } from '../shared/domain/late-work';
import { appendAdminAudit } from './admin-audit';
import { HubFailure } from './errors';
import { Fanout, teamLeads } from './feed';
import { acceptLateWork, type LateConflict } from './late-work';
import type { Caller } from './push';
import { TO_WIRE } from './rows';
import type { Q } from './store/types';

type Wire = Record<string, unknown>;

/** The team's unresolved conflicts, oldest first, in their wire shape. */
export async function openConflicts(q: Q, teamId: number | null): Promise<Wire[]> {
  const rows = await q.all<Record<string, unknown>>('SELECT * FROM conflicts WHERE team_id = ? AND resolved_at IS NULL ORDER BY id', [teamId ?? -1]);
  return rows.map(TO_WIRE.conflict);
}

/**
 * Record the lead's decision on one of their team's conflicts (`id` as on the wire; 404 for
 * another team's). `accept` on a former holder's late promise or payment applies that work in
 * the same transaction (hub/late-work.ts; a rule the case now breaks is a 409 and nothing is
 * written); so does `accept` on a refused promise state change (restored when the hub's payments
 * support it); `discard`, or any decision on other kinds, only records the resolution. The
 * decision is kept in its column and the whole act on the hub's admin_audit chain. Resolving an
 * already resolved conflict changes nothing and answers it as it is; a new decision and whatever
 * it wrote reach the team's leads and the case's holder through their feed.
 */
export async function resolveConflict(q: Q, lead: Caller, id: string, resolution: string, decision: ConflictDecision | undefined, now: Date): Promise<Wire> {
  const c = await q.get<LateConflict & { resolved_at: string | null }>(
    `SELECT id, team_id, case_id, kind, detail, resolved_at FROM conflicts WHERE id = ? AND team_id = ?${q.forUpdate}`, [Number(id), lead.teamId ?? -1]);
  if (!c) throw new HubFailure('NOT_FOUND', `No conflict ${id} in your team.`);
  if (c.resolved_at === null) {
    const fan = new Fanout();
    const decidable = DECIDABLE_KINDS.includes(c.kind);
    if (decision === 'accept' && decidable) await acceptLateWork(q, lead, c, now, fan);
    // The decision has its own column; on a kind no decision applies to it is only a note.
    const kept = decidable ? (decision ?? null) : null;
    await q.run('UPDATE conflicts SET resolved_at = ?, resolved_by = ?, resolution = ?, decision = ? WHERE id = ?', [now.toISOString(), lead.userId, resolution, kept, c.id]);
    await appendAdminAudit(q, {
      actor: `user:${lead.userId}`, action: 'conflict.resolve', teamId: Number(c.team_id), entity: 'conflict', entityId: Number(c.id),
      detail: { kind: c.kind, caseId: c.case_id === null ? null : String(c.case_id), decision: kept, resolution },
    }, now);
    fan.add(await teamLeads(q, lead.teamId ?? -1), 'conflict', Number(c.id));
    await fan.flush(q);
  }
  return TO_WIRE.conflict((await q.get<Record<string, unknown>>('SELECT * FROM conflicts WHERE id = ?', [c.id])) ?? {});
}
