/**
 * The desk window's options and content security policy, as pure functions so a unit test
 * can assert every security-relevant flag without an Electron binary.
 */
import type { BrowserWindowConstructorOptions, Rectangle } from 'electron';
import { contentSecurityPolicy, type CspOptions } from '../../shared/csp';

export { contentSecurityPolicy, type CspOptions };

// The commonest call-centre screen is 1366x768: about 728 px above the Windows taskbar, about
// 680 px of content under the title and menu bars. The minimum must fit inside that.
export const MIN_WIDTH = 1280;
export const MIN_HEIGHT = 680;
export const DEFAULT_WIDTH = 1440;
export const DEFAULT_HEIGHT = 900;

export interface SavedBounds {
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized?: boolean;
}

export interface WindowOptionsInput {
  preloadPath: string;
  title: string;
  bounds?: SavedBounds | null;
  /** Work areas of the connected displays; saved x/y are dropped when off every screen. */
  workAreas?: Rectangle[];
  /** DevTools only in development: the packaged desk shows debtor data. */
  dev?: boolean;
}

/** True when at least a 100x50 strip of the window's top (the title bar) is on a screen. */
export function isOnSomeScreen(b: Required<Pick<SavedBounds, 'x' | 'y' | 'width'>>, workAreas: Rectangle[]): boolean {
  return workAreas.some((a) => {
    const left = Math.max(b.x, a.x);
    const right = Math.min(b.x + b.width, a.x + a.width);
    return right - left >= 100 && b.y >= a.y && b.y + 50 <= a.y + a.height;
  });
}

export function windowBounds(bounds: SavedBounds | null | undefined, workAreas: Rectangle[] = []): Pick<
  BrowserWindowConstructorOptions, 'x' | 'y' | 'width' | 'height'
> {
  // a first start opens no larger than the biggest screen's work area (1440x900 would overhang 1366x768)
  const fitW = Math.max(0, ...workAreas.map((a) => a.width));
  const fitH = Math.max(0, ...workAreas.map((a) => a.height));
  const width = Math.max(MIN_WIDTH, Math.round(bounds?.width ?? (fitW > 0 ? Math.min(DEFAULT_WIDTH, fitW) : DEFAULT_WIDTH)));
  const height = Math.max(MIN_HEIGHT, Math.round(bounds?.height ?? (fitH > 0 ? Math.min(DEFAULT_HEIGHT, fitH) : DEFAULT_HEIGHT)));
  if (bounds && Number.isFinite(bounds.x) && Number.isFinite(bounds.y)) {
    const x = Math.round(bounds.x as number);
    const y = Math.round(bounds.y as number);
    if (workAreas.length === 0 || isOnSomeScreen({ x, y, width }, workAreas)) return { x, y, width, height };
  }
  return { width, height }; // centred by Electron
}

export function createWindowOptions(input: WindowOptionsInput): BrowserWindowConstructorOptions {
  return {
    ...windowBounds(input.bounds, input.workAreas),
    minWidth: MIN_WIDTH,
    minHeight: MIN_HEIGHT,
    title: input.title,
    show: false, // shown on 'ready-to-show': no white flash
    backgroundColor: '#ffffff',
    webPreferences: {
      preload: input.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      navigateOnDragDrop: false,
      experimentalFeatures: false,
      safeDialogs: true,
      devTools: input.dev === true,
    },
  };
}

/** Permissions the page may get: a desktop notification for due follow-ups, nothing else. */
export const ALLOWED_PERMISSIONS: ReadonlySet<string> = new Set(['notifications']);
export const isPermissionAllowed = (permission: string): boolean => ALLOWED_PERMISSIONS.has(permission);
