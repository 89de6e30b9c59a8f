/** The desk's side of team sync: status, hub login, unsynced work, hosting the hub. */
import { z } from 'zod';
import { Fen, Id, Instant, Role } from '../domain/enums';
import { Empty, route } from './route';

/** Why the last sync failed (i18n keys under `sync.errors.`). */
export const SyncError = z.enum([
  'offline', 'unauthenticated', 'forbidden', 'mutationGap', 'tooLarge', 'updateRequired', 'hubError', 'badResponse', 'applyFailed', 'internal',
]);
export type SyncError = z.infer<typeof SyncError>;

export const SyncStatus = z.object({
  /** local = this desk only (demo / single user); hub = synced with a team hub. */
  mode: z.enum(['local', 'hub']),
  hubUrl: z.string().nullable(),
  hubUser: z.object({ username: z.string(), displayName: z.string(), role: Role }).nullable(),
  /** The last request reached the hub. */
  online: z.boolean(),
  syncing: z.boolean(),
  /** Outbox rows the hub has not confirmed. */
  pending: z.number().int(),
  lastSyncAt: Instant.nullable(),
  /** Why the last sync failed. */
  lastError: SyncError.nullable(),
  /** Work the hub refused for good that the agent has not acknowledged yet. */
  rejections: z.number().int(),
  /**
   * Team settings the hub sent that this desk cannot use (e.g. an unknown time zone), by key:
   * the desk keeps its last good value for each and shows a warning until a usable one comes.
   */
  settingsWarnings: z.array(z.string()),
  /** Set when this desk hosts the team hub in-process: where agents point their desks. */
  hosting: z.object({ port: z.number().int(), urls: z.array(z.string()) }).nullable(),
});
export type SyncStatus = z.infer<typeof SyncStatus>;

/** What an unsynced change says, as data: the renderer words it in the desk's language. */
export const UnsyncedDetail = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('attempt'), outcomeCode: z.string(), note: z.string(), ptp: z.object({ amountFen: Fen, dueDate: z.string() }).nullable() }),
  z.object({ kind: z.literal('payment'), amountFen: Fen, paidDate: z.string() }),
  z.object({ kind: z.literal('promise'), from: z.string(), to: z.string(), paidFen: Fen }),
  /** The number's last four digits only (the list is on screen). */
  z.object({ kind: z.literal('phone'), tail4: z.string().nullable() }),
  z.object({ kind: z.literal('assign'), count: z.number().int(), agentName: z.string().nullable() }),
  z.object({ kind: z.literal('other') }),
]);
export type UnsyncedDetail = z.infer<typeof UnsyncedDetail>;

export const UnsyncedItem = z.object({
  mutationId: z.number().int(),
  name: z.string(),
  caseId: Id.nullable(),
  debtorName: z.string().nullable(),
  createdAt: Instant,
  detail: UnsyncedDetail,
});
export type UnsyncedItem = z.infer<typeof UnsyncedItem>;

export const RejectionView = z.object({
  id: Id,
  mutationId: z.number().int(),
  name: z.string(),
  caseId: Id.nullable(),
  debtorName: z.string().nullable(),
  /** i18n key under `rejections.` (see REJECTION_REASONS in shared/sync.ts). */
  reason: z.string(),
  detail: z.string().nullable(),
  at: Instant,
  /** When the agent acknowledged it (the badge counts only those not acknowledged). */
  acknowledgedAt: Instant.nullable(),
});
export type RejectionView = z.infer<typeof RejectionView>;

export const syncRoutes = {
  'sync.status': route({ access: 'public', input: Empty, output: SyncStatus }),
  /** Log in to a hub (the desk keeps a token, never the password) and start syncing. */
  'sync.connect': route({
    access: 'public',
    input: z.object({ hubUrl: z.string().trim().min(1).max(200) /* the core names what is wrong with it (sync.badUrl) */, username: z.string().trim().min(1).max(64), password: z.string().min(1).max(256) }),
    output: SyncStatus,
  }),
  /** Back to local-only; refused while work is unsynced (rule sync.pendingWork). */
  'sync.disconnect': route({ access: 'agent', input: Empty, output: SyncStatus }),
  /** Sync now (also runs after each change, on a timer and when the network returns). */
  'sync.now': route({ access: 'agent', input: Empty, output: SyncStatus }),
  /** What has not reached the hub yet. */
  'sync.unsynced': route({ access: 'agent', input: Empty, output: z.object({ items: z.array(UnsyncedItem) }) }),
  /** The unsynced work as a JSON document the agent can save and hand to IT. */
  'sync.exportUnsynced': route({ access: 'agent', input: Empty, output: z.object({ fileName: z.string(), json: z.string() }) }),
  'sync.rejections': route({ access: 'agent', input: Empty, output: z.object({ items: z.array(RejectionView) }) }),
  /** The agent has read rejections (`ids`, or all): the badge clears; the list keeps them. */
  'sync.ackRejections': route({ access: 'agent', input: z.object({ ids: z.array(Id).max(1000).optional() }), output: SyncStatus }),
  /** A lead's desk hosts the team hub in-process (SQLite in the app's data folder). */
  'hub.host': route({
    access: 'lead',
    leadRule: 'hub.leadOnly',
    input: z.object({
      enabled: z.boolean(),
      port: z.number().int().min(1024).max(65535).optional(),
      /**
       * The lead's password: with it the hosted hub gets the lead's account (if new) and this desk
       * connects to it at 127.0.0.1 at once. Used for that login only, never stored.
       */
      password: z.string().min(1).max(256).optional(),
    }),
    output: SyncStatus,
  }),
};
