/**
 * SMS and letters on a case (issue 11): templates, a checked preview, sending through the desk's
 * gateway, the case's message history, a letter as PDF, and the case's evidence pack.
 */
import { z } from 'zod';
import { Id, Instant, Locale } from '../domain/enums';
import { MessageChannel, MessageTemplate, MessageTemplatesSetting } from '../domain/message-templates';
import { MESSAGE_RULE_IDS } from '../domain/message-checks';
import { Ok, route } from './route';

export const MessageParty = z.enum(['self', 'co_borrower', 'guarantor', 'third_party']);
/** `sending`: stored before the gateway answered (a crash mid-send leaves it so). */
export const MessageStatus = z.enum(['sending', 'recorded', 'sent', 'failed']);

/** Someone a message can go to: a phone of the case (SMS) or the debtor's address (letter); masked. */
export const MessageRecipient = z.object({
  /** phone id, or 'address' for the debtor's address. */
  key: z.string().max(64),
  channel: MessageChannel,
  party: MessageParty,
  name: z.string(),
  destination: z.string(), // masked
});
export type MessageRecipient = z.infer<typeof MessageRecipient>;

export const MessageProblemView = z.object({
  rule: z.enum(MESSAGE_RULE_IDS),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
  start: z.number().int().optional(),
  end: z.number().int().optional(),
});
export type MessageProblemView = z.infer<typeof MessageProblemView>;

export const MessageView = z.object({
  id: Id,
  caseId: Id,
  channel: MessageChannel,
  templateId: z.string(),
  party: MessageParty,
  destination: z.string(), // masked
  subject: z.string(),
  content: z.string(),
  status: MessageStatus,
  gateway: z.string(),
  error: z.string().nullable(),
  agentName: z.string().nullable(),
  at: Instant,
});
export type MessageView = z.infer<typeof MessageView>;

const Compose = z.object({
  caseId: Id,
  templateId: z.string().min(1).max(40),
  recipient: z.string().min(1).max(64),
  /** The agent's edit of the merged text; checked exactly as the template's own. */
  text: z.string().max(8000).optional(),
}).strict();

export const HttpGatewaySettings = z.object({
  url: z.url({ protocol: /^https?$/ }).max(500),
  key: z.string().max(500),
  templateId: z.string().max(100),
  timeoutMs: z.number().int().min(500).max(60_000).default(10_000),
}).strict();

export const EvidenceView = z.object({
  holds: z.boolean(),
  first: z.string().nullable(),
  second: z.string().nullable(),
  gapDays: z.number().nullable(),
  collections: z.array(z.object({ date: z.string(), kind: z.enum(['call', 'sms', 'letter']) })),
});
export type EvidenceView = z.infer<typeof EvidenceView>;

const FileOut = z.object({ fileName: z.string(), mime: z.string(), base64: z.string() });

export const messageRoutes = {
  /** The templates and recipients a case offers (a third party sees only third-party templates). */
  'message.options': route({
    access: 'agent',
    input: z.object({ caseId: Id, locale: Locale.optional() }).strict(),
    output: z.object({ templates: z.array(MessageTemplate), recipients: z.array(MessageRecipient) }),
  }),
  /** The merged text and every problem that would block sending it. */
  'message.preview': route({
    access: 'agent',
    input: Compose,
    output: z.object({ channel: MessageChannel, subject: z.string(), text: z.string(), destination: z.string(), problems: z.array(MessageProblemView) }),
  }),
  /** Check and send through the configured gateway; refused (VALIDATION, the first problem) when a check fails. */
  'message.send': route({
    access: 'agent',
    input: Compose.extend({ clientRequestId: z.string().min(8).max(64) }),
    output: z.object({ message: MessageView }),
  }),
  'message.list': route({ access: 'agent', input: z.object({ caseId: Id }).strict(), output: z.array(MessageView) }),
  /** A letter (preview or a sent one) as a one-page PDF, with the summaries' PDF code. */
  'message.letterPdf': route({
    access: 'agent',
    input: z.union([Compose, z.object({ messageId: Id }).strict()]),
    output: FileOut.extend({ pages: z.number().int() }),
  }),
  /** Lead: replace the team's templates (team mode: on the hub, synced back to every desk). */
  'message.saveTemplates': route({ access: 'lead', input: z.object({ templates: MessageTemplatesSetting }).strict(), output: Ok }),
  /** Lead: the SMS gateway of this desk — none (record only) or an HTTP gateway. The key is never read back. */
  'message.gateway': route({
    access: 'lead',
    input: z.object({ set: z.union([z.literal('record'), HttpGatewaySettings]).optional() }).strict(),
    output: z.object({ kind: z.enum(['record', 'http']), url: z.string().nullable(), templateId: z.string().nullable(), hasKey: z.boolean(), timeoutMs: z.number().int().nullable() }),
  }),
  /** Whether "two provable collections at least 30 days apart" holds on the case, with the dates. */
  'evidence.check': route({ access: 'agent', input: z.object({ caseId: Id }).strict(), output: EvidenceView }),
  /** The case's evidence pack: a PDF, or a ZIP of the JSON records with the PDF inside. */
  'evidence.pack': route({ access: 'agent', input: z.object({ caseId: Id, format: z.enum(['pdf', 'zip']) }).strict(), output: FileOut }),
};
