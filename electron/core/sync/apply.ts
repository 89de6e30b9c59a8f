import { localDateOf } from '../../../shared/domain/dates';
import { parseRow, type Change, type EntityName, type PullResponse } from '../../../shared/sync';
import type { Ctx } from '../context';
import { recomputeCase } from '../cases/derive';
import { ApplyError } from './apply-error';
import { committedRefetchable } from '../db/refetchable';
import { ENTITY_APPLIERS } from './appliers';
import { PageScope, type ApplyCtx, type ApplyResult } from './appliers/scope';

export { ApplyError } from './apply-error';
export type { ApplyResult } from './appliers/scope';

/** A pulled row, validated against its entity's schema, stored by that entity's applier. */
function putRow<E extends EntityName>(s: PageScope, entity: E, row: unknown, i: number): void {
  const parsed = parseRow(entity, row);
  if (!parsed.success) throw new ApplyError(`change ${i} (${entity}) does not match its schema: ${parsed.error.issues[0]?.message ?? ''}`);
  ENTITY_APPLIERS[entity].put(s, parsed.data);
}

/**
 * Apply one pull page and its cursor in ONE transaction: validated rows (shared/sync.ts
 * parseRow) mapped onto the desk tables by their entity's applier (./appliers), the cursor, the
 * outbox rows the hub has processed (mutation id <= lastMutationId) deleted, derived case fields
 * recomputed. Anything failing rolls the whole page back: nothing applied, cursor unchanged.
 */
export function applyPullPage(ctx: ApplyCtx, page: PullResponse, opts: { today: () => string; settingsChanged: () => void }): ApplyResult {
  if (page.changes.length === 0 && isNoNews(ctx, page)) return PageScope.emptyResult();
  const s = new PageScope(ctx, page.lastMutationId, opts.today());
  const { p, result, touched } = s;

  const applyOne = (ch: Change, i: number): void => {
    if (ch.op === 'put') putRow(s, ch.entity, ch.row, i);
    else {
      if (ch.entity === 'case' && ch.movedTo !== undefined) s.movedTo.set(ch.id, ch.movedTo);
      ENTITY_APPLIERS[ch.entity].del(s, ch.id);
    }
  };

  const tx = ctx.db.transaction(() => {
    // Rows of one page may reference each other in any order; foreign keys are checked at commit.
    ctx.db.pragma('defer_foreign_keys = ON');
    p('INSERT INTO sync_apply (id) VALUES (1)').run();
    page.changes.forEach(applyOne);
    // a reference to a row that never came (out of scope, deleted on the hub) is cleared, not left dangling
    // (one look-up per referenced row: a page's attempts name the same few phones many times)
    const there = new Map<string, boolean>();
    for (const d of s.dangling) {
      const k = `${d.target}:${d.ref}`;
      let ok = there.get(k);
      if (ok === undefined) there.set(k, (ok = s.exists(d.target, d.ref)));
      if (!ok) p(`UPDATE ${d.table} SET ${d.col} = NULL WHERE id = ? AND ${d.col} = ?`).run(d.id, d.ref);
    }
    p('DELETE FROM sync_apply').run();
    if (result.referenceChanged) {
      opts.settingsChanged();
      for (const id of s.derived) touched.add(id); // scored before the page's new settings applied
    }
    const today = opts.today();
    for (const id of touched) recomputeCase(ctx, id, today); // a case gone by now is skipped by recomputeCase itself
    p('UPDATE sync_state SET pull_cursor = ?, acked_mutation_id = max(acked_mutation_id, ?) WHERE id = 1').run(String(page.cursor), page.lastMutationId);
    p('DELETE FROM outbox WHERE mutation_id <= ?').run(page.lastMutationId);
  });
  try {
    // Lost to a power cut, the page is lost with its cursor and pulled again.
    committedRefetchable(ctx.db, () => tx.immediate());
  } catch (err) {
    if (err instanceof ApplyError) throw err;
    // e.g. a constraint of the desk's schema: the page rolled back whole
    throw new ApplyError(`the page could not be applied: ${err instanceof Error ? err.message : String(err)}`);
  }

  result.applied = page.changes.length;
  result.touchedCases = new Set([...touched, ...s.derived]).size;
  return result;
}

/**
 * An empty page at the cursor this desk already stores, acknowledging nothing new: applying it
 * would write nothing but cost a commit (an idle desk's every sync, and the last page of each run).
 */
function isNoNews(ctx: ApplyCtx, page: PullResponse): boolean {
  const st = ctx.prep<{ pull_cursor: string | null; acked_mutation_id: number }>('SELECT pull_cursor, acked_mutation_id FROM sync_state WHERE id = 1').get();
  return st !== undefined && st.pull_cursor === String(page.cursor) && st.acked_mutation_id >= page.lastMutationId;
}

/** today() for a context, in its (possibly just pulled) time zone. */
export const todayOf = (ctx: Pick<Ctx, 'clock' | 'settings'>): string => localDateOf(ctx.clock(), ctx.settings().timeZone);
