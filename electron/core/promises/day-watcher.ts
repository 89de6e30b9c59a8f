import type { Ctx, Log } from '../context';
import { recomputeAllPriorities } from '../cases/derive';
import { getInternal, setInternal } from '../settings/settings';
import { purgeExpiredCases } from '../privacy/purge';
import { sweepPromises } from './evaluate';

/**
 * Work that follows the calendar: when the local day changes (and once at start-up) sweep
 * promises past their grace and re-score every case (DPD moved) in background chunks.
 */
export class DayWatcher {
  private lastDay: string | null = null;
  private running: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(
    private readonly ctx: Ctx,
    private readonly today: () => string,
    private readonly log: Log,
  ) {}

  start(): void {
    this.check(true);
  }

  /** Cheap; called by the scheduler every tick. */
  check(force = false): void {
    if (this.stopped) return;
    const day = this.today();
    if (!force && day === this.lastDay) return;
    const first = this.lastDay === null;
    this.lastDay = day;
    const broken = sweepPromises(this.ctx, day);
    // Recalled or settled cases past the retention period leave the desk (never with unsynced work).
    const purge = purgeExpiredCases(this.ctx, day);
    if (purge.purged > 0 || purge.keptForUnsynced > 0) this.log('info', `purged ${purge.purged} case(s) past retention; ${purge.keptForUnsynced} kept until their work is synced`);
    if (getInternal(this.ctx, 'priorityDay') !== day) {
      this.running = this.running
        .then(async () => {
          const t0 = performance.now();
          const n = await recomputeAllPriorities(this.ctx, day, { isCancelled: () => this.stopped });
          if (this.stopped) return;
          setInternal(this.ctx, 'priorityDay', day);
          this.log('info', `re-scored ${n} cases for ${day} in ${Math.round(performance.now() - t0)} ms`);
          this.ctx.emit('queue.changed', { reason: 'day.rescored' });
        })
        .catch((err: unknown) => this.log('error', 'background re-scoring failed', { err: String(err) }));
    }
    if (!first || broken.length > 0) this.ctx.emit('queue.changed', { reason: first ? 'promises.swept' : 'day.changed' });
  }

  idle(): Promise<void> {
    return this.running;
  }

  stop(): void {
    this.stopped = true;
  }
}
