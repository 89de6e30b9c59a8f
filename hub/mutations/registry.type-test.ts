/**
 * Compile-time checks of the hub's applier map (run by `npm run typecheck`, never executed):
 * each `@ts-expect-error` line must fail to compile, or tsc reports the directive as unused.
 */
import { APPLIERS, type Appliers } from './registry';

export function registryTypeTests(): Appliers[] {
  const { 'case.assign': _assign, ...withoutAssign } = APPLIERS;
  // @ts-expect-error a mutation of the shared registry without an applier
  const missing: Appliers = withoutAssign;
  // @ts-expect-error an applier registered under another mutation's name (its args differ)
  const swapped: Appliers = { ...APPLIERS, 'payment.record': APPLIERS['attempt.save'] };
  const complete: Appliers = { ...withoutAssign, 'case.assign': APPLIERS['case.assign'] };
  return [missing, swapped, complete];
}
