import type { RouteOutput } from '../../../shared/contract';
import type { Ctx } from '../context';
import { DUE, NOT_DUE, type Params } from './sql';
import { candidateSql, otherNameSources, type SearchQuery } from './search';
import { HEAD, HEAD_ORDER, NOT_HEAD } from './due-followups';
import { rowsFor, sortedSearch } from './sorted-search';

/**
 * A prefix that also searches contacts or batch numbers and matches at least this many cases
 * walks the queue indexes testing each row; fewer are read once and ordered here. (A bare
 * debtor name never walks: it reads cases_name, see debtorNameSearch.)
 */
export const NAME_WALK_MIN = 3000;

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

/** Queue order as one sort key: due follow-ups by their time, other due cases by due time, the rest; then priority. */
const QUEUE_ORDER = `ORDER BY CASE WHEN ${HEAD} THEN 0 WHEN ${DUE} THEN 1 ELSE 2 END,
  CASE WHEN ${HEAD} THEN c.followup_at WHEN ${DUE} THEN c.next_due_at END, c.priority DESC, c.id`;

/**
 * Only the debtor's name (a bare surname: one character, no contacts or batches): one range of
 * cases_name (agent, the case's copy of the debtor's name, the queue's order columns) gives the
 * exact total, due count and page, without touching a table row (migration 018).
 */
function debtorNameSearch(ctx: Ctx, input: NameSearchInput): RouteOutput<'queue.list'> {
  const { where, params, now, offset, limit } = input;
  const from = `cases c INDEXED BY cases_name WHERE ${where} AND c.debtor_name >= @lo AND c.debtor_name < @hi`;
  const n = ctx.prep<{ total: number; due: number }>(`SELECT count(*) AS total, count(CASE WHEN ${HEAD} OR ${DUE} THEN 1 END) AS due FROM ${from}`).get(params);
  const ids = ctx
    .prep<{ id: number }>(`SELECT c.id FROM ${from} ${QUEUE_ORDER} LIMIT @limit OFFSET @offset`)
    .all({ ...params, limit, offset })
    .map((r) => r.id);
  return { items: rowsFor(ctx, ids, now, input.today), total: n?.total ?? 0, dueCount: n?.due ?? 0 };
}

/** One part of the queue order, read in order from its index: FROM, WHERE and ORDER BY. */
interface Part { from: string; where: string; order: string }

/**
 * Queue order (due first by due time, then priority) restricted to cases whose debtor's name, a
 * contact's name or batch number starts with the prefix.
 */
export function nameSearch(ctx: Ctx, input: NameSearchInput): RouteOutput<'queue.list'> {
  const { where, params, now, offset, limit } = input;
  if (!input.query.contacts && !input.query.batches) return debtorNameSearch(ctx, input);
  const walkMin = input.walkMin ?? NAME_WALK_MIN;
  // How many cases the prefix reaches, each source capped at walkMin (enough to choose the plan).
  const matched =
    ctx.prep<{ n: number }>(`SELECT count(*) AS n FROM (${candidateSql(input.query, walkMin)})`).get(params)?.n ?? 0;
  const sorted = matched < walkMin ? sortedSearch(ctx, candidateSql(input.query, null), input) : null;
  if (sorted) return sorted;

  // Thousands of matches (a common given name, a batch code): walk the follow-up, due and queue
  // indexes in order, testing each row; each walk stops at the page. Contacts and batches
  // are read once into a set by SQLite (uncorrelated IN), so each row costs a lookup.
  // Text with a letter or digit (a batch number) matches few names: test the debtor through the
  // set of matching names (read once) and stay on the covering queue indexes; a surname tests
  // each row's name through the narrow (id, name) index instead.
  const viaSet = input.query.batches;
  const FROM = (index: string) =>
    viaSet ? `cases c INDEXED BY ${index}` : `cases c INDEXED BY ${index} CROSS JOIN debtors d INDEXED BY debtors_id_name ON d.id = c.debtor_id`;
  const nameTest = viaSet
    ? `(c.debtor_id IN (SELECT id FROM debtors WHERE name >= @lo AND name < @hi)${otherNameSources(input.query)})`
    : `(+d.name >= @lo AND +d.name < @hi${otherNameSources(input.query)})`;
  const restWhere = where.replace(/c\.overdue_since/g, '+c.overdue_since');
  const parts: Part[] = [
    { from: FROM('cases_followup'), where: `${where} AND ${nameTest} AND ${HEAD}`, order: HEAD_ORDER },
    { from: FROM('cases_due'), where: `${where} AND ${nameTest} AND ${DUE}${NOT_HEAD}`, order: 'ORDER BY c.next_due_at, c.priority DESC, c.id' },
    { from: FROM('cases_queue'), where: `${restWhere} AND ${nameTest} AND ${NOT_DUE}`, order: 'ORDER BY c.priority DESC, c.id' },
  ];
  /** Matching rows of a part, counted up to `cap` (the walk stops there). */
  const countUpTo = (from: string, cond: string, cap: number): number =>
    cap <= 0 ? 0 : (ctx.prep<{ n: number }>(`SELECT count(*) AS n FROM (SELECT 1 FROM ${from} WHERE ${cond} LIMIT @cap)`).get({ ...params, cap })?.n ?? 0);

  // Page through the parts without counting them whole: a part that ends inside the page has an
  // exact size; one the page starts beyond is counted only up to the offset (exact, as it is smaller).
  const ids: number[] = [];
  const sizes: (number | null)[] = [];
  let skip = offset;
  for (const part of parts) {
    const want = limit - ids.length;
    if (want <= 0) break;
    const got = ctx
      .prep<{ id: number }>(`SELECT c.id FROM ${part.from} WHERE ${part.where} ${part.order} LIMIT @limit OFFSET @offset`)
      .all({ ...params, limit: want, offset: skip });
    ids.push(...got.map((r) => r.id));
    if (got.length === want) break; // the page is full; this part may go on
    const size = got.length > 0 ? skip + got.length : countUpTo(part.from, part.where, skip);
    sizes.push(size);
    skip = Math.max(0, skip - size);
  }

  // Due = the head and the rest of the due part: known when the page went past both, else counted.
  const dueCount =
    sizes.length >= 2
      ? (sizes[0] ?? 0) + (sizes[1] ?? 0)
      : (ctx.prep<{ n: number }>(`SELECT count(*) AS n FROM ${FROM('cases_due')} WHERE ${where} AND ${nameTest} AND ${DUE}`).get(params)?.n ?? 0);
  // The total is "at least": of each source's first walkMin matches, those the queue's filter keeps
  // (a true lower bound; candidates of other agents or closed cases never count), or the pages seen.
  const kept = ctx.prep<{ n: number }>(`SELECT count(*) AS n FROM cases c WHERE ${where} AND c.id IN (${candidateSql(input.query, walkMin)})`).get(params)?.n ?? 0;
  return { items: rowsFor(ctx, ids, now, input.today), total: Math.max(kept, offset + ids.length), dueCount, totalAtLeast: true };
}
