/** Events pushed from the core (or the host) to the renderer. */
import { z } from 'zod';
import { Id, Locale } from '../domain/enums';
import { FollowUpDueEvent } from './followups';
import { SyncStatus } from './sync';

/** Why the queue order may have changed: a local change (the desk then syncs soon) or sync/day work (`sync.*` do not trigger a push). */
export const QueueChangeReason = z.enum([
  'attempt.save', 'payment.record', 'payment.verify', 'case.setPreferredPhone', 'lead.assign', 'contact.override', 'phone.add', 'phone.mark', 'followup.due', 'promises.swept', 'day.changed', 'day.rescored',
  'sync.pulled', 'sync.databaseSwitched', 'import.apply', 'privacy.purged', 'lead.clearHold', 'lead.setCaseTimeZone',
]);
export type QueueChangeReason = z.infer<typeof QueueChangeReason>;

export const events = {
  /** Follow-ups fell due: notify the agent (once for the newest, with how many more) and lift the cases to the top. */
  'followup.due': FollowUpDueEvent,
  /** Sync state changed (online/offline, pending count, last sync, rejections). */
  'sync.status': SyncStatus,
  /** A pull brought cases newly assigned to the signed-in agent (how many more than before). */
  'cases.assigned': z.object({ count: z.number().int().positive() }),
  /** A pull took cases off this desk (reassigned away): who has them now, so an open one says so at once (#16). */
  'cases.movedAway': z.object({ cases: z.array(z.object({ caseId: Id, debtorName: z.string(), toName: z.string().nullable() })).max(10_000) }),
  /** The queue order changed (save, payment, promise broken, due item). */
  'queue.changed': z.object({ reason: QueueChangeReason }),
  /** A batch import's progress (reading and checking the file, then writing or sending it). */
  'importer.progress': z.object({ uploadId: z.string(), phase: z.enum(['reading', 'writing', 'sending']), bytesRead: z.number().int(), totalBytes: z.number().int(), rowsRead: z.number().int() }),
  /**
   * Host-only (never emitted by the core): the agent clicked a follow-up's desktop
   * notification; the renderer opens that case.
   */
  'case.open': z.object({ caseId: Id }),
  /**
   * Host-only: the agent picked a language in the application menu; the renderer switches
   * its i18n and persists it with settings.update.
   */
  'locale.changed': z.object({ locale: Locale }),
} as const;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.output<Events[E]>;
