import { MUTATION_ARGS, type MutationInput, type MutationName } from '../../../shared/sync';
import type { Ctx } from '../context';
import { canonicalJson } from '../audit/canonical';

/**
 * Queue a mutation for the hub. MUST be called inside the transaction that makes the change:
 * the change and its outbox row commit together or not at all. Returns the mutation id
 * (per-device, strictly increasing, never reused even after rows are pushed and deleted).
 *
 * The args are typed and checked against the shared schema of `name`: a mismatch fails the save
 * here instead of being rejected for good by the hub later.
 */
export function writeOutbox<N extends MutationName>(ctx: Pick<Ctx, 'prep' | 'clock' | 'db'>, name: N, args: MutationInput<N>): number {
  if (!ctx.db.inTransaction) throw new Error('writeOutbox must run inside the transaction of its change');
  const checked = MUTATION_ARGS[name].safeParse(args);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    throw new Error(`writeOutbox: ${name} args do not match their schema (${issue ? `${issue.path.join('.') || '(args)'}: ${issue.message}` : ''})`);
  }
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
