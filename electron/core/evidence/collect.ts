/**
 * A case's evidence (issue 11): its attempts, promises, payments, messages and audit trail, as
 * plain JSON records (personal numbers masked, as in every export), and whether "two provable
 * collections at least 30 days apart" holds. A provable collection is a connected call with a
 * party to the loan, or an SMS or letter that went out (or was recorded as sent) to one.
 */
import type { EvidenceView } from '../../../shared/contract/messages';
import { localDateOf } from '../../../shared/domain/dates';
import { maskPersonalText } from '../../../shared/domain/masking';
import { twoCollections30DaysApart } from '../../../shared/domain/evidence-rule';
import type { Ctx } from '../context';
import { loadCaseFor } from '../cases/case-get';
import type { CaseRow } from '../cases/rows';
import { messageView, type MessageDbRow } from '../messages/send';

export interface EvidenceRecords {
  case: { id: string; creditor: string; accountTail: string; balanceFen: number; overdueFen: number; overdueSince: string; status: string };
  attempts: { id: string; at: string; channel: string; party: string; outcomeCode: string; connected: boolean; note: string; agentId: number | null }[];
  promises: { id: string; amountFen: number; dueDate: string; state: string; createdAt: string }[];
  payments: { id: string; amountFen: number; paidDate: string; source: string }[];
  messages: ReturnType<typeof messageView>[];
  audit: { seq: number; at: string; agentId: number | null; action: string; detail: unknown }[];
  evidence: EvidenceView;
}

const DEBT_PARTIES = new Set(['self', 'co_borrower', 'guarantor']);

export function collectEvidence(ctx: Ctx, caseId: string): { c: CaseRow; records: EvidenceRecords } {
  const c = loadCaseFor(ctx, caseId);
  const zone = ctx.settings().timeZone;
  const attempts = ctx
    .prep<{ id: string; at: string; channel: string; party: string; outcome_code: string; is_contact: number | null; note: string; agent_id: number | null }>(
      `SELECT a.id, a.at, a.channel, a.party, a.outcome_code, o.is_contact, a.note, a.agent_id FROM attempts a
       LEFT JOIN outcome_codes o ON o.code = a.outcome_code WHERE a.case_id = ? ORDER BY a.at, a.id`,
    )
    .all(c.id);
  const promises = ctx.prep<{ id: string; amount_fen: number; due_date: string; state: string; created_at: string }>('SELECT id, amount_fen, due_date, state, created_at FROM promises WHERE case_id = ? ORDER BY created_at, id').all(c.id);
  const payments = ctx.prep<{ id: string; amount_fen: number; paid_date: string; source: string }>('SELECT id, amount_fen, paid_date, source FROM payments WHERE case_id = ? ORDER BY paid_date, id').all(c.id);
  const messages = ctx.prep<MessageDbRow>('SELECT m.*, g.display_name AS agent_name FROM messages m LEFT JOIN agents g ON g.id = m.agent_id WHERE m.case_id = ? ORDER BY m.created_at, m.id').all(c.id);
  const audit = ctx.prep<{ seq: number; at: string; agent_id: number | null; action: string; detail: string }>(
    "SELECT seq, at, agent_id, action, detail FROM audit_log WHERE entity = 'case' AND entity_id = ? ORDER BY seq",
  ).all(String(c.id));

  const collections: EvidenceView['collections'] = [];
  for (const a of attempts) {
    if (a.channel === 'phone' && a.is_contact === 1 && DEBT_PARTIES.has(a.party)) collections.push({ date: localDateOf(new Date(a.at), zone), kind: 'call' });
  }
  for (const m of messages) {
    if ((m.status === 'sent' || m.status === 'recorded') && DEBT_PARTIES.has(m.party)) collections.push({ date: localDateOf(new Date(m.created_at), zone), kind: m.channel });
  }
  collections.sort((x, y) => x.date.localeCompare(y.date));
  const rule = twoCollections30DaysApart(collections.map((x) => x.date));

  return {
    c,
    records: {
      case: { id: String(c.id), creditor: c.creditor, accountTail: c.account_no.slice(-4), balanceFen: c.balance_fen, overdueFen: c.overdue_fen, overdueSince: c.overdue_since, status: c.status },
      attempts: attempts.map((a) => ({ id: a.id, at: a.at, channel: a.channel, party: a.party, outcomeCode: a.outcome_code, connected: a.is_contact === 1, note: maskPersonalText(a.note), agentId: a.agent_id })),
      promises: promises.map((p) => ({ id: p.id, amountFen: p.amount_fen, dueDate: p.due_date, state: p.state, createdAt: p.created_at })),
      payments: payments.map((p) => ({ id: p.id, amountFen: p.amount_fen, paidDate: p.paid_date, source: p.source })),
      messages: messages.map((m) => ({ ...messageView(m), content: maskPersonalText(m.content) })),
      audit: audit.map((r) => ({ seq: r.seq, at: r.at, agentId: r.agent_id, action: r.action, detail: JSON.parse(maskPersonalText(r.detail)) as unknown })),
      evidence: { ...rule, collections },
    },
  };
}
