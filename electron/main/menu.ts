/**
 * The application menu as a pure template builder (actions injected), with its own small
 * zh-CN/en table: the menu exists before the renderer's i18n has loaded.
 */
import type { MenuItemConstructorOptions } from 'electron';
import type { Locale } from '../../shared/domain/enums';

export const MENU_STRINGS = {
  'zh-CN': {
    app: '催收工作台',
    file: '文件',
    quit: '退出',
    edit: '编辑',
    undo: '撤销',
    redo: '重做',
    cut: '剪切',
    copy: '复制',
    paste: '粘贴',
    selectAll: '全选',
    view: '视图',
    reload: '重新加载',
    devTools: '开发者工具',
    resetZoom: '实际大小',
    zoomIn: '放大',
    zoomOut: '缩小',
    fullScreen: '全屏',
    language: '语言',
    help: '帮助',
    openLogs: '打开日志文件夹',
    openData: '打开数据文件夹',
    about: '关于催收工作台',
  },
  en: {
    app: 'CollectDesk',
    file: 'File',
    quit: 'Quit',
    edit: 'Edit',
    undo: 'Undo',
    redo: 'Redo',
    cut: 'Cut',
    copy: 'Copy',
    paste: 'Paste',
    selectAll: 'Select All',
    view: 'View',
    reload: 'Reload',
    devTools: 'Developer Tools',
    resetZoom: 'Actual Size',
    zoomIn: 'Zoom In',
    zoomOut: 'Zoom Out',
    fullScreen: 'Full Screen',
    language: 'Language',
    help: 'Help',
    openLogs: 'Open Log Folder',
    openData: 'Open Data Folder',
    about: 'About CollectDesk',
  },
} as const satisfies Record<Locale, Record<string, string>>;

export type MenuStrings = (typeof MENU_STRINGS)[Locale];

export const menuStrings = (locale: Locale): MenuStrings => MENU_STRINGS[locale] ?? MENU_STRINGS['zh-CN'];

export interface MenuActions {
  setLocale(locale: Locale): void;
  openLogs(): void;
  openData(): void;
  about(): void;
}

export function buildMenuTemplate(
  locale: Locale,
  actions: MenuActions,
  opts: { dev: boolean; platform: NodeJS.Platform },
): MenuItemConstructorOptions[] {
  const t = menuStrings(locale);
  const view: MenuItemConstructorOptions[] = [
    ...(opts.dev
      ? ([{ label: t.reload, role: 'reload' }, { label: t.devTools, role: 'toggleDevTools' }, { type: 'separator' }] as const)
      : []),
    { label: t.resetZoom, role: 'resetZoom' },
    { label: t.zoomIn, role: 'zoomIn' },
    { label: t.zoomOut, role: 'zoomOut' },
    { type: 'separator' },
    { label: t.fullScreen, role: 'togglefullscreen' },
  ];
  return [
    ...(opts.platform === 'darwin' ? [{ label: t.app, role: 'appMenu' } as const] : []),
    { label: t.file, submenu: [{ label: t.quit, role: 'quit' }] },
    {
      label: t.edit,
      submenu: [
        { label: t.undo, role: 'undo' },
        { label: t.redo, role: 'redo' },
        { type: 'separator' },
        { label: t.cut, role: 'cut' },
        { label: t.copy, role: 'copy' },
        { label: t.paste, role: 'paste' },
        { label: t.selectAll, role: 'selectAll' },
      ],
    },
    { label: t.view, submenu: view },
    {
      label: t.language,
      submenu: [
        { label: '中文（简体）', type: 'radio', checked: locale === 'zh-CN', click: () => actions.setLocale('zh-CN') },
        { label: 'English', type: 'radio', checked: locale === 'en', click: () => actions.setLocale('en') },
      ],
    },
    {
      label: t.help,
      submenu: [
        { label: t.openLogs, click: () => actions.openLogs() },
        { label: t.openData, click: () => actions.openData() },
        { type: 'separator' },
        { label: t.about, click: () => actions.about() },
      ],
    },
  ];
}
