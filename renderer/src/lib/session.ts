/** Who is signed in and the desk-wide reference data every feature reads. */
import { create } from 'zustand';
import type { AgentInfo, DeskSettings, OutcomeCode } from '../../../shared/contract';
import type { Locale } from '../../../shared/domain/enums';
import { DEFAULT_TIME_ZONE } from '../../../shared/domain/dates';
import { currentLocale, i18n, rememberLocale } from '../i18n';
import { invoke } from '../api';

/** The main screen: the agent workstation or the lead's assignment view. */
export type MainView = 'desk' | 'lead';

export const isLeadRole = (agent: AgentInfo | null): boolean => agent?.role === 'lead' || agent?.role === 'admin';

interface SessionState {
  agent: AgentInfo | null;
  /** Bumped whenever the signed-in agent is set (login, hub connect): the main screen remounts. */
  epoch: number;
  view: MainView;
  settings: DeskSettings | null;
  outcomeCodes: OutcomeCode[];
  locale: Locale;
  /** Set when the core said UNAUTHENTICATED mid-session. */
  expired: boolean;
  setAgent(agent: AgentInfo | null): void;
  setView(view: MainView): void;
  /** Ask the core who is signed in now (after the desk switched databases: hub connect / disconnect). */
  reload(): Promise<AgentInfo | null>;
  loadDeskData(): Promise<void>;
  setLocale(locale: Locale): Promise<void>;
  expire(): void;
}

export const useSession = create<SessionState>((set, get) => ({
  agent: null,
  settings: null,
  outcomeCodes: [],
  locale: currentLocale(),
  expired: false,
  epoch: 0,
  view: 'desk',
  // leads land on their assignment view; agents on the workstation
  setAgent: (agent) => set((s) => ({ agent, expired: false, epoch: s.epoch + 1, view: isLeadRole(agent) ? 'lead' : 'desk' })),
  setView: (view) => set({ view: view === 'lead' && !isLeadRole(get().agent) ? 'desk' : view }),
  async reload() {
    const res = await invoke('auth.session', {});
    const agent = res.ok ? res.value.agent : null;
    if (agent) await get().loadDeskData();
    get().setAgent(agent);
    return agent;
  },
  async loadDeskData() {
    const [settings, reference] = await Promise.all([invoke('settings.get', {}), invoke('reference.get', {})]);
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
      const res = await invoke('settings.update', { locale });
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
