import { useEffect, useRef } from 'react';

/** True when a key press belongs to a text field (digit hotkeys must not fire there). */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag === 'INPUT') {
    const type = (target as HTMLInputElement).type;
    return !['checkbox', 'radio', 'button', 'submit', 'reset'].includes(type);
  }
  return false;
}

/** A window keydown listener that always calls the latest handler. */
export function useKeydown(handler: (e: KeyboardEvent) => void, enabled = true): void {
  const ref = useRef(handler);
  ref.current = handler;
  useEffect(() => {
    if (!enabled) return;
    const listener = (e: KeyboardEvent) => ref.current(e);
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, [enabled]);
}

/** Ctrl on Windows/Linux, Cmd on macOS. */
export const isMod = (e: KeyboardEvent): boolean => e.ctrlKey || e.metaKey;

export function newRequestId(): string {
  if (typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const rnd = new Uint8Array(16);
  crypto.getRandomValues(rnd);
  return Array.from(rnd, (b) => b.toString(16).padStart(2, '0')).join('');
}
