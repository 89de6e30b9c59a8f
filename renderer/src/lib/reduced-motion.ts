/**
 * The system's "reduce motion" setting (Windows: Settings > Accessibility > Visual effects >
 * Animation effects off; Chromium reports it as `prefers-reduced-motion: reduce`). When it is on,
 * dialogs, drawers and messages appear without sliding or zooming (antd's `motion` token).
 */
import { useSyncExternalStore } from 'react';

const QUERY = '(prefers-reduced-motion: reduce)';

let list: MediaQueryList | null | undefined;
/** One query list for the page (React reads the snapshot on every render of the root). */
function media(): MediaQueryList | null {
  list ??= typeof window !== 'undefined' && typeof window.matchMedia === 'function' ? window.matchMedia(QUERY) : null;
  return list;
}

function subscribe(onChange: () => void): () => void {
  const m = media();
  if (!m) return () => {};
  m.addEventListener('change', onChange);
  return () => m.removeEventListener('change', onChange);
}

const current = (): boolean => media()?.matches ?? false;

/** Follows the setting while the app runs (it can be switched without a restart). */
export function useReducedMotion(): boolean {
  return useSyncExternalStore(subscribe, current, () => false);
}
