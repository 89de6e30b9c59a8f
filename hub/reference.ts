/**
 * A team's reference data — outcome codes, scripts, team settings, targets — read and changed as
 * one document (the admin route and `npm run hub -- reference export|import`). Changes reach every
 * desk of the team through the normal pull feed.
 */
import { z } from 'zod';
import { DeskSettings, OutcomeCode } from '../shared/contract';
import { ScriptFile } from '../shared/domain/script-schema';
import { Target, TargetList, TargetPeriod } from '../shared/domain/targets';
import { Fanout, teamLeads, teamMembers, upsertMany } from './feed';
import type { Q } from './store/types';

/** Team rules the desks take from the hub (the language stays each agent's own choice). */
export const TeamSettings = DeskSettings.omit({ locale: true }).partial().strict(); // each key valid by shared/domain/settings.ts

/** Targets are checked by the rules the lead's desk applies too (shared/domain/targets.ts): known metrics, values that fit them, no overlaps. */
export const TargetInput = Target;

/**
 * What a lead or admin sends. Every part is optional: outcome codes and scripts are added or
 * changed by code / locale (never removed: old call records name them); settings are merged by
 * key; targets, when given, replace the team's targets.
 */
export const ReferenceUpdate = z.object({
  outcomeCodes: z.array(OutcomeCode).min(1).max(100).optional(),
  scripts: z.array(ScriptFile).min(1).max(2).optional(),
  settings: TeamSettings.optional(),
  targets: TargetList.optional(),
}).strict().superRefine((doc, ctx) => {
  const dup = (values: (string | null)[], path: (string | number)[], what: string) => {
    const seen = new Map<string, number>();
    values.forEach((v, i) => {
      if (v === null) return;
      if (seen.has(v)) ctx.addIssue({ code: 'custom', path: [...path, i], message: `${what} "${v}" appears twice (first at ${seen.get(v)})` });
      else seen.set(v, i);
    });
  };
  dup((doc.outcomeCodes ?? []).map((c) => c.code), ['outcomeCodes'], 'code');
  dup((doc.outcomeCodes ?? []).map((c) => c.hotkey), ['outcomeCodes'], 'hotkey');
  dup((doc.scripts ?? []).map((s) => s.locale), ['scripts'], 'locale');
});
export type ReferenceUpdate = z.infer<typeof ReferenceUpdate>;

export interface ReferenceDoc {
  outcomeCodes: OutcomeCode[];
  scripts: unknown[];
  settings: Record<string, unknown>;
  /** As stored: a row an older hub stored under a metric this version does not know is shown as is. */
  targets: { agentId: string | null; period: TargetPeriod; metric: string; value: number; from: string; to: string }[];
}

export async function readReference(q: Q, teamId: number): Promise<ReferenceDoc> {
  const codes = await q.all<{ body: string }>('SELECT body FROM outcome_codes WHERE team_id = ? ORDER BY code', [teamId]);
  const scripts = await q.all<{ body: string }>('SELECT body FROM scripts WHERE team_id = ? ORDER BY locale', [teamId]);
  const settings = await q.all<{ key: string; value: string }>('SELECT key, value FROM settings WHERE team_id = ? ORDER BY key', [teamId]);
  const targets = await q.all<{ agent_id: number | null; period: string; metric: string; value: number; from_date: string; to_date: string }>(
    'SELECT agent_id, period, metric, value, from_date, to_date FROM targets WHERE team_id = ? ORDER BY id', [teamId]);
  return {
    outcomeCodes: codes.map((r) => JSON.parse(r.body) as OutcomeCode).sort((a, b) => a.sort - b.sort),
    scripts: scripts.map((r) => JSON.parse(r.body) as unknown),
    settings: Object.fromEntries(settings.map((r) => [r.key, JSON.parse(r.value) as unknown])),
    targets: targets.map((t) => ({
      agentId: t.agent_id === null ? null : String(t.agent_id), period: TargetPeriod.parse(t.period), metric: t.metric, value: Number(t.value), from: t.from_date, to: t.to_date,
    })),
  };
}

/** Apply an update in the caller's write transaction; returns how many rows of each part changed. */
export async function writeReference(q: Q, teamId: number, doc: ReferenceUpdate, now: Date): Promise<Record<'outcomeCodes' | 'scripts' | 'settings' | 'targets', number>> {
  const members = await teamMembers(q, teamId);
  const fan = new Fanout();
  const at = now.toISOString();
  if (doc.targets) {
    const agents = new Set(members);
    const unknown = doc.targets.findIndex((t) => t.agentId !== null && !agents.has(Number(t.agentId)));
    if (unknown >= 0) throw new ReferenceDataError(`targets.${unknown}.agentId`, `no member ${doc.targets[unknown]?.agentId ?? ''} in this team`);
  }
  if (doc.outcomeCodes) {
    await upsertMany(q, 'outcome_codes', ['team_id', 'code', 'body'], doc.outcomeCodes.map((c) => [teamId, c.code, JSON.stringify(c)]), ['team_id', 'code'], ['body']);
    for (const c of doc.outcomeCodes) fan.add(members, 'outcomeCode', c.code);
  }
  if (doc.scripts) {
    await upsertMany(q, 'scripts', ['team_id', 'locale', 'body', 'updated_at'], doc.scripts.map((s) => [teamId, s.locale, JSON.stringify(s), at]), ['team_id', 'locale'], ['body', 'updated_at']);
    for (const s of doc.scripts) fan.add(members, 'script', s.locale);
  }
  const settings = Object.entries(doc.settings ?? {});
  if (settings.length) {
    await upsertMany(q, 'settings', ['team_id', 'key', 'value'], settings.map(([k, v]) => [teamId, k, JSON.stringify(v)]), ['team_id', 'key'], ['value']);
    for (const [k] of settings) fan.add(members, 'setting', k);
  }
  if (doc.targets) {
    const leads = await teamLeads(q, teamId);
    const audience = (agentId: number | null): number[] => (agentId === null ? members : [...new Set([...leads, agentId])]);
    for (const old of await q.all<{ id: number; agent_id: number | null }>('SELECT id, agent_id FROM targets WHERE team_id = ?', [teamId])) {
      fan.add(audience(old.agent_id === null ? null : Number(old.agent_id)), 'target', Number(old.id), 'del');
    }
    await q.run('DELETE FROM targets WHERE team_id = ?', [teamId]);
    for (const t of doc.targets) {
      const row = await q.get<{ id: number }>(
        'INSERT INTO targets (team_id, agent_id, period, metric, value, from_date, to_date) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id',
        [teamId, t.agentId === null ? null : Number(t.agentId), t.period, t.metric, t.value, t.from, t.to],
      );
      fan.add(audience(t.agentId === null ? null : Number(t.agentId)), 'target', Number(row?.id));
    }
  }
  await fan.flush(q);
  return { outcomeCodes: doc.outcomeCodes?.length ?? 0, scripts: doc.scripts?.length ?? 0, settings: settings.length, targets: doc.targets?.length ?? 0 };
}

/** A reference document that passed its schema but not the team's data (e.g. a target for a stranger). */
export class ReferenceDataError extends Error {
  constructor(readonly path: string, message: string) {
    super(`${path}: ${message}`);
    this.name = 'ReferenceError';
  }
}
