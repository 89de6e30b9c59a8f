import { describe, expect, it } from 'vitest';
import zhJson from '../../resources/scripts/zh-CN.json';
import enJson from '../../resources/scripts/en.json';
import { ScriptView } from '../contract';
import { ScenarioId, ScriptStage } from './enums';
import type { MergeFields } from './merge';
import { ScriptFile } from './script-schema';
import { buildScriptView, requiredStepIdsOf } from './scripts';

const zh = ScriptFile.parse(zhJson);
const en = ScriptFile.parse(enJson);

const fields: MergeFields = {
  debtorName: '张伟', debtorTitle: '先生', overdueAmount: '¥3,200.00', minDue: '¥320.00', balance: '¥12,345.60',
  dpd: '12', creditor: '某某银行信用卡中心', institution: '某某资产管理有限公司', agentName: '李娜', agentNo: 'A1024',
  ptpDate: '2026-03-15', ptpAmount: '¥3,200.00',
};

describe('buildScriptView', () => {
  it('returns a valid ScriptView for every stage and locale with every field merged', () => {
    for (const file of [zh, en]) {
      for (const stage of ScriptStage.options) {
        const view = buildScriptView(file, stage, fields);
        expect(ScriptView.parse(view)).toEqual(view);
        expect(view.stage).toBe(stage);
        expect(view.scenarios.map((s) => s.id)).toEqual(ScenarioId.options);
        expect(JSON.stringify(view)).not.toMatch(/\{\{/);
        const ids = [...view.opening, ...view.body, ...view.scenarios.flatMap((s) => s.steps)].map((s) => s.id);
        expect(new Set(ids).size).toBe(ids.length);
      }
    }
  });

  it('fills the opening with the agent and institution', () => {
    const view = buildScriptView(zh, 'early', fields);
    expect(view.opening[0]).toEqual({ id: 'open.identify', text: '您好，我是某某资产管理有限公司的工作人员李娜，工号A1024。', required: true });
    expect(view.opening[2]!.text).toContain('张伟先生本人');
    expect(view.body[0]!.text).toContain('逾期12天，逾期金额¥3,200.00，最低还款额¥320.00');
  });

  it('keeps a missing field visible', () => {
    const view = buildScriptView(en, 'mid', { debtorName: 'Zhang Wei' });
    expect(view.opening[0]!.text).toContain('{{agentName}}');
    expect(view.body[0]!.text).toContain('Zhang Wei');
  });

  it('uses a stage override of a scenario when there is one', () => {
    const early = buildScriptView(zh, 'early', fields).scenarios.find((s) => s.id === 'repeated_broken')!;
    const m2 = buildScriptView(zh, 'm2plus', fields).scenarios.find((s) => s.id === 'repeated_broken')!;
    expect(m2.steps.map((s) => s.id)).toEqual(early.steps.map((s) => s.id));
    expect(m2.steps[1]!.text).not.toBe(early.steps[1]!.text);
    expect(m2.steps[1]!.text).toBe(zh.stages.m2plus.scenarios!.repeated_broken!.steps[1]!.text.replace('{{creditor}}', fields.creditor));
  });

  it('requiredStepIdsOf lists the required opening and body steps, plus a chosen scenario', () => {
    const view = buildScriptView(zh, 'early', fields);
    expect(requiredStepIdsOf(view)).toEqual(['open.identify', 'open.recording', 'open.verify', 'early.account', 'early.askDate']);
    const withRequiredScenario = { ...view, scenarios: view.scenarios.map((s) => (s.id === 'unable' ? { ...s, steps: s.steps.map((x, i) => ({ ...x, required: i === 0 })) } : s)) };
    expect(requiredStepIdsOf(withRequiredScenario, 'unable')).toContain('unable.duration');
    expect(requiredStepIdsOf(withRequiredScenario, 'deceased')).not.toContain('unable.duration');
  });
});
