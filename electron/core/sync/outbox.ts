import type { Ctx } from '../context';
import { canonicalJson } from '../audit/canonical';

/**
 * Queue a mutation for the hub. MUST be called inside the transaction that makes the change:
 * the change and its outbox row commit together or not at all. Returns the mutation id
 * (per-device, strictly increasing, never reused even after rows are pushed and deleted).
 */
export function writeOutbox(ctx: Pick<Ctx, 'prep' | 'clock' | 'db'>, name: string, args: Record<string, unknown>): number {
  if (!ctx.db.inTransaction) throw new Error('writeOutbox must run inside the transaction of its change');
  const row = ctx
    .prep<{ last_mutation_id: number }>(
      'UPDATE sync_state SET last_mutation_id = last_mutation_id + 1 WHERE id = 1 RETURNING last_mutation_id',
    )
    .get();
  if (!row) throw new Error('sync_state row missing');
  ctx
    .prep('INSERT INTO outbox (mutation_id, name, args, created_at) VALUES (?, ?, ?, ?)')
    .run(row.last_mutation_id, name, canonicalJson(args), ctx.clock().toISOString());
  return row.last_mutation_id;
}

export function pendingOutboxCount(ctx: Pick<Ctx, 'prep'>): number {
  return ctx.prep<{ n: number }>('SELECT count(*) AS n FROM outbox').get()?.n ?? 0;
}
