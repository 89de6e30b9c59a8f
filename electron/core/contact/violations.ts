/**
 * Calls that broke a contact rule, for the lead console: the hub's re-check (contactViolation
 * conflicts, the team's record) and the attempts this desk flagged itself that the hub has not
 * (yet) reported — a desk in local mode has only those.
 */
import { z } from 'zod';
import type { ContactViolation, RouteOutput } from '../../../shared/contract';
import { CONTACT_RULE_IDS } from '../../../shared/domain/contact-rules';
import { ConflictRow } from '../../../shared/sync';
import type { Ctx } from '../context';

const LIST_MAX = 500;
const Rules = z.array(z.enum(CONTACT_RULE_IDS)).max(10);
const Detail = z.object({ attemptId: z.string().max(64), rules: Rules, agentId: z.string().max(20).optional(), at: z.string().optional() });

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

export function contactViolations(ctx: Ctx): RouteOutput<'contact.violations'> {
  const names = ctx.prep<{ name: string }>('SELECT d.name FROM cases c JOIN debtors d ON d.id = c.debtor_id WHERE c.id = ?');
  const agent = ctx.prep<{ display_name: string; agent_no: string }>('SELECT display_name, agent_no FROM agents WHERE id = ?');
  const agentName = (id: string | number | undefined | null): string | null => {
    if (id === undefined || id === null || !/^\d+$/.test(String(id))) return null;
    const a = agent.get(Number(id));
    return a ? `${a.display_name}（${a.agent_no}）` : null;
  };
  // The number the call went to (when this desk holds the attempt): the lead may allow one more call on it.
  const phoneOf = ctx.prep<{ phone_id: number | null }>('SELECT phone_id FROM attempts WHERE id = ?');
  const phone = (attemptId: string): string | null => {
    const p = phoneOf.get(attemptId)?.phone_id;
    return p === undefined || p === null ? null : String(p);
  };
  const out: ContactViolation[] = [];
  const seen = new Set<string>();
  for (const { row } of ctx.prep<{ row: string }>("SELECT row FROM hub_rows WHERE entity = 'conflict'").all()) {
    const c = ConflictRow.safeParse(parse(row));
    if (!c.success || c.data.kind !== 'contactViolation' || !c.data.caseId) continue;
    const d = Detail.safeParse(c.data.detail);
    if (!d.success) continue;
    seen.add(d.data.attemptId);
    out.push({
      attemptId: d.data.attemptId, caseId: c.data.caseId, phoneId: phone(d.data.attemptId), debtorName: names.get(Number(c.data.caseId))?.name ?? null,
      agentName: agentName(d.data.agentId), rules: d.data.rules, at: d.data.at && !Number.isNaN(Date.parse(d.data.at)) ? new Date(d.data.at).toISOString() : c.data.createdAt,
      source: 'hub', resolvedAt: c.data.resolvedAt,
    });
  }
  const local = ctx
    .prep<{ id: string; case_id: number; agent_id: number; violations: string; at: string }>(
      "SELECT id, case_id, agent_id, violations, at FROM attempts WHERE violations <> '[]' ORDER BY at DESC LIMIT ?",
    )
    .all(LIST_MAX);
  for (const a of local) {
    if (seen.has(a.id)) continue;
    const rules = Rules.safeParse(parse(a.violations));
    if (!rules.success) continue;
    out.push({
      attemptId: a.id, caseId: String(a.case_id), phoneId: phone(a.id), debtorName: names.get(a.case_id)?.name ?? null, agentName: agentName(a.agent_id),
      rules: rules.data, at: a.at, source: 'desk', resolvedAt: null,
    });
  }
  out.sort((x, y) => Number(x.resolvedAt !== null) - Number(y.resolvedAt !== null) || y.at.localeCompare(x.at));
  const items = out.slice(0, LIST_MAX);
  return { items, open: out.filter((v) => v.resolvedAt === null).length };
}
