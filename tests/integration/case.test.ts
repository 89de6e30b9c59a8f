import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../electron/core/audit/audit';
import type { NoteDraft } from '../../shared/contract';
import { addCase, attemptInput, openTestDesk, type TestDesk } from '../fixtures/desk';

let t: TestDesk;
let caseId: number;
let phoneIds: number[];
beforeEach(async () => {
  t = await openTestDesk();
  ({ caseId, phoneIds } = addCase(t, {
    agentId: t.agentId, name: '王芳', gender: 'F', idNumber: '110105199001011234', accountNo: '6225880012345678',
    phones: [{ number: '13912345678' }, { number: '01062345678', kind: 'home' }],
    contacts: [{ name: '王父', relation: 'parent', party: 'third_party', phone: '18800001111' }],
  }));
});
afterEach(() => t.close());

describe('case.get', () => {
  it('returns the case with ID, account and phones masked', async () => {
    const d = await t.call('case.get', { caseId: String(caseId) });
    expect(d.case).toMatchObject({ id: String(caseId), accountMasked: '6225 **** **** 5678', dpd: 19, bucket: 'M1_LATE' });
    expect(d.debtor).toMatchObject({ name: '王芳', gender: 'F', idNumberMasked: '110105********1234' });
    expect(d.phones.map((p) => p.numberMasked)).toEqual(['139****5678', expect.stringMatching(/^010.*5678$/), '188****1111']);
    expect(JSON.stringify(d)).not.toContain('13912345678');
    expect(JSON.stringify(d)).not.toContain('110105199001011234');
    expect(JSON.stringify(d)).not.toContain('6225880012345678');
    expect(d.contacts).toEqual([expect.objectContaining({ name: '王父', relation: 'parent', party: 'third_party', refusedContact: false })]);
  });

  it('case.reveal returns the clear value and writes the audit log', async () => {
    const before = t.count('audit_log', "action = 'case.reveal'");
    expect(await t.call('case.reveal', { caseId: String(caseId), field: 'idNumber' })).toEqual({ value: '110105199001011234' });
    expect(await t.call('case.reveal', { caseId: String(caseId), field: 'account' })).toEqual({ value: '6225880012345678' });
    expect(await t.call('case.reveal', { caseId: String(caseId), field: 'phone', phoneId: String(phoneIds[0]) })).toEqual({ value: '13912345678' });
    expect(t.count('audit_log', "action = 'case.reveal'")).toBe(before + 3);
    const last = t.desk.ctx.db.prepare("SELECT agent_id, entity, entity_id, detail FROM audit_log WHERE action = 'case.reveal' ORDER BY seq DESC LIMIT 1").get();
    expect(last).toEqual({ agent_id: t.agentId, entity: 'phone', entity_id: String(phoneIds[0]), detail: JSON.stringify({ caseId: String(caseId), field: 'phone' }) });
    expect(verifyAuditChain(t.desk.ctx.db).ok).toBe(true);
  });

  it('refuses another agent\'s case and unknown ids', async () => {
    const { caseId: theirs } = addCase(t, { agentId: t.otherAgentId });
    expect(await t.desk.invoke('case.get', { caseId: String(theirs) })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await t.desk.invoke('case.reveal', { caseId: String(theirs), field: 'account' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(t.count('audit_log', "action = 'case.reveal'")).toBe(0);
    expect(await t.desk.invoke('case.get', { caseId: 'abc' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('draft autosave round trip', async () => {
    const draft: NoteDraft = {
      outcomeCode: 'PTP', party: 'self', phoneId: String(phoneIds[0]), note: '客户说周五发工资', ptpAmountFen: 50_000, ptpDate: '2026-03-13',
      followUpAt: null, claimedPaidDate: null, stepsDone: ['open.identify'], scenario: 'unable',
    };
    const { savedAt } = await t.call('draft.save', { caseId: String(caseId), draft });
    expect(savedAt).toBe(t.clock().toISOString());
    t.clock.advance(5_000);
    await t.call('draft.save', { caseId: String(caseId), draft: { ...draft, note: '客户说周五发工资，先还五百' } });
    t.close();
    t = await openTestDesk({ dataDir: t.dir, clock: t.clock });
    const d = await t.call('case.get', { caseId: String(caseId) });
    expect(d.draft).toEqual({ ...draft, note: '客户说周五发工资，先还五百' });
    expect(d.draftSavedAt).toBe(t.clock().toISOString());
    expect(t.count('drafts')).toBe(1);
  });

  it('a draft keeps the call timed on its case (a reload mid-call keeps its start); draft.cases lists the agent\'s drafts', async () => {
    const { caseId: second } = addCase(t, { agentId: t.agentId, name: '李四' });
    const { caseId: theirs } = addCase(t, { agentId: t.otherAgentId });
    const blank: NoteDraft = {
      outcomeCode: null, party: null, phoneId: null, note: '', ptpAmountFen: null, ptpDate: null, followUpAt: null, claimedPaidDate: null, stepsDone: [], scenario: null,
    };
    const call = { startedAt: t.clock().toISOString(), durationSec: null };
    await t.call('draft.save', { caseId: String(caseId), draft: { ...blank, call } });
    t.clock.advance(1_000);
    await t.call('draft.save', { caseId: String(second), draft: blank });
    // another agent's draft on their own case is not ours
    t.desk.ctx.db.prepare('INSERT INTO drafts (case_id, agent_id, body, saved_at) VALUES (?, ?, ?, ?)').run(theirs, t.otherAgentId, JSON.stringify(blank), t.clock().toISOString());
    expect(await t.call('draft.cases', {})).toEqual({ caseIds: [String(second), String(caseId)] });
    const d = await t.call('case.get', { caseId: String(caseId) });
    expect(d.draft?.call).toEqual(call);
    // an attempt saved clears the draft and its mark
    const script = await t.call('script.forCase', { caseId: String(second), locale: 'zh-CN' });
    expect(script.opening.length).toBeGreaterThan(0);
    await t.call('attempt.save', attemptInput(second, { party: 'none', outcomeCode: 'NO_ANSWER' }));
    expect(await t.call('draft.cases', {})).toEqual({ caseIds: [String(caseId)] });
  });

  it('script.forCase merges case, debtor, agent and settings fields into the bucket\'s script', async () => {
    const s = await t.call('script.forCase', { caseId: String(caseId), locale: 'zh-CN' });
    expect(s.stage).toBe('late'); // DPD 19 = 后期
    const text = JSON.stringify(s);
    expect(text).toContain('王芳');
    expect(text).toContain('T0001');
    expect(text).toContain('女士');
    expect(text).not.toMatch(/\{\{(debtorName|agentNo|institution|creditor)\}\}/);
    expect(s.opening.slice(0, 3).map((x) => x.id)).toEqual(['open.identify', 'open.recording', 'open.verify']);
    const en = await t.call('script.forCase', { caseId: String(caseId), locale: 'en' });
    expect(en.opening.map((x) => x.id)).toEqual(s.opening.map((x) => x.id));
  });

  it('script.forCase leaves the promise fields to the note pane, never the case\'s earlier promise (issue 9 #2)', async () => {
    const required = (await t.call('script.forCase', { caseId: String(caseId), locale: 'zh-CN' })).opening.filter((x) => x.required).map((x) => x.id);
    const body = (await t.call('script.forCase', { caseId: String(caseId), locale: 'zh-CN' })).body.filter((x) => x.required).map((x) => x.id);
    await t.call('attempt.save', attemptInput(caseId, {
      party: 'self', outcomeCode: 'PTP', note: '答应周五还', phoneId: String(phoneIds[0]),
      ptp: { amountFen: 43_210, dueDate: '2026-03-13' }, stepsDone: [...required, ...body],
    }));
    const s = await t.call('script.forCase', { caseId: String(caseId), locale: 'zh-CN' });
    const text = JSON.stringify(s);
    expect(text).not.toContain('¥432.10');
    expect(text).not.toContain('2026-03-13');
    const confirm = [...s.body, ...s.scenarios.flatMap((x) => x.steps)].filter((x) => x.text.includes('{{ptpAmount}}'));
    expect(confirm.length).toBeGreaterThan(0);
    expect(confirm.every((x) => x.text.includes('{{ptpDate}}'))).toBe(true);
    expect(s.scenarios.find((x) => x.id === 'repeated_broken')?.steps.some((x) => x.text.includes('{{ptpAmount}}'))).toBe(true);
  });
});
