import type { notesRoutes } from '../../../shared/contract/notes';
import type { DeskRuntime, Handlers } from '../runtime';
import { recordAttempt } from './attempt';
import { saveDraft } from './draft';

export const notesHandlers = (rt: DeskRuntime): Handlers<keyof typeof notesRoutes> => ({
  'draft.save': (i) => saveDraft(rt.core.ctx, i.caseId, i.draft),
  'attempt.save': (i) => recordAttempt(rt.core.ctx, { codes: rt.core.codes, scripts: rt.core.scripts }, i, rt.core.today()),
});
