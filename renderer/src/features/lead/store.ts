/** The lead's assignment view: agents with their open cases, a paged case table and the selection. */
import { create } from 'zustand';
import type { AssignPlan, DeskError, LeadAgent, LeadCase } from '../../../../shared/contract';
import { invoke } from '../../api';

export const LEAD_PAGE_SIZE = 50;

/** undefined = all cases; 'unassigned'; or an agent id. */
export type AgentFilter = string | undefined;

interface LeadState {
  agents: LeadAgent[];
  agentFilter: AgentFilter;
  search: string;
  page: number;
  items: LeadCase[];
  total: number;
  loading: boolean;
  error: DeskError | null;
  selected: string[];
  setAgentFilter(f: AgentFilter): void;
  setSearch(s: string): void;
  setPage(p: number): void;
  setSelected(ids: string[]): void;
  loadAgents(): Promise<void>;
  loadCases(): Promise<void>;
  refresh(): Promise<void>;
  assign(agentId: string | null): Promise<{ ok: true; assigned: number; plan: AssignPlan | null } | { ok: false; error: DeskError }>;
  reset(): void;
}

let seq = 0;

export const useLead = create<LeadState>((set, get) => ({
  agents: [],
  agentFilter: undefined,
  search: '',
  page: 0,
  items: [],
  total: 0,
  loading: false,
  error: null,
  selected: [],
  setAgentFilter(agentFilter) {
    set({ agentFilter, page: 0, selected: [] });
    void get().loadCases();
  },
  setSearch(search) {
    set({ search, page: 0, selected: [] });
    void get().loadCases();
  },
  setPage(page) {
    set({ page });
    void get().loadCases();
  },
  setSelected: (selected) => set({ selected }),
  async loadAgents() {
    const res = await invoke('lead.agents', {});
    if (res.ok) set({ agents: res.value.agents });
    else set({ error: res.error });
  },
  async loadCases() {
    const my = ++seq;
    const { agentFilter, search, page } = get();
    set({ loading: true });
    const res = await invoke('lead.cases', {
      ...(agentFilter ? { agentId: agentFilter } : {}),
      ...(search.trim() ? { search: search.trim() } : {}),
      offset: page * LEAD_PAGE_SIZE,
      limit: LEAD_PAGE_SIZE,
    });
    if (my !== seq) return;
    if (!res.ok) {
      set({ loading: false, error: res.error });
      return;
    }
    const ids = new Set(res.value.items.map((c) => c.caseId));
    set((s) => ({ loading: false, error: null, items: res.value.items, total: res.value.total, selected: s.selected.filter((id) => ids.has(id)) }));
  },
  async refresh() {
    await Promise.all([get().loadAgents(), get().loadCases()]);
  },
  async assign(agentId) {
    const caseIds = get().selected;
    if (caseIds.length === 0) return { ok: true, assigned: 0, plan: null };
    const res = await invoke('lead.assign', { caseIds, agentId });
    if (!res.ok) return { ok: false, error: res.error };
    set({ selected: [] });
    await get().refresh();
    return { ok: true, assigned: res.value.assigned, plan: res.value.plan };
  },
  reset() {
    seq++;
    set({ agents: [], agentFilter: undefined, search: '', page: 0, items: [], total: 0, loading: false, error: null, selected: [] });
  },
}));
