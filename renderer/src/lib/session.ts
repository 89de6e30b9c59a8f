/** Who is signed in and the desk-wide reference data every feature reads. */
import { create } from 'zustand';
import type { AgentInfo, DeskSettings, OutcomeCode } from '../../../shared/contract';
import type { Locale } from '../../../shared/domain/enums';
import { DEFAULT_TIME_ZONE } from '../../../shared/domain/dates';
import { currentLocale, i18n, rememberLocale } from '../i18n';
import { api } from '../api';

interface SessionState {
  booted: boolean;
  agent: AgentInfo | null;
  settings: DeskSettings | null;
  outcomeCodes: OutcomeCode[];
  locale: Locale;
  /** Set when the core said UNAUTHENTICATED mid-session. */
  expired: boolean;
  setAgent(agent: AgentInfo | null): void;
  loadDeskData(): Promise<void>;
  setLocale(locale: Locale): Promise<void>;
  expire(): void;
}

export const useSession = create<SessionState>((set, get) => ({
  booted: false,
  agent: null,
  settings: null,
  outcomeCodes: [],
  locale: currentLocale(),
  expired: false,
  setAgent: (agent) => set({ agent, expired: false }),
  async loadDeskData() {
    const [settings, reference] = await Promise.all([api.settings(), api.reference()]);
    if (settings.ok) {
      set({ settings: settings.value });
      if (settings.value.locale !== get().locale) await applyLocale(settings.value.locale, set);
    }
    if (reference.ok) {
      set({ outcomeCodes: [...reference.value.outcomeCodes].sort((a, b) => a.sort - b.sort) });
    }
  },
  async setLocale(locale) {
    await applyLocale(locale, set);
    if (get().agent) {
      const res = await api.updateSettings({ locale });
      if (res.ok) set({ settings: res.value });
    }
  },
  expire: () => set({ agent: null, expired: true }),
}));

async function applyLocale(locale: Locale, set: (s: Partial<SessionState>) => void): Promise<void> {
  rememberLocale(locale);
  await i18n.changeLanguage(locale);
  document.documentElement.lang = locale;
  set({ locale });
}

export const useTimeZone = (): string => useSession((s) => s.settings?.timeZone ?? DEFAULT_TIME_ZONE);
export const useLocale = (): Locale => useSession((s) => s.locale);
export const timeZoneNow = (): string => useSession.getState().settings?.timeZone ?? DEFAULT_TIME_ZONE;
