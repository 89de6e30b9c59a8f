/**
 * The shell's own settings (window bounds, menu locale) in electron-store, validated with zod
 * on every read: a hand-edited or corrupt settings file falls back to defaults field by field.
 * The desk's business settings live in its database (settings.get/update routes).
 */
import { z } from 'zod';
import { Locale } from '../../shared/domain/enums';

export const WindowState = z.object({
  x: z.number().int().optional(),
  y: z.number().int().optional(),
  width: z.number().int().min(200).max(20_000),
  height: z.number().int().min(200).max(20_000),
  maximized: z.boolean().optional(),
});
export type WindowState = z.infer<typeof WindowState>;

export const AppSettings = z.object({
  locale: Locale,
  window: WindowState.nullable(),
});
export type AppSettings = z.infer<typeof AppSettings>;

export const DEFAULT_SETTINGS: AppSettings = { locale: 'zh-CN', window: null };

/** Field-by-field validation with defaults; never throws. */
export function parseSettings(raw: unknown): AppSettings {
  const obj = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
  const locale = Locale.safeParse(obj.locale);
  const window = WindowState.safeParse(obj.window);
  return {
    locale: locale.success ? locale.data : DEFAULT_SETTINGS.locale,
    window: window.success ? window.data : DEFAULT_SETTINGS.window,
  };
}

export interface SettingsStore {
  get(): AppSettings;
  update(patch: Partial<AppSettings>): AppSettings;
}

/** Minimal surface of an electron-store instance (injectable in tests). */
export interface KeyValueStore {
  readonly store: unknown;
  set(key: string, value: unknown): void;
}

export function createSettingsStore(kv: KeyValueStore): SettingsStore {
  return {
    get: () => parseSettings(kv.store),
    update(patch) {
      const next = AppSettings.parse({ ...parseSettings(kv.store), ...patch });
      kv.set('locale', next.locale);
      kv.set('window', next.window);
      return next;
    },
  };
}

/**
 * electron-store 11 is ESM-only; a dynamic import keeps the CommonJS main bundle loading it
 * lazily. It stores settings.json in app.getPath('userData').
 */
export async function openSettingsStore(): Promise<SettingsStore> {
  const { default: Store } = await import('electron-store');
  const kv = new Store<Record<string, unknown>>({ name: 'settings', clearInvalidConfig: true });
  return createSettingsStore(kv);
}
