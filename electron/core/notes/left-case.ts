/**
 * A case that left this desk while the agent had it open (reassigned away, #16): the desk keeps
 * the debtor's name, who holds it now and the agent's note (left_cases, filled by the pull's
 * case del). The note can still be saved: the call happened, and the hub takes a former holder's
 * 催记 as history (its promise becomes a conflict a lead decides; shared/domain/late-work.ts).
 */
import { checkChannel, cleanVisitAddress } from '../../../shared/domain/channel-rules';
import type { MovedCase, NoteDraft, RouteOutput } from '../../../shared/contract';
import { NoteDraft as NoteDraftSchema } from '../../../shared/contract';
import { checkOutcome } from '../../../shared/domain/outcome-rules';
import { appendAudit } from '../audit/audit';
import type { Ctx } from '../context';
import { DeskFailure } from '../errors';
import { nextCaseId } from '../queue/queue';
import { newRowId } from '../row-id';
import { writeOutbox } from '../sync/outbox';
import type { AttemptDeps, AttemptInput } from './attempt';

interface LeftRow { case_id: number; debtor_name: string; balance_fen: number; moved_to_name: string | null; left_at: string; draft: string | null; draft_saved_at: string | null }

const caseNo = (caseId: string): number | null => (/^[1-9]\d{0,15}$/.test(caseId) ? Number(caseId) : null);

/** The left case, when `caseId` is no longer on this desk but left it. */
export function leftCase(ctx: Pick<Ctx, 'prep'>, caseId: string): LeftRow | null {
  const id = caseNo(caseId);
  if (id === null) return null;
  if (ctx.prep<{ n: number }>('SELECT count(*) AS n FROM cases WHERE id = ?').get(id)?.n === 1) return null;
  return ctx.prep<LeftRow>('SELECT case_id, debtor_name, balance_fen, moved_to_name, left_at, draft, draft_saved_at FROM left_cases WHERE case_id = ?').get(id) ?? null;
}

function parseDraft(json: string | null): NoteDraft | null {
  if (json === null) return null;
  try {
    const r = NoteDraftSchema.safeParse(JSON.parse(json));
    return r.success ? r.data : null;
  } catch {
    return null;
  }
}

/** What the renderer shows for a case that moved away (null: it is on the desk, or never was). */
export function movedCase(ctx: Pick<Ctx, 'prep'>, caseId: string): MovedCase | null {
  const l = leftCase(ctx, caseId);
  if (!l) return null;
  return { caseId: String(l.case_id), debtorName: l.debtor_name, toName: l.moved_to_name, leftAt: l.left_at, draft: parseDraft(l.draft), draftSavedAt: l.draft_saved_at };
}

/** The agent keeps typing on a case that moved away: the note stays with the left case. */
export function saveLeftDraft(ctx: Ctx, l: LeftRow, draft: NoteDraft): RouteOutput<'draft.save'> {
  const savedAt = ctx.clock().toISOString();
  ctx.prep('UPDATE left_cases SET draft = ?, draft_saved_at = ?, draft_agent_id = ? WHERE case_id = ?').run(JSON.stringify(draft), savedAt, ctx.session.agentId, l.case_id);
  return { savedAt };
}

/**
 * Save the call on a case that moved away: checked like any 催记 (the balance as the desk last
 * knew it; the hub checks again against its own), written to the outbox only (the desk no longer
 * holds the case's rows), the kept note cleared. The hub stores it as the former holder's history.
 */
export function recordLeftAttempt(ctx: Ctx, deps: AttemptDeps, l: LeftRow, input: AttemptInput, today: string): RouteOutput<'attempt.save'> {
  const agentId = ctx.session.agentId;
  if (agentId === null) throw new DeskFailure('UNAUTHENTICATED', 'Log in first.');
  // The same save again (a retry): the first one's ids, nothing written twice.
  const again = ctx.prep<{ args: string }>("SELECT args FROM outbox WHERE name = 'attempt.save' AND json_extract(args, '$.clientRequestId') = ?").get(input.clientRequestId);
  if (again) {
    const a = JSON.parse(again.args) as { attemptId: string; promise: { id: string } | null; followUp: { id: string } | null };
    return { attemptId: a.attemptId, promiseId: a.promise?.id ?? null, followUpId: a.followUp?.id ?? null, nextCaseId: nextCaseId(ctx, agentId, l.case_id) };
  }
  const code = deps.codes.get(input.outcomeCode);
  const now = ctx.clock();
  const violations = checkOutcome(
    {
      outcomeCode: input.outcomeCode,
      party: input.party,
      ptp: input.ptp,
      followUpAt: input.followUp ? new Date(input.followUp.dueAt) : null,
      claimedPaidDate: input.claimedPaidDate,
      stepsDone: input.stepsDone,
    },
    // The script's required steps need the case's stage, which left with it: the hub checks them.
    { code, balanceFen: l.balance_fen, today, now, ptpMaxDays: ctx.settings().ptpMaxDays, requiredStepIds: [] },
  );
  const first = checkChannel(input)[0] ?? violations[0];
  if (first || !code) {
    const v = first ?? { field: 'outcomeCode', rule: 'outcome.unknown' as const, params: { code: input.outcomeCode } };
    throw new DeskFailure('VALIDATION', `The outcome cannot be saved: ${v.rule}`, v.params ? { field: v.field, rule: v.rule, params: v.params } : { field: v.field, rule: v.rule });
  }
  const at = now.toISOString();
  const attemptId = newRowId(now.getTime());
  const ptp = code.needsPtp ? input.ptp : null;
  const promiseId = ptp ? newRowId(now.getTime()) : null;
  const followUpId = input.followUp ? newRowId(now.getTime()) : null;
  ctx.db.transaction(() => {
    ctx.prep('UPDATE left_cases SET draft = NULL, draft_saved_at = NULL WHERE case_id = ?').run(l.case_id);
    appendAudit(ctx, { action: 'attempt.saveAfterMove', entity: 'case', entityId: l.case_id, detail: { attemptId, outcomeCode: code.code, promiseId, movedTo: l.moved_to_name } });
    writeOutbox(ctx, 'attempt.save', {
      attemptId,
      clientRequestId: input.clientRequestId,
      caseId: String(l.case_id),
      phoneId: input.phoneId,
      channel: input.channel,
      party: input.party,
      outcomeCode: code.code,
      note: input.note,
      callStartedAt: input.callStartedAt,
      durationSec: input.durationSec,
      claimedPaidDate: code.needsPaidDate ? input.claimedPaidDate : null,
      stepsDone: input.stepsDone,
      scenario: input.scenario,
      visitAddress: cleanVisitAddress(input.visitAddress),
      at,
      promise: ptp && promiseId ? { id: promiseId, amountFen: ptp.amountFen, dueDate: ptp.dueDate, createdDate: today } : null,
      followUp: input.followUp && followUpId ? { id: followUpId, dueAt: new Date(input.followUp.dueAt).toISOString(), reason: input.followUp.reason } : null,
      phoneLock: null,
    });
  }).immediate();
  ctx.emit('queue.changed', { reason: 'attempt.save' });
  return { attemptId, promiseId, followUpId, nextCaseId: nextCaseId(ctx, agentId, l.case_id) };
}
