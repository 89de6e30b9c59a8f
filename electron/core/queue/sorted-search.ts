import type { RouteOutput } from '../../../shared/contract';
import type { Ctx } from '../context';
import { queueItem, type QueueRow } from '../cases/views';
import { COLUMNS, type Params } from './sql';

interface Hit { id: number; due_at: string | null; priority: number; fu_at: string | null }

/** Queue order in memory: the same order as the SQL ORDER BYs of queue.ts. */
const byDue = (a: Hit, b: Hit): number =>
  (a.due_at! < b.due_at! ? -1 : a.due_at! > b.due_at! ? 1 : 0) || b.priority - a.priority || a.id - b.id;
const byFollowUp = (a: Hit, b: Hit): number =>
  (a.fu_at! < b.fu_at! ? -1 : a.fu_at! > b.fu_at! ? 1 : 0) || b.priority - a.priority || a.id - b.id;
const byPriority = (a: Hit, b: Hit): number => b.priority - a.priority || a.id - b.id;

export interface PageInput { where: string; params: Params; now: string; offset: number; limit: number; today: string }

/** The page's queue rows for `ids`, in that order. */
export function rowsFor(ctx: Ctx, ids: number[], now: string, today: string): RouteOutput<'queue.list'>['items'] {
  const rows = ids.length
    ? ctx.prep<QueueRow>(`SELECT ${COLUMNS} FROM cases c WHERE c.id IN (SELECT value FROM json_each(@ids))`).all({ ids: JSON.stringify(ids) })
    : [];
  const byId = new Map(rows.map((r) => [Number(r.id), r]));
  const bounds = ctx.settings().bucketBounds;
  return ids.flatMap((id) => {
    const r = byId.get(id);
    return r ? [queueItem(r, today, bounds, now)] : [];
  });
}

/**
 * A search with few candidates: one read of every match, ordered and paged here in queue order
 * (due follow-ups, other due cases, the rest); total and due count are exact. With `cap`, the
 * candidates SQL is capped at it per source and null says there were too many (the union of the
 * capped sources reached it), so the caller needs no separate count first.
 */
export function sortedSearch(ctx: Ctx, candidates: string, input: PageInput, cap?: number): RouteOutput<'queue.list'> | null {
  const { where, params, now, offset, limit } = input;
  const read = ctx
    .prep<Hit & { ok: number }>(
      `SELECT c.id, c.next_due_at AS due_at, c.priority, c.followup_at AS fu_at, (${where}) AS ok
       FROM (${candidates}) AS s CROSS JOIN cases c ON c.id = s.id`,
    )
    .all(params);
  if (cap !== undefined && read.length >= cap) return null;
  const hits = read.filter((h) => h.ok === 1);
  const isHead = (h: Hit) => h.fu_at !== null && h.fu_at <= now;
  const headHits = hits.filter(isHead).sort(byFollowUp);
  const due = hits.filter((h) => !isHead(h) && h.due_at !== null && h.due_at <= now).sort(byDue);
  const rest = hits.filter((h) => h.due_at === null || h.due_at > now).sort(byPriority);
  const ids = [...headHits, ...due, ...rest].slice(offset, offset + limit).map((h) => h.id);
  return { items: rowsFor(ctx, ids, now, input.today), total: hits.length, dueCount: headHits.length + due.length };
}
