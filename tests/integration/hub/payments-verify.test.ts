/**
 * Issue 9 on the hub, both stores: a payment's channel and transaction number are stored and
 * synced; the hub re-checks the number (charset, length, twice on a case); a claimed payment
 * (待核实) counts for nothing until a lead of the team confirms it (then balance and promises
 * move) or rejects it; an agent or another team's lead cannot decide; each decision is on the
 * admin audit chain, and the holder's desk learns it by pull.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAdminAudit } from '../../../hub/admin-audit';
import { generateDemoRows, type DemoRows } from '../../../shared/demo/generate';
import type { Change } from '../../../shared/sync';
import { attemptArgs, call, deskOf, makeWorld, pgAvailable, type Kind, type World, ALL_STEPS } from './harness';

const pgOk = await pgAvailable();
if (!pgOk) console.warn('hub payment tests: no PostgreSQL reachable at 127.0.0.1:5432 — the PostgreSQL half is SKIPPED');

const TODAY = '2026-03-10';

describe.each([
  ['sqlite', true],
  ['postgres', pgOk],
] as [Kind, boolean][])('payments: channel, transaction number, verification (%s)', (kind, enabled) => {
  let w: World;
  let rows: DemoRows;
  let next = 0;
  const freshCase = () => rows.cases[next++]!;
  const payment = (caseId: string, amountFen: number, extra: Record<string, unknown> = {}) => ({
    paymentId: randomUUID(), caseId, amountFen, paidDate: TODAY, source: 'agent', at: w.now.t.toISOString(), ...extra,
  });
  const sql = <T>(text: string, params: (string | number)[] = []) => w.hub.store.read((q) => q.all<Record<string, unknown>>(text, params)) as Promise<T[]>;
  const balanceOf = async (id: string) => Number((await sql<{ b: number }>('SELECT balance_fen AS b FROM cases WHERE id = ?', [Number(id)]))[0]?.b);
  const paymentOf = async (id: string) => (await sql<Record<string, unknown>>('SELECT channel, txn_no, verification, verified_by, verify_reason FROM payments WHERE id = ?', [id]))[0];
  const rejections = async (deviceId: string) => (await sql<{ detail: string }>('SELECT detail FROM rejections WHERE device_id = ? ORDER BY mutation_id', [deviceId])).map((r) => r.detail);
  const putsOf = (changes: Change[], entity: string) => changes.flatMap((c) => (c.op === 'put' && c.entity === entity ? [c.row as Record<string, unknown>] : []));

  beforeAll(async () => {
    if (!enabled) return;
    w = await makeWorld(kind);
    rows = generateDemoRows({ cases: 10, firstId: 5000, agentId: String(w.ids.agentA), today: TODAY, history: 0, seed: 19 });
    const up = await call(w.hub, 'POST', '/v1/admin/cases', rows, await w.tokenOf('lead1'));
    expect(up.status, JSON.stringify(up.body)).toBe(200);
  });
  afterAll(async () => {
    if (enabled) await w.close();
  });

  it.skipIf(!enabled)('stores channel and transaction number, syncs them, refuses a bad or repeated number on the case', async () => {
    const c = freshCase();
    const d = await deskOf(w, 'agentA');
    const ok = payment(c.id, 1_000, { channel: 'bank_transfer', txnNo: ' TX2026031000001 ' });
    const dup = payment(c.id, 1_000, { channel: 'counter', txnNo: 'TX2026031000001' });
    const hostile = ['12345', 'A'.repeat(41), '交易流水号123456', 'TX 2026 0310', '=HYPERLINK("x")', 'TX\u200b20260310'].map((txnNo) => payment(c.id, 100, { txnNo }));
    const r = await d.push([ok, dup, ...hostile].map((p) => d.m('payment.record', p)));
    expect(r.status).toBe(200);
    expect(r.body.rejected).toEqual([2, 3, 4, 5, 6, 7, 8].map((mutationId) => ({ mutationId, reason: 'ruleViolation' })));
    expect(await rejections(d.deviceId)).toEqual(['payment.txnDuplicate', ...hostile.map(() => 'payment.txnInvalid')]);
    expect(await paymentOf(ok.paymentId)).toMatchObject({ channel: 'bank_transfer', txn_no: 'TX2026031000001', verification: 'verified' });
    expect(await balanceOf(c.id)).toBe(c.balanceFen - 1_000);
    // the same number on another case is another payment
    const other = freshCase();
    expect((await d.push([d.m('payment.record', payment(other.id, 500, { txnNo: 'TX2026031000001' }))])).body.rejected).toEqual([]);
    const pulled = putsOf((await d.pullAll()).changes, 'payment').find((p) => p.id === ok.paymentId);
    expect(pulled).toMatchObject({ channel: 'bank_transfer', txnNo: 'TX2026031000001', verification: 'verified' });
    // an unknown channel never reaches an applier
    const bad = await d.push([d.m('payment.record', payment(c.id, 100, { channel: 'wechat_red_packet' }))]);
    expect(bad.body.rejected).toMatchObject([{ reason: 'invalidArgs' }]);
  });

  it.skipIf(!enabled)('a claimed payment waits (no balance, no promise kept) until the team lead confirms it; agents and other teams may not decide', async () => {
    const c = freshCase();
    const agent = await deskOf(w, 'agentA');
    const promiseId = randomUUID();
    const ptp = {
      attemptId: randomUUID(), clientRequestId: `crid-${randomUUID()}`, caseId: c.id, phoneId: null, channel: 'phone', party: 'self', outcomeCode: 'PTP', note: '承诺', callStartedAt: null,
      durationSec: 0, claimedPaidDate: null, stepsDone: ALL_STEPS,
      scenario: null, at: w.now.t.toISOString(), promise: { id: promiseId, amountFen: 2_000, dueDate: '2026-03-12', createdDate: TODAY }, followUp: null, phoneLock: null,
    };
    const claim = payment(c.id, 2_000, { channel: 'creditor_app', txnNo: 'APP-778899', claimed: true });
    const r = await agent.push([agent.m('attempt.save', ptp), agent.m('payment.record', claim)]);
    expect(r.body.rejected).toEqual([]);
    expect(await paymentOf(claim.paymentId)).toMatchObject({ verification: 'unverified' });
    expect(await balanceOf(c.id)).toBe(c.balanceFen);
    expect((await sql<{ state: string }>('SELECT state FROM promises WHERE id = ?', [promiseId]))[0]?.state).toBe('pending');

    const verify = (decision: string, reason: string | null = null) => ({ paymentId: claim.paymentId, caseId: c.id, decision, reason, at: w.now.t.toISOString() });
    expect((await agent.push([agent.m('payment.verify', verify('confirm'))])).body.rejected).toMatchObject([{ reason: 'forbidden' }]);
    const lead2 = await deskOf(w, 'lead2');
    expect((await lead2.push([lead2.m('payment.verify', verify('confirm'))])).body.rejected).toMatchObject([{ reason: 'outOfScope' }]);
    const lead = await deskOf(w, 'lead1');
    const noReason = await lead.push([lead.m('payment.verify', verify('reject', ' '))]);
    expect(noReason.body.rejected).toMatchObject([{ reason: 'ruleViolation' }]);
    expect(await rejections(lead.deviceId)).toEqual(['payment.rejectReason']);
    const wrongCase = await lead.push([lead.m('payment.verify', { ...verify('confirm'), caseId: freshCase().id })]);
    expect(wrongCase.body.rejected).toMatchObject([{ reason: 'ruleViolation' }]);
    expect(await balanceOf(c.id)).toBe(c.balanceFen);

    const ok = await lead.push([lead.m('payment.verify', verify('confirm')), lead.m('payment.verify', verify('confirm'))]); // a retried push applies once
    expect(ok.body.rejected).toEqual([]);
    expect(await paymentOf(claim.paymentId)).toMatchObject({ verification: 'verified', verified_by: expect.anything() });
    expect(await balanceOf(c.id)).toBe(c.balanceFen - 2_000);
    expect((await sql<{ state: string }>('SELECT state FROM promises WHERE id = ?', [promiseId]))[0]?.state).toBe('kept');
    // once decided, it cannot be turned around
    expect((await lead.push([lead.m('payment.verify', verify('reject', '对账无此笔'))])).body.rejected).toMatchObject([{ reason: 'ruleViolation' }]);

    const pulled = await agent.pullAll();
    expect(putsOf(pulled.changes, 'payment').filter((p) => p.id === claim.paymentId).at(-1)).toMatchObject({ verification: 'verified', verifiedBy: String(w.ids.lead1) });
    expect(putsOf(pulled.changes, 'case').filter((x) => x.id === c.id).at(-1)).toMatchObject({ balanceFen: c.balanceFen - 2_000 });

    const audit = await sql<{ action: string; detail: string }>("SELECT action, detail FROM admin_audit WHERE action LIKE 'payment.%' ORDER BY seq");
    expect(audit.map((a) => a.action)).toEqual(['payment.confirm']);
    expect(await verifyAdminAudit(w.hub.store)).toMatchObject({ ok: true });
  });

  it.skipIf(!enabled)('a rejected claim never counts; its number may be entered again', async () => {
    const c = freshCase();
    const agent = await deskOf(w, 'agentA');
    const claim = payment(c.id, 3_000, { channel: 'bank_transfer', txnNo: 'BANK000111', claimed: true });
    expect((await agent.push([agent.m('payment.record', claim)])).body.rejected).toEqual([]);
    // a second claim with the same number while the first waits is the same payment twice
    expect((await agent.push([agent.m('payment.record', payment(c.id, 3_000, { txnNo: 'BANK000111', claimed: true }))])).body.rejected).toMatchObject([{ reason: 'ruleViolation' }]);
    const lead = await deskOf(w, 'lead1');
    const r = await lead.push([lead.m('payment.verify', { paymentId: claim.paymentId, caseId: c.id, decision: 'reject', reason: '委托方对账无此笔', at: w.now.t.toISOString() })]);
    expect(r.body.rejected).toEqual([]);
    expect(await paymentOf(claim.paymentId)).toMatchObject({ verification: 'rejected', verify_reason: '委托方对账无此笔' });
    expect(await balanceOf(c.id)).toBe(c.balanceFen);
    expect((await agent.push([agent.m('payment.record', payment(c.id, 3_000, { txnNo: 'BANK000111' }))])).body.rejected).toEqual([]);
    expect(await balanceOf(c.id)).toBe(c.balanceFen - 3_000);
    const audit = await sql<{ action: string }>("SELECT action FROM admin_audit WHERE action = 'payment.reject'");
    expect(audit).toHaveLength(1);
    expect(await verifyAdminAudit(w.hub.store)).toMatchObject({ ok: true });
  });

  it.skipIf(!enabled)("a call's recording reference (click-to-dial) is stored and synced; an oversized one is refused", async () => {
    const c = freshCase();
    const d = await deskOf(w, 'agentA');
    const a = attemptArgs(c.id, w.now.t, { recordingRef: 'REC-20260310-0001' });
    const big = attemptArgs(c.id, w.now.t, { recordingRef: 'R'.repeat(201) });
    const r = await d.push([d.m('attempt.save', a), d.m('attempt.save', big)]);
    expect(r.body.rejected).toEqual([{ mutationId: 2, reason: 'invalidArgs' }]);
    expect((await sql<{ recording_ref: string }>('SELECT recording_ref FROM attempts WHERE id = ?', [a.attemptId]))[0]?.recording_ref).toBe('REC-20260310-0001');
    expect(putsOf((await d.pullAll()).changes, 'attempt').find((x) => x.id === a.attemptId)).toMatchObject({ recordingRef: 'REC-20260310-0001' });
  });
});
