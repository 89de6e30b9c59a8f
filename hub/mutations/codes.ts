import { OutcomeCode } from '../../shared/contract';
import { memoByText } from '../text-memo';
import type { MutationCtx } from './context';

/** An outcome code as the hub stored it (written from a validated reference document); parsed once per distinct body. */
export const storedCode: (body: string) => OutcomeCode = memoByText((body: string) => body, (body) => OutcomeCode.parse(JSON.parse(body)));

/** The outcome codes of a team: the batch's table, read on demand when it was not preloaded. */
export async function codeTable(ctx: MutationCtx, teamId: number): Promise<Map<string, OutcomeCode>> {
  let table = ctx.codes.get(teamId);
  if (!table) {
    const rows = await ctx.q.all<{ body: string }>('SELECT body FROM outcome_codes WHERE team_id = ?', [teamId]);
    table = new Map(rows.map((r) => storedCode(r.body)).map((x) => [x.code, x]));
    ctx.codes.set(teamId, table);
  }
  return table;
}
