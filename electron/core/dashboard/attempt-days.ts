/**
 * `attempt_days` (migration 008) counts dial attempts per local day; triggers keep it as attempts
 * come and go. Its local day uses the zone offset in `dash_zone`: when the desk's zone setting
 * differs (first use, a changed or pulled setting), the counts are rebuilt once from the attempts.
 * A zone with daylight saving time would count the attempts of its summer hour boundary on the
 * wrong day; China's zone has none.
 */
import { localDateOf, localTimeOf } from '../../../shared/domain/dates';
import type { Ctx } from '../context';

/** The zone's offset from UTC at `at`, as a SQLite date modifier ('+480 minutes'). */
export function offsetModifier(tz: string, at: Date): string {
  const minute = new Date(Math.floor(at.getTime() / 60_000) * 60_000);
  const wall = Date.parse(`${localDateOf(minute, tz)}T${localTimeOf(minute, tz)}:00Z`);
  const min = Math.round((wall - minute.getTime()) / 60_000);
  return `${min >= 0 ? '+' : '-'}${Math.abs(min)} minutes`;
}

/** Make the daily counts match the desk's zone (a no-op when they already do). */
export function ensureAttemptDays(ctx: Pick<Ctx, 'prep' | 'db' | 'clock' | 'settings'>): void {
  const tz = ctx.settings().timeZone;
  const stored = ctx.prep<{ tz: string; offset: string }>('SELECT tz, offset FROM dash_zone WHERE id = 1').get();
  const offset = offsetModifier(tz, ctx.clock());
  if (stored && stored.tz === tz && stored.offset === offset) return;
  ctx.db.transaction(() => {
    ctx.prep('UPDATE dash_zone SET tz = ?, offset = ? WHERE id = 1').run(tz, offset);
    ctx.prep('DELETE FROM attempt_days').run();
    ctx.prep(`INSERT INTO attempt_days (day, agent_id, outcome_code, self, n)
      SELECT date(at, ?), agent_id, outcome_code, party = 'self', count(*) FROM attempts WHERE channel = 'phone' GROUP BY 1, 2, 3, 4`).run(offset);
  })();
}
