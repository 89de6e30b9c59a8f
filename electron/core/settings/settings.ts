import { DeskSettings } from '../../../shared/contract';
import { DEFAULT_BUCKET_BOUNDS } from '../../../shared/domain/buckets';
import { DEFAULT_TIME_ZONE } from '../../../shared/domain/dates';
import { DEFAULT_CONTACT_RULES } from '../../../shared/domain/settings';
import { BannedPhrasesSetting } from '../../../shared/domain/banned-phrases';
import bannedPhrasesJson from '../../../resources/banned-phrases.json';
import { DEFAULT_MESSAGE_TEMPLATES } from '../messages/default-templates';

/** The bundled default list (resources/banned-phrases.json); a team edits its own on the hub. */
export const DEFAULT_BANNED_PHRASES: BannedPhrasesSetting = BannedPhrasesSetting.parse(bannedPhrasesJson);
import type { Ctx } from '../context';
import type { Db } from '../db/open';

export const DEFAULT_SETTINGS: DeskSettings = {
  locale: 'zh-CN',
  timeZone: DEFAULT_TIME_ZONE,
  institutionName: '示例资产管理有限公司',
  ptpMaxDays: 30,
  ptpGraceDays: 1,
  bucketBounds: { ...DEFAULT_BUCKET_BOUNDS },
  screenLockMinutes: 5,
  retentionDays: 30,
  contactRules: DEFAULT_CONTACT_RULES,
  bannedPhrases: DEFAULT_BANNED_PHRASES,
  messageTemplates: DEFAULT_MESSAGE_TEMPLATES,
};

const SETTING_KEYS = Object.keys(DEFAULT_SETTINGS) as (keyof DeskSettings)[];
const isDeskSettingKey = (key: string): key is keyof DeskSettings => Object.prototype.hasOwnProperty.call(DeskSettings.shape, key);

/**
 * Stored values over defaults. Each key is checked on its own (shared/domain/settings.ts): a
 * stored value that does not parse or no longer validates — an older desk stored whatever the
 * hub sent — falls back to its default, so one bad row never breaks every route.
 */
export function loadSettings(db: Db): DeskSettings {
  const rows = db.prepare('SELECT key, value FROM settings').all() as { key: string; value: string }[];
  const merged: Record<string, unknown> = { ...DEFAULT_SETTINGS };
  for (const { key, value } of rows) {
    if (!isDeskSettingKey(key)) continue;
    const v = parseJson(value);
    if (v.ok && DeskSettings.shape[key].safeParse(v.value).success) merged[key] = v.value;
  }
  const parsed = DeskSettings.safeParse(merged);
  return parsed.success ? parsed.data : { ...DEFAULT_SETTINGS, bucketBounds: { ...DEFAULT_SETTINGS.bucketBounds } };
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

export function saveSettings(ctx: Pick<Ctx, 'prep'>, patch: Partial<DeskSettings>): void {
  const st = ctx.prep('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
  for (const [k, v] of Object.entries(patch)) {
    if (v !== undefined && (SETTING_KEYS as string[]).includes(k)) st.run(k, JSON.stringify(v));
  }
}

/** Internal bookkeeping values (not DeskSettings) live in the same table under a '_' prefix. */
export function getInternal(ctx: Pick<Ctx, 'prep'>, key: string): unknown {
  const row = ctx.prep<{ value: string }>('SELECT value FROM settings WHERE key = ?').get(`_${key}`);
  if (!row) return undefined;
  const v = parseJson(row.value);
  return v.ok ? v.value : undefined;
}
export function setInternal(ctx: Pick<Ctx, 'prep'>, key: string, value: unknown): void {
  ctx
    .prep('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value')
    .run(`_${key}`, JSON.stringify(value));
}
