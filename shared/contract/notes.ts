import { z } from 'zod';
import { Channel, Fen, Id, Instant, LocalDate, Party, ScenarioId } from '../domain/enums';
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
});
export type NoteDraft = z.infer<typeof NoteDraft>;

export const notesRoutes = {
  'draft.save': route({
    access: 'agent',
    input: z.object({ caseId: Id, draft: NoteDraft }),
    output: z.object({ savedAt: Instant }),
  }),

  /** Record a contact attempt (催记) with its PTP and follow-up, atomically with its outbox row. */
  'attempt.save': route({
    access: 'agent',
    input: z.object({
      clientRequestId: z.string().min(8).max(64), // a double-submitted save stores once
      caseId: Id,
      phoneId: Id.nullable(),
      channel: Channel,
      party: Party,
      outcomeCode: z.string().min(1).max(32),
      note: z.string().max(4000),
      callStartedAt: Instant.nullable(),
      durationSec: z.number().int().min(0).max(86_400),
      ptp: z.object({ amountFen: Fen, dueDate: LocalDate }).nullable(),
      followUp: z.object({ dueAt: Instant, reason: z.string().max(200).nullable() }).nullable(),
      claimedPaidDate: LocalDate.nullable(),
      stepsDone: z.array(z.string().max(64)).max(50), // the same bounds as the hub's attempt.save
      scenario: ScenarioId.nullable(),
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
