/**
 * `npm run hub -- report summary --team T [--agent USER] --from YYYY-MM-DD --to YYYY-MM-DD
 *  --format json|docx|pdf|xlsx [--out FILE] [--locale zh-CN|en]`: the summary GET
 * /v1/reports/summary answers, from the hub's database. --format json prints one line of the
 * figures (as `npm run report` does on a desk). Exit codes: 0 done, 2 bad arguments.
 */
import fs from 'node:fs';
import { isValidLocalDate } from '../../shared/domain/dates';
import { Locale } from '../../shared/domain/enums';
import { buildSummaryDoc } from '../../shared/reports/document';
import { DocFormat, type ReportScope } from '../../shared/reports/model';
import { writeDoc } from '../../node-shared/reports/export';
import { teamByName } from '../admin';
import type { Store } from '../store/types';
import { loadSummary } from './load';

export interface ReportCommand {
  team: string;
  agent?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  format?: string | undefined;
  out?: string | undefined;
  locale?: string | undefined;
}

export async function hubReport(store: Store, c: ReportCommand, now: Date, out: (line: string) => void, err: (line: string) => void): Promise<number> {
  const fail = (m: string): number => {
    err(m);
    return 2;
  };
  for (const k of ['from', 'to'] as const) if (!c[k] || !isValidLocalDate(c[k])) return fail(`--${k} must be a date YYYY-MM-DD (got ${c[k] ?? 'nothing'})`);
  const from = c.from ?? '';
  const to = c.to ?? '';
  if (from > to) return fail('--from is after --to');
  const format = c.format === 'json' ? 'json' : DocFormat.safeParse(c.format);
  if (format !== 'json' && !format.success) return fail(`--format is docx, pdf, xlsx or json (got ${c.format ?? 'nothing'})`);
  if (format !== 'json' && !c.out) return fail('--out FILE is needed for docx, pdf and xlsx');
  const locale = Locale.safeParse(c.locale ?? 'zh-CN');
  if (!locale.success) return fail('--locale is zh-CN or en');
  const found = await store.read(async (q): Promise<{ error: string } | { teamId: number; scope: ReportScope }> => {
    const teamId = await teamByName(q, c.team).catch(() => null);
    if (teamId === null) return { error: `--team: no team "${c.team}"` };
    if (c.agent === undefined) return { teamId, scope: { kind: 'team' } };
    const u = await q.get<{ id: number; team_id: number | null }>('SELECT id, team_id FROM users WHERE username = ?', [c.agent.trim().toLowerCase()]); // user names are stored lower-case
    if (!u || Number(u.team_id) !== teamId) return { error: `--agent: no user "${c.agent}" in team ${c.team}` };
    return { teamId, scope: { kind: 'agent', agentId: String(u.id) } };
  });
  if ('error' in found) return fail(found.error);
  const data = await store.read((q) => loadSummary(q, found.teamId, found.scope, from, to, now));
  if (format === 'json') {
    out(JSON.stringify(data.figures));
    return 0;
  }
  const doc = buildSummaryDoc(data, locale.data);
  fs.writeFileSync(c.out ?? '', await writeDoc(doc, format.data));
  out(`${c.out}: ${doc.fileStem}.${format.data}`);
  return 0;
}
