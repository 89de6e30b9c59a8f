/**
 * What makes a team setting usable, defined once: the desk checks it when the agent changes a
 * setting and when one arrives by pull, the hub before it stores one (docs/domain.md §4, §5).
 * A value that fails here must never reach date or bucket arithmetic: an unknown time zone
 * throws in every `Intl` call, so it would break every route that reads "today".
 */
import { z } from 'zod';
import { BucketId } from './enums';
import { BannedPhrasesSetting } from './banned-phrases';
import { MessageTemplatesSetting } from './message-templates';

/** Answers already known: building an Intl.DateTimeFormat costs ~0.3 ms, and the hub asks on every push. */
const zoneAnswers = new Map<string, boolean>();
const ZONE_ANSWERS_MAX = 1000; // bounded: a hostile caller may send any number of names

/** True when `Intl` knows the zone (an IANA name such as Asia/Shanghai). */
export function isValidTimeZone(tz: string): boolean {
  const known = zoneAnswers.get(tz);
  if (known !== undefined) return known;
  let ok: boolean;
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    ok = true;
  } catch {
    ok = false;
  }
  if (zoneAnswers.size < ZONE_ANSWERS_MAX) zoneAnswers.set(tz, ok);
  return ok;
}

export const TimeZone = z
  .string()
  .min(1)
  .max(64)
  .refine(isValidTimeZone, { message: 'not a time zone Intl knows (an IANA name such as Asia/Shanghai)' });

const Bound = z.number().int().min(1).max(3650);
const BOUND_KEYS = ['earlyMax', 'midMax', 'm1Max', 'm2Max', 'm3Max'] as const;

/** Inclusive upper DPD of each bucket: whole days, positive, each above the one before. */
export const BucketBoundsSetting = z
  .object({ earlyMax: Bound, midMax: Bound, m1Max: Bound, m2Max: Bound, m3Max: Bound })
  .strict()
  .superRefine((b, ctx) => {
    for (let i = 1; i < BOUND_KEYS.length; i++) {
      const [prev, key] = [BOUND_KEYS[i - 1], BOUND_KEYS[i]];
      if (prev && key && !(b[key] > b[prev])) ctx.addIssue({ code: 'custom', path: [key], message: `must be above ${prev} (${b[prev]})` });
    }
  });

// --- contact rules (issue 11): every number is a setting; a team may only make them stricter ---
const ClockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected HH:mm');
const DateList = z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD')).max(366);

/**
 * When and how often a debtor may be contacted (docs/domain.md, "Rules for contacting people").
 * The legal defaults are the loosest values allowed: no collection 22:00–08:00, ≤ 6 unanswered
 * dial attempts per number a day, ≤ 3 effective conversations per debtor a day.
 */
export const ContactRulesSetting = z
  .object({
    quietStart: ClockTime, // evening, at or before 22:00
    quietEnd: ClockTime, // morning, at or after 08:00
    restWeekdays: z.array(z.number().int().min(0).max(6)).max(7), // 0 = Sunday
    chinaHolidays: z.boolean(), // 法定节假日 off, 调休 make-up days on (chinese-days)
    extraRestDates: DateList, // the team's own days off (and years the holiday data lacks)
    extraWorkDates: DateList,
    maxUnansweredPerPhone: z.number().int().min(1).max(6),
    maxConversationsPerDebtor: z.number().int().min(1).max(3),
    sensitiveTags: z.array(z.string().min(1).max(32)).max(10), // 投诉倾向, 敏感客户 by default
    sensitiveMaxUnansweredPerPhone: z.number().int().min(1).max(6),
    sensitiveMaxConversationsPerDebtor: z.number().int().min(1).max(3),
    thirdPartyWhenOwnInvalid: z.boolean(),
    thirdPartyAfterFailures: z.number().int().min(1).max(50),
  })
  .strict()
  .superRefine((r, ctx) => {
    if (!(r.quietStart >= '12:00' && r.quietStart <= '22:00')) ctx.addIssue({ code: 'custom', path: ['quietStart'], message: 'must be between 12:00 and 22:00 (only a stricter window)' });
    if (!(r.quietEnd >= '08:00' && r.quietEnd < '12:00')) ctx.addIssue({ code: 'custom', path: ['quietEnd'], message: 'must be between 08:00 and 11:59 (only a stricter window)' });
  });
export type ContactRulesSetting = z.infer<typeof ContactRulesSetting>;

export const DEFAULT_CONTACT_RULES: ContactRulesSetting = {
  quietStart: '22:00',
  quietEnd: '08:00',
  restWeekdays: [],
  chinaHolidays: false,
  extraRestDates: [],
  extraWorkDates: [],
  maxUnansweredPerPhone: 6,
  maxConversationsPerDebtor: 3,
  sensitiveTags: ['complaint_risk', 'sensitive'],
  sensitiveMaxUnansweredPerPhone: 3,
  sensitiveMaxConversationsPerDebtor: 1,
  thirdPartyWhenOwnInvalid: true,
  thirdPartyAfterFailures: 3,
};
// --- end contact rules ---

/** The team settings a desk uses, by key. */
export const TEAM_SETTING_SCHEMAS = {
  timeZone: TimeZone,
  institutionName: z.string().min(1).max(100).refine((s) => s.trim().length > 0, { message: 'must not be blank' }), // 机构全称, merged into scripts
  ptpMaxDays: z.number().int().min(1).max(366), // furthest PTP date allowed from today
  ptpGraceDays: z.number().int().min(0).max(30), // broken after due date + grace
  bucketBounds: BucketBoundsSetting,
  screenLockMinutes: z.number().int().min(1).max(120), // idle minutes before the screen locks (default 5)
  retentionDays: z.number().int().min(0).max(3650), // a recalled or settled case stays on the desk this long (default 30)
  contactRules: ContactRulesSetting, // issue 11
  bannedPhrases: BannedPhrasesSetting, // issue 11; defaults in resources/banned-phrases.json
  messageTemplates: MessageTemplatesSetting, // issue 11; SMS and letter templates, defaults in resources/templates/
} as const;
export type TeamSettingKey = keyof typeof TEAM_SETTING_SCHEMAS;

export const isTeamSettingKey = (key: string): key is TeamSettingKey => Object.prototype.hasOwnProperty.call(TEAM_SETTING_SCHEMAS, key);

/**
 * Can a desk use `value` for `key`? Keys this version does not know pass (a newer hub's
 * setting is stored and left unused); a known key must match its schema.
 */
export function settingProblem(key: string, value: unknown): string | null {
  const schema: z.ZodType | undefined = isTeamSettingKey(key) ? TEAM_SETTING_SCHEMAS[key] : distributionSettingSchema(key);
  if (!schema) return null;
  const r = schema.safeParse(value);
  if (r.success) return null;
  const issue = r.error.issues[0];
  return `${[key, ...(issue?.path ?? [])].join('.')}: ${issue?.message ?? 'invalid'}`.slice(0, 200);
}

// ---------- distribution (分案) settings: kept apart from the settings above ----------

/**
 * agentBuckets: the buckets each agent works, for the byBucket strategy — agent id (a hub id)
 * -> buckets, each listed once. An agent left out has no skill set (takes what nobody else can).
 */
export const AgentBucketsSetting = z
  .record(z.string().regex(/^[1-9]\d{0,15}$/, 'an agent id'), z.array(BucketId).max(BucketId.options.length))
  .refine((m) => Object.keys(m).length <= 1000, { message: 'at most 1000 agents' })
  .superRefine((m, ctx) => {
    for (const [agent, list] of Object.entries(m)) {
      if (new Set(list).size !== list.length) ctx.addIssue({ code: 'custom', path: [agent], message: 'a bucket is listed twice' });
    }
  });
export type AgentBucketsSetting = z.infer<typeof AgentBucketsSetting>;

export const DISTRIBUTION_SETTING_SCHEMAS = { agentBuckets: AgentBucketsSetting } as const;

const isDistributionSettingKey = (key: string): key is keyof typeof DISTRIBUTION_SETTING_SCHEMAS => Object.prototype.hasOwnProperty.call(DISTRIBUTION_SETTING_SCHEMAS, key);

function distributionSettingSchema(key: string): z.ZodType | undefined {
  return isDistributionSettingKey(key) ? DISTRIBUTION_SETTING_SCHEMAS[key] : undefined;
}
