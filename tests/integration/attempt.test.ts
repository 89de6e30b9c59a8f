import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addCase, addFollowUp, attemptInput, openTestDesk, requiredSteps, type TestDesk } from '../fixtures/desk';

let t: TestDesk;
let caseId: number;
let phoneIds: number[];
let steps: string[];
const TABLES = ['attempts', 'promises', 'follow_ups', 'outbox', 'audit_log'] as const;
const counts = () => Object.fromEntries(TABLES.map((tb) => [tb, t.count(tb)])) as Record<(typeof TABLES)[number], number>;

beforeEach(async () => {
  t = await openTestDesk();
  ({ caseId, phoneIds } = addCase(t, {
    agentId: t.agentId, overdueSince: '2026-03-01', balanceFen: 1_000_000, overdueFen: 300_000,
    phones: [{ number: '13912345678' }], contacts: [{ name: '李父', relation: 'parent', party: 'third_party', phone: '18800001111' }],
  }));
  addCase(t, { agentId: t.agentId, overdueFen: 100 }); // a next case
  steps = await requiredSteps(t, caseId);
});
afterEach(() => t.close());

const ptpSave = (over: Record<string, unknown> = {}) =>
  attemptInput(caseId, {
    phoneId: String(phoneIds[0]), party: 'self', outcomeCode: 'PTP', note: '承诺周五还款', durationSec: 120,
    ptp: { amountFen: 200_000, dueDate: '2026-03-13' }, stepsDone: steps,
    followUp: { dueAt: '2026-03-13T02:00:00.000Z', reason: '确认到账' }, ...over,
  });

describe('attempt.save', () => {
  it('writes attempt, promise, follow-up, case effects, audit and outbox in one go', async () => {
    const draft = { outcomeCode: 'PTP', party: 'self', phoneId: null, note: 'x', ptpAmountFen: null, ptpDate: null, followUpAt: null, claimedPaidDate: null, stepsDone: [], scenario: null };
    await t.call('draft.save', { caseId: String(caseId), draft });
    const oldFu = addFollowUp(t, caseId, '2026-03-10T01:00:00.000Z');
    const before = counts();
    const r = await t.call('attempt.save', ptpSave());
    expect(r.attemptId).toMatch(/^[0-9a-f-]{36}$/);
    expect(r.promiseId).not.toBeNull();
    expect(r.followUpId).not.toBeNull();
    expect(r.nextCaseId).not.toBe(String(caseId));
    expect(counts()).toEqual({ ...before, attempts: before.attempts + 1, promises: before.promises + 1, follow_ups: before.follow_ups + 1, outbox: before.outbox + 1, audit_log: before.audit_log + 1 });
    const db = t.desk.ctx.db;
    expect(db.prepare('SELECT state FROM follow_ups WHERE id = ?').get(oldFu)).toEqual({ state: 'done' });
    const c = db.prepare('SELECT status, attempt_count, last_outcome_code, next_due_at, due_kind FROM cases WHERE id = ?').get(caseId);
    expect(c).toEqual({ status: 'ptp', attempt_count: 1, last_outcome_code: 'PTP', next_due_at: '2026-03-12T16:00:00.000Z', due_kind: 'ptp' });
    expect(t.count('drafts')).toBe(0);
    const ob = db.prepare('SELECT mutation_id, name, args FROM outbox ORDER BY mutation_id DESC LIMIT 1').get() as { mutation_id: number; name: string; args: string };
    expect(ob.name).toBe('attempt.save');
    expect(JSON.parse(ob.args)).toMatchObject({ attemptId: r.attemptId, caseId: String(caseId), promise: { id: r.promiseId, amountFen: 200_000 } });
    const detail = await t.call('case.get', { caseId: String(caseId) });
    expect(detail.timeline[0]).toMatchObject({ kind: 'attempt', id: r.attemptId, outcomeCode: 'PTP', agentName: '测试员', phoneMasked: '139****5678' });
    expect(detail.promises[0]).toMatchObject({ id: r.promiseId, state: 'pending', amountFen: 200_000 });
    expect(detail.followUps.map((f) => f.id)).toEqual([r.followUpId]);
    expect(detail.draft).toBeNull();
  });

  it('a new promise cancels the previous pending one', async () => {
    const first = await t.call('attempt.save', ptpSave());
    const second = await t.call('attempt.save', ptpSave({ ptp: { amountFen: 100_000, dueDate: '2026-03-15' } }));
    const db = t.desk.ctx.db;
    expect(db.prepare('SELECT state FROM promises WHERE id = ?').get(first.promiseId)).toEqual({ state: 'cancelled' });
    expect(db.prepare('SELECT state FROM promises WHERE id = ?').get(second.promiseId)).toEqual({ state: 'pending' });
  });

  it('is idempotent on clientRequestId: a double submit stores once', async () => {
    const input = ptpSave();
    const [a, b] = await Promise.all([t.call('attempt.save', input), t.call('attempt.save', input)]);
    const c = await t.call('attempt.save', input);
    expect(b).toMatchObject({ attemptId: a.attemptId, promiseId: a.promiseId, followUpId: a.followUpId });
    expect(c.attemptId).toBe(a.attemptId);
    expect(t.count('attempts')).toBe(1);
    expect(t.count('outbox')).toBe(1);
    expect(t.count('promises')).toBe(1);
    const reused = await t.desk.invoke('attempt.save', { ...input, caseId: String(caseId + 1) });
    expect(reused).toMatchObject({ ok: false, error: { code: 'VALIDATION', rule: 'attempt.requestIdReused' } });
  });

  const refusals: [string, Record<string, unknown>, { field: string; rule: string }][] = [
    ['unknown code', { outcomeCode: 'NOPE' }, { field: 'outcomeCode', rule: 'outcome.unknown' }],
    ['PTP without promise', { ptp: null }, { field: 'ptp', rule: 'ptp.required' }],
    ['PTP amount zero', { ptp: { amountFen: 0, dueDate: '2026-03-13' } }, { field: 'ptp.amountFen', rule: 'ptp.amountPositive' }],
    ['PTP above balance', { ptp: { amountFen: 1_000_001, dueDate: '2026-03-13' } }, { field: 'ptp.amountFen', rule: 'ptp.amountAboveBalance' }],
    ['PTP date in the past', { ptp: { amountFen: 100, dueDate: '2026-03-09' } }, { field: 'ptp.dueDate', rule: 'ptp.dateInPast' }],
    ['PTP date too far', { ptp: { amountFen: 100, dueDate: '2026-04-30' } }, { field: 'ptp.dueDate', rule: 'ptp.dateTooFar' }],
    ['follow-up in the past', { followUp: { dueAt: '2026-03-10T01:00:00.000Z', reason: null } }, { field: 'followUp.dueAt', rule: 'followUp.inPast' }],
    ['contact without party', { party: 'none' }, { field: 'party', rule: 'party.required' }],
    ['required steps not ticked', { stepsDone: [] }, { field: 'stepsDone', rule: 'steps.required' }],
    ['claims paid without date', { outcomeCode: 'CLAIMS_PAID', ptp: null, claimedPaidDate: null }, { field: 'claimedPaidDate', rule: 'paidDate.required' }],
    ['plan requested without follow-up', { outcomeCode: 'PLAN_REQUESTED', ptp: null, followUp: null }, { field: 'followUp.dueAt', rule: 'followUp.required' }],
    ['phone of another debtor', { phoneId: '999999' }, { field: 'phoneId', rule: 'phone.notOnCase' }],
  ];
  for (const [name, over, expected] of refusals) {
    it(`refuses ${name} with VALIDATION and writes nothing`, async () => {
      const before = counts();
      const r = await t.desk.invoke('attempt.save', ptpSave(over));
      expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION', ...expected } });
      expect(counts()).toEqual(before);
    });
  }

  it('refuses a case assigned to someone else', async () => {
    const { caseId: theirs } = addCase(t, { agentId: t.otherAgentId });
    const before = counts();
    expect(await t.desk.invoke('attempt.save', attemptInput(theirs))).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(counts()).toEqual(before);
  });

  it('applies outcome effects: status, tag, refusals and phone locks', async () => {
    const db = t.desk.ctx.db;
    await t.call('attempt.save', attemptInput(caseId, { outcomeCode: 'REFUSES', party: 'self', stepsDone: steps }));
    expect(db.prepare('SELECT tags, refusals FROM cases WHERE id = ?').get(caseId)).toEqual({ tags: '["refuses"]', refusals: 1 });
    await t.call('attempt.save', attemptInput(caseId, { outcomeCode: 'INVALID_NUMBER', phoneId: String(phoneIds[0]) }));
    expect(db.prepare('SELECT status FROM phones WHERE id = ?').get(phoneIds[0])).toEqual({ status: 'invalid' });
    await t.call('attempt.save', attemptInput(caseId, { outcomeCode: 'STOP_CONTACT', phoneId: String(phoneIds[1]), party: 'third_party' }));
    expect(db.prepare('SELECT status FROM phones WHERE id = ?').get(phoneIds[1])).toEqual({ status: 'do_not_call' });
    expect(db.prepare('SELECT refused_contact FROM contacts').get()).toEqual({ refused_contact: 1 });
    expect(await t.desk.invoke('attempt.save', attemptInput(caseId, { phoneId: String(phoneIds[1]) }))).toMatchObject({ ok: false, error: { rule: 'phone.doNotCall' } });
    await t.call('attempt.save', attemptInput(caseId, { outcomeCode: 'DISPUTE', party: 'self', stepsDone: steps }));
    expect(db.prepare('SELECT status FROM cases WHERE id = ?').get(caseId)).toEqual({ status: 'hold' });
    await t.call('attempt.save', ptpSave());
    expect(db.prepare('SELECT status FROM cases WHERE id = ?').get(caseId)).toEqual({ status: 'hold' }); // only a lead lifts a hold
  });

  it('要求停止联系 from the debtor locks every number of theirs and puts the case on hold, out of the working part of the queue', async () => {
    const db = t.desk.ctx.db;
    const second = Number(db.prepare("INSERT INTO phones (debtor_id, contact_id, owner, kind, number, number_tail4) SELECT debtor_id, NULL, 'self', 'home', '01088886666', '6666' FROM cases WHERE id = ?").run(caseId).lastInsertRowid);
    await t.call('attempt.save', attemptInput(caseId, { outcomeCode: 'STOP_CONTACT', phoneId: String(phoneIds[0]), party: 'self' }));
    expect(db.prepare('SELECT status FROM phones WHERE id IN (?, ?) ORDER BY id').all(phoneIds[0], second)).toEqual([{ status: 'do_not_call' }, { status: 'do_not_call' }]);
    expect(db.prepare('SELECT status FROM phones WHERE id = ?').get(phoneIds[1])).toEqual({ status: 'valid' }); // the contact did not ask
    expect(db.prepare('SELECT status, tags FROM cases WHERE id = ?').get(caseId)).toEqual({ status: 'hold', tags: '["complaint_risk"]' });
    const q = await t.call('queue.list', {});
    expect(q.items.at(-1)).toMatchObject({ caseId: String(caseId), status: 'hold' }); // sinks to the bottom, shown as 暂停催收
    expect(await t.desk.invoke('attempt.save', attemptInput(caseId, { phoneId: String(second) }))).toMatchObject({ ok: false, error: { rule: 'phone.doNotCall' } });
  });

  it('attempts cannot be updated or deleted', async () => {
    const r = await t.call('attempt.save', ptpSave());
    const db = t.desk.ctx.db;
    expect(() => db.prepare("UPDATE attempts SET note = 'edited' WHERE id = ?").run(r.attemptId)).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM attempts WHERE id = ?').run(r.attemptId)).toThrow(/append-only/);
  });

  it('outbox mutation ids increase per device and rows commit with their change', async () => {
    await t.call('attempt.save', ptpSave());
    await t.call('attempt.save', attemptInput(caseId));
    await t.desk.invoke('attempt.save', ptpSave({ outcomeCode: 'NOPE' }));
    const rows = t.desk.ctx.db.prepare('SELECT mutation_id FROM outbox ORDER BY mutation_id').all() as { mutation_id: number }[];
    expect(rows.map((r) => r.mutation_id)).toEqual([1, 2]);
    expect(t.desk.ctx.db.prepare('SELECT last_mutation_id FROM sync_state').get()).toEqual({ last_mutation_id: 2 });
  });
});
