/**
 * A team's rules as the hub applies them to pushed work: the team settings (time zone, promise
 * horizon and grace, bucket bounds) and its scripts' required steps. Read once per push batch.
 * A stored value that does not validate falls back to the desk's default for that key, so bad
 * reference data can never make a push fail.
 */
import { DEFAULT_BUCKET_BOUNDS, bucketFor, scriptStageFor, type BucketBounds } from '../../shared/domain/buckets';
import { DEFAULT_TIME_ZONE, dpd, localDateOf } from '../../shared/domain/dates';
import { Locale, type LocalDate, type ScenarioId, type ScriptStage } from '../../shared/domain/enums';
import { DEFAULT_CONTACT_RULES, TEAM_SETTING_SCHEMAS, type ContactRulesSetting } from '../../shared/domain/settings';
import { DEFAULT_PTP_GRACE_DAYS, DEFAULT_PTP_MAX_DAYS } from '../../shared/domain/ptp';
import { REQUIRED_OPENING_STEP_IDS, ScriptFile } from '../../shared/domain/script-schema';
import { buildScriptView, requiredStepIdsOf } from '../../shared/domain/scripts';
import { memoByText } from '../text-memo';
import { BannedPhrasesSetting } from '../../shared/domain/banned-phrases';
import bannedPhrasesJson from '../../resources/banned-phrases.json';

/** Bundled defaults (resources/banned-phrases.json), used until a team sets its own list. */
const DEFAULT_BANNED_PHRASES: BannedPhrasesSetting = BannedPhrasesSetting.parse(bannedPhrasesJson);
import type { MutationCtx } from './context';

export interface TeamRules {
  timeZone: string;
  ptpMaxDays: number;
  ptpGraceDays: number;
  bucketBounds: BucketBounds;
  contactRules: ContactRulesSetting;
  bannedPhrases: BannedPhrasesSetting;
}

const DEFAULTS: TeamRules = { timeZone: DEFAULT_TIME_ZONE, ptpMaxDays: DEFAULT_PTP_MAX_DAYS, ptpGraceDays: DEFAULT_PTP_GRACE_DAYS, bucketBounds: DEFAULT_BUCKET_BOUNDS, contactRules: DEFAULT_CONTACT_RULES, bannedPhrases: DEFAULT_BANNED_PHRASES };

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * The settings rows of a team over the defaults, key by key (each checked by the shared settings
 * schema). Checked once per distinct set of rows: the same team's rows come with every push.
 */
export const rulesFrom: (rows: readonly { key: string; value: string }[]) => TeamRules = memoByText(
  (rows) => rows.map((r) => `${r.key}\u0000${r.value}`).join('\u0001'),
  checkRules,
  500,
);

function checkRules(rows: readonly { key: string; value: string }[]): TeamRules {
  const out: TeamRules = { ...DEFAULTS };
  for (const r of rows) {
    const v = parseJson(r.value);
    if (r.key === 'timeZone') {
      const z = TEAM_SETTING_SCHEMAS.timeZone.safeParse(v);
      if (z.success) out.timeZone = z.data;
    } else if (r.key === 'ptpMaxDays') {
      const n = TEAM_SETTING_SCHEMAS.ptpMaxDays.safeParse(v);
      if (n.success) out.ptpMaxDays = n.data;
    } else if (r.key === 'ptpGraceDays') {
      const n = TEAM_SETTING_SCHEMAS.ptpGraceDays.safeParse(v);
      if (n.success) out.ptpGraceDays = n.data;
    } else if (r.key === 'bucketBounds') {
      const b = TEAM_SETTING_SCHEMAS.bucketBounds.safeParse(v);
      if (b.success) out.bucketBounds = b.data;
    } else if (r.key === 'contactRules') {
      const c = TEAM_SETTING_SCHEMAS.contactRules.safeParse(v);
      if (c.success) out.contactRules = c.data;
    } else if (r.key === 'bannedPhrases') {
      const b = TEAM_SETTING_SCHEMAS.bannedPhrases.safeParse(v);
      if (b.success) out.bannedPhrases = b.data;
    }
  }
  return out;
}

interface TeamCache {
  rules?: Promise<TeamRules>;
  scripts?: Promise<Map<Locale, ScriptFile>>;
  steps: Map<string, string[][]>;
}
/** Per push batch (keyed by its write buffer, which lives exactly as long as the batch). */
const batches = new WeakMap<object, Map<number, TeamCache>>();

function cacheOf(ctx: MutationCtx, teamId: number): TeamCache {
  let teams = batches.get(ctx.w);
  if (!teams) batches.set(ctx.w, (teams = new Map()));
  let t = teams.get(teamId);
  if (!t) teams.set(teamId, (t = { steps: new Map() }));
  return t;
}

export function teamRules(ctx: MutationCtx, teamId: number): Promise<TeamRules> {
  const pre = ctx.rules.get(teamId);
  if (pre) return Promise.resolve(pre);
  const t = cacheOf(ctx, teamId);
  t.rules ??= ctx.q.all<{ key: string; value: string }>('SELECT key, value FROM settings WHERE team_id = ?', [teamId]).then(rulesFrom);
  return t.rules;
}

/** The team's scripts that parse; a broken one counts as absent. */
async function loadScripts(ctx: MutationCtx, teamId: number): Promise<Map<Locale, ScriptFile>> {
  const out = new Map<Locale, ScriptFile>();
  for (const r of await ctx.q.all<{ locale: string; body: string }>('SELECT locale, body FROM scripts WHERE team_id = ?', [teamId])) {
    const locale = Locale.safeParse(r.locale);
    const file = ScriptFile.safeParse(parseJson(r.body));
    if (locale.success && file.success) out.set(locale.data, file.data);
  }
  return out;
}

/** The local day of an instant in the team's zone. */
export const dayIn = (rules: TeamRules, instant: Date): LocalDate => localDateOf(instant, rules.timeZone);

/** The script stage of a case on a day, by the team's bucket bounds. */
export const stageOn = (rules: TeamRules, overdueSince: LocalDate, day: LocalDate): ScriptStage => scriptStageFor(bucketFor(dpd(overdueSince, day), rules.bucketBounds));

/**
 * The required step ids a right-party save must have ticked. The hub does not know which
 * language the desk showed (step ids are the same in every locale), so each locale is one
 * candidate: the team's script for it, or — when the team has none — the opening steps every
 * script starts with. The save passes when it satisfies a candidate; otherwise the first
 * candidate is what it missed.
 */
export async function requiredStepsFor(ctx: MutationCtx, teamId: number, stage: ScriptStage, scenario: ScenarioId | null, done: readonly string[]): Promise<string[]> {
  const t = cacheOf(ctx, teamId);
  const key = `${stage}|${scenario ?? ''}`;
  let candidates = t.steps.get(key);
  if (!candidates) {
    t.scripts ??= loadScripts(ctx, teamId);
    const scripts = await t.scripts;
    candidates = Locale.options.map((l) => {
      const file = scripts.get(l);
      return file ? requiredStepIdsOf(buildScriptView(file, stage, {}), scenario) : [...REQUIRED_OPENING_STEP_IDS];
    });
    t.steps.set(key, candidates);
  }
  const ticked = new Set(done);
  return candidates.find((ids) => ids.every((id) => ticked.has(id))) ?? candidates[0] ?? [];
}
