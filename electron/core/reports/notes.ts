/** What people write into plans and summaries (table report_notes, migration 008). */
import { z } from 'zod';
import type { ReportScope } from '../../../shared/reports/model';
import type { ReadCtx } from './records';

export const scopeKey = (scope: ReportScope): string => (scope.kind === 'team' ? 'team' : `agent:${scope.agentId}`);

const Lines = z.array(z.string()).catch([]);

export function readNote(ctx: ReadCtx, scope: ReportScope, from: string, to: string): { reflection: string; commitments: string[] } {
  const r = ctx.prep<{ reflection: string; commitments: string }>('SELECT reflection, commitments FROM report_notes WHERE scope = ? AND from_date = ? AND to_date = ?').get(scopeKey(scope), from, to);
  if (!r) return { reflection: '', commitments: [] };
  let parsed: unknown;
  try {
    parsed = JSON.parse(r.commitments);
  } catch {
    parsed = [];
  }
  return { reflection: r.reflection, commitments: Lines.parse(parsed) };
}

/** Upsert one part of a period's note, leaving the other part as it was. */
export function writeNote(
  ctx: ReadCtx, scope: ReportScope, from: string, to: string,
  patch: { reflection?: string; commitments?: string[] }, now: string, by: number | null,
): void {
  const key = scopeKey(scope);
  ctx.prep(`INSERT INTO report_notes (scope, from_date, to_date, reflection, commitments, updated_at, updated_by)
            VALUES (@key, @from, @to, @reflection, @commitments, @now, @by)
            ON CONFLICT (scope, from_date, to_date) DO UPDATE SET
              reflection = CASE WHEN @setReflection THEN excluded.reflection ELSE reflection END,
              commitments = CASE WHEN @setCommitments THEN excluded.commitments ELSE commitments END,
              updated_at = excluded.updated_at, updated_by = excluded.updated_by`)
    .run({
      key, from, to, reflection: patch.reflection ?? '', commitments: JSON.stringify(patch.commitments ?? []), now, by,
      setReflection: patch.reflection !== undefined ? 1 : 0, setCommitments: patch.commitments !== undefined ? 1 : 0,
    });
}
