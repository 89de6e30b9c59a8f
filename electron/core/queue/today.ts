import type { RouteOutput } from '../../../shared/contract';
import { addDays, zonedToUtc } from '../../../shared/domain/dates';
import type { Ctx } from '../context';

/** The agent's own figures for `today` (local day in the desk's zone): calls, contacts, promises, money collected. */
export function todayFigures(ctx: Ctx, agentId: number, today: string): RouteOutput<'queue.today'> {
  const tz = ctx.settings().timeZone;
  const from = zonedToUtc(today, '00:00', tz).toISOString();
  const to = zonedToUtc(addDays(today, 1), '00:00', tz).toISOString();
  const a = ctx
    .prep<{ calls: number; contacts: number }>(
      `SELECT count(*) AS calls, coalesce(sum(o.is_contact), 0) AS contacts
       FROM attempts a LEFT JOIN outcome_codes o ON o.code = a.outcome_code
       WHERE a.agent_id = ? AND a.at >= ? AND a.at < ? AND a.channel = 'phone'`,
    )
    .get(agentId, from, to);
  const ptps = ctx.prep<{ n: number }>('SELECT count(*) AS n FROM promises WHERE agent_id = ? AND created_date = ?').get(agentId, today)?.n ?? 0;
  const collected =
    ctx
      .prep<{ fen: number }>(
        'SELECT coalesce(sum(p.amount_fen), 0) AS fen FROM payments p JOIN cases c ON c.id = p.case_id WHERE c.assigned_agent_id = ? AND p.paid_date = ? AND p.verification = \'verified\'',
      )
      .get(agentId, today)?.fen ?? 0;
  return { calls: a?.calls ?? 0, contacts: a?.contacts ?? 0, ptps, collectedFen: collected };
}
