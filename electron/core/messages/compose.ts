/**
 * A message on a case as the agent sees it before sending: the templates and recipients the case
 * offers, the merged text (or the agent's edit of it) and every problem that blocks it.
 */
import type { RouteOutput, RouteParsed } from '../../../shared/contract';
import type { MessageRecipient } from '../../../shared/contract/messages';
import { checkContact } from '../../../shared/domain/contact-rules';
import type { Locale } from '../../../shared/domain/enums';
import { renderTemplate, spokenDate } from '../../../shared/domain/merge';
import { formatFen } from '../../../shared/domain/money';
import { checkMessage, type MessageProblem } from '../../../shared/domain/message-checks';
import { maskPhone } from '../../../shared/domain/masking';
import { maskAddress, partyOfPhone } from '../../../shared/domain/message-party';
import { partyMayHearOfDebt, type MessageTemplate } from '../../../shared/domain/message-templates';
import { stripInvisible } from '../../../shared/domain/text-safety';
import type { Ctx } from '../context';
import { loadCaseFor } from '../cases/case-get';
import type { CaseRow, DebtorRow, PhoneRow } from '../cases/rows';
import { contactFacts } from '../contact/check';
import { DeskFailure, notFound } from '../errors';
import { mergeFieldsFor } from '../scripts/scripts';

interface PhoneWithContact {
  id: number;
  owner: string;
  number: string;
  status: string;
  contact_name: string | null;
  relation: string | null;
  refused: number | null;
}

/** A resolved recipient: what the screen shows and what the gateway gets. */
export interface Recipient extends MessageRecipient {
  phoneId: number | null;
  full: string;
}

function debtorOf(ctx: Ctx, c: CaseRow): DebtorRow {
  const d = ctx.prep<DebtorRow>('SELECT * FROM debtors WHERE id = ?').get(c.debtor_id);
  if (!d) throw notFound('debtor');
  return d;
}

/** The case's phones that may get an SMS (no invalid or refused number) and the debtor's address for a letter. */
export function recipientsOf(ctx: Ctx, c: CaseRow): Recipient[] {
  const d = debtorOf(ctx, c);
  const phones = ctx
    .prep<PhoneWithContact>(
      `SELECT p.id, p.owner, p.number, p.status, k.name AS contact_name, k.relation, k.refused_contact AS refused
       FROM phones p LEFT JOIN contacts k ON k.id = p.contact_id WHERE p.debtor_id = ? AND p.kind = 'mobile' ORDER BY p.owner <> 'self', p.id`,
    )
    .all(c.debtor_id);
  const out: Recipient[] = phones
    .filter((p) => p.status === 'valid' && p.refused !== 1)
    .map((p) => ({
      key: String(p.id), channel: 'sms', party: partyOfPhone(p.owner, p.relation), name: stripInvisible(p.contact_name ?? d.name),
      destination: maskPhone(p.number), phoneId: p.id, full: p.number,
    }));
  const address = d.home_address ?? d.registered_address ?? d.work_address;
  if (address) out.push({ key: 'address', channel: 'letter', party: 'self', name: stripInvisible(d.name), destination: maskAddress(address), phoneId: null, full: address });
  return out;
}

/** The amounts a message on this case may name: overdue, minimum due, balance, an open promise. */
export function caseAmounts(ctx: Ctx, c: CaseRow): number[] {
  const ptp = ctx.prep<{ amount_fen: number }>("SELECT amount_fen FROM promises WHERE case_id = ? AND state = 'pending'").all(c.id);
  return [c.overdue_fen, c.min_due_fen, c.balance_fen, ...ptp.map((p) => p.amount_fen)];
}

export function messageOptions(ctx: Ctx, i: RouteParsed<'message.options'>): RouteOutput<'message.options'> {
  const c = loadCaseFor(ctx, i.caseId);
  const locale = i.locale ?? ctx.settings().locale;
  const recipients = recipientsOf(ctx, c);
  const templates = ctx.settings().messageTemplates.filter((t) => t.locale === locale);
  return { templates, recipients: recipients.map(({ phoneId: _p, full: _f, ...r }) => r) };
}

export interface Composed {
  c: CaseRow;
  template: MessageTemplate;
  recipient: Recipient;
  subject: string;
  text: string;
  problems: MessageProblem[];
}


/** SMS contact rules where they apply to a message: no message to a refused number, on a held case, to a locked third party, in quiet hours or on a rest day. */
const SMS_CONTACT_RULES = new Set(['contact.refused', 'contact.caseOnHold', 'contact.thirdPartyLocked', 'contact.quietHours', 'contact.restDay']);

export function smsContactReasons(ctx: Ctx, c: CaseRow, phoneId: number, now: Date): { rule: string; params: Record<string, string | number> }[] {
  const phone = ctx.prep<PhoneRow>('SELECT * FROM phones WHERE id = ?').get(phoneId);
  if (!phone) return [];
  const { overrideId: _o, ...facts } = contactFacts(ctx, c, phone, now);
  return checkContact(facts, ctx.settings().contactRules).reasons.filter((r) => SMS_CONTACT_RULES.has(r.rule));
}

/** Merge a template for a recipient and check it (the agent's edited text instead, when given). */
export function compose(ctx: Ctx, i: RouteParsed<'message.preview'>, today: string): Composed {
  const c = loadCaseFor(ctx, i.caseId);
  const settings = ctx.settings();
  const template = settings.messageTemplates.find((t) => t.id === i.templateId);
  if (!template) throw new DeskFailure('NOT_FOUND', `template ${i.templateId} not found`, { field: 'templateId' });
  const recipient = recipientsOf(ctx, c).find((r) => r.key === i.recipient && r.channel === template.channel);
  if (!recipient) throw new DeskFailure('VALIDATION', `recipient ${i.recipient} cannot get a ${template.channel}`, { field: 'recipient', rule: 'message.noDestination' });
  // A contact who is not a party to the loan never gets a template that tells of the debt.
  if (template.audience === 'debtor' && !partyMayHearOfDebt(recipient.party)) {
    throw new DeskFailure('VALIDATION', 'This template discloses the debt; a third party may only get a third-party template.', { field: 'templateId', rule: 'message.templateAudience' });
  }
  const d = debtorOf(ctx, c);
  const agent = ctx.session.agent;
  const locale: Locale = template.locale;
  const ptp = ctx.prep<{ amount_fen: number; due_date: string }>("SELECT amount_fen, due_date FROM promises WHERE case_id = ? AND state = 'pending' ORDER BY created_at DESC LIMIT 1").get(c.id);
  const fields = {
    ...mergeFieldsFor(
      { c, debtorName: d.name, gender: d.gender === 'M' || d.gender === 'F' ? d.gender : null, agentName: agent?.displayName ?? '', agentNo: agent?.agentNo ?? '', institution: settings.institutionName },
      locale,
      today,
    ),
    ...(ptp ? { ptpDate: spokenDate(ptp.due_date, today, locale), ptpAmount: formatFen(ptp.amount_fen, locale) } : {}),
  };
  const text = stripInvisible(i.text ?? renderTemplate(template.body, fields));
  const subject = stripInvisible(renderTemplate(template.subject, fields));
  const problems = checkMessage({ channel: template.channel, text, party: recipient.party, caseAmountsFen: caseAmounts(ctx, c), bannedPhrases: settings.bannedPhrases });
  if (recipient.phoneId !== null) {
    for (const r of smsContactReasons(ctx, c, recipient.phoneId, ctx.clock())) problems.push({ rule: 'message.contactRule', params: { contactRule: r.rule, ...r.params } });
  }
  return { c, template, recipient, subject, text, problems };
}

export function previewMessage(ctx: Ctx, i: RouteParsed<'message.preview'>, today: string): RouteOutput<'message.preview'> {
  const m = compose(ctx, i, today);
  return { channel: m.template.channel, subject: m.subject, text: m.text, destination: m.recipient.destination, problems: m.problems };
}
