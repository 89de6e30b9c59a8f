/**
 * Local purge (PIPL: keep personal data no longer than needed): a case that was recalled (its
 * 退案日 passed) or settled/closed leaves this desk once the team's retention period has passed
 * too, with its debtor when no other case has them. Never while unsynced work on it remains
 * (outbox rows, a draft): that work reaches the hub first. Each purge is audited.
 */
import { addDays } from '../../../shared/domain/dates';
import { appendAudit } from '../audit/audit';
import type { Ctx } from '../context';

export interface PurgeResult {
  purged: number;
  /** Due for purging but kept for unsynced work. */
  keptForUnsynced: number;
}

/** Cases past retention on `today` (the desk's local date). */
export function purgeExpiredCases(ctx: Ctx, today: string): PurgeResult {
  const days = ctx.settings().retentionDays;
  const cutoffDate = addDays(today, -days);
  // updated_at is the last change of the case row: for a settled or closed case, its closing.
  const cutoffInstant = new Date(ctx.clock().getTime() - days * 86_400_000).toISOString();
  const due = ctx
    .prep<{ id: number; debtor_id: number; status: string; expiry_date: string | null }>(
      `SELECT id, debtor_id, status, expiry_date FROM cases
        WHERE (status IN ('paid', 'closed') AND updated_at < ?) OR (expiry_date IS NOT NULL AND expiry_date < ?)`,
    )
    .all(cutoffInstant, cutoffDate);
  if (due.length === 0) return { purged: 0, keptForUnsynced: 0 };
  const unsynced = ctx.prep<{ n: number }>(
    `SELECT (SELECT count(*) FROM outbox o
              WHERE json_extract(o.args, '$.caseId') = @id
                 OR EXISTS (SELECT 1 FROM json_each(o.args, '$.caseIds') j WHERE j.value = @id))
          + (SELECT count(*) FROM drafts WHERE case_id = CAST(@id AS INTEGER)) AS n`,
  );
  let purged = 0;
  let kept = 0;
  ctx.db.transaction(() => {
    // attempts are append-only except under this guard (migration 006), as for a sync removal
    ctx.prep('INSERT OR IGNORE INTO sync_apply (id) VALUES (1)').run();
    for (const c of due) {
      if ((unsynced.get({ id: String(c.id) })?.n ?? 0) > 0) {
        kept += 1;
        continue;
      }
      const count = (table: string): number => ctx.prep<{ n: number }>(`SELECT count(*) AS n FROM ${table} WHERE case_id = ?`).get(c.id)?.n ?? 0;
      const removed = { attempts: count('attempts'), promises: count('promises'), payments: count('payments'), followUps: count('follow_ups') };
      for (const t of ['drafts', 'follow_ups', 'promises', 'payments', 'attempts']) ctx.prep(`DELETE FROM ${t} WHERE case_id = ?`).run(c.id);
      ctx.prep('DELETE FROM cases WHERE id = ?').run(c.id);
      ctx.prep("DELETE FROM hub_rows WHERE entity = 'case' AND key = ?").run(String(c.id));
      const others = ctx.prep<{ n: number }>('SELECT count(*) AS n FROM cases WHERE debtor_id = ?').get(c.debtor_id)?.n ?? 0;
      if (others === 0) ctx.prep('DELETE FROM debtors WHERE id = ?').run(c.debtor_id); // phones and contacts cascade
      appendAudit(ctx, {
        action: 'privacy.purge',
        agentId: null,
        entity: 'case',
        entityId: c.id,
        detail: { reason: c.status === 'paid' || c.status === 'closed' ? c.status : 'recalled', retentionDays: days, debtorRemoved: others === 0, ...removed },
      });
      purged += 1;
    }
    ctx.prep('DELETE FROM sync_apply').run();
  })();
  if (purged > 0) ctx.emit('queue.changed', { reason: 'privacy.purged' });
  return { purged, keptForUnsynced: kept };
}
