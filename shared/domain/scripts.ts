import type { ScenarioId, ScriptStage } from './enums';
import { ScenarioId as ScenarioIds } from './enums';
import type { ScriptStep, ScriptView } from '../contract';
import type { MergeFields } from './merge';
import { renderTemplate } from './merge';
import type { ScriptFile, ScriptStepDef } from './script-schema';

const mergeSteps = (steps: readonly ScriptStepDef[], fields: Partial<MergeFields>): ScriptStep[] =>
  steps.map((s) => ({ id: s.id, text: renderTemplate(s.text, fields), required: s.required }));

/**
 * The script an agent sees for a stage: title, opening, body and the five scenario branches
 * (in ScenarioId order, the stage's override where it has one), with merge fields filled.
 * A field not given stays visible as {{field}} (see renderTemplate).
 */
export function buildScriptView(file: ScriptFile, stage: ScriptStage, fields: Partial<MergeFields>): ScriptView {
  const s = file.stages[stage];
  return {
    stage,
    title: renderTemplate(s.title, fields),
    opening: mergeSteps(s.opening, fields),
    body: mergeSteps(s.body, fields),
    scenarios: ScenarioIds.options.map((id) => {
      const sc = s.scenarios?.[id] ?? file.scenarios[id];
      return { id, title: renderTemplate(sc.title, fields), steps: mergeSteps(sc.steps, fields) };
    }),
  };
}

/**
 * The step ids that must be ticked before a right-party outcome saves (OutcomeContext
 * .requiredStepIds): required opening and body steps, plus the required steps of the chosen
 * scenario, if any.
 */
export function requiredStepIdsOf(view: ScriptView, scenario: ScenarioId | null = null): string[] {
  const steps = [...view.opening, ...view.body, ...(view.scenarios.find((s) => s.id === scenario)?.steps ?? [])];
  return steps.filter((s) => s.required).map((s) => s.id);
}
