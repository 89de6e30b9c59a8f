/**
 * Issue 9 on the desk: a payment's channel and transaction number are stored, shown in the
 * history and refused when malformed or repeated on the case; a claimed payment (待核实) moves
 * nothing (balance, promise, today's money) until a lead confirms it on the lead's desk, which
 * sends `payment.verify` to the hub; a pulled decision lands on an agent's desk.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAgent } from '../../electron/core/auth/auth';
import { addCase, attemptInput, openTestDesk, requiredSteps, type TestDesk } from '../fixtures/desk';

let t: TestDesk;
let caseId: number;
let promiseId: string;
const kase = () => t.desk.ctx.db.prepare('SELECT status, balance_fen, last_payment_fen FROM cases WHERE id = ?').get(caseId) as Record<string, unknown>;
const promiseState = () => (t.desk.ctx.db.prepare('SELECT state FROM promises WHERE id = ?').get(promiseId) as { state: string }).state;
const refusal = async (input: Record<string, unknown>) => {
  const r = await t.desk.invoke('payment.record', { caseId: String(caseId), amountFen: 1_000, paidDate: '2026-03-10', ...input });
  return r.ok ? null : r.error;
};
const asLead = async () => {
  t.desk.ctx.db.transaction(() => createAgent(t.desk.ctx, { username: 'boss', password: 'secret3', displayName: '组长', agentNo: 'L0001', role: 'lead' }))();
  await t.call('auth.login', { username: 'boss', password: 'secret3' });
};

beforeEach(async () => {
  t = await openTestDesk();
  ({ caseId } = addCase(t, { agentId: t.agentId, balanceFen: 500_000, overdueFen: 200_000 }));
  const steps = await requiredSteps(t, caseId);
  promiseId = (await t.call('attempt.save', attemptInput(caseId, { outcomeCode: 'PTP', party: 'self', stepsDone: steps, ptp: { amountFen: 100_000, dueDate: '2026-03-12' } }))).promiseId ?? '';
});
afterEach(() => t.close());

describe('payment channel and transaction number', () => {
  it('are stored, sent to the hub and shown in the history', async () => {
    await t.call('payment.record', { caseId: String(caseId), amountFen: 100_000, paidDate: '2026-03-10', channel: 'direct_debit', txnNo: '  DD20260310-0001 ' });
    const d = await t.call('case.get', { caseId: String(caseId) });
    expect(d.timeline.find((e) => e.kind === 'payment')).toMatchObject({ channel: 'direct_debit', txnNo: 'DD20260310-0001', verification: 'verified' });
    const args = JSON.parse((t.desk.ctx.db.prepare("SELECT args FROM outbox WHERE name = 'payment.record'").get() as { args: string }).args);
    expect(args).toMatchObject({ channel: 'direct_debit', txnNo: 'DD20260310-0001', claimed: false });
    expect(promiseState()).toBe('kept');
  });

  it('refuses a malformed or repeated number with the field and the rule, and writes nothing', async () => {
    for (const txnNo of ['12345', 'x'.repeat(41), '流水号20260310', 'AB 123456', '-AB123456', 'AB123456;DROP', 'AB\u200b123456']) {
      expect(await refusal({ txnNo }), txnNo).toMatchObject({ code: 'VALIDATION', field: 'txnNo', rule: 'payment.txnInvalid', params: { min: 6, max: 40 } });
    }
    expect(await refusal({ channel: 'alipay' })).toMatchObject({ code: 'INVALID_INPUT', field: 'channel' });
    expect(await refusal({ txnNo: 'AB123456' })).toBeNull();
    expect(await refusal({ txnNo: 'AB123456', channel: 'counter' })).toMatchObject({ field: 'txnNo', rule: 'payment.txnDuplicate', params: { txnNo: 'AB123456' } });
    expect(t.count('payments')).toBe(1);
    expect(t.count('outbox', "name = 'payment.record'")).toBe(1);
  });
});

describe('claimed payments (待核实)', () => {
  it('count for nothing until a lead confirms; then balance, promise and today move, and the hub is told', async () => {
    const r = await t.call('payment.record', { caseId: String(caseId), amountFen: 100_000, paidDate: '2026-03-10', channel: 'bank_transfer', txnNo: 'BT0001112', claimed: true });
    expect(r.verification).toBe('unverified');
    expect(kase()).toMatchObject({ balance_fen: 500_000, last_payment_fen: null });
    expect(promiseState()).toBe('pending');
    expect((await t.call('queue.today', {})).collectedFen).toBe(0);
    const d = await t.call('case.get', { caseId: String(caseId) });
    expect(d.timeline.find((e) => e.kind === 'payment')).toMatchObject({ verification: 'unverified', txnNo: 'BT0001112' });

    // an agent cannot decide
    const agentTry = await t.desk.invoke('payment.verify', { paymentId: r.paymentId, decision: 'confirm' });
    expect(agentTry).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });

    await asLead();
    const pending = await t.call('payment.pending', {});
    expect(pending.items).toMatchObject([{ paymentId: r.paymentId, caseId: String(caseId), amountFen: 100_000, channel: 'bank_transfer', txnNo: 'BT0001112', recordedBy: '测试员' }]);
    const noReason = await t.desk.invoke('payment.verify', { paymentId: r.paymentId, decision: 'reject', reason: ' ' });
    expect(noReason).toMatchObject({ ok: false, error: { field: 'reason', rule: 'payment.rejectReason' } });
    expect(await t.call('payment.verify', { paymentId: r.paymentId, decision: 'confirm' })).toEqual({ verification: 'verified' });
    expect(kase()).toMatchObject({ balance_fen: 400_000, last_payment_fen: 100_000 });
    expect(promiseState()).toBe('kept');
    expect((await t.call('payment.pending', {})).items).toEqual([]);
    const again = await t.desk.invoke('payment.verify', { paymentId: r.paymentId, decision: 'reject', reason: '对账无此笔' });
    expect(again).toMatchObject({ ok: false, error: { rule: 'payment.notUnverified', params: { verification: 'verified' } } });
    const out = JSON.parse((t.desk.ctx.db.prepare("SELECT args FROM outbox WHERE name = 'payment.verify'").get() as { args: string }).args);
    expect(out).toMatchObject({ paymentId: r.paymentId, caseId: String(caseId), decision: 'confirm', reason: null });
    expect(t.count('audit_log', "action = 'payment.confirm'")).toBe(1);
    // the hub gets the decision before the promise change it causes (else it refuses the change)
    const order = (t.desk.ctx.db.prepare("SELECT name FROM outbox WHERE name IN ('payment.verify', 'promise.transition') ORDER BY mutation_id").all() as { name: string }[]).map((r) => r.name);
    expect(order).toEqual(['payment.verify', 'promise.transition']);
  });

  it('a rejected claim stays out; its number may be recorded again', async () => {
    const r = await t.call('payment.record', { caseId: String(caseId), amountFen: 100_000, paidDate: '2026-03-10', txnNo: 'BT0001113', claimed: true });
    await asLead();
    expect(await t.call('payment.verify', { paymentId: r.paymentId, decision: 'reject', reason: '委托方对账无此笔' })).toEqual({ verification: 'rejected' });
    expect(kase()).toMatchObject({ balance_fen: 500_000 });
    await t.call('auth.login', { username: 'tester', password: 'secret1' });
    const d = await t.call('case.get', { caseId: String(caseId) });
    expect(d.timeline.find((e) => e.kind === 'payment')).toMatchObject({ verification: 'rejected', verifyReason: '委托方对账无此笔' });
    expect(await refusal({ txnNo: 'BT0001113' })).toBeNull();
  });
});
