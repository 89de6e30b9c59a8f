/**
 * Issue 9 across desks and a real hub: an agent's claimed payment (待核实) with its channel and
 * transaction number reaches the lead's desk by pull; the lead confirms it there; the hub
 * applies it; the agent's desk learns the decision (and the lower balance) by its next pull.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { TestDesk } from '../../fixtures/desk';
import { useHubWorld, type HubWorld } from '../../fixtures/hub-world';

const hw = useHubWorld();
let world: HubWorld;
beforeEach(() => {
  world = hw.world();
});

const paymentRow = (t: TestDesk, id: string) =>
  t.desk.ctx.db.prepare('SELECT channel, txn_no, verification, verified_by FROM payments WHERE id = ?').get(id) as Record<string, unknown> | undefined;
const balance = (t: TestDesk, caseId: string) => (t.desk.ctx.db.prepare('SELECT balance_fen AS b FROM cases WHERE id = ?').get(Number(caseId)) as { b: number }).b;

describe('a claimed payment between desks', () => {
  it('agent claims, lead confirms on its desk, the agent pulls the decision', async () => {
    const [x] = await world.addCases(1, world.ids.agentA);
    const caseId = x?.caseId ?? '';
    const a = await hw.desk('agenta');
    const lead = await hw.desk('lead1');
    const before = balance(a, caseId);

    const { paymentId } = await a.call('payment.record', { caseId, amountFen: 50, paidDate: a.today(), channel: 'counter', txnNo: 'CTR-000123', claimed: true });
    expect(await a.call('sync.now', {})).toMatchObject({ pending: 0, rejections: 0 });
    await lead.call('sync.now', {});
    expect(paymentRow(lead, paymentId)).toMatchObject({ channel: 'counter', txn_no: 'CTR-000123', verification: 'unverified' });
    expect((await lead.call('payment.pending', {})).items.map((p) => p.paymentId)).toEqual([paymentId]);

    await lead.call('payment.verify', { paymentId, decision: 'confirm' });
    expect(await lead.call('sync.now', {})).toMatchObject({ pending: 0, rejections: 0 });
    await a.call('sync.now', {});
    expect(paymentRow(a, paymentId)).toMatchObject({ verification: 'verified', verified_by: world.ids.lead1 });
    expect(balance(a, caseId)).toBe(before - 50);
    const d = await a.call('case.get', { caseId });
    expect(d.timeline.find((e) => e.kind === 'payment')).toMatchObject({ verification: 'verified', channel: 'counter', txnNo: 'CTR-000123' });
  });
});
