import type { z } from 'zod';
import type { contract, OutcomeCode, RouteOutput } from '../../../shared/contract';
import { bucketFor, scriptStageFor } from '../../../shared/domain/buckets';
import { dpd as dpdOf } from '../../../shared/domain/dates';
import { outcomeEffects } from '../../../shared/domain/outcome-effects';
import { checkOutcome } from '../../../shared/domain/outcome-rules';
import { buildScriptView, requiredStepIdsOf } from '../../../shared/domain/scripts';
import { appendAudit } from '../audit/audit';
import type { Ctx } from '../context';
import { loadCaseFor } from '../cases/case-get';
import { recomputeCase } from '../cases/derive';
import type { CaseRow, PhoneRow } from '../cases/rows';
import { parseTags } from '../cases/views';
import type { RuleId } from '../../../shared/domain/rule-ids';
import { DeskFailure } from '../errors';
import { nextCaseId } from '../queue/queue';
import type { OutcomeCodeCache } from '../reference/outcome-codes';
import type { ScriptStore } from '../scripts/scripts';
import { writeOutbox } from '../sync/outbox';
import { attemptViolations } from '../contact/check';
import { notePhraseViolation } from '../../../shared/domain/banned-phrases';
import { stripInvisible } from '../../../shared/domain/text-safety';
import { checkChannel, cleanVisitAddress } from '../../../shared/domain/channel-rules';
import { newRowId } from '../row-id';
import { leftCase, recordLeftAttempt } from './left-case';

export type AttemptInput = z.output<(typeof contract)['attempt.save']['input']>;

export interface AttemptDeps {
  codes: OutcomeCodeCache;
  scripts: ScriptStore;
}

function existingSave(ctx: Ctx, clientRequestId: string): { attemptId: string; caseId: number; promiseId: string | null; followUpId: string | null } | null {
  const a = ctx.prep<{ id: string; case_id: number }>('SELECT id, case_id FROM attempts WHERE client_request_id = ?').get(clientRequestId);
  if (!a) return null;
  const promiseId = ctx.prep<{ id: string }>('SELECT id FROM promises WHERE attempt_id = ? LIMIT 1').get(a.id)?.id ?? null;
  const followUpId = ctx.prep<{ id: string }>('SELECT id FROM follow_ups WHERE attempt_id = ? LIMIT 1').get(a.id)?.id ?? null;
  return { attemptId: a.id, caseId: a.case_id, promiseId, followUpId };
}

/** The script's required step ids for this case and scenario (ids are the same in every locale). */
export function requiredStepsFor(ctx: Ctx, scripts: ScriptStore, c: CaseRow, scenario: AttemptInput['scenario'], today: string): string[] {
  const settings = ctx.settings();
  const stage = scriptStageFor(bucketFor(dpdOf(c.overdue_since, today), settings.bucketBounds));
  return requiredStepIdsOf(buildScriptView(scripts.get(settings.locale), stage, {}), scenario);
}

function refuse(field: string, rule: RuleId, message: string, params?: Record<string, string | number>): never {
  throw new DeskFailure('VALIDATION', message, params ? { field, rule, params } : { field, rule });
}

/**
 * Save a contact attempt (催记) — in ONE transaction: the attempt, its promise (cancelling the
 * previous pending one), its follow-up, completion of the case's earlier follow-ups, the outcome
 * code's effects, the cleared draft, the case's new priority, the audit entry and the outbox row.
 * A repeated clientRequestId returns the first save's ids and writes nothing.
 */
export function recordAttempt(ctx: Ctx, deps: AttemptDeps, input: AttemptInput, today: string): RouteOutput<'attempt.save'> {
  const agentId = ctx.session.agentId;
  if (agentId === null) throw new DeskFailure('UNAUTHENTICATED', 'Log in first.');

  const previous = existingSave(ctx, input.clientRequestId);
  if (previous) {
    if (String(previous.caseId) !== input.caseId) {
      refuse('clientRequestId', 'attempt.requestIdReused', 'This clientRequestId was already used for another case.');
    }
    const { caseId, ...ids } = previous;
    return { ...ids, nextCaseId: nextCaseId(ctx, agentId, caseId) };
  }

  // The case moved to another agent while this call was typed: saved as history (#16).
  const left = leftCase(ctx, input.caseId);
  if (left) return recordLeftAttempt(ctx, deps, left, input, today);

  const c = loadCaseFor(ctx, input.caseId);
  // Banned wording blocks the save, the phrase and its place named for the note pane to mark (issue 11).
  const worded = notePhraseViolation(input.note, ctx.settings().bannedPhrases);
  if (worded) refuse(worded.field, worded.rule, `The note contains banned wording: ${worded.params.phrase}`, worded.params);
  // What the channel needs (issue 9): a number for an SMS, an address for a visit, a timer only on a call.
  const wrongChannel = checkChannel(input)[0];
  if (wrongChannel) refuse(wrongChannel.field, wrongChannel.rule, `The ${input.channel} record cannot be saved: ${wrongChannel.rule}`, wrongChannel.params);
  const visitAddress = cleanVisitAddress(input.visitAddress);
  const code: OutcomeCode | undefined = deps.codes.get(input.outcomeCode);
  const now = ctx.clock();
  const settings = ctx.settings();

  let phone: PhoneRow | undefined;
  if (input.phoneId !== null) {
    phone = ctx.prep<PhoneRow>('SELECT * FROM phones WHERE id = ? AND debtor_id = ?').get(Number(input.phoneId), c.debtor_id);
    if (!phone) refuse('phoneId', 'phone.notOnCase', 'That phone number does not belong to this case.');
    // A number added here gets the hub's id when it syncs; until then no record can name it.
    if (phone.id < 0) refuse('phoneId', 'phone.pending', 'This number has not reached the hub yet; record against it once it has synced.');
    if (phone.status === 'do_not_call') {
      refuse('phoneId', 'phone.doNotCall', 'This number must not be called any more.');
    }
  }

  const violations = checkOutcome(
    {
      outcomeCode: input.outcomeCode,
      party: input.party,
      ptp: input.ptp,
      followUpAt: input.followUp ? new Date(input.followUp.dueAt) : null,
      claimedPaidDate: input.claimedPaidDate,
      stepsDone: input.stepsDone,
    },
    {
      code,
      balanceFen: c.balance_fen,
      today,
      now,
      ptpMaxDays: settings.ptpMaxDays,
      requiredStepIds: code?.isRpc ? requiredStepsFor(ctx, deps.scripts, c, input.scenario, today) : [],
    },
  );
  const first = violations[0];
  if (first || !code) {
    const v = first ?? { field: 'outcomeCode', rule: 'outcome.unknown', params: { code: input.outcomeCode } };
    refuse(v.field, v.rule, `The outcome cannot be saved: ${violations.map((x) => x.rule).join(', ') || v.rule}`, v.params);
  }

  const at = now.toISOString();
  const attemptId = newRowId(ctx.clock().getTime());
  // A call that broke a contact rule is recorded all the same, flagged with the rule (issue 11).
  const started = input.callStartedAt !== null ? new Date(input.callStartedAt) : now;
  const { violations: broke, overrideId } = attemptViolations(ctx, c, phone, input.channel, started);
  const ptp = code.needsPtp ? input.ptp : null;
  const claimedPaidDate = code.needsPaidDate ? input.claimedPaidDate : null;

  const result = ctx.db.transaction(() => {
    ctx
      .prep(
        `INSERT INTO attempts (id, client_request_id, case_id, agent_id, phone_id, channel, party, outcome_code, note,
           call_started_at, duration_sec, claimed_paid_date, steps_done, scenario, at, violations, override_id, visit_address, recording_ref)
         VALUES (@id, @crid, @case_id, @agent_id, @phone_id, @channel, @party, @code, @note, @started, @duration, @paid, @steps, @scenario, @at,
           @violations, @override_id, @visit_address, @recording_ref)`,
      )
      .run({
        id: attemptId,
        crid: input.clientRequestId,
        case_id: c.id,
        agent_id: agentId,
        phone_id: phone?.id ?? null,
        channel: input.channel,
        party: input.party,
        code: code.code,
        note: stripInvisible(input.note),
        started: input.callStartedAt,
        duration: input.durationSec,
        paid: claimedPaidDate,
        steps: JSON.stringify(input.stepsDone),
        scenario: input.scenario,
        at,
        violations: JSON.stringify(broke),
        override_id: overrideId,
        visit_address: visitAddress,
        recording_ref: input.recordingRef ?? null, // the softphone's reference (click-to-dial, issue 9)
      });
    if (overrideId) ctx.prep('UPDATE contact_overrides SET used_at = ?, used_by_attempt = ? WHERE id = ?').run(at, attemptId, overrideId);

    let promiseId: string | null = null;
    if (ptp) {
      ctx.prep("UPDATE promises SET state = 'cancelled', state_changed_at = ? WHERE case_id = ? AND state = 'pending'").run(at, c.id);
      promiseId = newRowId(ctx.clock().getTime());
      ctx
        .prep(
          `INSERT INTO promises (id, case_id, attempt_id, agent_id, amount_fen, due_date, created_date, created_at, state, paid_fen)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'pending', 0)`,
        )
        .run(promiseId, c.id, attemptId, agentId, ptp.amountFen, ptp.dueDate, today, at);
    }

    // This contact answers the earlier callbacks; a new one is scheduled below if asked for.
    ctx.prep("UPDATE follow_ups SET state = 'done', closed_at = ? WHERE case_id = ? AND state = 'pending'").run(at, c.id);
    let followUpId: string | null = null;
    if (input.followUp) {
      followUpId = newRowId(ctx.clock().getTime());
      ctx
        .prep(
          `INSERT INTO follow_ups (id, case_id, agent_id, attempt_id, due_at, reason, state, created_at)
           VALUES (?, ?, ?, ?, ?, ?, 'pending', ?)`,
        )
        .run(followUpId, c.id, agentId, attemptId, new Date(input.followUp.dueAt).toISOString(), input.followUp.reason, at);
    }

    // The outcome's effects on the case and the dialled number (shared with the hub).
    const fx = outcomeEffects(code, { status: c.status, tags: parseTags(c.tags) }, phone ?? null);
    const phoneLock = fx.phoneLock;
    if (phone && fx.phoneStatus) ctx.prep('UPDATE phones SET status = ? WHERE id = ?').run(fx.phoneStatus, phone.id);
    if (phone && fx.contactRefused && phone.contact_id !== null) {
      ctx.prep('UPDATE contacts SET refused_contact = 1 WHERE id = ?').run(phone.contact_id);
    }
    if (phone && fx.lockAllOf === 'self') {
      ctx.prep("UPDATE phones SET status = 'do_not_call' WHERE debtor_id = ? AND owner = 'self'").run(c.debtor_id);
    } else if (phone && fx.lockAllOf === 'contact' && phone.contact_id !== null) {
      ctx.prep("UPDATE phones SET status = 'do_not_call' WHERE contact_id = ?").run(phone.contact_id);
    }
    ctx
      .prep(
        `UPDATE cases SET status = ?, tags = ?, attempt_count = attempt_count + 1, refusals = refusals + ?,
           last_attempt_at = ?, last_outcome_code = ?, updated_at = ? WHERE id = ?`,
      )
      .run(fx.status, JSON.stringify(fx.tags), fx.refusals, at, code.code, at, c.id);
    ctx.prep('DELETE FROM drafts WHERE case_id = ? AND agent_id = ?').run(c.id, agentId);
    recomputeCase(ctx, c.id, today);

    appendAudit(ctx, {
      action: 'attempt.save',
      entity: 'case',
      entityId: c.id,
      detail: { attemptId, outcomeCode: code.code, promiseId, followUpId, phoneLock, ...(broke.length ? { violations: broke } : {}), ...(overrideId ? { overrideId } : {}) },
    });
    writeOutbox(ctx, 'attempt.save', {
      attemptId,
      clientRequestId: input.clientRequestId,
      caseId: String(c.id),
      phoneId: input.phoneId,
      channel: input.channel,
      party: input.party,
      outcomeCode: code.code,
      note: stripInvisible(input.note),
      callStartedAt: input.callStartedAt,
      durationSec: input.durationSec,
      claimedPaidDate,
      stepsDone: input.stepsDone,
      scenario: input.scenario,
      visitAddress,
      at,
      promise: ptp && promiseId ? { id: promiseId, amountFen: ptp.amountFen, dueDate: ptp.dueDate, createdDate: today } : null,
      followUp: input.followUp && followUpId ? { id: followUpId, dueAt: new Date(input.followUp.dueAt).toISOString(), reason: input.followUp.reason } : null,
      phoneLock,
      overrideId,
      recordingRef: input.recordingRef ?? null,
    });
    return { attemptId, promiseId, followUpId };
  }).immediate();

  ctx.emit('queue.changed', { reason: 'attempt.save' });
  return { ...result, nextCaseId: nextCaseId(ctx, agentId, c.id) };
}
