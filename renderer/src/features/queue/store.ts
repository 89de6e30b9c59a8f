import { create } from 'zustand';
import type { DeskError, QueueFilter, QueueItem } from '../../../../shared/contract';
import { invoke, subscribe } from '../../api';

export const PAGE_SIZE = 50;

interface QueueState {
  filter: QueueFilter;
  /** fresh pages of the current generation */
  pages: Record<number, QueueItem[]>;
  /** the previous generation's pages, shown until fresh ones arrive (no flicker on refresh) */
  stale: Record<number, QueueItem[]>;
  total: number;
  /** The core counted a broad search only so far: the total is "at least". */
  totalAtLeast: boolean;
  dueCount: number;
  loaded: boolean;
  error: DeskError | null;
  gen: number;
  setFilter(patch: Partial<QueueFilter>): void;
  ensurePages(pageIdx: number[]): void;
  refresh(): void;
  itemAt(index: number): QueueItem | undefined;
  reset(): void;
  /**
   * The unfiltered first page for `agentId`, asked for as soon as the session is known: the
   * workstation's first render then already has its rows (one render instead of two). Resolves
   * when the page has arrived (or failed).
   */
  prefetch(agentId: string): Promise<void>;
  /** The panel's first page: the one prefetched for this agent (arrived or on its way), or asked for now. */
  start(agentId: string | null): void;
}

const inflight = new Set<string>();
let visible: number[] = [0];
/** Whose queue the prefetched first page is (a page is never kept for another agent). */
let prefetchedFor: string | null = null;

export const useQueue = create<QueueState>((set, get) => {
  const fetchPage = async (page: number) => {
    const { gen, filter } = get();
    const key = `${gen}:${page}`;
    if (inflight.has(key)) return;
    inflight.add(key);
    const res = await invoke('queue.list', { filter, offset: page * PAGE_SIZE, limit: PAGE_SIZE });
    inflight.delete(key);
    if (get().gen !== gen) return;
    if (!res.ok) {
      set({ error: res.error, loaded: true });
      return;
    }
    set((s) => ({
      pages: { ...s.pages, [page]: res.value.items },
      total: res.value.total,
      totalAtLeast: res.value.totalAtLeast ?? false,
      dueCount: res.value.dueCount,
      loaded: true,
      error: null,
    }));
  };

  return {
    filter: {},
    pages: {},
    stale: {},
    total: 0,
    totalAtLeast: false,
    dueCount: 0,
    loaded: false,
    error: null,
    gen: 0,
    setFilter(patch) {
      const filter: QueueFilter = { ...get().filter, ...patch };
      for (const k of Object.keys(filter) as (keyof QueueFilter)[]) {
        if (filter[k] === undefined || filter[k] === '') delete filter[k];
      }
      set((s) => ({ filter, gen: s.gen + 1, pages: {}, stale: {}, total: 0, totalAtLeast: false, loaded: false }));
      void fetchPage(0);
    },
    ensurePages(pageIdx) {
      visible = pageIdx.length ? pageIdx : [0];
      const { pages } = get();
      for (const p of pageIdx) if (!pages[p]) void fetchPage(p);
    },
    refresh() {
      set((s) => ({ gen: s.gen + 1, stale: { ...s.stale, ...s.pages }, pages: {} }));
      for (const p of new Set([0, ...visible])) void fetchPage(p);
    },
    itemAt(index) {
      const page = Math.floor(index / PAGE_SIZE);
      const { pages, stale } = get();
      return (pages[page] ?? stale[page])?.[index % PAGE_SIZE];
    },
    prefetch(agentId) {
      get().reset();
      prefetchedFor = agentId;
      return fetchPage(0);
    },
    start(agentId) {
      const { filter, pages, gen } = get();
      const kept = agentId !== null && prefetchedFor === agentId && Object.keys(filter).length === 0 && (pages[0] !== undefined || inflight.has(`${gen}:0`));
      prefetchedFor = null;
      if (!kept) get().setFilter({});
    },
    reset() {
      visible = [0];
      prefetchedFor = null;
      set((s) => ({ filter: {}, pages: {}, stale: {}, total: 0, totalAtLeast: false, dueCount: 0, loaded: false, error: null, gen: s.gen + 1 }));
    },
  };
});

/**
 * Re-read the queue when the core says its order changed; returns the unsubscribe. The core
 * announces every change (our own saves and payments, due follow-ups, pulls, assignments) with
 * 'queue.changed', so that event alone drives the refresh: a save re-reads the queue once.
 */
export function watchQueue(): () => void {
  return subscribe('queue.changed', () => useQueue.getState().refresh());
}
