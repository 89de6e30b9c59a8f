/**
 * Applying pushed mutations. Per device, ids are applied exactly once: the device row is locked,
 * each mutation's effects and the device's last id commit together. Business checks happen
 * before any write of a mutation, so a rejection leaves nothing but its rejection row. Each
 * mutation has its applier in hub/mutations/ (registry.ts maps the names to them).
 */
import type { OutcomeCode } from '../shared/contract';
import { argsOutOfBounds, type Mutation } from '../shared/sync';
import { HubFailure } from './errors';
import { Fanout, selectIn } from './feed';
import { namedCases, teamRefs } from './mutations/batch';
import { CASE_CORE_COLUMNS, type CaseCore } from './mutations/case-lookup';
import { Reject, recordConflict, type Caller, type MutationCtx } from './mutations/context';
import { applyParsed, parseMutation, type ParsedMutation } from './mutations/registry';
import type { TeamRules } from './mutations/team-rules';
import { WriteBuffer } from './mutations/write-buffer';
import type { CaseDb } from './rows';
import type { Q } from './store/types';

export type { Caller } from './mutations/context';
export { reassign } from './mutations/reassign';

export interface PushOutcome {
  lastMutationId: number;
  rejected: { mutationId: number; reason: string }[];
  /** Set when a mutation id was skipped: the id the hub expects next. */
  gapExpected: number | null;
  applied: number;
}

/** Lock and check the device, then apply `mutations` in order. Runs inside one write transaction. */
export async function applyMutations(q: Q, caller: Caller, deviceId: string, mutations: readonly Mutation[], now: Date, skewMs = 0): Promise<PushOutcome> {
  const nowIso = now.toISOString();
  const start = await lockDevice(q, caller, deviceId, nowIso);
  let last = start;
  const fan = new Fanout();
  const leads = new Map<number, number[]>();
  const codes = new Map<number, Map<string, OutcomeCode>>();
  const rules = new Map<number, TeamRules>();
  const cases = new Map<number, CaseDb>();
  // Each new mutation is checked once, up front; the batch's reads below use the validated args.
  const todo = mutations.filter((m) => m.id > start).map((m) => ({ m, parsed: parseMutation(m, now) }));
  const valid = todo.flatMap(({ parsed }): ParsedMutation[] => (parsed instanceof Reject ? [] : [parsed]));
  // Lock every case the batch names at once, in id order (one round trip, and no lock-order deadlocks between batches).
  const named = namedCases(valid);
  const w = new WriteBuffer(cases);
  if (valid.every((p) => p.name === 'attempt.save')) {
    // The usual push, attempts only: the columns they use (whole rows are twice the work to read).
    for (const c of await selectIn<CaseCore>(q, `SELECT ${CASE_CORE_COLUMNS} FROM cases WHERE id IN`, named, `ORDER BY id${q.forUpdate}`)) w.cores.set(Number(c.id), c);
  } else {
    for (const c of await selectIn<CaseDb>(q, 'SELECT * FROM cases WHERE id IN', named, `ORDER BY id${q.forUpdate}`)) cases.set(Number(c.id), c);
  }
  await w.preload(q, valid.flatMap((p) => (p.name === 'attempt.save' ? [p.args] : [])), named);
  await teamRefs(q, [...new Set([...cases.values(), ...w.cores.values()].map((c) => Number(c.team_id)))], { leads, codes, rules });
  const out: PushOutcome = { lastMutationId: last, rejected: [], gapExpected: null, applied: 0 };
  for (const { m, parsed } of todo) {
    if (m.id <= last) continue; // already processed (a repeat within the batch)
    if (m.id > last + 1) {
      out.gapExpected = last + 1;
      break;
    }
    if (m.name !== 'attempt.save') {
      await w.flush(q); // other mutations read and write the database directly
      if (!(parsed instanceof Reject)) w.forgetCores();
    }
    const ctx: MutationCtx = { q, caller, deviceId, mutationId: m.id, now, skewMs, fan, leads, codes, rules, cases, w };
    const r = parsed instanceof Reject ? parsed : await applyParsed(ctx, parsed);
    if (r) {
      if (r.conflict) await recordConflict(ctx, r.conflict);
      await insertRejection(q, caller, deviceId, m, r, nowIso, fan);
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

/** Register and lock the device in one statement (DO UPDATE locks the row and returns its latest committed state); its last id. */
async function lockDevice(q: Q, caller: Caller, deviceId: string, nowIso: string): Promise<number> {
  const dev = await q.get<{ user_id: number; last_mutation_id: number }>(
    `INSERT INTO devices (device_id, user_id, last_mutation_id, created_at) VALUES (?, ?, 0, ?)
     ON CONFLICT (device_id) DO UPDATE SET device_id = excluded.device_id RETURNING user_id, last_mutation_id`,
    [deviceId, caller.userId, nowIso],
  );
  if (!dev || Number(dev.user_id) !== caller.userId) throw new HubFailure('FORBIDDEN', 'This device is registered to another user.');
  return Number(dev.last_mutation_id);
}

/** The rejection row (synced back to the caller). Args beyond the shared bounds are not kept: only that they were refused. */
async function insertRejection(q: Q, caller: Caller, deviceId: string, m: Mutation, r: Reject, nowIso: string, fan: Fanout): Promise<void> {
  const args = argsOutOfBounds(m.args) === null ? JSON.stringify(m.args ?? null) : 'null';
  const rej = await q.get<{ id: number }>(
    `INSERT INTO rejections (user_id, device_id, mutation_id, name, args, reason, detail, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (device_id, mutation_id) DO NOTHING RETURNING id`,
    [caller.userId, deviceId, m.id, m.name, args, r.reason, r.detail, nowIso],
  );
  if (rej) fan.add([caller.userId], 'rejection', Number(rej.id));
}

/**
 * Record mutation `m` as rejected with reason hubError, in its own transaction: applying it
 * failed unexpectedly (twice: in its batch and alone). The device's last id advances with the
 * rejection row, so the mutations behind it go on and it is never applied later (exactly once).
 * A repeat (already processed) or a gap changes nothing.
 */
export async function rejectFailed(q: Q, caller: Caller, deviceId: string, m: Mutation, detail: string, now: Date): Promise<PushOutcome> {
  const nowIso = now.toISOString();
  const start = await lockDevice(q, caller, deviceId, nowIso);
  const out: PushOutcome = { lastMutationId: start, rejected: [], gapExpected: null, applied: 0 };
  if (m.id <= start) return out;
  if (m.id > start + 1) return { ...out, gapExpected: start + 1 };
  const fan = new Fanout();
  await insertRejection(q, caller, deviceId, m, new Reject('hubError', detail), nowIso, fan);
  await q.atCommit('UPDATE devices SET last_mutation_id = ?, last_push_at = ? WHERE device_id = ?', [m.id, nowIso, deviceId]);
  await fan.flush(q);
  return { ...out, lastMutationId: m.id, rejected: [{ mutationId: m.id, reason: 'hubError' }] };
}
