import { z } from 'zod';
import { Channel, Fen, Id, Instant, LocalDate, Party, ScenarioId } from '../domain/enums';
import { ATTEMPT_RECORD_FIELDS } from '../mutations';
import { route } from './route';

/** The note pane's unsaved state; autosaved so a crash loses at most a few seconds. */
export const NoteDraft = z.object({
  outcomeCode: z.string().nullable(),
  party: Party.nullable(),
  phoneId: Id.nullable(),
  note: z.string().max(4000),
  ptpAmountFen: Fen.nullable(),
  ptpDate: LocalDate.nullable(),
  followUpAt: Instant.nullable(),
  claimedPaidDate: LocalDate.nullable(),
  stepsDone: z.array(z.string().max(64)).max(50),
  scenario: ScenarioId.nullable(),
  /**
   * The call timed on this case: running (durationSec null) or finished and not yet saved. Kept
   * with the draft so a reload or crash mid-call keeps its start. Optional: older drafts lack it.
   */
  call: z.object({ startedAt: Instant, durationSec: z.number().int().min(0).max(86_400).nullable() }).nullable().optional(),
  /** The record's channel and a visit's address (issue 9). Optional: older drafts lack them (a call). */
  channel: Channel.optional(),
  visitAddress: z.string().max(400).nullable().optional(),
});
export type NoteDraft = z.infer<typeof NoteDraft>;

/** A case a pull took off this desk while it was worked (#16). */
export const MovedCase = z.object({
  caseId: Id,
  debtorName: z.string(),
  /** Who holds it now; null: unassigned, or a hub that does not say. */
  toName: z.string().nullable(),
  leftAt: Instant,
  draft: NoteDraft.nullable(),
  draftSavedAt: Instant.nullable(),
});
export type MovedCase = z.infer<typeof MovedCase>;

export const notesRoutes = {
  'draft.save': route({
    access: 'agent',
    input: z.object({ caseId: Id, draft: NoteDraft }),
    output: z.object({ savedAt: Instant }),
  }),

  /** The cases the signed-in agent holds a draft on (the queue marks them), newest first. */
  'draft.cases': route({
    access: 'agent',
    input: z.object({}),
    output: z.object({ caseIds: z.array(Id).max(1000) }),
  }),

  /**
   * A case that left this desk (reassigned away) while the agent worked it: who has it now and
   * the note kept for it; null when the case is on the desk or never was. draft.save and
   * attempt.save still take it (the call is saved as history).
   */
  'case.moved': route({
    access: 'agent',
    input: z.object({ caseId: Id }),
    output: z.object({ moved: MovedCase.nullable() }),
  }),

  /** Record a contact attempt (催记) with its PTP and follow-up, atomically with its outbox row. */
  'attempt.save': route({
    access: 'agent',
    input: z.object({
      caseId: Id,
      phoneId: Id.nullable(),
      ...ATTEMPT_RECORD_FIELDS, // the same fields and bounds as the mutation the hub receives
      ptp: z.object({ amountFen: Fen, dueDate: LocalDate }).nullable(),
      followUp: z.object({ dueAt: Instant, reason: z.string().max(200).nullable() }).nullable(),
    }),
    output: z.object({
      attemptId: Id,
      promiseId: Id.nullable(),
      followUpId: Id.nullable(),
      /** The case to open for save-and-next (queue order, this one excluded). */
      nextCaseId: Id.nullable(),
    }),
  }),
};
