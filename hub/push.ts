/**
 * Applying pushed mutations. Per device, ids are applied exactly once: the device row is locked,
 * each mutation's effects and the device's last id commit together. Business checks happen
 * before any write of a mutation, so a rejection leaves nothing but its rejection row.
 */
import type { z } from 'zod';
import type { OutcomeCode } from '../shared/contract';
import { DEFAULT_TIME_ZONE, localDateOf } from '../shared/domain/dates';
import { canTransition, evaluatePromise } from '../shared/domain/ptp';
import type { PromiseState } from '../shared/domain/enums';
import {
  MAX_CLOCK_AHEAD_MS, MUTATION_ARGS, isMutationName, type Mutation, type MutationArgs, type RejectionReason,
} from '../shared/sync';
import { HubFailure } from './errors';
import { Fanout, bundleKeys, caseAudience, selectIn } from './feed';
import type { CaseDb, PhoneDb, PromiseDb } from './rows';
import { inList, type Param, type Q } from './store/types';

export interface Caller {
  userId: number;
  role: 'agent' | 'lead' | 'admin';
  teamId: number | null;
}

export interface PushOutcome {
  lastMutationId: number;
  rejected: { mutationId: number; reason: string }[];
  /** Set when a mutation id was skipped: the id the hub expects next. */
  gapExpected: number | null;
  applied: number;
}

class Reject {
  constructor(readonly reason: RejectionReason, readonly detail: string | null = null, readonly conflict?: { teamId: number; caseId: number | null; kind: string; detail: unknown }) {}
}

interface Ctx {
  q: Q;
  caller: Caller;
  deviceId: string;
  mutationId: number;
  now: Date;
  fan: Fanout;
  leads: Map<number, number[]>;
  /** Outcome codes by team, read once a batch (the batch is one transaction). */
  codes: Map<number, Map<string, OutcomeCode>>;
  /** Case rows this transaction has locked, kept current: every write to a case refreshes or drops its entry. */
  cases: Map<number, CaseDb>;
  w: WriteBuffer;
}

const HUB_ID = /^[1-9]\d{0,15}$/;

/** The case ids a batch names (loosely: args are validated per mutation later). */
function namedCases(mutations: readonly Mutation[]): number[] {
  const ids = new Set<number>();
  const add = (v: unknown) => {
    if (typeof v === 'string' && HUB_ID.test(v)) ids.add(Number(v));
  };
  for (const m of mutations) {
    const a = m.args as { caseId?: unknown; caseIds?: unknown } | null;
    if (!a || typeof a !== 'object') continue;
    add(a.caseId);
    if (Array.isArray(a.caseIds)) a.caseIds.slice(0, 1000).forEach(add);
  }
  return [...ids].sort((x, y) => x - y);
}

const iso = (s: string): string => new Date(s).toISOString();

/** Lock and check the device, then apply `mutations` in order. Runs inside one write transaction. */
export async function applyMutations(q: Q, caller: Caller, deviceId: string, mutations: readonly Mutation[], now: Date): Promise<PushOutcome> {
  const nowIso = now.toISOString();
  // Register and lock the device in one statement (DO UPDATE locks the row and returns its latest committed state).
  const dev = await q.get<{ user_id: number; last_mutation_id: number }>(
    `INSERT INTO devices (device_id, user_id, last_mutation_id, created_at) VALUES (?, ?, 0, ?)
     ON CONFLICT (device_id) DO UPDATE SET device_id = excluded.device_id RETURNING user_id, last_mutation_id`,
    [deviceId, caller.userId, nowIso],
  );
  if (!dev || Number(dev.user_id) !== caller.userId) throw new HubFailure('FORBIDDEN', 'This device is registered to another user.');
  const start = Number(dev.last_mutation_id);
  let last = start;
  const fan = new Fanout();
  const leads = new Map<number, number[]>();
  const codes = new Map<number, Map<string, OutcomeCode>>();
  const cases = new Map<number, CaseDb>();
  // Lock every case the batch names at once, in id order (one round trip, and no lock-order deadlocks between batches).
  const named = namedCases(mutations.filter((m) => m.id > start));
  for (const c of await selectIn<CaseDb>(q, 'SELECT * FROM cases WHERE id IN', named, `ORDER BY id${q.forUpdate}`)) cases.set(Number(c.id), c);
  const w = new WriteBuffer(cases);
  await w.preload(q, mutations.filter((m) => m.id > start), named);
  await teamRefs(q, [...new Set([...cases.values()].map((c) => Number(c.team_id)))], leads, codes);
  const out: PushOutcome = { lastMutationId: last, rejected: [], gapExpected: null, applied: 0 };
  for (const m of mutations) {
    if (m.id <= last) continue; // already processed
    if (m.id > last + 1) {
      out.gapExpected = last + 1;
      break;
    }
    if (m.name !== 'attempt.save') await w.flush(q); // other mutations read and write the database directly
    const ctx: Ctx = { q, caller, deviceId, mutationId: m.id, now, fan, leads, codes, cases, w };
    const r = await applyOne(ctx, m);
    if (r) {
      if (r.conflict) {
        const row = await q.get<{ id: number }>(
          'INSERT INTO conflicts (team_id, case_id, kind, detail, created_at) VALUES (?, ?, ?, ?, ?) RETURNING id',
          [r.conflict.teamId, r.conflict.caseId, r.conflict.kind, JSON.stringify(r.conflict.detail), nowIso],
        );
        if (row) fan.add(await leadsOf(ctx, r.conflict.teamId), 'conflict', Number(row.id));
      }
      const rej = await q.get<{ id: number }>(
        `INSERT INTO rejections (user_id, device_id, mutation_id, name, args, reason, detail, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (device_id, mutation_id) DO NOTHING RETURNING id`,
        [caller.userId, deviceId, m.id, m.name, JSON.stringify(m.args ?? null), r.reason, r.detail, nowIso],
      );
      if (rej) fan.add([caller.userId], 'rejection', Number(rej.id));
      out.rejected.push({ mutationId: m.id, reason: r.reason });
    } else out.applied += 1;
    last = m.id;
  }
  // The rest only writes: it travels with COMMIT (PostgreSQL), the device's last id in the same transaction as the effects.
  await w.flush(q, true);
  if (last !== start) await q.atCommit('UPDATE devices SET last_mutation_id = ?, last_push_at = ? WHERE device_id = ?', [last, nowIso, deviceId]);
  await fan.flush(q);
  out.lastMutationId = last;
  return out;
}

/** The leads and the outcome code tables of the teams a batch touches, in one round trip. */
async function teamRefs(q: Q, teams: readonly number[], leads: Map<number, number[]>, codes: Map<number, Map<string, OutcomeCode>>): Promise<void> {
  if (teams.length === 0 || teams.length > 100) return; // looked up per team on demand instead
  const rows = await q.all<{ team_id: number; k: string; v: string }>(
    `SELECT team_id, 'lead' AS k, CAST(id AS TEXT) AS v FROM users WHERE team_id IN (${inList(teams.length)}) AND role IN ('lead', 'admin')
     UNION ALL SELECT team_id, 'code' AS k, body AS v FROM outcome_codes WHERE team_id IN (${inList(teams.length)})`,
    [...teams, ...teams],
  );
  for (const t of teams) {
    leads.set(t, []);
    codes.set(t, new Map());
  }
  for (const r of rows) {
    const t = Number(r.team_id);
    if (r.k === 'lead') leads.get(t)?.push(Number(r.v));
    else {
      const code = JSON.parse(r.v) as OutcomeCode;
      codes.get(t)?.set(code.code, code);
    }
  }
}

/** A write to a locked case that returns the new row: the batch's cache stays current. */
async function caseUpdate(ctx: Ctx, id: number, sql: string, params: Param[]): Promise<void> {
  const row = await ctx.q.get<CaseDb>(sql, params);
  if (row) ctx.cases.set(Number(id), row);
  else ctx.cases.delete(Number(id));
}

async function leadsOf(ctx: Ctx, teamId: number): Promise<number[]> {
  return caseAudience(ctx.q, { team_id: teamId, assigned_agent_id: null }, ctx.leads);
}

function summarizeIssues(e: z.ZodError): string {
  return e.issues.slice(0, 5).map((i) => `${i.path.join('.') || '(args)'}: ${i.message}`).join('; ').slice(0, 500);
}

async function applyOne(ctx: Ctx, m: Mutation): Promise<Reject | null> {
  if (!isMutationName(m.name)) return new Reject('unknownMutation', m.name.slice(0, 64));
  const parsed = MUTATION_ARGS[m.name].safeParse(m.args);
  if (!parsed.success) return new Reject('invalidArgs', summarizeIssues(parsed.error));
  const args = parsed.data as Record<string, unknown>;
  const limit = ctx.now.getTime() + MAX_CLOCK_AHEAD_MS;
  for (const [field, v] of [['clientTime', m.clientTime], ['at', args.at], ['callStartedAt', args.callStartedAt]] as const) {
    if (typeof v === 'string' && Date.parse(v) > limit) return new Reject('clockAhead', field);
  }
  switch (m.name) {
    case 'attempt.save': return attemptSave(ctx, parsed.data as MutationArgs<'attempt.save'>);
    case 'payment.record': return paymentRecord(ctx, parsed.data as MutationArgs<'payment.record'>);
    case 'promise.transition': return promiseTransition(ctx, parsed.data as MutationArgs<'promise.transition'>);
    case 'case.setPreferredPhone': return setPreferredPhone(ctx, parsed.data as MutationArgs<'case.setPreferredPhone'>);
    case 'case.assign': return caseAssign(ctx, parsed.data as MutationArgs<'case.assign'>);
  }
}

/** The case, locked, if the caller may work on it (`history`: a former holder's late work counts). */
async function caseFor(ctx: Ctx, caseId: string, history: boolean): Promise<CaseDb | Reject> {
  let c = ctx.cases.get(Number(caseId));
  if (!c) {
    c = await ctx.q.get<CaseDb>(`SELECT * FROM cases WHERE id = ?${ctx.q.forUpdate}`, [Number(caseId)]);
    if (!c) return new Reject('caseNotFound', caseId);
    ctx.cases.set(Number(c.id), c);
  }
  if (ctx.caller.role !== 'agent') return Number(c.team_id) === ctx.caller.teamId ? c : new Reject('outOfScope', caseId);
  if (c.assigned_agent_id !== null && Number(c.assigned_agent_id) === ctx.caller.userId) return c;
  if (history) {
    const held = await ctx.q.get('SELECT 1 AS x FROM case_holders WHERE case_id = ? AND user_id = ?', [c.id, ctx.caller.userId]);
    if (held) return c;
  }
  return new Reject('outOfScope', caseId);
}

async function teamSettings(q: Q, teamId: number): Promise<{ timeZone: string; ptpGraceDays: number }> {
  const rows = await q.all<{ key: string; value: string }>("SELECT key, value FROM settings WHERE team_id = ? AND key IN ('timeZone', 'ptpGraceDays')", [teamId]);
  const out = { timeZone: DEFAULT_TIME_ZONE, ptpGraceDays: 1 };
  for (const r of rows) {
    const v = JSON.parse(r.value) as unknown;
    if (r.key === 'timeZone' && typeof v === 'string') out.timeZone = v;
    if (r.key === 'ptpGraceDays' && typeof v === 'number') out.ptpGraceDays = v;
  }
  return out;
}

function parseTags(t: string): string[] {
  try {
    const v = JSON.parse(t) as unknown;
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

async function attemptSave(ctx: Ctx, a: MutationArgs<'attempt.save'>): Promise<Reject | null> {
  const { q, w } = ctx;
  const c = await caseFor(ctx, a.caseId, true);
  if (c instanceof Reject) return c;
  let table = ctx.codes.get(Number(c.team_id));
  if (!table) {
    const rows = await q.all<{ body: string }>('SELECT body FROM outcome_codes WHERE team_id = ?', [c.team_id]);
    table = new Map(rows.map((r) => JSON.parse(r.body) as OutcomeCode).map((x) => [x.code, x]));
    ctx.codes.set(Number(c.team_id), table);
  }
  const code = table.get(a.outcomeCode) ?? null;
  const phone = a.phoneId === null ? undefined : await w.phone(q, Number(a.phoneId), Number(c.debtor_id));
  if (await w.attemptExists(q, a.attemptId)) return null; // the same attempt again: applied once
  if (a.promise && (await q.get('SELECT 1 AS x FROM promises WHERE id = ?', [a.promise.id]))) return new Reject('invalidArgs', 'promise.id already used');
  if (a.followUp && (w.followUps.has(a.followUp.id) || (await q.get('SELECT 1 AS x FROM follow_ups WHERE id = ?', [a.followUp.id])))) {
    return new Reject('invalidArgs', 'followUp.id already used');
  }

  // Effects (nothing above wrote). Attempts, follow-ups and the case row go through the batch's
  // write buffer (flushed in bulk before any other kind of mutation and at the end of the batch).
  const at = iso(a.at);
  const nowIso = ctx.now.toISOString();
  const audience = await caseAudience(q, c, ctx.leads);
  w.attempts.push([a.attemptId, a.clientRequestId, c.id, ctx.caller.userId, phone ? phone.id : null, a.channel, a.party, a.outcomeCode, a.note,
    a.callStartedAt === null ? null : iso(a.callStartedAt), a.durationSec, a.claimedPaidDate, JSON.stringify(a.stepsDone), a.scenario, at,
    ctx.deviceId, ctx.mutationId, nowIso]);
  w.attemptIds.add(a.attemptId);
  ctx.fan.add(audience, 'attempt', a.attemptId);

  let status = c.status;
  if (a.promise) {
    const cancelled = await q.all<{ id: string }>("UPDATE promises SET state = 'cancelled', state_changed_at = ? WHERE case_id = ? AND state = 'pending' RETURNING id", [at, c.id]);
    for (const p of cancelled) ctx.fan.add(audience, 'promise', p.id);
    await q.run(
      `INSERT INTO promises (id, case_id, attempt_id, agent_id, amount_fen, due_date, created_date, created_at, state, paid_fen)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'pending', 0)`,
      [a.promise.id, c.id, a.attemptId, ctx.caller.userId, a.promise.amountFen, a.promise.dueDate, a.promise.createdDate, at],
    );
    ctx.fan.add(audience, 'promise', a.promise.id);
  }
  // This contact answers the case's earlier callbacks.
  for (const id of await w.closePendingFollowUps(q, Number(c.id), at)) ctx.fan.add(audience, 'followUp', id);
  if (a.followUp) {
    w.addFollowUp(Number(c.id), [a.followUp.id, c.id, ctx.caller.userId, a.attemptId, iso(a.followUp.dueAt), a.followUp.reason, at]);
    ctx.fan.add(audience, 'followUp', a.followUp.id);
  }

  // The outcome's effects, re-derived from the hub's own code table (a held case stays on hold).
  const tags = parseTags(c.tags);
  if (code) {
    if (code.setsStatus && c.status !== 'hold') status = code.setsStatus;
    if (code.addsTag && !tags.includes(code.addsTag)) tags.push(code.addsTag);
    if (code.locksPhone && phone) {
      const lock = code.isContact ? 'do_not_call' : 'invalid';
      if (phone.status !== 'do_not_call') {
        await q.run('UPDATE phones SET status = ? WHERE id = ?', [lock, phone.id]);
        phone.status = lock;
        ctx.fan.add(audience, 'phone', phone.id);
      }
      if (lock === 'do_not_call' && phone.contact_id !== null) {
        await q.run('UPDATE contacts SET refused_contact = 1 WHERE id = ?', [phone.contact_id]);
        ctx.fan.add(audience, 'contact', phone.contact_id);
      }
    }
  }
  const newer = c.last_attempt_at === null || at >= c.last_attempt_at;
  // The case is locked by this transaction and its cached row is current: absolute values, written in bulk.
  ctx.cases.set(Number(c.id), {
    ...c, status, tags: JSON.stringify(tags), attempt_count: Number(c.attempt_count) + 1,
    refusals: Number(c.refusals) + (code?.addsTag === 'refuses' ? 1 : 0), last_attempt_at: newer ? at : c.last_attempt_at,
    last_outcome_code: newer ? a.outcomeCode : c.last_outcome_code, updated_at: nowIso,
  });
  w.dirtyCases.add(Number(c.id));
  ctx.fan.add(audience, 'case', c.id);
  return null;
}

const ATTEMPT_COLS = ['id', 'client_request_id', 'case_id', 'agent_id', 'phone_id', 'channel', 'party', 'outcome_code', 'note', 'call_started_at', 'duration_sec',
  'claimed_paid_date', 'steps_done', 'scenario', 'at', 'device_id', 'mutation_id', 'received_at'];
const FOLLOW_UP_COLS = ['id', 'case_id', 'agent_id', 'attempt_id', 'due_at', 'reason', 'created_at'];
/** Columns attempt.save writes on a case, with their types (bulk UPDATE ... FROM (VALUES ...) needs typed cells on PostgreSQL). */
const CASE_ATTEMPT_COLS = [['status', 'TEXT'], ['tags', 'TEXT'], ['attempt_count', 'BIGINT'], ['refusals', 'BIGINT'], ['last_attempt_at', 'TEXT'],
  ['last_outcome_code', 'TEXT'], ['updated_at', 'TEXT']] as const;

/**
 * A batch's write buffer for attempt.save, the bulk of all traffic: attempts, follow-ups and the
 * case rows they change are kept in memory (the cases are locked by the transaction) and written
 * with a few multi-row statements. It is flushed before any other mutation runs, so every other
 * code path sees the database as if each attempt had been written at once; reads it needs
 * (attempt ids seen, pending follow-ups, phones) are loaded for the whole batch up front.
 */
class WriteBuffer {
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
  dirtyCases = new Set<number>();

  constructor(private readonly cases: Map<number, CaseDb>) {}

  /** Load what the batch's attempts will ask about, in one statement each. */
  async preload(q: Q, mutations: readonly Mutation[], caseIds: readonly number[]): Promise<void> {
    const attemptIds = new Set<string>();
    const phoneIds = new Set<number>();
    for (const m of mutations) {
      if (m.name !== 'attempt.save') continue;
      const a = m.args as { attemptId?: unknown; phoneId?: unknown } | null;
      if (typeof a?.attemptId === 'string' && a.attemptId.length <= 64) attemptIds.add(a.attemptId);
      if (typeof a?.phoneId === 'string' && HUB_ID.test(a.phoneId)) phoneIds.add(Number(a.phoneId));
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
    for (let i = 0; i < this.fuClosed.length; i += 500) {
      const part = this.fuClosed.slice(i, i + 500);
      await run(
        `UPDATE follow_ups SET state = 'done', closed_at = v.column2 FROM (VALUES ${part.map(() => '(CAST(? AS TEXT), CAST(? AS TEXT))').join(', ')}) AS v
         WHERE follow_ups.id = v.column1 AND follow_ups.state = 'pending'`,
        part.flat(),
      );
    }
    const dirty = [...this.dirtyCases].sort((x, y) => x - y);
    for (let i = 0; i < dirty.length; i += 500) {
      const part = dirty.slice(i, i + 500).map((id) => this.cases.get(id)).filter((c): c is CaseDb => c !== undefined);
      const cell = `(CAST(? AS BIGINT), ${CASE_ATTEMPT_COLS.map(([, t]) => `CAST(? AS ${t})`).join(', ')})`;
      await run(
        `UPDATE cases SET ${CASE_ATTEMPT_COLS.map(([col], k) => `${col} = v.column${k + 2}`).join(', ')}
         FROM (VALUES ${part.map(() => cell).join(', ')}) AS v WHERE cases.id = v.column1`,
        part.flatMap((c) => [c.id, ...CASE_ATTEMPT_COLS.map(([col]) => c[col] as Param)]),
      );
    }
    this.attempts = [];
    this.fuInserts = [];
    this.fuClosed = [];
    this.dirtyCases.clear();
  }
}

/** Multi-row INSERT in chunks; `pendingState` adds a constant state column. */
async function insertMany(run: (sql: string, params: Param[]) => Promise<void>, table: string, cols: readonly string[], rows: readonly Param[][], stateCol?: string): Promise<void> {
  const per = Math.max(1, Math.floor(20_000 / cols.length));
  const extra = stateCol ? `, ${stateCol}` : '';
  const cell = `(${cols.map(() => '?').join(', ')}${stateCol ? ", 'pending'" : ''})`;
  for (let i = 0; i < rows.length; i += per) {
    const part = rows.slice(i, i + per);
    await run(`INSERT INTO ${table} (${cols.join(', ')}${extra}) VALUES ${part.map(() => cell).join(', ')}`, part.flat());
  }
}

/** Re-evaluate a case's promises against its payments (shared/domain/ptp); returns the case's new status and broken count delta. */
async function reevaluate(ctx: Ctx, c: CaseDb, status: string, balance: number, audience: number[]): Promise<{ status: string; broken: number }> {
  const { q } = ctx;
  const promises = await q.all<PromiseDb>('SELECT * FROM promises WHERE case_id = ?', [c.id]);
  if (promises.length === 0) return { status, broken: 0 };
  const payments = await q.all<{ amountFen: number; paidDate: string }>('SELECT amount_fen AS "amountFen", paid_date AS "paidDate" FROM payments WHERE case_id = ?', [c.id]);
  const settings = await teamSettings(q, c.team_id);
  const today = localDateOf(ctx.now, settings.timeZone);
  const nowIso = ctx.now.toISOString();
  let broken = 0;
  let moved = false;
  for (const p of promises) {
    const r = evaluatePromise({ amountFen: Number(p.amount_fen), dueDate: p.due_date, createdDate: p.created_date, state: p.state as PromiseState }, payments.map((x) => ({ amountFen: Number(x.amountFen), paidDate: x.paidDate })), today, settings.ptpGraceDays);
    if (r.state === p.state && r.paidFen === Number(p.paid_fen)) continue;
    if (r.state !== p.state) {
      await q.run('UPDATE promises SET state = ?, paid_fen = ?, state_changed_at = ? WHERE id = ?', [r.state, r.paidFen, nowIso, p.id]);
      moved = true;
      if (r.state === 'broken') broken += 1;
    } else await q.run('UPDATE promises SET paid_fen = ? WHERE id = ?', [r.paidFen, p.id]);
    ctx.fan.add(audience, 'promise', p.id);
  }
  if (moved && status === 'ptp') {
    const pending = await q.get<{ n: number }>("SELECT count(*) AS n FROM promises WHERE case_id = ? AND state = 'pending'", [c.id]);
    if (Number(pending?.n ?? 0) === 0) status = balance === 0 ? 'paid' : 'open';
  }
  return { status, broken };
}

async function paymentRecord(ctx: Ctx, p: MutationArgs<'payment.record'>): Promise<Reject | null> {
  const { q } = ctx;
  const c = await caseFor(ctx, p.caseId, true);
  if (c instanceof Reject) return c;
  if (await q.get('SELECT 1 AS x FROM payments WHERE id = ?', [p.paymentId])) return null;
  const nowIso = ctx.now.toISOString();
  const audience = await caseAudience(q, c, ctx.leads);
  await q.run("INSERT INTO payments (id, case_id, amount_fen, paid_date, source, agent_id, created_at) VALUES (?, ?, ?, ?, 'agent', ?, ?)", [p.paymentId, c.id, p.amountFen, p.paidDate, ctx.caller.userId, iso(p.at)]);
  ctx.fan.add(audience, 'payment', p.paymentId);
  const balance = Math.max(0, Number(c.balance_fen) - p.amountFen);
  const newer = c.last_payment_date === null || p.paidDate >= c.last_payment_date;
  let status = balance === 0 && c.status !== 'hold' ? 'paid' : c.status;
  const r = await reevaluate(ctx, c, status, balance, audience);
  status = r.status;
  await caseUpdate(ctx, c.id,
    `UPDATE cases SET balance_fen = ?, overdue_fen = ?, min_due_fen = ?, last_payment_date = ?, last_payment_fen = ?, status = ?,
       broken_promises = broken_promises + ?, updated_at = ? WHERE id = ? RETURNING *`,
    [balance, Math.max(0, Number(c.overdue_fen) - p.amountFen), Math.max(0, Number(c.min_due_fen) - p.amountFen),
      newer ? p.paidDate : c.last_payment_date, newer ? p.amountFen : c.last_payment_fen, status, r.broken, nowIso, c.id],
  );
  ctx.fan.add(audience, 'case', c.id);
  return null;
}

async function promiseTransition(ctx: Ctx, t: MutationArgs<'promise.transition'>): Promise<Reject | null> {
  const { q } = ctx;
  const c = await caseFor(ctx, t.caseId, true);
  if (c instanceof Reject) return c;
  const p = await q.get<PromiseDb>(`SELECT * FROM promises WHERE id = ? AND case_id = ?${q.forUpdate}`, [t.promiseId, c.id]);
  const base = { promiseId: t.promiseId, from: t.from, to: t.to, paidFen: t.paidFen, at: t.at, deviceId: ctx.deviceId, mutationId: ctx.mutationId, agentId: String(ctx.caller.userId) };
  if (!p) return new Reject('invalidTransition', 'promise not found', { teamId: c.team_id, caseId: c.id, kind: 'promise.transition', detail: { ...base, hubState: null } });
  if (p.state === t.to) return null; // the hub already derived the same state (e.g. from the payment)
  if (p.state !== t.from || !canTransition(t.from, t.to)) {
    return new Reject('invalidTransition', `promise is ${p.state} on the hub`, { teamId: c.team_id, caseId: c.id, kind: 'promise.transition', detail: { ...base, hubState: p.state } });
  }
  const audience = await caseAudience(q, c, ctx.leads);
  const nowIso = ctx.now.toISOString();
  await q.run('UPDATE promises SET state = ?, paid_fen = ?, state_changed_at = ? WHERE id = ?', [t.to, t.paidFen, iso(t.at), p.id]);
  ctx.fan.add(audience, 'promise', p.id);
  let status = c.status;
  if (status === 'ptp') {
    const pending = await q.get<{ n: number }>("SELECT count(*) AS n FROM promises WHERE case_id = ? AND state = 'pending'", [c.id]);
    if (Number(pending?.n ?? 0) === 0) status = Number(c.balance_fen) === 0 ? 'paid' : 'open';
  }
  await caseUpdate(ctx, c.id, 'UPDATE cases SET status = ?, broken_promises = broken_promises + ?, updated_at = ? WHERE id = ? RETURNING *', [status, t.to === 'broken' ? 1 : 0, nowIso, c.id]);
  ctx.fan.add(audience, 'case', c.id);
  return null;
}

async function setPreferredPhone(ctx: Ctx, a: MutationArgs<'case.setPreferredPhone'>): Promise<Reject | null> {
  const { q } = ctx;
  const c = await caseFor(ctx, a.caseId, false);
  if (c instanceof Reject) return c;
  if (a.phoneId !== null && !(await q.get('SELECT 1 AS x FROM phones WHERE id = ? AND debtor_id = ?', [Number(a.phoneId), c.debtor_id]))) {
    return new Reject('invalidArgs', 'phoneId is not a phone of this case');
  }
  await caseUpdate(ctx, c.id, 'UPDATE cases SET preferred_phone_id = ?, updated_at = ? WHERE id = ? RETURNING *', [a.phoneId === null ? null : Number(a.phoneId), ctx.now.toISOString(), c.id]);
  ctx.fan.add(await caseAudience(q, c, ctx.leads), 'case', c.id);
  return null;
}

async function caseAssign(ctx: Ctx, a: MutationArgs<'case.assign'>): Promise<Reject | null> {
  const { q, caller } = ctx;
  if (caller.role === 'agent') return new Reject('forbidden', 'case.assign is for leads');
  const ids = [...new Set(a.caseIds.map(Number))].sort((x, y) => x - y);
  const cases: CaseDb[] = [];
  for (const id of ids) {
    const c = ctx.cases.get(id) ?? (await q.get<CaseDb>(`SELECT * FROM cases WHERE id = ?${q.forUpdate}`, [id]));
    if (!c) return new Reject('caseNotFound', String(id));
    if (Number(c.team_id) !== caller.teamId) return new Reject('outOfScope', String(id));
    cases.push(c);
  }
  const to = a.agentId === null ? null : Number(a.agentId);
  if (to !== null) {
    const u = await q.get<{ team_id: number | null; disabled: number }>('SELECT team_id, disabled FROM users WHERE id = ?', [to]);
    if (!u || u.team_id === null || Number(u.team_id) !== caller.teamId || u.disabled) return new Reject('invalidArgs', 'agentId is not an active member of the team');
  }
  await reassign(q, ctx.fan, cases, to, ctx.now, ctx.leads);
  for (const id of ids) ctx.cases.delete(id); // reassign wrote them; re-read (still locked) when next needed
  return null;
}

/** Move cases to `to` (null = unassigned): the old owner gets a del, the new one the whole bundle, leads the case. */
export async function reassign(q: Q, fan: Fanout, cases: readonly CaseDb[], to: number | null, now: Date, leads: Map<number, number[]>): Promise<void> {
  const nowIso = now.toISOString();
  const gained: number[] = [];
  for (const c of cases) {
    const from = c.assigned_agent_id === null ? null : Number(c.assigned_agent_id);
    if (from === to) continue;
    await q.run('UPDATE cases SET assigned_agent_id = ?, updated_at = ? WHERE id = ?', [to, nowIso, c.id]);
    if (from !== null) {
      await q.run('UPDATE case_holders SET released_at = ? WHERE case_id = ? AND user_id = ?', [nowIso, c.id, from]);
      fan.add([from], 'case', c.id, 'del');
    }
    if (to !== null) {
      await q.run(
        'INSERT INTO case_holders (case_id, user_id, since) VALUES (?, ?, ?) ON CONFLICT (case_id, user_id) DO UPDATE SET since = excluded.since, released_at = NULL',
        [c.id, to, nowIso],
      );
      gained.push(Number(c.id));
    }
    fan.add(await caseAudience(q, { team_id: c.team_id, assigned_agent_id: null }, leads), 'case', c.id);
  }
  if (to !== null) for (const [entity, id] of await bundleKeys(q, gained)) fan.add([to], entity, id);
}
