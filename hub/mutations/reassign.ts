import { bundleKeys, caseAudience, type Fanout } from '../feed';
import type { CaseDb } from '../rows';
import type { Q } from '../store/types';

/** Move cases to `to` (null = unassigned): the old owner gets a del, the new one the whole bundle, leads the case. */
export async function reassign(q: Q, fan: Fanout, cases: readonly CaseDb[], to: number | null, now: Date, leads: Map<number, number[]>): Promise<void> {
  const nowIso = now.toISOString();
  const gained: number[] = [];
  for (const c of cases) {
    const from = c.assigned_agent_id === null ? null : Number(c.assigned_agent_id);
    if (from === to) continue;
    await q.run('UPDATE cases SET assigned_agent_id = ?, updated_at = ? WHERE id = ?', [to, nowIso, c.id]);
    if (from !== null) {
      await q.run('UPDATE case_holders SET released_at = ? WHERE case_id = ? AND user_id = ?', [nowIso, c.id, from]);
      fan.add([from], 'case', c.id, 'del');
    }
    if (to !== null) {
      await q.run(
        'INSERT INTO case_holders (case_id, user_id, since) VALUES (?, ?, ?) ON CONFLICT (case_id, user_id) DO UPDATE SET since = excluded.since, released_at = NULL',
        [c.id, to, nowIso],
      );
      gained.push(Number(c.id));
    }
    fan.add(await caseAudience(q, { team_id: c.team_id, assigned_agent_id: null }, leads), 'case', c.id);
  }
  if (to !== null) for (const [entity, id] of await bundleKeys(q, gained)) fan.add([to], entity, id);
}
