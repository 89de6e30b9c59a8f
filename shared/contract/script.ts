import { z } from 'zod';
import { Id, Locale, ScenarioId, ScriptStage } from '../domain/enums';
import { route } from './route';

export const ScriptStep = z.object({ id: z.string(), text: z.string(), required: z.boolean() });
export type ScriptStep = z.infer<typeof ScriptStep>;

export const ScriptView = z.object({
  stage: ScriptStage,
  title: z.string(),
  opening: z.array(ScriptStep), // identify + recording notice + verify identity: required
  body: z.array(ScriptStep),
  scenarios: z.array(z.object({ id: ScenarioId, title: z.string(), steps: z.array(ScriptStep) })),
});
export type ScriptView = z.infer<typeof ScriptView>;

export const scriptRoutes = {
  'script.forCase': route({ access: 'agent', input: z.object({ caseId: Id, locale: Locale }), output: ScriptView }),
};
