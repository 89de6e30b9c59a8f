/**
 * A case's SMS and letters as history-timeline entries (issue 11): the desk's own and those pulled
 * from the hub, newest first, masked, with the subject and the start of the text.
 */
import type { TimelineEntry } from '../../../shared/contract';
import { MessageParty, MessageStatus } from '../../../shared/contract/messages';
import { MessageChannel } from '../../../shared/domain/message-templates';
import type { Ctx } from '../context';
import { shownDestination } from './display';

/** Characters of the text the timeline shows (the message list shows it whole). */
export const EXCERPT_CHARS = 60;

interface Row {
  id: string;
  created_at: string;
  channel: string;
  status: string;
  party: string;
  destination: string;
  origin: 'desk' | 'hub' | null;
  subject: string;
  content: string;
  agent_name: string | null;
}

export function excerptOf(content: string): string {
  const flat = content.replace(/\s+/g, ' ').trim();
  const chars = [...flat];
  return chars.length <= EXCERPT_CHARS ? flat : `${chars.slice(0, EXCERPT_CHARS).join('')}…`;
}

export function caseMessages(ctx: Ctx, caseId: number, limit: number): Extract<TimelineEntry, { kind: 'message' }>[] {
  return ctx
    .prep<Row>(
      `SELECT m.id, m.created_at, m.channel, m.status, m.party, m.destination, m.origin, m.subject, m.content, a.display_name AS agent_name
       FROM messages m LEFT JOIN agents a ON a.id = m.agent_id WHERE m.case_id = ? ORDER BY m.created_at DESC, m.id DESC LIMIT ?`,
    )
    .all(caseId, limit)
    .map((r) => {
      const channel = MessageChannel.parse(r.channel);
      return {
        kind: 'message', id: r.id, at: r.created_at, channel, status: MessageStatus.parse(r.status), party: MessageParty.parse(r.party),
        destination: shownDestination({ channel, destination: r.destination, origin: r.origin }), subject: r.subject, excerpt: excerptOf(r.content), agentName: r.agent_name,
      };
    });
}
