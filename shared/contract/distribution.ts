/**
 * Distribution (分案), the lead's routes: select cases, preview a deal (who gets how many cases
 * and how much money, from whom), apply it; rebalance an absent agent's cases; recall (退案) a
 * batch. The operation and preview shapes are also the hub's wire format (hub/routes/distribution.ts).
 */
import { z } from 'zod';
import { DistStrategy } from '../domain/distribution';
import { DistFilter } from '../domain/distribution-filter';
import { BucketId, Fen, Id, LocalDate } from '../domain/enums';
import { AgentBucketsSetting } from '../domain/settings';
import { route } from './route';

const Count = z.number().int().nonnegative();

/** One operation; the hub runs each in one transaction. */
export const DistOperation = z.discriminatedUnion('op', [
  /** Deal the filtered cases to these agents (one agent: assign them all to that agent). */
  z.object({ op: z.literal('distribute'), filter: DistFilter, strategy: DistStrategy, agentIds: z.array(Id).min(1).max(200) }).strict(),
  /** The absent agent's active cases across these agents. */
  z.object({ op: z.literal('rebalance'), absentAgentId: Id, agentIds: z.array(Id).min(1).max(200), strategy: DistStrategy.default('byCount') }).strict(),
  /** 退案: a batch's cases leave the agents (closed, unassigned); `early` recalls before the batch's end date. */
  z.object({ op: z.literal('recall'), batchId: Id, early: z.boolean().default(false) }).strict(),
]);
export type DistOperation = z.output<typeof DistOperation>;
export type DistOperationInput = z.input<typeof DistOperation>;

export const DistFrom = z.object({ agentId: Id.nullable(), name: z.string().nullable(), cases: Count, amountFen: Fen });
export type DistFrom = z.infer<typeof DistFrom>;

/** One row of the preview: an agent (null: back to the creditor, a recall) and what they get. */
export const DistRow = z.object({
  agentId: Id.nullable(),
  name: z.string().nullable(),
  cases: Count,
  amountFen: Fen,
  /** Of those, already theirs. */
  unchanged: Count,
  from: z.array(DistFrom),
});
export type DistRow = z.infer<typeof DistRow>;

export const DistPreview = z.object({
  op: z.enum(['distribute', 'rebalance', 'recall']),
  /** What the selection holds (cases and their overdue amount). */
  selected: z.object({ cases: Count, amountFen: Fen }),
  rows: z.array(DistRow),
  /** Cases no chosen agent may take (by bucket skill). */
  unplaced: Count,
  /** How many cases actually change hands. */
  moving: Count,
  /** The plan's fingerprint: apply refuses a plan that changed since the preview. */
  token: z.string().min(1).max(64),
  /** A recall: the batch and its end date. */
  batch: z.object({ id: Id, batchNo: z.string(), creditor: z.string(), expiryDate: LocalDate.nullable() }).nullable(),
});
export type DistPreview = z.infer<typeof DistPreview>;

export const DistApplied = z.object({ moved: Count, preview: DistPreview });
export type DistApplied = z.infer<typeof DistApplied>;

export const DistAgentInfo = z.object({
  id: Id,
  displayName: z.string(),
  agentNo: z.string(),
  /** Active cases (open, ptp, hold) and their overdue amount. */
  cases: Count,
  amountFen: Fen,
  buckets: z.array(BucketId),
});
export type DistAgentInfo = z.infer<typeof DistAgentInfo>;

export const DistBatchInfo = z.object({ id: Id, batchNo: z.string(), creditor: z.string(), expiryDate: LocalDate.nullable(), cases: Count });
export type DistBatchInfo = z.infer<typeof DistBatchInfo>;

export const distributionRoutes = {
  /** What the form offers: the active agents (load, skills), batches, creditors, from this desk's copy of the team. */
  'distribution.options': route({
    access: 'lead',
    input: z.object({}).strict(),
    output: z.object({ agents: z.array(DistAgentInfo), batches: z.array(DistBatchInfo), creditors: z.array(z.string()) }),
  }),
  /** How many cases the filter selects and their sum (this desk's copy; the hub counts again at preview). */
  'distribution.select': route({
    access: 'lead',
    input: z.object({ filter: DistFilter }).strict(),
    output: z.object({ cases: Count, amountFen: Fen }),
  }),
  /** The plan, nothing changed (team mode: computed by the hub on its data). */
  'distribution.preview': route({ access: 'lead', input: z.object({ operation: DistOperation }).strict(), output: DistPreview }),
  /** Apply the plan the preview showed (`token`); refused with rule distribution.planChanged when it no longer matches. */
  'distribution.apply': route({ access: 'lead', input: z.object({ operation: DistOperation, token: z.string().min(1).max(64) }).strict(), output: DistApplied }),
  /** Each agent's buckets (the byBucket strategy); team mode: a team setting on the hub. */
  'distribution.setAgentBuckets': route({ access: 'lead', input: z.object({ agentBuckets: AgentBucketsSetting }).strict(), output: z.object({ agentBuckets: AgentBucketsSetting }) }),
};
