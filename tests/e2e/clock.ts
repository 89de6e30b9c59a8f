/**
 * One clock for the desk core and the page in a spec, so no test waits for real time. It starts
 * at a fixed instant and runs at the real rate (the renderer's timers, debounces and animations
 * keep working); advance() jumps the desk (the web-host's `clock` option) and every installed
 * page (Playwright's page.clock) forward together.
 */
import type { Page } from '@playwright/test';

export interface SpecClock {
  /** The desk core's clock: pass as the web-host's `clock` option. */
  readonly now: () => Date;
  /** Before the first page.goto: the page's Date and timers follow this clock. */
  install(page: Page): Promise<void>;
  /** Move the desk and the installed pages forward by `ms`. */
  advance(ms: number): Promise<void>;
  /** Move them forward to `at` (no-op if already past it). */
  advanceTo(at: Date): Promise<void>;
}

export function specClock(start: string): SpecClock {
  const origin = performance.now();
  const startMs = new Date(start).getTime();
  let jumped = 0;
  const pages: Page[] = [];
  const now = (): Date => new Date(startMs + (performance.now() - origin) + jumped);
  const advance = async (ms: number): Promise<void> => {
    const step = Math.ceil(ms);
    if (step <= 0) return;
    jumped += step;
    // pages of earlier tests in the file are closed: only the live ones follow
    for (const page of pages) if (!page.isClosed()) await page.clock.fastForward(step);
  };
  return {
    now,
    async install(page) {
      await page.clock.install({ time: now() });
      pages.push(page);
    },
    advance,
    advanceTo: (at) => advance(at.getTime() - now().getTime()),
  };
}
