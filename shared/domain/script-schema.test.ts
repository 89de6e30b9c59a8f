import { describe, expect, it } from 'vitest';
import zhJson from '../../resources/scripts/zh-CN.json';
import enJson from '../../resources/scripts/en.json';
import { ScenarioId, ScriptStage } from './enums';
import { isMergeField, templateFields } from './merge';
import type { ScriptStepDef } from './script-schema';
import { REQUIRED_OPENING_STEP_IDS, ScriptFile } from './script-schema';

const files = { 'zh-CN': ScriptFile.parse(zhJson), en: ScriptFile.parse(enJson) };

/** Every step of a file with where it sits, scenario overrides included. */
function allSteps(file: ScriptFile): { where: string; step: ScriptStepDef }[] {
  const out: { where: string; step: ScriptStepDef }[] = [];
  for (const stage of ScriptStage.options) {
    const s = file.stages[stage];
    for (const step of [...s.opening, ...s.body]) out.push({ where: stage, step });
    for (const [id, sc] of Object.entries(s.scenarios ?? {})) for (const step of sc.steps) out.push({ where: `${stage}/${id}`, step });
  }
  for (const [id, sc] of Object.entries(file.scenarios)) for (const step of sc.steps) out.push({ where: id, step });
  return out;
}
const allTexts = (file: ScriptFile): string[] => [
  ...allSteps(file).map((s) => s.step.text),
  ...ScriptStage.options.map((s) => file.stages[s].title),
  ...Object.values(file.scenarios).map((s) => s.title),
];

describe.each(Object.entries(files))('resources/scripts/%s.json', (locale, file) => {
  it('declares its locale', () => {
    expect(file.locale).toBe(locale);
  });

  it('uses only known merge fields', () => {
    for (const text of allTexts(file)) {
      for (const f of templateFields(text)) expect(isMergeField(f), `{{${f}}} in "${text}"`).toBe(true);
    }
  });

  it('every stage opens with identify (institution, name, 工号), recording notice, verification — all required', () => {
    for (const stage of ScriptStage.options) {
      const opening = file.stages[stage].opening;
      expect(opening.slice(0, 3).map((s) => s.id)).toEqual([...REQUIRED_OPENING_STEP_IDS]);
      expect(opening.every((s) => s.required)).toBe(true);
      expect(templateFields(opening[0]!.text)).toEqual(expect.arrayContaining(['institution', 'agentName', 'agentNo']));
      // nothing about the debt before the debtor is verified
      for (const s of opening) {
        expect(templateFields(s.text).filter((f) => ['overdueAmount', 'minDue', 'balance', 'dpd', 'creditor', 'ptpAmount'].includes(f))).toEqual([]);
      }
      expect(file.stages[stage].body.some((s) => s.required)).toBe(true);
    }
  });

  it('has all five scenarios with 3-5 steps', () => {
    expect(Object.keys(file.scenarios).sort()).toEqual([...ScenarioId.options].sort());
    for (const sc of Object.values(file.scenarios)) {
      expect(sc.steps.length).toBeGreaterThanOrEqual(3);
      expect(sc.steps.length).toBeLessThanOrEqual(5);
    }
  });

  it('the body uses the account merge fields', () => {
    const used = new Set(allTexts(file).flatMap(templateFields));
    for (const f of ['debtorName', 'debtorTitle', 'overdueAmount', 'minDue', 'dpd', 'creditor', 'ptpDate']) expect(used.has(f), f).toBe(true);
  });

  it('says nothing about the debt to a third party (no-answer branch)', () => {
    for (const s of file.scenarios.no_answer.steps) {
      expect(templateFields(s.text).filter((f) => ['overdueAmount', 'minDue', 'balance', 'dpd', 'creditor', 'ptpAmount'].includes(f))).toEqual([]);
    }
  });

  it('avoids banned wording (impersonation, threats, blacklists, contacts, private accounts)', () => {
    const banned = locale === 'zh-CN'
      ? ['公安', '警察', '检察', '律师函', '坐牢', '拘留', '判刑', '刑事', '犯罪', '黑名单', '通讯录', '曝光', '上门', '你单位', '微信', '私人账户']
      : ['police', 'jail', 'prison', 'arrest', 'criminal', 'blacklist', 'your contacts', 'expose', 'wechat', 'lawyer'];
    for (const text of allTexts(file)) {
      for (const word of banned) expect(text.toLowerCase(), `"${word}" in "${text}"`).not.toContain(word);
    }
  });
});

describe('zh-CN and en scripts', () => {
  it('have the same step ids, order and required flags everywhere', () => {
    const shape = (f: ScriptFile) => allSteps(f).map(({ where, step }) => `${where}:${step.id}:${step.required}`);
    expect(shape(files.en)).toEqual(shape(files['zh-CN']));
  });
  it('use the same merge fields in each step', () => {
    const zh = allSteps(files['zh-CN']);
    const en = allSteps(files.en);
    zh.forEach((z, i) => {
      expect(new Set(templateFields(en[i]!.step.text)), z.step.id).toEqual(new Set(templateFields(z.step.text)));
    });
  });
});

describe('ScriptFile schema', () => {
  const good = ScriptFile.parse(zhJson);
  it('rejects a stage without the required opening', () => {
    const bad = structuredClone(good);
    bad.stages.mid.opening = bad.stages.mid.opening.slice(1);
    expect(ScriptFile.safeParse(bad).success).toBe(false);
    const notRequired = structuredClone(good);
    notRequired.stages.late.opening[1]!.required = false;
    expect(ScriptFile.safeParse(notRequired).success).toBe(false);
  });
  it('rejects a missing scenario, duplicate step ids and bad ids', () => {
    const noScenario = structuredClone(good) as Record<string, unknown> & { scenarios: Record<string, unknown> };
    delete noScenario.scenarios.unable;
    expect(ScriptFile.safeParse(noScenario).success).toBe(false);
    const dup = structuredClone(good);
    dup.stages.early.body[1]!.id = dup.stages.early.body[0]!.id;
    expect(ScriptFile.safeParse(dup).success).toBe(false);
    const badId = structuredClone(good);
    badId.stages.early.body[0]!.id = 'Early Account';
    expect(ScriptFile.safeParse(badId).success).toBe(false);
  });
});
