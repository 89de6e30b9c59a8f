import { z } from 'zod';
import { BucketId, CaseStatus, CaseTag, Fen, Id, Instant, LocalDate, Product } from '../domain/enums';
import { route } from './route';
import { PRIORITY_PARTS } from '../domain/priority';

export const QueueItem = z.object({
  caseId: Id,
  debtorName: z.string(),
  accountMasked: z.string(),
  creditor: z.string(),
  product: Product,
  overdueAmountFen: Fen,
  balanceFen: Fen,
  dpd: z.number().int(),
  bucket: BucketId,
  status: CaseStatus,
  tags: z.array(CaseTag),
  priority: z.number().int(),
  /** Why the case is at the top: a follow-up or a PTP that is due now. */
  dueKind: z.enum(['followup', 'ptp']).nullable(),
  dueAt: Instant.nullable(),
  brokenPromises: z.number().int(),
  lastOutcomeCode: z.string().nullable(),
  lastAttemptAt: Instant.nullable(),
  expiryDate: LocalDate.nullable(),
  /** Why the case ranks where it does: the parts of its priority score, largest effect first. */
  rank: z.array(z.object({ part: z.enum(PRIORITY_PARTS), points: z.number().int() })),
});
export type QueueItem = z.infer<typeof QueueItem>;

export const QueueFilter = z.object({
  search: z.string().trim().max(64).optional(),
  bucket: BucketId.optional(),
  status: CaseStatus.optional(),
  tag: CaseTag.optional(),
});
export type QueueFilter = z.infer<typeof QueueFilter>;

/** The signed-in agent's own figures for today (the desk's local day): what the top bar shows. */
export const TodayFigures = z.object({
  /** 催记 of channel phone made today. */
  calls: z.number().int(),
  /** Of them, connected (outcome isContact). */
  contacts: z.number().int(),
  /** Promises made today. */
  ptps: z.number().int(),
  /** Payments dated today on the agent's cases. */
  collectedFen: Fen,
});
export type TodayFigures = z.infer<typeof TodayFigures>;

export const queueRoutes = {
  'queue.today': route({ access: 'agent', input: z.object({}).strict(), output: TodayFigures }),
  'queue.list': route({
    access: 'agent',
    input: z.object({
      filter: QueueFilter.default({}),
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(500).default(100),
    }),
    output: z.object({
      items: z.array(QueueItem),
      total: z.number().int(),
      dueCount: z.number().int(),
      /** A broad search (thousands of matches) counts them only so far: the total is "at least". */
      totalAtLeast: z.boolean().optional(),
    }),
  }),
};
