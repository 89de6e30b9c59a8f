import type { RevealEntry } from '../../../shared/contract';
import type { Ctx } from '../context';

const FIELDS = new Set<RevealEntry['field']>(['idNumber', 'account', 'phone']);

/** The agent's own reveals, newest first, read from the audit log (the record of truth). */
export function myReveals(ctx: Ctx, agentId: number, limit: number): RevealEntry[] {
  const rows = ctx
    .prep<{ at: string; case_id: string | null; field: string | null; name: string | null }>(
      `SELECT a.at, json_extract(a.detail, '$.caseId') AS case_id, json_extract(a.detail, '$.field') AS field, d.name
         FROM audit_log a
         LEFT JOIN cases c ON c.id = CAST(json_extract(a.detail, '$.caseId') AS INTEGER)
         LEFT JOIN debtors d ON d.id = c.debtor_id
        WHERE a.action = 'case.reveal' AND a.agent_id = ?
        ORDER BY a.seq DESC LIMIT ?`,
    )
    .all(agentId, limit);
  const out: RevealEntry[] = [];
  for (const r of rows) {
    if (r.case_id === null || !FIELDS.has(r.field as RevealEntry['field'])) continue;
    out.push({ at: r.at, caseId: String(r.case_id), field: r.field as RevealEntry['field'], debtorName: r.name });
  }
  return out;
}
