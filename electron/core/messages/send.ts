/**
 * Sending a message: checked exactly as previewed, stored before the gateway sees it (a crash
 * mid-send leaves a `sending` row, never nothing), then the gateway's answer, the audit entry and
 * the outbox row for the hub in one transaction.
 */
import type { RouteOutput, RouteParsed } from '../../../shared/contract';
import type { MessageView } from '../../../shared/contract/messages';
import { appendAudit } from '../audit/audit';
import type { Ctx } from '../context';
import { loadCaseFor } from '../cases/case-get';
import { DeskFailure } from '../errors';
import { newRowId } from '../row-id';
import { writeOutbox } from '../sync/outbox';
import { compose } from './compose';
import { shownDestination } from './display';
import type { MessageGateway } from './gateway';

export interface MessageDbRow {
  id: string;
  case_id: number;
  agent_id: number | null;
  channel: 'sms' | 'letter';
  template_id: string;
  party: 'self' | 'co_borrower' | 'guarantor' | 'third_party';
  phone_id: number | null;
  destination: string;
  subject: string;
  content: string;
  gateway: string;
  status: 'sending' | 'recorded' | 'sent' | 'failed';
  gateway_ref: string | null;
  error: string | null;
  created_at: string;
  /** desk migration 017: 'hub' for a copy pulled from the hub (its destination already masked). */
  origin?: 'desk' | 'hub';
  agent_name?: string | null;
}

export function messageView(r: MessageDbRow): MessageView {
  return {
    id: r.id, caseId: String(r.case_id), channel: r.channel, templateId: r.template_id, party: r.party, destination: shownDestination(r),
    subject: r.subject, content: r.content, status: r.status, gateway: r.gateway, error: r.error, agentName: r.agent_name ?? null, at: r.created_at,
  };
}

const SELECT = 'SELECT m.*, a.display_name AS agent_name FROM messages m LEFT JOIN agents a ON a.id = m.agent_id';

export function listMessages(ctx: Ctx, i: RouteParsed<'message.list'>): RouteOutput<'message.list'> {
  const c = loadCaseFor(ctx, i.caseId);
  return ctx.prep<MessageDbRow>(`${SELECT} WHERE m.case_id = ? ORDER BY m.created_at DESC, m.id DESC`).all(c.id).map(messageView);
}

export function messageById(ctx: Ctx, id: string): MessageDbRow | undefined {
  return ctx.prep<MessageDbRow>(`${SELECT} WHERE m.id = ?`).get(id);
}

export async function sendMessage(ctx: Ctx, gateway: MessageGateway, i: RouteParsed<'message.send'>, today: string): Promise<RouteOutput<'message.send'>> {
  const again = ctx.prep<{ id: string }>('SELECT id FROM messages WHERE client_request_id = ?').get(i.clientRequestId);
  if (again) {
    const r = messageById(ctx, again.id);
    if (r && String(r.case_id) === i.caseId) return { message: messageView(r) };
    throw new DeskFailure('VALIDATION', 'This clientRequestId was already used for another case.', { field: 'clientRequestId', rule: 'attempt.requestIdReused' });
  }
  const m = compose(ctx, i, today);
  const first = m.problems[0];
  if (first) {
    throw new DeskFailure('VALIDATION', `The message cannot be sent: ${m.problems.map((p) => p.rule).join(', ')}`, {
      field: 'text', rule: first.rule, params: { ...first.params, ...(first.start !== undefined ? { start: first.start, end: first.end ?? first.start } : {}) },
    });
  }
  const id = newRowId(ctx.clock().getTime());
  const at = ctx.clock().toISOString();
  ctx.prep(
    `INSERT INTO messages (id, client_request_id, case_id, agent_id, channel, template_id, party, phone_id, destination, subject, content, gateway, status, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'sending', ?)`,
  ).run(id, i.clientRequestId, m.c.id, ctx.session.agentId, m.template.channel, m.template.id, m.recipient.party, m.recipient.phoneId, m.recipient.full, m.subject, m.text, gateway.name, at);

  const result = await gateway.send({ id, channel: m.template.channel, destination: m.recipient.full, subject: m.subject, content: m.text, templateId: m.template.id });

  ctx.db.transaction(() => {
    ctx.prep('UPDATE messages SET status = ?, gateway_ref = ?, error = ?, sent_at = ? WHERE id = ?').run(result.status, result.ref, result.error, ctx.clock().toISOString(), id);
    appendAudit(ctx, { action: 'message.send', entity: 'case', entityId: m.c.id, detail: { messageId: id, channel: m.template.channel, templateId: m.template.id, party: m.recipient.party, status: result.status, gateway: gateway.name } });
    writeOutbox(ctx, 'message.send', {
      messageId: id, caseId: String(m.c.id), phoneId: m.recipient.phoneId === null ? null : String(m.recipient.phoneId), channel: m.template.channel, templateId: m.template.id,
      party: m.recipient.party, destination: m.recipient.destination, subject: m.subject.slice(0, 100), content: m.text, status: result.status, gateway: gateway.name, at,
    });
  }).immediate();
  const row = messageById(ctx, id);
  if (!row) throw new Error('message row vanished');
  return { message: messageView(row) };
}
