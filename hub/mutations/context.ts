/** What every mutation applier works with: the batch's transaction, caches and fan-out. */
import type { OutcomeCode } from '../../shared/contract';
import type { ConflictKind } from '../../shared/domain/late-work';
import type { MutationArgs, MutationName, RejectionReason } from '../../shared/sync';
import { caseAudience, type Fanout } from '../feed';
import type { CaseDb } from '../rows';
import type { Param, Q } from '../store/types';
import type { TeamRules } from './team-rules';
import type { WriteBuffer } from './write-buffer';

export interface Caller {
  userId: number;
  role: 'agent' | 'lead' | 'admin';
  teamId: number | null;
}

/** What a lead is asked to review (hub `conflicts`); `detail` is stored as JSON. */
export interface ConflictNote {
  teamId: number;
  caseId: number | null;
  kind: ConflictKind;
  detail: unknown;
}

/** A permanent business rejection of one mutation (recorded, synced back; the batch goes on). */
export class Reject {
  constructor(readonly reason: RejectionReason, readonly detail: string | null = null, readonly conflict?: ConflictNote) {}
}

export interface MutationCtx {
  q: Q;
  caller: Caller;
  deviceId: string;
  mutationId: number;
  now: Date;
  /** The hub's clock minus the desk's, measured at this push (0 when the desk did not say, or within a minute or two). */
  skewMs: number;
  fan: Fanout;
  leads: Map<number, number[]>;
  /** Outcome codes by team, read once a batch (the batch is one transaction). */
  codes: Map<number, Map<string, OutcomeCode>>;
  /** Team rules (settings) by team, read once a batch. */
  rules: Map<number, TeamRules>;
  /** Case rows this transaction has locked, kept current: every write to a case refreshes or drops its entry. */
  cases: Map<number, CaseDb>;
  w: WriteBuffer;
}

/** Applies one validated mutation; business checks come before any write, so a rejection wrote nothing. */
export type Applier<N extends MutationName> = (ctx: MutationCtx, args: MutationArgs<N>) => Promise<Reject | null>;

export const iso = (s: string): string => new Date(s).toISOString();

/** A write to a locked case that returns the new row: the batch's cache stays current. */
export async function caseUpdate(ctx: MutationCtx, id: number, sql: string, params: Param[]): Promise<void> {
  const row = await ctx.q.get<CaseDb>(sql, params);
  if (row) ctx.cases.set(Number(id), row);
  else ctx.cases.delete(Number(id));
}

export async function leadsOf(ctx: MutationCtx, teamId: number): Promise<number[]> {
  return caseAudience(ctx.q, { team_id: teamId, assigned_agent_id: null }, ctx.leads);
}


/** File a conflict for the team's leads (they receive it through their feed). */
export async function recordConflict(ctx: MutationCtx, c: ConflictNote): Promise<void> {
  const row = await ctx.q.get<{ id: number }>(
    'INSERT INTO conflicts (team_id, case_id, kind, detail, created_at) VALUES (?, ?, ?, ?, ?) RETURNING id',
    [c.teamId, c.caseId, c.kind, JSON.stringify(c.detail), ctx.now.toISOString()],
  );
  if (row) ctx.fan.add(await leadsOf(ctx, c.teamId), 'conflict', Number(row.id));
}
