/** IPC channel names, shared by main and preload (no imports: the sandboxed preload bundles it). */
export const INVOKE_CHANNEL = 'desk:invoke';
export const EVENT_CHANNEL = 'desk:event';
