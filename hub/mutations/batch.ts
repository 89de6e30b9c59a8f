/** What a push batch reads once up front (one transaction): the cases it names, its teams' leads and outcome codes. */
import type { OutcomeCode } from '../../shared/contract';
import { inList, type Q } from '../store/types';
import { storedCode } from './codes';
import type { ParsedMutation } from './registry';

/** The case ids the batch's valid mutations name, in id order (the order they are locked in). */
export function namedCases(mutations: readonly ParsedMutation[]): number[] {
  const ids = new Set<number>();
  for (const p of mutations) {
    if (p.name === 'case.assign') for (const id of p.args.caseIds) ids.add(Number(id));
    else ids.add(Number(p.args.caseId));
  }
  return [...ids].sort((x, y) => x - y);
}

/** The leads and the outcome code tables of the teams a batch touches, in one round trip. */
export async function teamRefs(q: Q, teams: readonly number[], leads: Map<number, number[]>, codes: Map<number, Map<string, OutcomeCode>>): Promise<void> {
  if (teams.length === 0 || teams.length > 100) return; // looked up per team on demand instead
  const rows = await q.all<{ team_id: number; k: string; v: string }>(
    `SELECT team_id, 'lead' AS k, CAST(id AS TEXT) AS v FROM users WHERE team_id IN (${inList(teams.length)}) AND role IN ('lead', 'admin')
     UNION ALL SELECT team_id, 'code' AS k, body AS v FROM outcome_codes WHERE team_id IN (${inList(teams.length)})`,
    [...teams, ...teams],
  );
  for (const t of teams) {
    leads.set(t, []);
    codes.set(t, new Map());
  }
  for (const r of rows) {
    const t = Number(r.team_id);
    if (r.k === 'lead') leads.get(t)?.push(Number(r.v));
    else {
      const code = storedCode(r.v);
      codes.get(t)?.set(code.code, code);
    }
  }
}
