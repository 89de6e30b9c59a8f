/**
 * The hub's own judgement of a pushed phone attempt against the contact rules (issue 11). It never
 * refuses the record (a call that happened is the truth); it flags it. Its time is the desk's,
 * corrected by the desk's clock offset measured at this push, and never earlier than an attempt
 * the same device pushed before (the hub's order): a desk whose clock was set back hides nothing.
 * Its counts are the hub's (attempt_checks, in the hub's order), not the desk's.
 */
import { checkContact, debtorZone, violatedRules, type ContactRuleId } from '../../shared/domain/contact-rules';
import { addDays, localDateOf, zonedToUtc } from '../../shared/domain/dates';
import type { OutcomeCode } from '../../shared/contract';
import type { MutationArgs } from '../../shared/sync';
import type { PhoneDb } from '../rows';
import type { CaseCore } from './case-lookup';
import { caseAudience } from '../feed';
import { recordConflict, type MutationCtx } from './context';
import { teamRules } from './team-rules';

function parseTags(t: string): string[] {
  try {
    const v: unknown = JSON.parse(t);
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

/** Is the debtor unreachable, by the hub's own data: their own numbers (all invalid?) and the last phone attempts on them (attempt_checks, the hub's order). */
export async function debtorReachability(q: MutationCtx['q'], debtorId: number, needed: number): Promise<{ ownNumbersAllInvalid: boolean; ownConsecutiveFailures: number }> {
  const own = await q.get<{ total: number; invalid: number | null }>("SELECT count(*) AS total, sum(CASE WHEN status = 'invalid' THEN 1 ELSE 0 END) AS invalid FROM phones WHERE debtor_id = ? AND owner = 'self'", [debtorId]);
  const recent = await q.all<{ connected: number }>("SELECT connected FROM attempt_checks WHERE debtor_id = ? AND owner = 'self' ORDER BY effective_at DESC LIMIT ?", [debtorId, needed]);
  let failures = 0;
  for (const r of recent) {
    if (Number(r.connected) === 1) break;
    failures++;
  }
  return { ownNumbersAllInvalid: !!own && Number(own.total) > 0 && Number(own.invalid) === Number(own.total), ownConsecutiveFailures: failures };
}

export interface HubContactCheck {
  rules: ContactRuleId[];
  effectiveAt: string;
  overrideId: string | null;
}

/** Judge, record (attempt_checks) and, when a rule was broken, tell the team's leads (a `contactViolation` conflict). */
export async function checkPushedAttempt(ctx: MutationCtx, a: MutationArgs<'attempt.save'>, c: CaseCore, phone: PhoneDb, code: OutcomeCode): Promise<HubContactCheck | null> {
  if (a.channel !== 'phone') return null;
  const { q } = ctx;
  if (await q.get('SELECT 1 AS x FROM attempt_checks WHERE attempt_id = ?', [a.attemptId])) return null;
  const teamId = Number(c.team_id);
  const rules = (await teamRules(ctx, teamId)).contactRules;
  const zone = debtorZone(c.time_zone, (await teamRules(ctx, teamId)).timeZone); // the debtor's own zone, else the team's
  const deviceAt = new Date(a.callStartedAt ?? a.at);
  const corrected = new Date(deviceAt.getTime() + ctx.skewMs);
  const last = await q.get<{ t: string | null }>('SELECT max(effective_at) AS t FROM attempt_checks WHERE device_id = ?', [ctx.deviceId]);
  const effective = last?.t && last.t > corrected.toISOString() ? new Date(last.t) : corrected;
  const day = localDateOf(effective, zone);
  const from = zonedToUtc(day, '00:00', zone).toISOString();
  const to = zonedToUtc(addDays(day, 1), '00:00', zone).toISOString();
  const count = async (sql: string, p: (string | number)[]): Promise<number> => Number((await q.get<{ n: number }>(sql, p))?.n ?? 0);
  const unanswered = await count('SELECT count(*) AS n FROM attempt_checks WHERE phone_id = ? AND effective_at >= ? AND effective_at < ? AND connected = 0', [phone.id, from, to]);
  const conversations = await count('SELECT count(*) AS n FROM attempt_checks WHERE debtor_id = ? AND effective_at >= ? AND effective_at < ? AND connected = 1', [c.debtor_id, from, to]);
  const { ownNumbersAllInvalid: ownAllInvalid, ownConsecutiveFailures: failures } =
    phone.owner === 'third_party' ? await debtorReachability(q, Number(c.debtor_id), rules.thirdPartyAfterFailures) : { ownNumbersAllInvalid: false, ownConsecutiveFailures: 0 };
  const refused = phone.contact_id === null ? 0 : Number((await q.get<{ r: number }>('SELECT refused_contact AS r FROM contacts WHERE id = ?', [phone.contact_id]))?.r ?? 0);
  let overrideId: string | null = null;
  if (a.overrideId) {
    const o = await q.get<{ id: string }>('SELECT id FROM contact_overrides WHERE id = ? AND case_id = ? AND phone_id = ? AND used_at IS NULL', [a.overrideId, c.id, phone.id]);
    overrideId = o?.id ?? null;
  }
  const owner = phone.owner === 'self' || phone.owner === 'related' ? phone.owner : 'third_party';
  const result = checkContact(
    {
      now: effective, zone, caseStatus: c.status, caseTags: parseTags(c.tags),
      phone: { owner, status: phone.status, contactRefused: refused === 1 },
      unansweredToday: unanswered, conversationsToday: conversations,
      ownNumbersAllInvalid: ownAllInvalid, ownConsecutiveFailures: failures, override: overrideId !== null,
    },
    rules,
  );
  const broke = violatedRules(result);
  const usedOverride = result.overridden ? overrideId : null;
  const effectiveAt = effective.toISOString();
  const nowIso = ctx.now.toISOString();
  await q.run(
    `INSERT INTO attempt_checks (attempt_id, team_id, case_id, debtor_id, phone_id, owner, agent_id, device_id, device_at, effective_at, connected, rules, override_id, received_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [a.attemptId, teamId, c.id, c.debtor_id, phone.id, phone.owner, ctx.caller.userId, ctx.deviceId, deviceAt.toISOString(), effectiveAt, code.isContact ? 1 : 0, JSON.stringify(broke), usedOverride, nowIso],
  );
  if (usedOverride) {
    await q.run('UPDATE contact_overrides SET used_at = ?, used_by_attempt = ? WHERE id = ?', [nowIso, a.attemptId, usedOverride]);
    ctx.fan.add(await caseAudience(q, c, ctx.leads), 'contactOverride', usedOverride);
  }
  if (broke.length > 0) {
    await recordConflict(ctx, {
      teamId, caseId: Number(c.id), kind: 'contactViolation',
      detail: { attemptId: a.attemptId, rules: broke, agentId: String(ctx.caller.userId), at: effectiveAt, deviceAt: deviceAt.toISOString(), deviceId: ctx.deviceId, mutationId: ctx.mutationId },
    });
  }
  return { rules: broke, effectiveAt, overrideId: usedOverride };
}
