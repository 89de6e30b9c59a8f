/**
 * Applying pushed mutations. Per device, ids are applied exactly once: the device row is locked,
 * each mutation's effects and the device's last id commit together. Business checks happen
 * before any write of a mutation, so a rejection leaves nothing but its rejection row. Each
 * mutation has its applier in hub/mutations/ (registry.ts maps the names to them).
 */
import type { OutcomeCode } from '../shared/contract';
import type { Mutation } from '../shared/sync';
import { HubFailure } from './errors';
import { Fanout, selectIn } from './feed';
import { namedCases, teamRefs } from './mutations/batch';
import { Reject, leadsOf, type Caller, type MutationCtx } from './mutations/context';
import { applyParsed, parseMutation, type ParsedMutation } from './mutations/registry';
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
  // Each new mutation is checked once, up front; the batch's reads below use the validated args.
  const todo = mutations.filter((m) => m.id > start).map((m) => ({ m, parsed: parseMutation(m, now) }));
  const valid = todo.flatMap(({ parsed }): ParsedMutation[] => (parsed instanceof Reject ? [] : [parsed]));
  // Lock every case the batch names at once, in id order (one round trip, and no lock-order deadlocks between batches).
  const named = namedCases(valid);
  for (const c of await selectIn<CaseDb>(q, 'SELECT * FROM cases WHERE id IN', named, `ORDER BY id${q.forUpdate}`)) cases.set(Number(c.id), c);
  const w = new WriteBuffer(cases);
  await w.preload(q, valid.flatMap((p) => (p.name === 'attempt.save' ? [p.args] : [])), named);
  await teamRefs(q, [...new Set([...cases.values()].map((c) => Number(c.team_id)))], leads, codes);
  const out: PushOutcome = { lastMutationId: last, rejected: [], gapExpected: null, applied: 0 };
  for (const { m, parsed } of todo) {
    if (m.id <= last) continue; // already processed (a repeat within the batch)
    if (m.id > last + 1) {
      out.gapExpected = last + 1;
      break;
    }
    if (m.name !== 'attempt.save') await w.flush(q); // other mutations read and write the database directly
    const ctx: MutationCtx = { q, caller, deviceId, mutationId: m.id, now, fan, leads, codes, cases, w };
    const r = parsed instanceof Reject ? parsed : await applyParsed(ctx, parsed);
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

