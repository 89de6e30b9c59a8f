import type { MyProgress } from '../../../shared/contract/dashboard';
import { targetFor } from '../../../shared/domain/targets';
import type { Ctx } from '../context';
import { readTargets } from '../targets/targets';
import { instantBounds } from './query';

/**
 * The signed-in user's today against their own day targets (the top bar): dial attempts, promised
 * amount and payments on their cases, counted as the dashboard counts them.
 */
export function myProgress(ctx: Ctx, agentId: number, today: string): MyProgress {
  const { fromAt, toAt } = instantBounds(today, today, ctx.settings().timeZone);
  const calls = ctx.prep<{ n: number }>("SELECT count(*) AS n FROM attempts WHERE agent_id = ? AND at >= ? AND at < ? AND channel = 'phone'").get(agentId, fromAt, toAt)?.n ?? 0;
  const ptpFen = ctx.prep<{ fen: number }>('SELECT coalesce(sum(amount_fen), 0) AS fen FROM promises WHERE created_date = ? AND agent_id = ?').get(today, agentId)?.fen ?? 0;
  const recoveredFen = ctx.prep<{ fen: number }>(
    'SELECT coalesce(sum(p.amount_fen), 0) AS fen FROM payments p JOIN cases c ON c.id = p.case_id WHERE p.paid_date = ? AND c.assigned_agent_id = ? AND p.verification = \'verified\'',
  ).get(today, agentId)?.fen ?? 0;
  const targets = readTargets(ctx);
  const me = String(agentId);
  return {
    today,
    calls,
    ptpFen,
    recoveredFen,
    targets: { calls: targetFor(targets, me, 'day', 'calls', today), ptpFen: targetFor(targets, me, 'day', 'ptpFen', today), recoveredFen: targetFor(targets, me, 'day', 'recoveredFen', today) },
  };
}
