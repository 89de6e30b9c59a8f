/**
 * contact.check on the desk: the facts of one case and number read from the local database
 * (indexed, ≤ 2 ms on 100,000 cases), judged by the shared rules (shared/domain/contact-rules).
 * Works offline: everything it needs is on the desk.
 */
import type { ContactCheckResult } from '../../../shared/contract';
import { checkContact, debtorZone, violatedRules, type ContactFacts, type ContactRuleId } from '../../../shared/domain/contact-rules';
import { addDays, localDateOf, zonedToUtc } from '../../../shared/domain/dates';
import { PhoneOwner } from '../../../shared/domain/enums';
import type { Ctx } from '../context';
import type { CaseRow, PhoneRow } from '../cases/rows';
import { parseTags } from '../cases/views';
import { notFound } from '../errors';

/** The local day [start, end) of an instant in a zone, as ISO strings comparable with attempts.at. */
function dayBounds(now: Date, zone: string): [string, string] {
  const day = localDateOf(now, zone);
  return [zonedToUtc(day, '00:00', zone).toISOString(), zonedToUtc(addDays(day, 1), '00:00', zone).toISOString()];
}

export interface CallCheck extends ContactCheckResult {
  /** The open override this call would use (when it is what lets the call through). */
  overrideId: string | null;
}

/** The facts of dialling `phone` on case `c` at `now`; `excludeAttempt` leaves out an attempt already written. */
export function contactFacts(ctx: Ctx, c: CaseRow, phone: PhoneRow, now: Date): ContactFacts & { overrideId: string | null } {
  const zone = debtorZone(c.time_zone, ctx.settings().timeZone); // the debtor's own zone, else the team's
  const rules = ctx.settings().contactRules;
  const [from, to] = dayBounds(now, zone);
  const unanswered = ctx
    .prep<{ n: number }>(
      `SELECT count(*) AS n FROM attempts a JOIN outcome_codes o ON o.code = a.outcome_code
       WHERE a.phone_id = ? AND a.at >= ? AND a.at < ? AND a.channel = 'phone' AND o.is_contact = 0`,
    )
    .get(phone.id, from, to)?.n ?? 0;
  const conversations = ctx
    .prep<{ n: number }>(
      `SELECT count(*) AS n FROM cases k JOIN attempts a ON a.case_id = k.id JOIN outcome_codes o ON o.code = a.outcome_code
       WHERE k.debtor_id = ? AND a.at >= ? AND a.at < ? AND o.is_contact = 1`,
    )
    .get(c.debtor_id, from, to)?.n ?? 0;
  let ownAllInvalid = false;
  let failures = 0;
  if (phone.owner === 'third_party') {
    const own = ctx.prep<{ total: number; invalid: number | null }>(
      "SELECT count(*) AS total, sum(status = 'invalid') AS invalid FROM phones WHERE debtor_id = ? AND owner = 'self'",
    ).get(c.debtor_id);
    ownAllInvalid = !!own && own.total > 0 && own.invalid === own.total;
    const recent = ctx
      .prep<{ is_contact: number | null }>(
        `SELECT o.is_contact FROM phones p JOIN attempts a ON a.phone_id = p.id LEFT JOIN outcome_codes o ON o.code = a.outcome_code
         WHERE p.debtor_id = ? AND p.owner = 'self' AND a.channel = 'phone' ORDER BY a.at DESC LIMIT ?`,
      )
      .all(c.debtor_id, rules.thirdPartyAfterFailures);
    for (const r of recent) {
      if (r.is_contact === 1) break;
      failures++;
    }
  }
  const refused = phone.contact_id === null ? 0 : (ctx.prep<{ r: number }>('SELECT refused_contact AS r FROM contacts WHERE id = ?').get(phone.contact_id)?.r ?? 0);
  const override = ctx
    .prep<{ id: string }>('SELECT id FROM contact_overrides WHERE case_id = ? AND phone_id = ? AND used_at IS NULL ORDER BY created_at LIMIT 1')
    .get(c.id, phone.id);
  const owner = PhoneOwner.safeParse(phone.owner);
  return {
    now,
    zone,
    caseStatus: c.status,
    caseTags: parseTags(c.tags),
    phone: { owner: owner.success ? owner.data : 'third_party', status: phone.status, contactRefused: refused === 1 },
    unansweredToday: unanswered,
    conversationsToday: conversations,
    ownNumbersAllInvalid: ownAllInvalid,
    ownConsecutiveFailures: failures,
    override: override !== undefined,
    overrideId: override?.id ?? null,
  };
}

export function phoneOfCase(ctx: Ctx, c: CaseRow, phoneId: string): PhoneRow {
  const n = Number(phoneId);
  const phone = Number.isSafeInteger(n) ? ctx.prep<PhoneRow>('SELECT * FROM phones WHERE id = ? AND debtor_id = ?').get(n, c.debtor_id) : undefined;
  if (!phone) throw notFound('phone');
  return phone;
}

/** May `phone` on case `c` be dialled at `now`? */
export function checkCall(ctx: Ctx, c: CaseRow, phone: PhoneRow, now: Date = ctx.clock()): CallCheck {
  const { overrideId, ...facts } = contactFacts(ctx, c, phone, now);
  const r = checkContact(facts, ctx.settings().contactRules);
  return { ...r, overrideId: r.overridden ? overrideId : null };
}

/** What a recorded call broke, judged at its start (a record is never refused for it), and the override it used. */
export function attemptViolations(ctx: Ctx, c: CaseRow, phone: PhoneRow | undefined, channel: string, startedAt: Date): { violations: ContactRuleId[]; overrideId: string | null } {
  if (!phone || channel !== 'phone') return { violations: [], overrideId: null };
  const r = checkCall(ctx, c, phone, startedAt);
  return { violations: violatedRules(r), overrideId: r.overrideId };
}
