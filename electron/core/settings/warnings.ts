/**
 * Team settings pulled from the hub that this desk cannot use (shared/domain/settings.ts). The
 * desk keeps its last good value and remembers what it refused, so the sync status can warn
 * until the hub sends a usable value.
 */
import { z } from 'zod';
import type { Ctx } from '../context';
import { getInternal, setInternal } from './settings';

const KEY = 'settingsWarnings';
const Refused = z.record(z.string(), z.object({ value: z.string(), problem: z.string(), at: z.string() }));
type Refused = z.infer<typeof Refused>;

function read(ctx: Pick<Ctx, 'prep'>): Refused {
  const r = Refused.safeParse(getInternal(ctx, KEY));
  return r.success ? r.data : {};
}

/** The keys whose pulled value was refused, sorted. */
export function settingWarnings(ctx: Pick<Ctx, 'prep'>): string[] {
  return Object.keys(read(ctx)).sort();
}

export function refuseSetting(ctx: Pick<Ctx, 'prep'>, key: string, value: unknown, problem: string, at: string): void {
  const text = JSON.stringify(value ?? null);
  setInternal(ctx, KEY, { ...read(ctx), [key]: { value: text.length > 200 ? `${text.slice(0, 200)}…` : text, problem, at } });
}

export function clearSettingWarning(ctx: Pick<Ctx, 'prep'>, key: string): void {
  const all = read(ctx);
  if (!(key in all)) return;
  const { [key]: _gone, ...rest } = all;
  setInternal(ctx, KEY, rest);
}
