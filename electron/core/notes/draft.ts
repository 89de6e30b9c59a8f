import type { NoteDraft, RouteOutput } from '../../../shared/contract';
import type { Ctx } from '../context';
import { loadCaseFor } from '../cases/case-get';
import { leftCase, saveLeftDraft } from './left-case';

/** Autosave of the note pane: one row per case and agent, overwritten; local only (not synced). */
export function saveDraft(ctx: Ctx, caseId: string, draft: NoteDraft): RouteOutput<'draft.save'> {
  const left = leftCase(ctx, caseId);
  if (left) return saveLeftDraft(ctx, left, draft); // the case moved away: the note stays with it
  const c = loadCaseFor(ctx, caseId);
  const savedAt = ctx.clock().toISOString();
  ctx
    .prep(
      `INSERT INTO drafts (case_id, agent_id, body, saved_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (case_id, agent_id) DO UPDATE SET body = excluded.body, saved_at = excluded.saved_at`,
    )
    .run(c.id, ctx.session.agentId, JSON.stringify(draft), savedAt);
  return { savedAt };
}

/** The cases the agent has a draft on, newest first (at most 1,000: the queue marks them). */
export function draftCases(ctx: Ctx, agentId: number): RouteOutput<'draft.cases'> {
  const rows = ctx
    .prep<{ case_id: number }>(
      `SELECT d.case_id FROM drafts d JOIN cases c ON c.id = d.case_id
       WHERE d.agent_id = ? AND c.assigned_agent_id = ? ORDER BY d.saved_at DESC LIMIT 1000`,
    )
    .all(agentId, agentId);
  return { caseIds: rows.map((r) => String(r.case_id)) };
}
