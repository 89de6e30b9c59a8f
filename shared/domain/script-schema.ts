import { z } from 'zod';
import { Locale, ScenarioId } from './enums';

/**
 * The default call scripts (resources/scripts/<locale>.json) and any team-edited script file.
 * A file holds the four stages of ScriptStage and the five scenario branches; a stage may
 * override a scenario where its tone differs (e.g. firmer wording for M2+). Step ids are
 * stable across locales and versions: notes store the ids of the steps an agent ticked.
 */
export const ScriptStepId = z.string().regex(/^[a-z][A-Za-z0-9]*(\.[a-z][A-Za-z0-9]*)+$/, 'step id like "open.identify"');

export const ScriptStepDef = z.object({
  id: ScriptStepId,
  text: z.string().trim().min(1),
  required: z.boolean(),
}).strict();
export type ScriptStepDef = z.infer<typeof ScriptStepDef>;

export const ScenarioDef = z.object({
  title: z.string().trim().min(1),
  steps: z.array(ScriptStepDef).min(3).max(5),
}).strict();
export type ScenarioDef = z.infer<typeof ScenarioDef>;

/** The three opening steps every stage must start with, all required (docs/domain.md, "Scripts": every call). */
export const REQUIRED_OPENING_STEP_IDS = ['open.identify', 'open.recording', 'open.verify'] as const;

const ScenarioOverrides = z.partialRecord(ScenarioId, ScenarioDef);

export const StageScript = z.object({
  title: z.string().trim().min(1),
  opening: z.array(ScriptStepDef).min(3),
  body: z.array(ScriptStepDef).min(1),
  scenarios: ScenarioOverrides.optional(),
}).strict().superRefine((stage, ctx) => {
  REQUIRED_OPENING_STEP_IDS.forEach((id, i) => {
    const step = stage.opening[i];
    if (!step || step.id !== id || !step.required) {
      ctx.addIssue({ code: 'custom', path: ['opening', i], message: `opening step ${i + 1} must be the required step "${id}"` });
    }
  });
});
export type StageScript = z.infer<typeof StageScript>;

export const ScriptFile = z.object({
  locale: Locale,
  version: z.number().int().min(1),
  stages: z.object({ early: StageScript, mid: StageScript, late: StageScript, m2plus: StageScript }).strict(),
  scenarios: z.object({
    repeated_broken: ScenarioDef,
    unwilling: ScenarioDef,
    deceased: ScenarioDef,
    unable: ScenarioDef,
    no_answer: ScenarioDef,
  }).strict(),
}).strict().superRefine((file, ctx) => {
  // step ids are unique within what one call shows: a stage's opening + body + every scenario
  for (const [stageId, stage] of Object.entries(file.stages)) {
    const seen = new Set<string>();
    const steps = [
      ...stage.opening,
      ...stage.body,
      ...ScenarioId.options.flatMap((s) => (stage.scenarios?.[s] ?? file.scenarios[s]).steps),
    ];
    for (const step of steps) {
      if (seen.has(step.id)) {
        ctx.addIssue({ code: 'custom', path: ['stages', stageId], message: `duplicate step id "${step.id}"` });
      }
      seen.add(step.id);
    }
  }
});
export type ScriptFile = z.infer<typeof ScriptFile>;
