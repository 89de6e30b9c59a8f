import { DeskSettings } from '../../../shared/contract';
import { DEFAULT_BUCKET_BOUNDS } from '../../../shared/domain/buckets';
import { DEFAULT_TIME_ZONE } from '../../../shared/domain/dates';
import type { Ctx } from '../context';
import type { Db } from '../db/open';

export const DEFAULT_SETTINGS: DeskSettings = {
  locale: 'zh-CN',
  timeZone: DEFAULT_TIME_ZONE,
  institutionName: '示例资产管理有限公司',
  ptpMaxDays: 30,
  ptpGraceDays: 1,
  bucketBounds: { ...DEFAULT_BUCKET_BOUNDS },
};

const SETTING_KEYS = Object.keys(DEFAULT_SETTINGS) as (keyof DeskSettings)[];

/** Stored values over defaults; a stored value that no longer validates falls back to its default. */
export function loadSettings(db: Db): DeskSettings {
  const rows = db.prepare('SELECT key, value FROM settings').all() as { key: string; value: string }[];
  const merged: Record<string, unknown> = { ...DEFAULT_SETTINGS };
  for (const { key, value } of rows) {
    if ((SETTING_KEYS as string[]).includes(key)) merged[key] = JSON.parse(value);
  }
  const parsed = DeskSettings.safeParse(merged);
  if (parsed.success) return parsed.data;
  const fixed: Record<string, unknown> = { ...merged };
  for (const issue of parsed.error.issues) {
    const k = issue.path[0];
    if (typeof k === 'string' && k in DEFAULT_SETTINGS) fixed[k] = DEFAULT_SETTINGS[k as keyof DeskSettings];
  }
  return DeskSettings.parse(fixed);
}

export function isValidTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
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
  return row ? (JSON.parse(row.value) as unknown) : undefined;
}
export function setInternal(ctx: Pick<Ctx, 'prep'>, key: string, value: unknown): void {
  ctx
    .prep('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value')
    .run(`_${key}`, JSON.stringify(value));
}
