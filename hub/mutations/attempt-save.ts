/**
 * attempt.save, the bulk of all traffic: the attempt, its promise and follow-up, and the outcome's
 * effects re-derived from the hub's own code table. Attempts, follow-ups and case rows go through
 * the batch's write buffer.
 */
import { caseAudience } from '../feed';
import { Reject, iso, type Applier } from './context';
import { caseFor } from './case-lookup';
import { codeTable } from './codes';

/** A case's tags column (JSON); anything unreadable counts as no tags. */
function parseTags(t: string): string[] {
  try {
    const v: unknown = JSON.parse(t);
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

export const attemptSave: Applier<'attempt.save'> = async (ctx, a) => {
  const { q, w } = ctx;
  const c = await caseFor(ctx, a.caseId, true);
  if (c instanceof Reject) return c;
  const table = await codeTable(ctx, Number(c.team_id));
  const code = table.get(a.outcomeCode) ?? null;
  const phone = a.phoneId === null ? undefined : await w.phone(q, Number(a.phoneId), Number(c.debtor_id));
  if (await w.attemptExists(q, a.attemptId)) return null; // the same attempt again: applied once
  if (a.promise && (await q.get('SELECT 1 AS x FROM promises WHERE id = ?', [a.promise.id]))) return new Reject('invalidArgs', 'promise.id already used');
  if (a.followUp && (w.followUps.has(a.followUp.id) || (await q.get('SELECT 1 AS x FROM follow_ups WHERE id = ?', [a.followUp.id])))) {
    return new Reject('invalidArgs', 'followUp.id already used');
  }

  // Effects (nothing above wrote). Attempts, follow-ups and the case row go through the batch's
  // write buffer (flushed in bulk before any other kind of mutation and at the end of the batch).
  const at = iso(a.at);
  const nowIso = ctx.now.toISOString();
  const audience = await caseAudience(q, c, ctx.leads);
  w.attempts.push([a.attemptId, a.clientRequestId, c.id, ctx.caller.userId, phone ? phone.id : null, a.channel, a.party, a.outcomeCode, a.note,
    a.callStartedAt === null ? null : iso(a.callStartedAt), a.durationSec, a.claimedPaidDate, JSON.stringify(a.stepsDone), a.scenario, at,
    ctx.deviceId, ctx.mutationId, nowIso]);
  w.attemptIds.add(a.attemptId);
  ctx.fan.add(audience, 'attempt', a.attemptId);

  let status = c.status;
  if (a.promise) {
    const cancelled = await q.all<{ id: string }>("UPDATE promises SET state = 'cancelled', state_changed_at = ? WHERE case_id = ? AND state = 'pending' RETURNING id", [at, c.id]);
    for (const p of cancelled) ctx.fan.add(audience, 'promise', p.id);
    await q.run(
      `INSERT INTO promises (id, case_id, attempt_id, agent_id, amount_fen, due_date, created_date, created_at, state, paid_fen)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'pending', 0)`,
      [a.promise.id, c.id, a.attemptId, ctx.caller.userId, a.promise.amountFen, a.promise.dueDate, a.promise.createdDate, at],
    );
    ctx.fan.add(audience, 'promise', a.promise.id);
  }
  // This contact answers the case's earlier callbacks.
  for (const id of await w.closePendingFollowUps(q, Number(c.id), at)) ctx.fan.add(audience, 'followUp', id);
  if (a.followUp) {
    w.addFollowUp(Number(c.id), [a.followUp.id, c.id, ctx.caller.userId, a.attemptId, iso(a.followUp.dueAt), a.followUp.reason, at]);
    ctx.fan.add(audience, 'followUp', a.followUp.id);
  }

  // The outcome's effects, re-derived from the hub's own code table (a held case stays on hold).
  const tags = parseTags(c.tags);
  if (code) {
    if (code.setsStatus && c.status !== 'hold') status = code.setsStatus;
    if (code.addsTag && !tags.includes(code.addsTag)) tags.push(code.addsTag);
    if (code.locksPhone && phone) {
      const lock = code.isContact ? 'do_not_call' : 'invalid';
      if (phone.status !== 'do_not_call') {
        await q.run('UPDATE phones SET status = ? WHERE id = ?', [lock, phone.id]);
        phone.status = lock;
        ctx.fan.add(audience, 'phone', phone.id);
      }
      if (lock === 'do_not_call' && phone.contact_id !== null) {
        await q.run('UPDATE contacts SET refused_contact = 1 WHERE id = ?', [phone.contact_id]);
        ctx.fan.add(audience, 'contact', phone.contact_id);
      }
    }
  }
  const newer = c.last_attempt_at === null || at >= c.last_attempt_at;
  // The case is locked by this transaction and its cached row is current: absolute values, written in bulk.
  ctx.cases.set(Number(c.id), {
    ...c, status, tags: JSON.stringify(tags), attempt_count: Number(c.attempt_count) + 1,
    refusals: Number(c.refusals) + (code?.addsTag === 'refuses' ? 1 : 0), last_attempt_at: newer ? at : c.last_attempt_at,
    last_outcome_code: newer ? a.outcomeCode : c.last_outcome_code, updated_at: nowIso,
  });
  w.dirtyCases.add(Number(c.id));
  ctx.fan.add(audience, 'case', c.id);
  return null;
};
