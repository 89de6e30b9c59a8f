/**
 * attempt.save, the bulk of all traffic: the attempt, its promise and follow-up, and the outcome's
 * effects. A former holder's attempt (the case was reassigned) is history only: the attempt and
 * the case's counters; its promise goes to the leads as a `latePromise` conflict
 * (shared/domain/late-work). Every rule is checked again on the hub (shared/domain/outcome-rules) against its own
 * code table, balance, team settings and scripts, and the effects are derived from its own code
 * table (shared/domain/outcome-effects). Attempts, follow-ups and case rows go through the
 * batch's write buffer.
 */
import { outcomeEffects } from '../../shared/domain/outcome-effects';
import { checkOutcome, checkPromiseDay, type RuleViolation } from '../../shared/domain/outcome-rules';
import { caseAudience } from '../feed';
import type { PhoneDb } from '../rows';
import { Reject, iso, recordConflict, type Applier, type MutationCtx } from './context';
import { attemptCase, type CaseCore } from './case-lookup';
import { insertPromise } from './promise-insert';
import { codeTable } from './codes';
import type { MutationArgs } from '../../shared/sync';
import type { OutcomeCode } from '../../shared/contract';
import { dayIn, requiredStepsFor, stageOn, teamRules } from './team-rules';
import { checkPushedAttempt } from './contact-check';
import { noteWordingViolation } from './note-words';
import { checkChannel, cleanVisitAddress } from '../../shared/domain/channel-rules';

/** A case's tags column (JSON); anything unreadable counts as no tags. */
function parseTags(t: string): string[] {
  if (t === '[]') return []; // most cases
  try {
    const v: unknown = JSON.parse(t);
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

/** The case row after one more attempt at `at`: its count, and its last attempt if this one is newer; `fx`: the outcome's effects on it. */
function counted<C extends CaseCore>(c: C, at: string, outcomeCode: string, nowIso: string, fx?: { status: string; tags: string; refusals: number }): C {
  const newer = c.last_attempt_at === null || at >= c.last_attempt_at;
  return {
    ...c, attempt_count: Number(c.attempt_count) + 1, last_attempt_at: newer ? at : c.last_attempt_at,
    last_outcome_code: newer ? outcomeCode : c.last_outcome_code, updated_at: nowIso,
    status: fx ? fx.status : c.status, tags: fx ? fx.tags : c.tags, refusals: fx ? fx.refusals : c.refusals,
  };
}

/** The first rule the attempt breaks, judged as of its own time (an offline desk pushes late). */
async function firstViolation(ctx: MutationCtx, a: MutationArgs<'attempt.save'>, c: CaseCore, code: OutcomeCode | undefined): Promise<RuleViolation | null> {
  const teamId = Number(c.team_id);
  const rules = await teamRules(ctx, teamId);
  const at = new Date(a.at);
  const day = dayIn(rules, at);
  const worded = noteWordingViolation(a.note, rules.bannedPhrases);
  if (worded) return { field: worded.field, rule: worded.rule, params: {} };
  if (code?.needsPtp && a.promise) {
    const v = checkPromiseDay(a.promise.createdDate, day);
    if (v) return v;
  }
  const rpcSelf = code !== undefined && code.isRpc && a.party === 'self';
  const violations = checkOutcome(
    {
      outcomeCode: a.outcomeCode,
      party: a.party,
      ptp: a.promise ? { amountFen: a.promise.amountFen, dueDate: a.promise.dueDate } : null,
      followUpAt: a.followUp ? new Date(a.followUp.dueAt) : null,
      claimedPaidDate: a.claimedPaidDate,
      stepsDone: a.stepsDone,
    },
    {
      code,
      balanceFen: Number(c.balance_fen),
      // The promise's horizon starts on the day it was made (checked just above).
      today: code?.needsPtp && a.promise ? a.promise.createdDate : day,
      now: at,
      ptpMaxDays: rules.ptpMaxDays,
      requiredStepIds: rpcSelf ? await requiredStepsFor(ctx, teamId, stageOn(rules, c.overdue_since, day), a.scenario, a.stepsDone) : [],
    },
  );
  return violations[0] ?? null;
}

/** Audiences by team and holder, per batch (keyed by the batch's leads memo): one array for all the attempts on a holder's cases. */
const audiences = new WeakMap<Map<number, number[]>, Map<string, number[]>>();
async function audienceOf(ctx: MutationCtx, c: CaseCore): Promise<number[]> {
  let known = audiences.get(ctx.leads);
  if (!known) audiences.set(ctx.leads, (known = new Map()));
  const key = `${c.team_id}:${c.assigned_agent_id ?? ''}`;
  let a = known.get(key);
  if (!a) {
    a = await caseAudience(ctx.q, c, ctx.leads);
    known.set(key, a);
  }
  return a;
}

/** The case's row after this attempt, kept where the batch holds it (its full row if loaded, else its core row). */
function setCase(ctx: MutationCtx, c: CaseCore, at: string, outcomeCode: string, nowIso: string, fx?: { status: string; tags: string; refusals: number }): void {
  const id = Number(c.id);
  const full = ctx.cases.get(id);
  if (full) ctx.cases.set(id, counted(full, at, outcomeCode, nowIso, fx));
  else ctx.w.cores.set(id, counted(c, at, outcomeCode, nowIso, fx));
}

export const attemptSave: Applier<'attempt.save'> = async (ctx, a) => {
  const { q, w } = ctx;
  const found = await attemptCase(ctx, a.caseId);
  if (found instanceof Reject) return found;
  const { c, late } = found;
  if (await w.attemptExists(q, a.attemptId)) return null; // the same attempt again: applied once
  // What the channel needs (issue 9): a number for an SMS, an address for a visit, a timer only on a call.
  const wrongChannel = checkChannel(a)[0];
  if (wrongChannel) return new Reject('ruleViolation', wrongChannel.rule);
  const table = await codeTable(ctx, Number(c.team_id));
  const code = table.get(a.outcomeCode);
  let phone: PhoneDb | undefined;
  if (a.phoneId !== null) {
    phone = await w.phone(q, Number(a.phoneId), Number(c.debtor_id));
    if (!phone) return new Reject('ruleViolation', 'phone.notOnCase');
  }
  if (a.promise && (await q.get('SELECT 1 AS x FROM promises WHERE id = ?', [a.promise.id]))) return new Reject('invalidArgs', 'promise.id already used');
  if (a.followUp && (w.followUps.has(a.followUp.id) || (await q.get('SELECT 1 AS x FROM follow_ups WHERE id = ?', [a.followUp.id])))) {
    return new Reject('invalidArgs', 'followUp.id already used');
  }
  const broken = await firstViolation(ctx, a, c, code);
  if (broken || !code) return new Reject('ruleViolation', broken?.rule ?? 'outcome.unknown');
  // A promise or claimed date sent with a code that does not ask for it is not stored (as on the desk).
  const promise = code.needsPtp ? a.promise : null;
  // Contact rules: flagged, never refused (the record is the truth); the leads are told.
  if (phone) await checkPushedAttempt(ctx, a, c, phone, code);
  const claimedPaidDate = code.needsPaidDate ? a.claimedPaidDate : null;

  // Effects (nothing above wrote). Attempts, follow-ups and the case row go through the batch's
  // write buffer (flushed in bulk before any other kind of mutation and at the end of the batch).
  const at = iso(a.at);
  const nowIso = ctx.now.toISOString();
  const audience = await audienceOf(ctx, c);
  // What the outcome does to the case (a former holder's record does nothing to it but count).
  const fx = late ? null : outcomeEffects(code, { status: c.status, tags: parseTags(c.tags) }, phone ?? null);
  const tags = fx ? JSON.stringify(fx.tags) : c.tags;
  // Most attempts move only the case's counters: its feed entry stays where it is, and a pull sends
  // the case row along with this attempt while it is the case's latest change (hub/feed.ts readPage).
  // Half a push's feed writes, and the receivers still get the row as it is when they pull.
  const onlyCounters = fx === null || (fx.status === c.status && tags === c.tags && fx.refusals === 0);
  w.attempts.push([a.attemptId, a.clientRequestId, c.id, ctx.caller.userId, phone ? phone.id : null, a.channel, a.party, a.outcomeCode, a.note,
    a.callStartedAt === null ? null : iso(a.callStartedAt), a.durationSec, claimedPaidDate, JSON.stringify(a.stepsDone), a.scenario, at,
    ctx.deviceId, ctx.mutationId, nowIso, cleanVisitAddress(a.visitAddress), a.recordingRef ?? null, onlyCounters ? 1 : 0]);
  w.attemptIds.add(a.attemptId);
  ctx.fan.add(audience, 'attempt', a.attemptId);

  if (late) {
    // History only: the call happened, but the case is someone else's work now.
    setCase(ctx, c, at, a.outcomeCode, nowIso);
    w.caseChanged(Number(c.id), true);
    // The pusher's own promise and follow-up of this attempt are not the hub's: its desk drops them.
    // Its case's del may never reach that desk (the case came back before it pulled, and the
    // case's feed entry is a put again), so the hub says so row by row.
    if (a.promise) ctx.fan.add([ctx.caller.userId], 'promise', a.promise.id, 'del');
    if (a.followUp) ctx.fan.add([ctx.caller.userId], 'followUp', a.followUp.id, 'del');
    if (promise) {
      await recordConflict(ctx, {
        teamId: Number(c.team_id), caseId: Number(c.id), kind: 'latePromise',
        detail: { attemptId: a.attemptId, outcomeCode: a.outcomeCode, promise, agentId: String(ctx.caller.userId), at, deviceId: ctx.deviceId, mutationId: ctx.mutationId },
      });
    }
    return null;
  }
  if (promise) await insertPromise(ctx, c, { promise, attemptId: a.attemptId, agentId: ctx.caller.userId, madeAt: at, cancelAt: at }, audience);
  // This contact answers the case's earlier callbacks.
  for (const id of await w.closePendingFollowUps(q, Number(c.id), at)) ctx.fan.add(audience, 'followUp', id);
  if (a.followUp) {
    w.addFollowUp(Number(c.id), [a.followUp.id, c.id, ctx.caller.userId, a.attemptId, iso(a.followUp.dueAt), a.followUp.reason, at]);
    ctx.fan.add(audience, 'followUp', a.followUp.id);
  }

  if (!fx) return null; // narrows: fx is null only for late work, which returned above
  if (phone && fx.phoneStatus) {
    await q.run('UPDATE phones SET status = ? WHERE id = ?', [fx.phoneStatus, phone.id]);
    phone.status = fx.phoneStatus;
    ctx.fan.add(audience, 'phone', phone.id);
  }
  if (phone && fx.contactRefused && phone.contact_id !== null) {
    await q.run('UPDATE contacts SET refused_contact = 1 WHERE id = ?', [phone.contact_id]);
    ctx.fan.add(audience, 'contact', phone.contact_id);
  }
  // 要求停止联系: every number of whoever asked (shared/domain/outcome-effects).
  if (phone && fx.lockAllOf !== null && (fx.lockAllOf === 'self' || phone.contact_id !== null)) {
    const others = fx.lockAllOf === 'self'
      ? await q.all<{ id: number }>("SELECT id FROM phones WHERE debtor_id = ? AND owner = 'self' AND status <> 'do_not_call'", [c.debtor_id])
      : await q.all<{ id: number }>("SELECT id FROM phones WHERE contact_id = ? AND status <> 'do_not_call'", [phone.contact_id ?? 0]);
    for (const o of others) {
      await q.run("UPDATE phones SET status = 'do_not_call' WHERE id = ?", [o.id]);
      ctx.fan.add(audience, 'phone', o.id);
    }
  }
  // The case is locked by this transaction and its cached row is current: absolute values, written in bulk.
  setCase(ctx, c, at, a.outcomeCode, nowIso, { status: fx.status, tags, refusals: Number(c.refusals) + fx.refusals });
  w.caseChanged(Number(c.id), onlyCounters);
  if (!onlyCounters) ctx.fan.add(audience, 'case', c.id);
  return null;
};
