import type { QueueFilter, RouteOutput } from '../../../shared/contract';
import { overdueSinceRange } from '../../../shared/domain/buckets';
import type { Ctx } from '../context';
import { queueItem, type QueueRow } from '../cases/views';
import { candidateSql, classifySearch, searchParams, searchPredicate } from './search';
import { COLUMNS, DUE, NOT_DUE, type Params } from './sql';
import { nameSearch } from './name-search';
import { sortedSearch } from './sorted-search';
import { HEAD, HEAD_ORDER, NOT_HEAD } from './due-followups';

/** Statuses the queue shows when no status filter is set: the work still to do. */
export const WORKING_STATUSES = ['open', 'ptp', 'hold'] as const;
const WORKING_SQL = WORKING_STATUSES.map((s) => `'${s}'`).join(', ');
/**
 * A search collects at most this many candidate cases per kind. Under the cap the result is
 * exact; above it (a surname, a short prefix) the page is still exact (read in queue order)
 * and `total` counts the capped candidates, i.e. "at least".
 */
export const SEARCH_CAP = 500;
/**
 * A number search with fewer candidates than this (each source capped here) reads them all once
 * and orders them in memory, exactly. A 4-digit string is also a phone prefix (1390…):
 * hundreds of cases, where walking the queue testing each row costs several times more.
 */
export const DIGIT_SORT_MAX = 3000;
/** A bucket smaller than this is read through its date index and sorted; a larger one is walked in priority order. */
const SMALL_SET = 3000;

interface Filters { where: string[]; params: Params; bucket: boolean }

function filters(agentId: number, filter: QueueFilter, today: string, ctx: Pick<Ctx, 'settings'>, search: boolean): Filters {
  const params: Params = { agent: agentId };
  const where = ['c.assigned_agent_id = @agent'];
  if (filter.status) {
    where.push('c.status = @status');
    params.status = filter.status;
  } else if (!search) {
    // A search finds paid and closed cases too (a debtor calling back); the work list does not.
    where.push(`c.status IN (${WORKING_SQL})`);
  }
  if (filter.bucket) {
    const range = overdueSinceRange(filter.bucket, today, ctx.settings().bucketBounds);
    if (range.from !== null) {
      where.push('c.overdue_since >= @from');
      params.from = range.from;
    }
    if (range.to !== null) {
      where.push('c.overdue_since <= @to');
      params.to = range.to;
    }
  }
  if (filter.tag) {
    where.push('instr(c.tags, @tag) > 0');
    params.tag = JSON.stringify(filter.tag);
  }
  return { where, params, bucket: Boolean(filter.bucket) };
}

type ListInput = { filter: QueueFilter; offset: number; limit: number };

export function listQueue(ctx: Ctx, agentId: number, input: ListInput, today: string): RouteOutput<'queue.list'> {
  const now = ctx.clock().toISOString();
  const q = classifySearch(input.filter.search);
  const f = filters(agentId, input.filter, today, ctx, q.kind !== 'none');
  const params: Params = { ...f.params, now, ...searchParams(q) };
  const where = f.where.join(' AND ');
  if (q.kind === 'name') return nameSearch(ctx, { query: q, where, params, now, offset: input.offset, limit: input.limit, today });
  if (q.kind === 'digits') {
    const sorted = sortedSearch(ctx, candidateSql(q, DIGIT_SORT_MAX), { where, params, now, offset: input.offset, limit: input.limit, today }, DIGIT_SORT_MAX);
    if (sorted) return sorted;
  }

  let total: number;
  let dueCount: number;
  let headCount = -1;
  /** plain: no search; small: start from the search candidates; walk: the queue index filtered by the search. */
  let mode: 'plain' | 'small' | 'walk' = 'plain';
  let extra = '';
  /** The walk's total counts capped candidates: "at least". */
  let atLeast = false;

  /** FROM clause of the 'small' mode: the search's candidates joined to their cases. */
  let smallFrom = '';
  if (q.kind !== 'none') {
    const cand = candidateSql(q, SEARCH_CAP);
    smallFrom = `(${cand}) AS s CROSS JOIN cases c ON c.id = s.id`;
    const row = ctx
      .prep<{ raw: number; total: number; due: number; head: number }>(
        `SELECT count(*) AS raw, count(CASE WHEN ${where} THEN 1 END) AS total, count(CASE WHEN ${where} AND ${DUE} THEN 1 END) AS due,
           count(CASE WHEN ${where} AND ${HEAD} THEN 1 END) AS head
         FROM (${cand}) AS s CROSS JOIN cases c ON c.id = s.id`,
      )
      .get(params);
    total = row?.total ?? 0;
    dueCount = row?.due ?? 0;
    headCount = row?.head ?? 0;
    if ((row?.raw ?? 0) < SEARCH_CAP) {
      mode = 'small'; // few candidates: start from them and sort
    } else {
      // Many: walk the agent's queue in order and keep the matches; the page is exact, the total "at least".
      mode = 'walk';
      atLeast = true;
      extra = ` AND ${searchPredicate(q)}`;
    }
  } else {
    const statusOnly = !input.filter.bucket && !input.filter.tag;
    if (statusOnly) {
      const statuses = input.filter.status ? [input.filter.status] : [...WORKING_STATUSES];
      total = ctx
        .prep<{ n: number }>(`SELECT coalesce(sum(n), 0) AS n FROM case_counts WHERE agent_id = @agent AND status IN (SELECT value FROM json_each(@statuses))`)
        .get({ agent: agentId, statuses: JSON.stringify(statuses) })?.n ?? 0;
    } else {
      total = ctx.prep<{ n: number }>(`SELECT count(*) AS n FROM cases c WHERE ${where}`).get(params)?.n ?? 0;
    }
    dueCount = ctx.prep<{ n: number }>(`SELECT count(*) AS n FROM cases c INDEXED BY cases_due WHERE ${where} AND ${DUE}`).get(params)?.n ?? 0;
  }

  const { offset, limit } = input;
  // The head (due follow-ups, by their time), then the rest of the due part (promises), then the ranked rest.
  const headFrom = mode === 'small' ? smallFrom : `cases c INDEXED BY cases_followup`;
  if (headCount < 0) {
    headCount = ctx.prep<{ n: number }>(`SELECT count(*) AS n FROM cases c INDEXED BY cases_followup WHERE ${where}${extra} AND ${HEAD}`).get(params)?.n ?? 0;
  }
  const items: QueueRow[] = [];
  if (offset < headCount) {
    items.push(
      ...ctx
        .prep<QueueRow>(`SELECT ${COLUMNS} FROM ${headFrom} WHERE ${where}${extra} AND ${HEAD} ${HEAD_ORDER} LIMIT @limit OFFSET @offset`)
        .all({ ...params, limit, offset }),
    );
  }
  const dueOffset = Math.max(0, offset - headCount);
  if (items.length < limit && dueOffset < dueCount - headCount) {
    const dueFrom = mode === 'small' ? smallFrom : `cases c INDEXED BY cases_due`;
    items.push(
      ...ctx
        .prep<QueueRow>(
          `SELECT ${COLUMNS} FROM ${dueFrom} WHERE ${where}${extra} AND ${DUE}${NOT_HEAD} ORDER BY c.next_due_at, c.priority DESC, c.id LIMIT @limit OFFSET @offset`,
        )
        .all({ ...params, limit: limit - items.length, offset: dueOffset }),
    );
  }
  const remaining = limit - items.length;
  if (remaining > 0) {
    const restOffset = Math.max(0, offset - dueCount);
    let restFrom = smallFrom;
    let restWhere = where;
    if (mode !== 'small') {
      // Big sets: walk the priority index and stop at the page. Small buckets: their date index, then sort.
      const smallBucket = mode === 'plain' && f.bucket && total < SMALL_SET;
      restFrom = `cases c INDEXED BY ${smallBucket ? 'cases_bucket' : 'cases_queue'}`;
      if (!smallBucket) restWhere = where.replace(/c\.overdue_since/g, '+c.overdue_since');
    }
    items.push(
      ...ctx
        .prep<QueueRow>(
          `SELECT ${COLUMNS} FROM ${restFrom} WHERE ${restWhere}${extra} AND ${NOT_DUE} ORDER BY c.priority DESC, c.id LIMIT @limit OFFSET @offset`,
        )
        .all({ ...params, limit: remaining, offset: restOffset }),
    );
  }
  const bounds = ctx.settings().bucketBounds;
  const out = { items: items.map((r) => queueItem(r, today, bounds, now)), total, dueCount };
  return atLeast ? { ...out, totalAtLeast: true } : out;
}

/** The case save-and-next opens: the first in queue order (no filter), `excludeId` left out. */
export function nextCaseId(ctx: Ctx, agentId: number, excludeId: number): string | null {
  const now = ctx.clock().toISOString();
  const fu = ctx
    .prep<{ id: number }>(
      `SELECT c.id FROM cases c INDEXED BY cases_followup WHERE c.assigned_agent_id = @agent AND c.status IN (${WORKING_SQL}) AND ${HEAD} AND c.id != @ex
       ${HEAD_ORDER} LIMIT 1`,
    )
    .get({ agent: agentId, now, ex: excludeId });
  if (fu) return String(fu.id);
  const due = ctx
    .prep<{ id: number }>(
      `SELECT c.id FROM cases c INDEXED BY cases_due WHERE c.assigned_agent_id = @agent AND c.status IN (${WORKING_SQL}) AND ${DUE} AND c.id != @ex
       ORDER BY c.next_due_at, c.priority DESC, c.id LIMIT 1`,
    )
    .get({ agent: agentId, now, ex: excludeId });
  if (due) return String(due.id);
  const rest = ctx
    .prep<{ id: number }>(
      `SELECT c.id FROM cases c INDEXED BY cases_queue WHERE c.assigned_agent_id = @agent AND c.status IN (${WORKING_SQL}) AND ${NOT_DUE} AND c.id != @ex
       ORDER BY c.priority DESC, c.id LIMIT 1`,
    )
    .get({ agent: agentId, now, ex: excludeId });
  return rest ? String(rest.id) : null;
}
