/** The desk's sync state (pushed by the core's 'sync.status' event, polled as a fallback) and the drawer. */
import { create } from 'zustand';
import type { RejectionView, SyncStatus, UnsyncedItem } from '../../../../shared/contract';
import { invoke, subscribe } from '../../api';

export const POLL_MS = 10_000;

interface SyncState {
  status: SyncStatus | null;
  drawerOpen: boolean;
  unsynced: UnsyncedItem[];
  rejections: RejectionView[];
  listsLoading: boolean;
  setStatus(s: SyncStatus): void;
  refresh(): Promise<void>;
  /** The unsynced and rejected lists (drawer open). */
  loadLists(): Promise<void>;
  openDrawer(): void;
  closeDrawer(): void;
}

export const useSync = create<SyncState>((set, get) => ({
  status: null,
  drawerOpen: false,
  unsynced: [],
  rejections: [],
  listsLoading: false,
  setStatus(status) {
    const prev = get().status;
    set({ status });
    // the drawer's lists follow the counts
    if (get().drawerOpen && (prev?.pending !== status.pending || prev?.rejections !== status.rejections || prev?.lastSyncAt !== status.lastSyncAt)) {
      void get().loadLists();
    }
  },
  async refresh() {
    const res = await invoke('sync.status', {});
    if (res.ok) get().setStatus(res.value);
  },
  async loadLists() {
    set({ listsLoading: true });
    const [u, r] = await Promise.all([invoke('sync.unsynced', {}), invoke('sync.rejections', {})]);
    set({
      listsLoading: false,
      ...(u.ok ? { unsynced: u.value.items } : {}),
      ...(r.ok ? { rejections: r.value.items } : {}),
    });
  },
  openDrawer() {
    set({ drawerOpen: true });
    void get().refresh();
    void get().loadLists();
  },
  closeDrawer: () => set({ drawerOpen: false }),
}));

/** Keep the status fresh while mounted: the core's event, plus a poll in case an event is missed. */
export function startSyncWatch(): () => void {
  const { refresh, setStatus } = useSync.getState();
  void refresh();
  const off = subscribe('sync.status', (s) => setStatus(s));
  const timer = window.setInterval(() => void refresh(), POLL_MS);
  return () => {
    off();
    window.clearInterval(timer);
  };
}

/** Save a text as a file through a Blob link (Chromium and Electron alike). */
export function downloadText(fileName: string, text: string, type = 'application/json'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 5_000);
}
