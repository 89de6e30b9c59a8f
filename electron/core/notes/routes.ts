import type { notesRoutes } from '../../../shared/contract/notes';
import type { DeskRuntime, Handlers } from '../runtime';
import { agentIdOf } from '../session';
import { recordAttempt } from './attempt';
import { draftCases, saveDraft } from './draft';
import { movedCase } from './left-case';

export const notesHandlers = (rt: DeskRuntime): Handlers<keyof typeof notesRoutes> => ({
  'draft.save': (i) => saveDraft(rt.core.ctx, i.caseId, i.draft),
  'draft.cases': () => draftCases(rt.core.ctx, agentIdOf(rt)),
  'case.moved': (i) => ({ moved: movedCase(rt.core.ctx, i.caseId) }),
  'attempt.save': (i) => recordAttempt(rt.core.ctx, { codes: rt.core.codes, scripts: rt.core.scripts }, i, rt.core.today()),
});
