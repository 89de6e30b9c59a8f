import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Locale } from '../../../shared/domain/enums';
import zhCN from './zh-CN';
import en from './en';

export const LOCALES: readonly Locale[] = ['zh-CN', 'en'];
const STORAGE_KEY = 'collectdesk.locale';

export function storedLocale(): Locale {
  try {
    const v = window.localStorage.getItem(STORAGE_KEY);
    return v === 'en' || v === 'zh-CN' ? v : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

export function rememberLocale(locale: Locale): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    /* storage may be unavailable; the desk setting still holds the choice */
  }
}

void i18next.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
  lng: storedLocale(),
  fallbackLng: 'zh-CN',
  supportedLngs: ['zh-CN', 'en'],
  // Only the exact locale (then zh-CN): there is no bare 'zh' resource, and every t() call would
  // otherwise canonicalise 'zh-CN' three ways through Intl to find that out.
  load: 'currentOnly',
  interpolation: { escapeValue: false },
  returnNull: false,
});

export const i18n = i18next;

export function currentLocale(): Locale {
  return i18next.language === 'en' ? 'en' : 'zh-CN';
}
