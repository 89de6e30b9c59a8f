/**
 * Which cases a distribution takes (分案的筛选): the filter as a zod schema, as a predicate, and as
 * a WHERE clause the desk's SQLite and the hub's SQLite and PostgreSQL run alike.
 */
import { z } from 'zod';
import { overdueSinceRange, type BucketBounds } from './buckets';
import { BucketId, Fen, Id, type CaseStatus, type LocalDate } from './enums';

/** Statuses a lead may distribute: paid and closed cases stay where they are. */
export const DISTRIBUTABLE_STATUSES = ['open', 'ptp', 'hold'] as const satisfies readonly CaseStatus[];
const DistributableStatus = z.enum(DISTRIBUTABLE_STATUSES);

/** Which cases a distribution takes; every part optional, all parts must hold. */
export const DistFilter = z
  .object({
    batchIds: z.array(Id).max(100).optional(),
    creditor: z.string().trim().min(1).max(100).optional(),
    buckets: z.array(BucketId).max(7).optional(),
    minFen: Fen.nonnegative().optional(),
    maxFen: Fen.nonnegative().optional(),
    /** A place name found in the debtor's home or registered (户籍) address, e.g. 广东 or 深圳市. */
    region: z.string().trim().min(1).max(32).optional(),
    statuses: z.array(DistributableStatus).max(3).optional(),
    unassigned: z.boolean().optional(),
    /** Cases one agent holds now. */
    holderId: Id.optional(),
  })
  .strict()
  .refine((f) => f.minFen === undefined || f.maxFen === undefined || f.minFen <= f.maxFen, { path: ['maxFen'], message: 'must not be below minFen' });
export type DistFilter = z.infer<typeof DistFilter>;

/** The facts the filter reads. */
export interface FilterFacts {
  batchId: string | null;
  creditor: string;
  overdueSince: LocalDate;
  amountFen: number;
  homeAddress: string | null;
  registeredAddress: string | null;
  status: CaseStatus;
  holderId: string | null;
}

/** The filter as a predicate (bucket: the overdue-since range the bucket covers today, as the SQL has it). */
export function matchesFilter(c: FilterFacts, f: DistFilter, today: LocalDate, bounds: BucketBounds): boolean {
  const statuses: readonly string[] = f.statuses && f.statuses.length > 0 ? f.statuses : DISTRIBUTABLE_STATUSES;
  if (!statuses.includes(c.status)) return false;
  if (f.batchIds && f.batchIds.length > 0 && (c.batchId === null || !f.batchIds.includes(c.batchId))) return false;
  if (f.creditor !== undefined && c.creditor !== f.creditor) return false;
  if (f.minFen !== undefined && c.amountFen < f.minFen) return false;
  if (f.maxFen !== undefined && c.amountFen > f.maxFen) return false;
  if (f.unassigned && c.holderId !== null) return false;
  if (f.holderId !== undefined && c.holderId !== f.holderId) return false;
  if (f.region !== undefined) {
    const r = f.region;
    if (!(c.homeAddress ?? '').includes(r) && !(c.registeredAddress ?? '').includes(r)) return false;
  }
  if (f.buckets && f.buckets.length > 0) {
    const inAny = f.buckets.some((b) => {
      const range = overdueSinceRange(b, today, bounds);
      return (range.from === null || c.overdueSince >= range.from) && (range.to === null || c.overdueSince <= range.to);
    });
    if (!inAny) return false;
  }
  return true;
}

const likeEscape = (s: string): string => `%${s.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;

/**
 * The filter as a WHERE clause over `cases c JOIN debtors d` with `?` parameters, portable
 * across the desk's SQLite and the hub's SQLite and PostgreSQL. `scope` adds the caller's own
 * conditions (the hub's team). Agrees with matchesFilter.
 */
export function filterSql(f: DistFilter, today: LocalDate, bounds: BucketBounds): { where: string; params: (string | number)[] } {
  const parts: string[] = [];
  const params: (string | number)[] = [];
  const statuses: readonly string[] = f.statuses && f.statuses.length > 0 ? f.statuses : DISTRIBUTABLE_STATUSES;
  parts.push(`c.status IN (${statuses.map(() => '?').join(', ')})`);
  params.push(...statuses);
  if (f.batchIds && f.batchIds.length > 0) {
    const ids = f.batchIds.map(Number).filter((n) => Number.isSafeInteger(n));
    if (ids.length === 0) parts.push('1 = 0');
    else {
      parts.push(`c.batch_id IN (${ids.map(() => '?').join(', ')})`);
      params.push(...ids);
    }
  }
  if (f.creditor !== undefined) {
    parts.push('c.creditor = ?');
    params.push(f.creditor);
  }
  if (f.minFen !== undefined) {
    parts.push('c.overdue_fen >= ?');
    params.push(f.minFen);
  }
  if (f.maxFen !== undefined) {
    parts.push('c.overdue_fen <= ?');
    params.push(f.maxFen);
  }
  if (f.unassigned) parts.push('c.assigned_agent_id IS NULL');
  if (f.holderId !== undefined) {
    const id = Number(f.holderId);
    parts.push('c.assigned_agent_id = ?');
    params.push(Number.isSafeInteger(id) ? id : -1);
  }
  if (f.region !== undefined) {
    parts.push("(d.home_address LIKE ? ESCAPE '\\' OR d.registered_address LIKE ? ESCAPE '\\')");
    params.push(likeEscape(f.region), likeEscape(f.region));
  }
  if (f.buckets && f.buckets.length > 0) {
    const any: string[] = [];
    for (const b of new Set(f.buckets)) {
      const r = overdueSinceRange(b, today, bounds);
      const conds: string[] = [];
      if (r.from !== null) {
        conds.push('c.overdue_since >= ?');
        params.push(r.from);
      }
      if (r.to !== null) {
        conds.push('c.overdue_since <= ?');
        params.push(r.to);
      }
      any.push(conds.length ? `(${conds.join(' AND ')})` : '1 = 1');
    }
    parts.push(`(${any.join(' OR ')})`);
  }
  return { where: parts.join(' AND '), params };
}

