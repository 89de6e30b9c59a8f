/**
 * The convergence test's checks after a story: every desk done, the hub equal to the oracle's
 * model (oracle.ts), every desk equal to the hub. Apart from the story and its runner
 * (convergence.property.test.ts) so that each file reads on its own.
 */
import { expect } from 'vitest';
import type { CoreDesk } from '../../../../electron/core/desk';
import type { Result } from '../../../../shared/contract';
import type { ChaosNet } from '../../../fixtures/chaos-net';
import type { HubWorld } from '../../../fixtures/hub-world';
import type { Expected, Hostile } from './oracle';

export const USERS = ['lead1', 'agenta', 'agentb'] as const;

export interface Player {
  username: (typeof USERS)[number];
  userId: number;
  dir: string;
  desk: CoreDesk;
  net: ChaosNet;
  /** Desks "killed" in this run (closed at the end only). */
  corpses: CoreDesk[];
}

export interface Ledger {
  attempts: Map<string, { caseId: number; note: string; outcome: string }>;
  promises: Map<string, { caseId: number; amountFen: number }>;
  payments: Map<string, { caseId: number; amountFen: number }>;
  followUps: Map<string, { caseId: number }>;
  /** The last assignment the lead's desk accepted, per case (the lead is the only assigner). */
  assigned: Map<number, number | null>;
  /** Attempts written straight into an outbox by a hostile act (the hub may keep one from a former holder as history). */
  crafted: Map<string, { caseId: number; note: string; outcome: string }>;
  /** Hostile mutations: 'deviceId#mutationId' -> what the hub must answer the holder. */
  hostile: Map<string, Hostile>;
}

export async function ok<T>(p: Promise<Result<unknown>>): Promise<T> {
  const r = await p;
  if (!r.ok) throw new Error(`expected ok, got ${JSON.stringify(r.error)}`);
  return r.value as T;
}

// ---------- convergence and exactly-once ----------

const CASE_COLS = 'id, status, balance_fen, assigned_agent_id, preferred_phone_id, broken_promises, refusals, attempt_count, last_attempt_at, last_outcome_code, last_payment_date, last_payment_fen';
type Rows = Record<string, unknown>[];
const norm = (rows: Rows): Rows => rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'bigint' || (typeof v === 'string' && /_(fen|id|count|promises|refusals)$/.test(k) && /^\d+$/.test(v)) ? Number(v) : v])));

export async function hubRows(world: HubWorld, sql: string): Promise<Rows> {
  return norm(await world.hub.store.read((q) => q.all<Record<string, unknown>>(sql)));
}
const deskRows = (desk: CoreDesk, sql: string): Rows => norm(desk.ctx.db.prepare(sql).all() as Rows);

const byId = <V,>(m: Map<string, V>): [string, V][] => [...m].sort(([x], [y]) => (x < y ? -1 : 1));
const json = (t: unknown): Record<string, unknown> => (typeof t === 'string' ? (JSON.parse(t) as Record<string, unknown>) : {});

export async function check(world: HubWorld, players: Player[], ledger: Ledger, ex: Expected, caseIds: number[]): Promise<void> {
  const inCases = (ids: number[]) => (ids.length ? ids.join(', ') : 'NULL');
  // every desk is done: nothing pending, no error
  for (const pl of players) {
    const st = await ok<{ pending: number; lastError: string | null; online: boolean }>(pl.desk.invoke('sync.status', {}));
    expect({ who: pl.username, pending: st.pending, lastError: st.lastError }).toEqual({ who: pl.username, pending: 0, lastError: null });
  }
  // the hub's own rows fit the model everywhere it allows two outcomes
  expect(ex.errors, 'the hub against the model').toEqual([]);

  // exactly once on the hub: every saved record, with its content, and nothing else (history-only
  // late attempts included; a former holder's promise, payment or follow-up is not among them)
  const attempts = await hubRows(world, 'SELECT id, case_id, note, outcome_code FROM attempts ORDER BY id');
  const written = new Map([...ledger.attempts, ...ledger.crafted]);
  expect(attempts).toEqual(byId(ex.attempts).map(([id]) => ({ id, case_id: written.get(id)?.caseId, note: written.get(id)?.note, outcome_code: written.get(id)?.outcome })));
  // nothing a desk saved is lost: on the hub (applied or late), or refused for good (a rejection row)
  expect([...ledger.attempts.keys()].filter((id) => !ex.attempts.has(id) && !ex.refused.has(id)), 'saved attempts neither on the hub nor refused').toEqual([]);
  expect([...ledger.payments.keys()].filter((id) => !ex.payments.has(id) && !ex.refused.has(id)), 'saved payments neither on the hub nor refused').toEqual([]);
  const promises = await hubRows(world, 'SELECT id, case_id, amount_fen, state FROM promises ORDER BY id');
  expect(promises, 'promises on the hub and their states').toEqual(byId(ex.promises).map(([id, state]) => ({ id, case_id: ledger.promises.get(id)?.caseId, amount_fen: ledger.promises.get(id)?.amountFen, state })));
  // (the states equal the model's, so no promise was cancelled but by a newer promise its case's holder or lead made)
  for (const x of promises.filter((y) => y.state === 'cancelled')) expect(promises.some((y) => y.case_id === x.case_id && y.id !== x.id), `promise ${String(x.id)} cancelled by a newer one`).toBe(true);
  const payments = await hubRows(world, 'SELECT id, case_id, amount_fen FROM payments ORDER BY id');
  expect(payments, 'payments on the hub').toEqual([...ex.payments].sort().map((id) => ({ id, case_id: ledger.payments.get(id)?.caseId, amount_fen: ledger.payments.get(id)?.amountFen })));
  const followUps = await hubRows(world, 'SELECT id, case_id FROM follow_ups ORDER BY id');
  expect(followUps, 'follow-ups on the hub').toEqual([...ex.followUps].sort().map((id) => ({ id, case_id: ledger.followUps.get(id)?.caseId })));

  // late work is history only: each promise a desk saved is on the hub once or in one latePromise conflict; each payment likewise
  const conflicts = (await hubRows(world, 'SELECT kind, detail FROM conflicts ORDER BY id')).map((c) => ({ kind: String(c.kind), detail: json(c.detail) }));
  const promiseOf = (d: Record<string, unknown>): unknown => (d.promise as { id?: unknown } | undefined)?.id ?? d.promiseId;
  for (const id of ledger.promises.keys()) {
    const late = conflicts.filter((c) => c.kind === 'latePromise' && promiseOf(c.detail) === id);
    expect({ promise: id, onHub: promises.filter((x) => x.id === id).length, lateConflicts: late.map((c) => c.detail.attemptId) }, 'a saved promise: applied or late')
      .toEqual({ promise: id, onHub: ex.promises.has(id) ? 1 : 0, lateConflicts: ex.latePromises.has(id) ? [ex.latePromises.get(id)] : [] });
  }
  for (const id of ledger.payments.keys()) {
    const late = conflicts.filter((c) => c.kind === 'latePayment' && c.detail.paymentId === id).length;
    expect({ payment: id, onHub: payments.filter((x) => x.id === id).length, lateConflicts: late }, 'a saved payment: applied or late')
      .toEqual({ payment: id, onHub: ex.payments.has(id) ? 1 : 0, lateConflicts: ex.latePayments.has(id) ? 1 : 0 });
  }
  const kinds = (k: string) => conflicts.filter((c) => c.kind === k).length;
  // contactViolation: the hub's re-check of contact rules (quiet hours, daily caps) flags calls the
  // stories make at random times; it never changes what syncs, and tests/integration/hub/contact-rules.test.ts
  // checks which calls it flags. Every other kind must be predicted.
  const judged = ['latePromise', 'latePayment', 'lateTransition', 'promise.transition', 'contactViolation'];
  expect({ lateTransition: kinds('lateTransition'), 'promise.transition': kinds('promise.transition'), other: conflicts.filter((c) => !judged.includes(c.kind)).map((c) => c.kind) }, 'conflicts')
    .toEqual({ lateTransition: ex.lateTransitions, 'promise.transition': ex.invalidTransitions, other: [] });

  // the rejections are exactly the hostile, late and out-of-scope ones the model predicts, each synced back to its desk
  const rejections = await hubRows(world, 'SELECT user_id, device_id, mutation_id, reason, detail FROM rejections ORDER BY device_id, mutation_id');
  const key = (r: Record<string, unknown>) => `${String(r.device_id)}#${String(r.mutation_id)}`;
  expect(rejections.map((r) => `${key(r)} ${String(r.reason)}${ex.rejections.get(key(r))?.includes(' ') ? ` ${String(r.detail)}` : ''}`).sort(), 'rejections on the hub')
    .toEqual(byId(ex.rejections).map(([k, v]) => `${k} ${v}`).sort());
  for (const pl of players) {
    expect(deskRows(pl.desk, 'SELECT device_id, mutation_id, reason FROM sync_rejections ORDER BY device_id, mutation_id'), `rejections on ${pl.username}'s desk`)
      .toEqual(rejections.filter((r) => r.user_id === pl.userId).map((r) => ({ device_id: r.device_id, mutation_id: r.mutation_id, reason: r.reason })));
  }

  // the hub's counters agree with its records; balances with its own payments
  const hubCases = await hubRows(world, `SELECT ${CASE_COLS} FROM cases ORDER BY id`);
  for (const c of hubCases) {
    const id = Number(c.id);
    expect(c.attempt_count, `attempt_count of case ${id}`).toBe(attempts.filter((x) => x.case_id === c.id).length);
    const paid = payments.filter((x) => x.case_id === c.id).reduce((sum, x) => sum + Number(x.amount_fen), 0);
    expect({ case: id, balance: c.balance_fen, status: c.status, broken: c.broken_promises }, `balance, status and broken promises of case ${id}`).toEqual({ case: id, ...ex.cases.get(id) });
    expect(c.balance_fen, `balance of case ${id} after its payments`).toBe(1_000_000 - paid);
  }
  // the lead's assignments, in the lead's order, are what the hub holds
  for (const [caseId, agent] of ledger.assigned) expect(hubCases.find((c) => c.id === caseId)?.assigned_agent_id ?? null, `assignment of case ${caseId}`).toBe(agent);

  // convergence: the lead's desk mirrors the team; each agent's desk holds exactly their cases, identical to the hub
  for (const pl of players) {
    const mine = pl.username === 'lead1' ? caseIds : hubCases.filter((c) => c.assigned_agent_id === pl.userId).map((c) => Number(c.id));
    const where = `case_id IN (${inCases(mine)})`;
    const label = (what: string) => `${what} on ${pl.username}'s desk`;
    expect(deskRows(pl.desk, `SELECT ${CASE_COLS} FROM cases ORDER BY id`), label('cases')).toEqual(hubCases.filter((c) => mine.includes(Number(c.id))));
    for (const [what, cols] of [['attempts', 'id, case_id, note, outcome_code'], ['promises', 'id, case_id, amount_fen, state, paid_fen'], ['payments', 'id, case_id, amount_fen'], ['follow_ups', 'id, case_id, state']] as const) {
      expect(deskRows(pl.desk, `SELECT ${cols} FROM ${what} WHERE ${where} ORDER BY id`), label(what)).toEqual(await hubRows(world, `SELECT ${cols} FROM ${what} WHERE ${where} ORDER BY id`));
    }
  }
}
