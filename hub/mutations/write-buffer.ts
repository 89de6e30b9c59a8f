import type { MutationArgs } from '../../shared/sync';
import { flatten, selectIn, valuesSql } from '../feed';
import type { CaseDb, PhoneDb } from '../rows';
import type { CaseCore } from './case-lookup';
import { inList, type Param, type Q } from '../store/types';

const ATTEMPT_COLS = ['id', 'client_request_id', 'case_id', 'agent_id', 'phone_id', 'channel', 'party', 'outcome_code', 'note', 'call_started_at', 'duration_sec',
  'claimed_paid_date', 'steps_done', 'scenario', 'at', 'device_id', 'mutation_id', 'received_at', 'visit_address', 'recording_ref', 'counters_only'];
const FOLLOW_UP_COLS = ['id', 'case_id', 'agent_id', 'attempt_id', 'due_at', 'reason', 'created_at'];
/** Columns attempt.save writes on a case, with their types (bulk UPDATE ... FROM (VALUES ...) needs typed cells on PostgreSQL). */
const CASE_ATTEMPT_COLS = [['status', 'TEXT'], ['tags', 'TEXT'], ['attempt_count', 'BIGINT'], ['refusals', 'BIGINT'], ['last_attempt_at', 'TEXT'],
  ['last_outcome_code', 'TEXT'], ['updated_at', 'TEXT']] as const;

const CASE_ATTEMPT_SQL = `UPDATE cases SET ${CASE_ATTEMPT_COLS.map(([col]) => `${col} = ?`).join(', ')} WHERE id = ?`;
/** Most attempts change only these (status, tags and refusals stay): fewer cells to bind and compare. */
const CASE_COUNTERS_SQL = 'UPDATE cases SET attempt_count = ?, last_attempt_at = ?, last_outcome_code = ?, updated_at = ? WHERE id = ?';

/**
 * A batch's write buffer for attempt.save, the bulk of all traffic: attempts, follow-ups and the
 * case rows they change are kept in memory (the cases are locked by the transaction) and written
 * with a few multi-row statements. It is flushed before any other mutation runs, so every other
 * code path sees the database as if each attempt had been written at once; reads it needs
 * (attempt ids seen, pending follow-ups, phones) are loaded for the whole batch up front.
 */
export class WriteBuffer {
  attempts: Param[][] = [];
  /** Attempt ids known to exist: loaded for the batch, plus those buffered. */
  attemptIds = new Set<string>();
  private attemptIdsLoaded = new Set<string>();
  /** Follow-up ids buffered in this batch. */
  followUps = new Set<string>();
  private fuInserts: Param[][] = [];
  private fuClosed: [string, string][] = [];
  /** Pending follow-up ids per case, for the cases loaded. */
  private pending = new Map<number, string[]>();
  private phones = new Map<number, PhoneDb>();
  /** Cases whose cached row is ahead of the database; `settled`: of those, the ones whose status, tags and refusals are as stored. */
  private dirtyCases = new Set<number>();
  private settled = new Set<number>();

  /**
   * Core rows of cases (attempt.save's columns, case-lookup.ts) kept current by the attempts of
   * the batch; the batch's full rows (`cases`, ctx.cases) come first where both hold a case.
   */
  readonly cores = new Map<number, CaseCore>();

  constructor(private readonly cases: Map<number, CaseDb>) {}

  /** The batch's current row of a case: its full row if loaded, else its core row. */
  caseRow(id: number): CaseCore | undefined {
    return this.cases.get(id) ?? this.cores.get(id);
  }

  /**
   * Another kind of mutation is about to read and write cases directly (the buffer was just
   * flushed): core rows are read again from the database when an attempt needs them.
   */
  forgetCores(): void {
    this.cores.clear();
  }

  /** Load what the batch's attempts (their validated args) will ask about, in one statement each. */
  async preload(q: Q, attempts: readonly MutationArgs<'attempt.save'>[], caseIds: readonly number[]): Promise<void> {
    const attemptIds = new Set<string>();
    const phoneIds = new Set<number>();
    for (const a of attempts) {
      attemptIds.add(a.attemptId);
      if (a.phoneId !== null) phoneIds.add(Number(a.phoneId));
    }
    if (attemptIds.size === 0) return;
    const ids = [...attemptIds];
    if (ids.length <= 400 && caseIds.length > 0 && caseIds.length <= 400) {
      // The usual push: both lookups in one round trip.
      const rows = await q.all<{ k: string; id: string; case_id: number | null }>(
        `SELECT 'a' AS k, id, NULL AS case_id FROM attempts WHERE id IN (${inList(ids.length)})
         UNION ALL SELECT 'f' AS k, id, case_id FROM follow_ups WHERE case_id IN (${inList(caseIds.length)}) AND state = 'pending'`,
        [...ids, ...caseIds],
      );
      for (const id of caseIds) this.pending.set(id, []);
      for (const r of rows) {
        if (r.k === 'a') this.attemptIds.add(r.id);
        else this.pending.get(Number(r.case_id))?.push(r.id);
      }
    } else {
      for (const r of await selectIn<{ id: string }>(q, 'SELECT id FROM attempts WHERE id IN', ids)) this.attemptIds.add(r.id);
      for (const id of caseIds) this.pending.set(id, []);
      for (const r of await selectIn<{ id: string; case_id: number }>(q, 'SELECT id, case_id FROM follow_ups WHERE case_id IN', caseIds, "AND state = 'pending'")) {
        this.pending.get(Number(r.case_id))?.push(r.id);
      }
    }
    for (const id of ids) this.attemptIdsLoaded.add(id);
    for (const list of this.pending.values()) list.sort();
    for (const p of await selectIn<PhoneDb>(q, 'SELECT * FROM phones WHERE id IN', [...phoneIds])) this.phones.set(Number(p.id), p);
  }

  async attemptExists(q: Q, id: string): Promise<boolean> {
    if (this.attemptIds.has(id)) return true;
    if (this.attemptIdsLoaded.has(id)) return false;
    return (await q.get('SELECT 1 AS x FROM attempts WHERE id = ?', [id])) !== undefined;
  }

  async phone(q: Q, id: number, debtorId: number): Promise<PhoneDb | undefined> {
    let p = this.phones.get(id);
    if (!p) {
      p = await q.get<PhoneDb>('SELECT * FROM phones WHERE id = ?', [id]);
      if (p) this.phones.set(id, p);
    }
    return p && Number(p.debtor_id) === debtorId ? p : undefined;
  }

  async closePendingFollowUps(q: Q, caseId: number, at: string): Promise<string[]> {
    let ids = this.pending.get(caseId);
    if (!ids) ids = (await q.all<{ id: string }>("SELECT id FROM follow_ups WHERE case_id = ? AND state = 'pending' ORDER BY id", [caseId])).map((r) => r.id);
    this.pending.set(caseId, []);
    for (const id of ids) this.fuClosed.push([id, at]);
    return ids;
  }

  /**
   * The case's cached row (ctx.cases) changed and is to be written. `onlyCounters`: this change
   * left status, tags and refusals as they were, so unless an earlier change in the batch moved
   * them only the attempt counters are written (a narrower UPDATE).
   */
  caseChanged(id: number, onlyCounters: boolean): void {
    if (!this.dirtyCases.has(id)) {
      this.dirtyCases.add(id);
      if (onlyCounters) this.settled.add(id);
    } else if (!onlyCounters) this.settled.delete(id);
  }

  addFollowUp(caseId: number, row: Param[]): void {
    this.fuInserts.push(row);
    this.followUps.add(String(row[0]));
    this.pending.get(caseId)?.push(String(row[0]));
  }

  /**
   * Write what is buffered. `last`: nothing reads the database after this in the transaction, so
   * the statements ride in the commit tail (Q.atCommit) instead of a round trip each; they still
   * commit or fail with the rest of the transaction.
   */
  async flush(q: Q, last = false): Promise<void> {
    const run = last ? (sql: string, params: Param[]) => q.atCommit(sql, params) : async (sql: string, params: Param[]) => void (await q.run(sql, params));
    // Plain INSERTs: an id taken meanwhile by another device fails the batch (retried one by one), never half-applies it.
    await insertMany(run, 'attempts', ATTEMPT_COLS, this.attempts);
    await insertMany(run, 'follow_ups', FOLLOW_UP_COLS, this.fuInserts, 'state');
    const dirty = [...this.dirtyCases].sort((x, y) => x - y).map((id) => this.caseRow(id)).filter((c): c is CaseCore => c !== undefined);
    if (q.kind === 'sqlite') {
      // In-process statements cost microseconds, and SQLite plans UPDATE ... FROM (VALUES ...) as a
      // scan of the whole table (40 ms a batch with a million cases): one keyed UPDATE a row.
      for (const [id, at] of this.fuClosed) await run("UPDATE follow_ups SET state = 'done', closed_at = ? WHERE id = ? AND state = 'pending'", [at, id]);
      for (const c of dirty) {
        if (this.settled.has(Number(c.id))) await run(CASE_COUNTERS_SQL, [c.attempt_count, c.last_attempt_at, c.last_outcome_code, c.updated_at, c.id]);
        else await run(CASE_ATTEMPT_SQL, [c.status, c.tags, c.attempt_count, c.refusals, c.last_attempt_at, c.last_outcome_code, c.updated_at, c.id]);
      }
    } else {
      // PostgreSQL: one statement a chunk (a round trip each), typed cells (uuid follow-up ids).
      for (let i = 0; i < this.fuClosed.length; i += 500) {
        const part = this.fuClosed.slice(i, i + 500);
        await run(
          `UPDATE follow_ups SET state = 'done', closed_at = v.column2 FROM (VALUES ${part.map(() => '(CAST(? AS UUID), CAST(? AS TEXT))').join(', ')}) AS v
           WHERE follow_ups.id = v.column1 AND follow_ups.state = 'pending'`,
          part.flat(),
        );
      }
      const cell = `(CAST(? AS BIGINT), ${CASE_ATTEMPT_COLS.map(([, t]) => `CAST(? AS ${t})`).join(', ')})`;
      for (let i = 0; i < dirty.length; i += 500) {
        const part = dirty.slice(i, i + 500);
        await run(
          `UPDATE cases SET ${CASE_ATTEMPT_COLS.map(([col], k) => `${col} = v.column${k + 2}`).join(', ')}
           FROM (VALUES ${part.map(() => cell).join(', ')}) AS v WHERE cases.id = v.column1`,
          part.flatMap((c) => [c.id, ...CASE_ATTEMPT_COLS.map(([col]) => c[col])]),
        );
      }
    }
    this.attempts = [];
    this.fuInserts = [];
    this.fuClosed = [];
    this.dirtyCases.clear();
    this.settled.clear();
  }
}

/** Multi-row INSERT in chunks; `pendingState` adds a constant state column. */
async function insertMany(run: (sql: string, params: Param[]) => Promise<void>, table: string, cols: readonly string[], rows: readonly Param[][], stateCol?: string): Promise<void> {
  const per = Math.max(1, Math.floor(20_000 / cols.length));
  const head = `INSERT INTO ${table} (${cols.join(', ')}${stateCol ? `, ${stateCol}` : ''}) VALUES`;
  for (let i = 0; i < rows.length; i += per) {
    const part = rows.slice(i, i + per);
    // The constant state cell is a parameter too, so the statement text is the shared VALUES shape.
    await run(valuesSql(head, cols.length + (stateCol ? 1 : 0), part.length, ''), stateCol ? flattenWith(part, 'pending') : flatten(part));
  }
}

function flattenWith(rows: readonly (readonly Param[])[], last: Param): Param[] {
  const out: Param[] = [];
  for (const r of rows) {
    for (const v of r) out.push(v);
    out.push(last);
  }
  return out;
}
