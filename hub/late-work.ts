/**
 * A lead accepts a former holder's late work (shared/domain/late-work): applied as that agent's
 * record, checked again against the case as the hub holds it now with the same shared rules a
 * push uses. A broken rule is a 409 RULE_VIOLATION and the caller's transaction writes nothing.
 */
import { PromiseState } from '../shared/domain/enums';
import { LatePaymentDetail, LatePromiseDetail, TransitionDetail, checkAcceptedTransition, checkLatePromise } from '../shared/domain/late-work';
import { evaluateCasePromises, type CasePromise } from '../shared/domain/ptp';
import { outcomeEffects } from '../shared/domain/outcome-effects';
import type { RuleViolation } from '../shared/domain/outcome-rules';
import { HubFailure } from './errors';
import { caseAudience, type Fanout } from './feed';
import { codeTable } from './mutations/codes';
import { caseUpdate, type Caller, type MutationCtx } from './mutations/context';
import { applyPayment, paymentViolation } from './mutations/payment-record';
import { insertPromise } from './mutations/promise-insert';
import { dayIn, teamRules } from './mutations/team-rules';
import { applyPromiseChanges } from './mutations/reevaluate';
import { WriteBuffer } from './mutations/write-buffer';
import type { CaseDb, PromiseDb } from './rows';
import type { Q } from './store/types';

export interface LateConflict {
  id: number;
  team_id: number;
  case_id: number | null;
  kind: string;
  detail: string;
}

function refuse(v: RuleViolation): never {
  throw new HubFailure('RULE_VIOLATION', `The case as the hub holds it now refuses this work (${v.rule}).`, { ...v.params, rule: v.rule });
}

function detailOf(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/**
 * Restore a promise a refused state change was about: the promise is taken as pending again and
 * the hub's own payments and clock decide its state (shared/domain/ptp); the change applies only
 * when that is the state the desk wanted (shared/domain/late-work checkAcceptedTransition).
 * Every promise of the case is evaluated together, so one payment still counts once.
 */
async function acceptTransition(ctx: MutationCtx, c: CaseDb, k: LateConflict, detail: unknown): Promise<void> {
  const d = TransitionDetail.safeParse(detail);
  if (!d.success) throw new HubFailure('BAD_REQUEST', `Conflict ${k.id} holds no promise change to apply.`);
  const { q } = ctx;
  const promises = await q.all<PromiseDb>(`SELECT * FROM promises WHERE case_id = ? ORDER BY id${q.forUpdate}`, [c.id]);
  const target = promises.find((p) => p.id === d.data.promiseId);
  const hubState = target ? PromiseState.parse(target.state) : null;
  if (hubState === d.data.to) return; // the hub already agrees: nothing to write
  const facts: CasePromise[] = promises.map((p) => ({
    id: p.id, amountFen: Number(p.amount_fen), dueDate: p.due_date, createdDate: p.created_date, createdAt: p.created_at,
    state: p.id === d.data.promiseId ? 'pending' : PromiseState.parse(p.state), paidFen: Number(p.paid_fen),
  }));
  const payments = await q.all<{ amountFen: number; paidDate: string }>('SELECT amount_fen AS "amountFen", paid_date AS "paidDate" FROM payments WHERE case_id = ?', [c.id]);
  const rules = await teamRules(ctx, Number(c.team_id));
  const derived = evaluateCasePromises(facts, payments.map((x) => ({ amountFen: Number(x.amountFen), paidDate: x.paidDate })), dayIn(rules, ctx.now), rules.ptpGraceDays);
  const mine = derived.changes.find((x) => x.id === d.data.promiseId);
  const outcome = mine ? { state: mine.to, paidFen: mine.paidFen } : { state: 'pending' as const, paidFen: Number(target?.paid_fen ?? 0) };
  const broken = checkAcceptedTransition(d.data.to, hubState, outcome, { status: c.status })[0];
  if (broken) refuse(broken);
  // Written from the hub's state (not the pending stand-in), so a restored promise is a real change.
  const changes = derived.changes.map((x) => (x.id === d.data.promiseId ? { ...x, from: hubState ?? x.from } : x));
  const audience = await caseAudience(q, c, ctx.leads);
  const r = await applyPromiseChanges(ctx, c, { ...derived, changes }, c.status, Number(c.balance_fen), audience);
  await caseUpdate(ctx, c.id, 'UPDATE cases SET status = ?, broken_promises = broken_promises + ?, updated_at = ? WHERE id = ? RETURNING *', [r.status, r.broken, ctx.now.toISOString(), c.id]);
  ctx.fan.add(audience, 'case', c.id);
}

/** Apply the late promise, payment or promise change of conflict `k`; its writes fan out through `fan` to the case's audience and the team's leads. */
export async function acceptLateWork(q: Q, lead: Caller, k: LateConflict, now: Date, fan: Fanout): Promise<void> {
  const c = k.case_id === null ? undefined : await q.get<CaseDb>(`SELECT * FROM cases WHERE id = ? AND team_id = ?${q.forUpdate}`, [Number(k.case_id), Number(k.team_id)]);
  if (!c) throw new HubFailure('NOT_FOUND', `The case of conflict ${k.id} is not in this team.`);
  const detail = detailOf(k.detail);
  const cases = new Map<number, CaseDb>([[Number(c.id), c]]);
  // The work runs as the former holder's mutation did, on the hub's state of now.
  const ctxOf = (origin: { deviceId: string; mutationId: number }): MutationCtx => ({
    q, caller: lead, deviceId: origin.deviceId, mutationId: origin.mutationId, now, skewMs: 0, fan, leads: new Map(), codes: new Map(), rules: new Map(), cases, w: new WriteBuffer(cases),
  });

  if (k.kind === 'lateTransition' || k.kind === 'promise.transition') {
    await acceptTransition(ctxOf({ deviceId: 'lead', mutationId: 1 }), c, k, detail);
    return;
  }
  if (k.kind === 'latePayment') {
    const d = LatePaymentDetail.safeParse(detail);
    if (!d.success) throw new HubFailure('BAD_REQUEST', `Conflict ${k.id} holds no payment to apply.`);
    if (await q.get('SELECT 1 AS x FROM payments WHERE id = ?', [d.data.paymentId])) return; // already on the hub
    const ctx = ctxOf(d.data);
    const broken = await paymentViolation(ctx, c, d.data);
    if (broken) refuse(broken);
    await applyPayment(ctx, c, d.data, Number(d.data.agentId));
    return;
  }
  if (k.kind === 'latePromise') {
    const d = LatePromiseDetail.safeParse(detail);
    if (!d.success) throw new HubFailure('BAD_REQUEST', `Conflict ${k.id} holds no promise to apply.`);
    if (await q.get('SELECT 1 AS x FROM promises WHERE id = ?', [d.data.promise.id])) return; // already on the hub
    const ctx = ctxOf(d.data);
    const rules = await teamRules(ctx, Number(c.team_id));
    const broken = checkLatePromise(d.data.promise, { balanceFen: Number(c.balance_fen), status: c.status }, rules.ptpMaxDays)[0];
    if (broken) refuse(broken);
    const audience = await caseAudience(q, c, ctx.leads);
    const nowIso = now.toISOString();
    await insertPromise(ctx, c, { promise: d.data.promise, attemptId: d.data.attemptId, agentId: Number(d.data.agentId), madeAt: d.data.at, cancelAt: nowIso }, audience);
    // The case's status as a new promise of that outcome sets it (a PTP makes it `ptp`; a hold stays).
    const code = (await codeTable(ctx, Number(c.team_id))).get(d.data.outcomeCode);
    const status = code ? outcomeEffects(code, { status: c.status, tags: [] }, null).status : c.status;
    await caseUpdate(ctx, c.id, 'UPDATE cases SET status = ?, updated_at = ? WHERE id = ? RETURNING *', [status, nowIso, c.id]);
    fan.add(audience, 'case', c.id);
  }
}
