/**
 * Before a screenshot: wait until an element has stopped moving (a drawer sliding in, a dialog
 * zooming, a form error growing), instead of sleeping for the animation's length.
 */
import { expect, type Locator } from '@playwright/test';

/** The little of the page's DOM the check uses (the test programme compiles without DOM types). */
interface PageAnimation {
  playState: string;
  animationName?: string;
  transitionProperty?: string;
  effect: { getComputedTiming(): { iterations?: number } } | null;
}
interface PageElement {
  tagName: string;
  classList: Iterable<string>;
  parentElement: PageElement | null;
  ownerDocument: { defaultView: { getComputedStyle(e: PageElement): { opacity: string } } | null };
  getBoundingClientRect(): { width: number; height: number };
  querySelectorAll(selector: string): Iterable<PageElement>;
  getAnimations(options?: { subtree: boolean }): PageAnimation[];
}

/**
 * What still moves in, around or under the element: empty once neither it, its ancestors nor its
 * descendants carry an antd motion phase class (rc-motion's …-appear/-enter/-leave) and none runs
 * a finite CSS animation or transition (spinners loop for ever and do not count). Runs in the page.
 *
 * A leaving element that is already invisible (no area, or opacity 0) counts as gone: antd's
 * button loading icon has no motion deadline, and when a quick save flips `loading` back during
 * its appear, it can keep its leave class at width 0 for good (fresh-clone CI: 10 s "moving").
 */
function moving(el: PageElement): string[] {
  const phase = /-(appear|enter|leave)(-(prepare|start|active))?$/;
  const leaving = /-leave(-(prepare|start|active))?$/;
  const name = (e: PageElement): string => `${e.tagName.toLowerCase()}.${[...e.classList].join('.')}`;
  const gone = (e: PageElement): boolean => {
    const box = e.getBoundingClientRect();
    return box.width === 0 || box.height === 0 || e.ownerDocument.defaultView?.getComputedStyle(e).opacity === '0';
  };
  const inMotion = (e: PageElement): boolean => {
    const classes = [...e.classList];
    if (!classes.some((c) => phase.test(c))) return false;
    return !(classes.some((c) => leaving.test(c)) && gone(e));
  };
  const running = (a: PageAnimation): boolean => a.playState === 'running' && a.effect?.getComputedTiming().iterations !== Infinity;
  const what = (a: PageAnimation): string => a.animationName ?? a.transitionProperty ?? 'animation';
  const found: string[] = [];
  for (let e: PageElement | null = el; e; e = e.parentElement) {
    if (inMotion(e)) found.push(name(e));
    for (const a of e.getAnimations().filter(running)) found.push(`${name(e)}: ${what(a)}`);
  }
  for (const e of el.querySelectorAll('[class*="-appear"], [class*="-enter"], [class*="-leave"]')) {
    if (inMotion(e)) found.push(name(e));
  }
  for (const a of el.getAnimations({ subtree: true }).filter(running)) found.push(what(a));
  return found;
}

export async function motionSettled(target: Locator): Promise<void> {
  await expect(target).toBeVisible();
  // a failure prints what still moved
  await expect.poll(() => target.evaluate(moving), { message: 'the element is still moving' }).toEqual([]);
}
