import type { RouteOutput } from '../../../shared/contract';
import type { Ctx } from '../context';
import { queueItem, type QueueRow } from '../cases/views';
import { COLUMNS, DUE, JOIN_D, NOT_DUE, type Params } from './sql';
import { candidateSql, otherNameSources, type SearchQuery } from './search';
import { HEAD, HEAD_ORDER, NOT_HEAD } from './due-followups';

/**
 * A name prefix matching at least this many debtors (a common surname typed as the first
 * keystroke) walks the queue index testing each row's name; fewer are read through the name
 * index once and ordered here. On 100k cases both cost a few ms at this point.
 */
export const NAME_WALK_MIN = 3000;

interface Hit { id: number; due_at: string | null; priority: number; fu_at: string | null }

/** Queue order in memory: the same order as the SQL ORDER BYs of queue.ts. */
const byDue = (a: Hit, b: Hit): number =>
  (a.due_at! < b.due_at! ? -1 : a.due_at! > b.due_at! ? 1 : 0) || b.priority - a.priority || a.id - b.id;
const byFollowUp = (a: Hit, b: Hit): number =>
  (a.fu_at! < b.fu_at! ? -1 : a.fu_at! > b.fu_at! ? 1 : 0) || b.priority - a.priority || a.id - b.id;
const byPriority = (a: Hit, b: Hit): number => b.priority - a.priority || a.id - b.id;

export interface NameSearchInput {
  query: Extract<SearchQuery, { kind: 'name' }>;
  /** The queue's filter predicate on c (agent, status, bucket, tag). */
  where: string;
  /** Its parameters plus @now and the search's (searchParams: @lo, @hi, @like). */
  params: Params;
  now: string;
  offset: number;
  limit: number;
  today: string;
  /** Override NAME_WALK_MIN (tests run both paths on one data set). */
  walkMin?: number;
}

/**
 * Queue order (due first by due time, then priority) restricted to cases whose debtor's name, a
 * contact's name or batch number starts with the prefix.
 */
export function nameSearch(ctx: Ctx, input: NameSearchInput): RouteOutput<'queue.list'> {
  const { where, params, now, offset, limit } = input;
  const walkMin = input.walkMin ?? NAME_WALK_MIN;
  // How many cases the prefix reaches, each source capped at walkMin (enough to choose the plan).
  const matched =
    ctx.prep<{ n: number }>(`SELECT count(*) AS n FROM (${candidateSql(input.query, walkMin)})`).get(params)?.n ?? 0;

  let ids: number[];
  let total: number;
  let dueCount: number;
  if (matched < walkMin) {
    // One read of every match; order and page in memory.
    const hits = ctx
      .prep<Hit>(
        `SELECT c.id, c.next_due_at AS due_at, c.priority, c.followup_at AS fu_at
         FROM (${candidateSql(input.query, null)}) AS s CROSS JOIN cases c ON c.id = s.id WHERE ${where}`,
      )
      .all(params);
    const isHead = (h: Hit) => h.fu_at !== null && h.fu_at <= now;
    const headHits = hits.filter(isHead).sort(byFollowUp);
    const due = hits.filter((h) => !isHead(h) && h.due_at !== null && h.due_at <= now).sort(byDue);
    const rest = hits.filter((h) => h.due_at === null || h.due_at > now).sort(byPriority);
    total = hits.length;
    dueCount = headHits.length + due.length;
    ids = [...headHits, ...due, ...rest].slice(offset, offset + limit).map((h) => h.id);
  } else {
    // A common surname: walk the due index and then the queue index in order, testing each
    // row's name through the narrow (id, name) index; both walks stop at the page.
    // The total is "at least" (matching cases, capped per source). Contacts and batches are
    // read once into a set by SQLite (uncorrelated IN), so each row costs a lookup.
    // Text with a letter or digit (a batch number) matches few names: test the debtor through the
    // set of matching names (read once) and stay on the covering queue indexes; a surname tests
    // each row's name through the narrow (id, name) index instead.
    const viaSet = input.query.batches;
    const FROM = (index: string) =>
      viaSet ? `cases c INDEXED BY ${index}` : `cases c INDEXED BY ${index} CROSS JOIN debtors d INDEXED BY debtors_id_name ON d.id = c.debtor_id`;
    const nameTest = viaSet
      ? `(c.debtor_id IN (SELECT id FROM debtors WHERE name >= @lo AND name < @hi)${otherNameSources(input.query)})`
      : `(+d.name >= @lo AND +d.name < @hi${otherNameSources(input.query)})`;
    total = matched;
    dueCount = ctx.prep<{ n: number }>(`SELECT count(*) AS n FROM ${FROM('cases_due')} WHERE ${where} AND ${nameTest} AND ${DUE}`).get(params)?.n ?? 0;
    const headCount = ctx.prep<{ n: number }>(`SELECT count(*) AS n FROM ${FROM('cases_followup')} WHERE ${where} AND ${nameTest} AND ${HEAD}`).get(params)?.n ?? 0;
    ids = [];
    if (offset < headCount) {
      const head = ctx
        .prep<{ id: number }>(`SELECT c.id FROM ${FROM('cases_followup')} WHERE ${where} AND ${nameTest} AND ${HEAD} ${HEAD_ORDER} LIMIT @limit OFFSET @offset`)
        .all({ ...params, limit, offset });
      ids.push(...head.map((r) => r.id));
    }
    const dueOffset = Math.max(0, offset - headCount);
    if (ids.length < limit && dueOffset < dueCount - headCount) {
      const due = ctx
        .prep<{ id: number }>(
          `SELECT c.id FROM ${FROM('cases_due')} WHERE ${where} AND ${nameTest} AND ${DUE}${NOT_HEAD}
           ORDER BY c.next_due_at, c.priority DESC, c.id LIMIT @limit OFFSET @offset`,
        )
        .all({ ...params, limit: limit - ids.length, offset: dueOffset });
      ids.push(...due.map((r) => r.id));
    }
    const remaining = limit - ids.length;
    if (remaining > 0) {
      const restWhere = where.replace(/c\.overdue_since/g, '+c.overdue_since');
      const rest = ctx
        .prep<{ id: number }>(
          `SELECT c.id FROM ${FROM('cases_queue')} WHERE ${restWhere} AND ${nameTest} AND ${NOT_DUE}
           ORDER BY c.priority DESC, c.id LIMIT @limit OFFSET @offset`,
        )
        .all({ ...params, limit: remaining, offset: Math.max(0, offset - dueCount) });
      ids.push(...rest.map((r) => r.id));
    }
  }

  const rows = ids.length
    ? ctx.prep<QueueRow>(`SELECT ${COLUMNS} FROM cases c ${JOIN_D} WHERE c.id IN (SELECT value FROM json_each(@ids))`).all({ ids: JSON.stringify(ids) })
    : [];
  const byId = new Map(rows.map((r) => [Number(r.id), r]));
  const bounds = ctx.settings().bucketBounds;
  const items = ids.flatMap((id) => {
    const r = byId.get(id);
    return r ? [queueItem(r, input.today, bounds, now)] : [];
  });
  return { items, total, dueCount };
}
