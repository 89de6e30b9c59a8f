/** What a push batch reads once up front (one transaction): the cases it names, its teams' leads, outcome codes and rules. */
import type { OutcomeCode } from '../../shared/contract';
import { inList, type Q } from '../store/types';
import { storedCode } from './codes';
import { rulesFrom, type TeamRules } from './team-rules';
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

/** What teamRefs reads per team: leads, outcome codes and the team's rules. */
export interface TeamRefs {
  leads: Map<number, number[]>;
  codes: Map<number, Map<string, OutcomeCode>>;
  rules: Map<number, TeamRules>;
}

/** The leads, outcome code tables and settings of the teams a batch touches, in one round trip. */
export async function teamRefs(q: Q, teams: readonly number[], into: TeamRefs): Promise<void> {
  if (teams.length === 0 || teams.length > 100) return; // looked up per team on demand instead
  const ids = inList(teams.length);
  const rows = await q.all<{ team_id: number; k: string; v: string; v2: string | null }>(
    `SELECT team_id, 'lead' AS k, CAST(id AS TEXT) AS v, NULL AS v2 FROM users WHERE team_id IN (${ids}) AND role IN ('lead', 'admin')
     UNION ALL SELECT team_id, 'code' AS k, body AS v, NULL AS v2 FROM outcome_codes WHERE team_id IN (${ids})
     UNION ALL SELECT team_id, 'setting' AS k, key AS v, value AS v2 FROM settings WHERE team_id IN (${ids})`,
    [...teams, ...teams, ...teams],
  );
  const settings = new Map<number, { key: string; value: string }[]>();
  for (const t of teams) {
    into.leads.set(t, []);
    into.codes.set(t, new Map());
    settings.set(t, []);
  }
  for (const r of rows) {
    const t = Number(r.team_id);
    if (r.k === 'lead') into.leads.get(t)?.push(Number(r.v));
    else if (r.k === 'setting') settings.get(t)?.push({ key: r.v, value: r.v2 ?? '' });
    else {
      const code = storedCode(r.v);
      into.codes.get(t)?.set(code.code, code);
    }
  }
  for (const [t, teamRows] of settings) into.rules.set(t, rulesFrom(teamRows));
}
