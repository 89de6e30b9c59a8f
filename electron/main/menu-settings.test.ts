import { describe, expect, it, vi } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { buildMenuTemplate, MENU_STRINGS } from './menu';
import { createSettingsStore, DEFAULT_SETTINGS, parseSettings } from './settings';

const actions = () => ({ setLocale: vi.fn(), openLogs: vi.fn(), openData: vi.fn(), about: vi.fn() });
const labels = (items: MenuItemConstructorOptions[]) => items.map((i) => i.label);

describe('menu', () => {
  it('has the same keys in both languages', () => {
    expect(Object.keys(MENU_STRINGS.en).sort()).toEqual(Object.keys(MENU_STRINGS['zh-CN']).sort());
  });

  it('is labelled in the chosen language, dev items only in development', () => {
    const zh = buildMenuTemplate('zh-CN', actions(), { dev: false, platform: 'win32' });
    expect(labels(zh)).toEqual(['文件', '编辑', '视图', '语言', '帮助']);
    const view = zh[2]!.submenu as MenuItemConstructorOptions[];
    expect(view.some((i) => i.role === 'toggleDevTools' || i.role === 'reload')).toBe(false);
    const devView = buildMenuTemplate('en', actions(), { dev: true, platform: 'win32' })[2]!.submenu as MenuItemConstructorOptions[];
    expect(devView.some((i) => i.role === 'toggleDevTools')).toBe(true);
    expect(labels(buildMenuTemplate('en', actions(), { dev: false, platform: 'win32' }))).toEqual(['File', 'Edit', 'View', 'Language', 'Help']);
  });

  it('switches language through the action', () => {
    const a = actions();
    const lang = buildMenuTemplate('zh-CN', a, { dev: false, platform: 'win32' })[3]!.submenu as MenuItemConstructorOptions[];
    expect(lang.map((i) => i.checked)).toEqual([true, false]);
    (lang[1]!.click as () => void)();
    expect(a.setLocale).toHaveBeenCalledWith('en');
  });
});

describe('settings', () => {
  it('validates field by field and falls back to defaults', () => {
    expect(parseSettings(undefined)).toEqual(DEFAULT_SETTINGS);
    expect(parseSettings('garbage')).toEqual(DEFAULT_SETTINGS);
    expect(parseSettings({ locale: 'fr', window: { width: 1400, height: 800, x: 1, y: 2 } })).toEqual({
      locale: 'zh-CN',
      window: { width: 1400, height: 800, x: 1, y: 2 },
    });
    expect(parseSettings({ locale: 'en', window: { width: 'wide' } })).toEqual({ locale: 'en', window: null });
    expect(parseSettings({ locale: 'en', window: { width: 1e9, height: 800 } }).window).toBeNull();
  });

  it('persists through a key-value store', () => {
    const data: Record<string, unknown> = {};
    const store = createSettingsStore({ get store() { return data; }, set: (k, v) => void (data[k] = v) });
    expect(store.get()).toEqual(DEFAULT_SETTINGS);
    store.update({ locale: 'en' });
    store.update({ window: { width: 1300, height: 800, maximized: true } });
    expect(store.get()).toEqual({ locale: 'en', window: { width: 1300, height: 800, maximized: true } });
    expect(() => store.update({ locale: 'xx' as never })).toThrow();
  });
});
