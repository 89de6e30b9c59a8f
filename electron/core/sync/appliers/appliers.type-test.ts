/**
 * Compile-time checks of the desk's entity applier map (run by `npm run typecheck`, never
 * executed): each `@ts-expect-error` line must fail to compile, or tsc reports it as unused.
 */
import { ENTITY_APPLIERS, type EntityAppliers } from './index';

export function entityAppliersTypeTests(): EntityAppliers[] {
  const { conflict: _conflict, ...withoutConflict } = ENTITY_APPLIERS;
  // @ts-expect-error a synced entity without an applier
  const missing: EntityAppliers = withoutConflict;
  // @ts-expect-error the applier of another entity (its rows differ)
  const swapped: EntityAppliers = { ...ENTITY_APPLIERS, debtor: ENTITY_APPLIERS.phone };
  const complete: EntityAppliers = { ...withoutConflict, conflict: ENTITY_APPLIERS.conflict };
  return [missing, swapped, complete];
}
