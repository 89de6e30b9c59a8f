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

/** An instant as UTC `YYYY-MM-DDTHH:mm:ss.sssZ`. */
export const iso = (s: string): string => (isCanonicalInstant(s) ? s : new Date(s).toISOString());

/** Already in toISOString's own form (what desks send): a 500-attempt push parses and formats 500 dates less. */
const CANONICAL_INSTANT = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:[0-5]\d\.\d{3}Z$/;
function isCanonicalInstant(s: string): boolean {
  if (!CANONICAL_INSTANT.test(s)) return false;
  // A day the month does not have is rolled over by Date (02-30 is 03-01): not canonical.
  const year = Number(s.slice(0, 4));
  const month = Number(s.slice(5, 7));
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days = month === 2 ? (leap ? 29 : 28) : month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
  return Number(s.slice(8, 10)) <= days;
}

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
