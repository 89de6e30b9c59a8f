/**
 * SMS and letter templates (issue 11): the team setting `messageTemplates` (defaults in
 * resources/templates/), edited by the lead and synced to every desk as reference data.
 * A template for third parties (audience `thirdParty`) may not merge any field that tells of the
 * debt: a contact who is not a party to the loan must never learn of it from us.
 */
import { z } from 'zod';
import { Locale } from './enums';
import { MERGE_FIELD_KEYS, isMergeField, templateFields, type MergeFields } from './merge';

export const MessageChannel = z.enum(['sms', 'letter']);
export type MessageChannel = z.infer<typeof MessageChannel>;

/** debtor: the debtor and the debt-related parties (co-borrower, guarantor); thirdParty: anyone, discloses nothing. */
export const MessageAudience = z.enum(['debtor', 'thirdParty']);
export type MessageAudience = z.infer<typeof MessageAudience>;

/** Merge fields that disclose the debt: never in a third-party template. */
export const DEBT_FIELDS: readonly (keyof MergeFields)[] = ['overdueAmount', 'minDue', 'balance', 'dpd', 'ptpDate', 'ptpAmount', 'creditor'];

export const TemplateId = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, 'lower-case letters, digits, _ and -, at most 40');

export const MessageTemplate = z
  .object({
    id: TemplateId,
    channel: MessageChannel,
    locale: Locale,
    audience: MessageAudience,
    name: z.string().trim().min(1).max(60),
    /** A letter's title line (unused for SMS). */
    subject: z.string().max(100).default(''),
    body: z.string().trim().min(1).max(4000),
  })
  .strict()
  .superRefine((t, ctx) => {
    for (const f of templateFields(`${t.subject}\n${t.body}`)) {
      if (!isMergeField(f)) ctx.addIssue({ code: 'custom', path: ['body'], message: `unknown merge field {{${f}}} (known: ${MERGE_FIELD_KEYS.join(', ')})` });
      else if (t.audience === 'thirdParty' && DEBT_FIELDS.includes(f)) ctx.addIssue({ code: 'custom', path: ['body'], message: `a third-party template must not merge {{${f}}}: it discloses the debt` });
    }
  });
export type MessageTemplate = z.infer<typeof MessageTemplate>;

export const MessageTemplatesSetting = z
  .array(MessageTemplate)
  .max(100)
  .superRefine((list, ctx) => {
    const seen = new Set<string>();
    list.forEach((t, i) => {
      if (seen.has(t.id)) ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `template id "${t.id}" appears twice` });
      seen.add(t.id);
    });
  });
export type MessageTemplatesSetting = z.infer<typeof MessageTemplatesSetting>;

/** Parties a debt may be told to (docs/domain.md): the debtor and the parties to the loan. */
export const DEBT_PARTIES = ['self', 'co_borrower', 'guarantor'] as const;
export type MessageParty = 'self' | 'co_borrower' | 'guarantor' | 'third_party';

export const partyMayHearOfDebt = (party: MessageParty): boolean => (DEBT_PARTIES as readonly string[]).includes(party);

/** The templates a recipient may get: a third party only third-party templates. */
export function templatesFor(list: readonly MessageTemplate[], channel: MessageChannel, locale: Locale, party: MessageParty): MessageTemplate[] {
  return list.filter((t) => t.channel === channel && t.locale === locale && (t.audience === 'thirdParty' || partyMayHearOfDebt(party)));
}
