/**
 * Before a screenshot: wait until an element has stopped moving (a drawer sliding in, a dialog
 * zooming, a form error growing), instead of sleeping for the animation's length.
 */
import { expect, type Locator } from '@playwright/test';

/** The little of the page's DOM the check uses (the test programme compiles without DOM types). */
interface PageAnimation {
  playState: string;
  effect: { getComputedTiming(): { iterations?: number } } | null;
}
interface PageElement {
  classList: Iterable<string>;
  parentElement: PageElement | null;
  querySelectorAll(selector: string): Iterable<PageElement>;
  getAnimations(options?: { subtree: boolean }): PageAnimation[];
}

/**
 * True once neither the element, its ancestors nor its descendants carry an antd motion phase
 * class (rc-motion's …-appear/-enter/-leave) and none runs a finite CSS animation or transition
 * (spinners loop for ever and do not count). Runs in the page.
 */
function settled(el: PageElement): boolean {
  const phase = /-(appear|enter|leave)(-(prepare|start|active))?$/;
  const moving = (e: PageElement): boolean => [...e.classList].some((c) => phase.test(c));
  const running = (a: PageAnimation): boolean => a.playState === 'running' && a.effect?.getComputedTiming().iterations !== Infinity;
  for (let e: PageElement | null = el; e; e = e.parentElement) {
    if (moving(e) || e.getAnimations().some(running)) return false;
  }
  for (const e of el.querySelectorAll('[class*="-appear"], [class*="-enter"], [class*="-leave"]')) {
    if (moving(e)) return false;
  }
  return !el.getAnimations({ subtree: true }).some(running);
}

export async function motionSettled(target: Locator): Promise<void> {
  await expect(target).toBeVisible();
  await expect.poll(() => target.evaluate(settled), { message: 'the element is still moving' }).toBe(true);
}
