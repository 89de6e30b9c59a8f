/**
 * message.send (issue 11): an outbound SMS or letter a desk recorded. The hub never trusts the
 * desk: the caller holds the case; the text passes the team's banned phrases, names only the
 * case's amounts (none to a third party), fits its length; and an SMS keeps the contact rules
 * that apply to it — the number is the debtor's side's and not refused, the case is not on hold,
 * an unrelated third party only once the debtor is unreachable (shared thirdPartyLock),
 * not in quiet hours or on a rest day in the team's zone (the desk's time corrected by its clock
 * offset). A refusal names the rule; nothing is written.
 */
import { inQuietHours, thirdPartyLock } from '../../shared/domain/contact-rules';
import { checkMessage } from '../../shared/domain/message-checks';
import { partyOfPhone } from '../../shared/domain/message-party';
import { partyMayHearOfDebt } from '../../shared/domain/message-templates';
import { isRestDay } from '../../shared/domain/rest-days';
import type { CaseDb } from '../rows';
import { caseAudience } from '../feed';
import { caseInHand } from './case-lookup';
import { debtorReachability } from './contact-check';
import { Reject, iso, type Applier, type MutationCtx } from './context';
import { dayIn, teamRules } from './team-rules';
import type { MutationArgs } from '../../shared/sync';

async function smsRule(ctx: MutationCtx, c: CaseDb, m: MutationArgs<'message.send'>, zone: string, rules: Awaited<ReturnType<typeof teamRules>>): Promise<string | null> {
  if (m.phoneId === null) return 'message.noDestination';
  const phone = await ctx.q.get<{ owner: string; status: string; relation: string | null; refused: number | null }>(
    'SELECT p.owner, p.status, k.relation, k.refused_contact AS refused FROM phones p LEFT JOIN contacts k ON k.id = p.contact_id WHERE p.id = ? AND p.debtor_id = ?',
    [Number(m.phoneId), c.debtor_id],
  );
  if (!phone) return 'phone.notOnCase';
  // The party is the hub's own reading of the number, never the desk's word for it.
  if (partyOfPhone(phone.owner, phone.relation) !== m.party && !(m.party === 'third_party')) return 'message.templateAudience';
  if (phone.status !== 'valid' || Number(phone.refused ?? 0) === 1) return 'contact.refused';
  if (c.status === 'hold') return 'contact.caseOnHold';
  // An unrelated third party only once the debtor is unreachable (the desk's rule, on the hub's own numbers and attempts).
  if (phone.owner === 'third_party') {
    const locked = thirdPartyLock(await debtorReachability(ctx.q, Number(c.debtor_id), rules.contactRules.thirdPartyAfterFailures), rules.contactRules);
    if (locked) return locked.rule;
  }
  const at = new Date(Date.parse(m.at) + ctx.skewMs);
  if (inQuietHours(at, zone, rules.contactRules)) return 'contact.quietHours';
  if (isRestDay(dayIn(rules, at), rules.contactRules)) return 'contact.restDay';
  return null;
}

export const messageSend: Applier<'message.send'> = async (ctx, m) => {
  const found = await caseInHand(ctx, m.caseId, false);
  if (found instanceof Reject) return found;
  const { c } = found;
  if (await ctx.q.get('SELECT 1 AS x FROM messages WHERE id = ?', [m.messageId])) return null;
  const rules = await teamRules(ctx, Number(c.team_id));
  if (m.channel === 'sms') {
    const broken = await smsRule(ctx, c, m, rules.timeZone, rules);
    if (broken) return new Reject('ruleViolation', broken);
  } else if (!partyMayHearOfDebt(m.party)) {
    return new Reject('ruleViolation', 'message.templateAudience');
  }
  const ptp = await ctx.q.all<{ amount_fen: number }>("SELECT amount_fen FROM promises WHERE case_id = ? AND state = 'pending'", [c.id]);
  const problems = checkMessage({
    channel: m.channel, text: m.content, party: m.party, bannedPhrases: rules.bannedPhrases,
    caseAmountsFen: [Number(c.overdue_fen), Number(c.min_due_fen), Number(c.balance_fen), ...ptp.map((p) => Number(p.amount_fen))],
  });
  const first = problems[0];
  if (first) return new Reject('ruleViolation', first.rule);
  await ctx.q.run(
    `INSERT INTO messages (id, team_id, case_id, agent_id, device_id, phone_id, channel, template_id, party, destination, subject, content, status, gateway, at, received_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [m.messageId, c.team_id, c.id, ctx.caller.userId, ctx.deviceId, m.phoneId === null ? null : Number(m.phoneId), m.channel, m.templateId, m.party, m.destination, m.subject, m.content, m.status, m.gateway, iso(m.at), ctx.now.toISOString()],
  );
  // The team's leads and the holder (the sender: every desk of theirs) see it in the case's history.
  ctx.fan.add(await caseAudience(ctx.q, c, ctx.leads), 'message', m.messageId);
  return null;
};
