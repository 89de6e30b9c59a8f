/**
 * A lead's upload carries payments as history, on both stores: they are stored once per id with
 * their channel, transaction number and verification, change no balance (the case row already
 * carries it), and reach the case's desks by pull. A payment on another team's case, with an
 * amount not above zero, of an agent outside the team or reusing another case's payment id is
 * refused with the row named, nothing written.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoRows, type DemoRows } from '../../../shared/demo/generate';
import { call, deskOf, fold, makeWorld, pgAvailable, type Kind, type World, countRows } from './harness';

const pgOk = await pgAvailable();
if (!pgOk) console.warn('hub upload-payments tests: no PostgreSQL reachable at 127.0.0.1:5432 — the PostgreSQL half is SKIPPED');

type Upload = DemoRows & { payments: Record<string, unknown>[] };

describe.each([
  ['sqlite', true],
  ['postgres', pgOk],
] as [Kind, boolean][])('upload with payments on %s', (kind, enabled) => {
  let w: World;
  let foreign: DemoRows;
  const count = (sql: string, params: (string | number)[] = []) => countRows(w.hub, sql, params);

  beforeAll(async () => {
    if (!enabled) return;
    w = await makeWorld(kind);
    foreign = generateDemoRows({ cases: 1, firstId: 8000, agentId: String(w.ids.agentC), today: '2026-03-10', history: 0, seed: 6 });
    expect((await call(w.hub, 'POST', '/v1/admin/cases', foreign, await w.tokenOf('lead2'))).status).toBe(200);
  });
  afterAll(async () => {
    if (enabled) await w.close();
  });

  const upload = (firstId: number, seed: number): Upload => {
    const b = generateDemoRows({ cases: 2, firstId, agentId: String(w.ids.agentA), today: '2026-03-10', history: 0, seed });
    const [c0, c1] = [b.cases[0]!, b.cases[1]!];
    return {
      ...b,
      payments: [
        { id: randomUUID(), caseId: c0.id, amountFen: 30_000, paidDate: '2026-03-08', source: 'agent', agentId: String(w.ids.agentA), createdAt: '2026-03-08T03:00:00.000Z', channel: 'bank_transfer', txnNo: ' tx20260308-01 ', verification: 'verified' },
        { id: randomUUID(), caseId: c1.id, amountFen: 5_000, paidDate: '2026-03-09', source: 'agent', agentId: String(w.ids.agentA), createdAt: '2026-03-09T03:00:00.000Z', channel: 'counter', txnNo: null, verification: 'unverified' },
        { id: `creditor-${firstId}`, caseId: c1.id, amountFen: 12_345, paidDate: '2026-03-01', source: 'creditor', agentId: null, createdAt: '2026-03-01T03:00:00.000Z' },
      ],
    };
  };

  it.skipIf(!enabled)('stores them once with their fields, leaves the balances as uploaded, and feeds them to the holder and the leads', async () => {
    const lead = await w.tokenOf('lead1');
    const agent = await deskOf(w, 'agentA');
    const leadDesk = await deskOf(w, 'lead1');
    await agent.pullAll();
    await leadDesk.pullAll();
    const b = upload(3000, 21);
    const r = await call(w.hub, 'POST', '/v1/admin/cases', b, lead);
    expect(r.status, JSON.stringify(r.body)).toBe(200);

    const rows = await w.hub.store.read((q) => q.all<{ id: string; case_id: number; amount_fen: number; source: string; agent_id: number | null; channel: string | null; txn_no: string | null; verification: string }>(
      'SELECT id, case_id, amount_fen, source, agent_id, channel, txn_no, verification FROM payments WHERE id IN (?, ?, ?)', b.payments.map((p) => String(p.id))));
    expect(rows.map((p) => ({ ...p, case_id: Number(p.case_id), amount_fen: Number(p.amount_fen), agent_id: p.agent_id === null ? null : Number(p.agent_id) })).sort((x, y) => x.amount_fen - y.amount_fen)).toEqual([
      { id: b.payments[1]!.id, case_id: Number(b.cases[1]!.id), amount_fen: 5_000, source: 'agent', agent_id: w.ids.agentA, channel: 'counter', txn_no: null, verification: 'unverified' },
      { id: `creditor-3000`, case_id: Number(b.cases[1]!.id), amount_fen: 12_345, source: 'creditor', agent_id: null, channel: null, txn_no: null, verification: 'verified' },
      { id: b.payments[0]!.id, case_id: Number(b.cases[0]!.id), amount_fen: 30_000, source: 'agent', agent_id: w.ids.agentA, channel: 'bank_transfer', txn_no: 'tx20260308-01', verification: 'verified' },
    ]);
    // History: the case keeps the balance it was uploaded with.
    for (const c of b.cases) {
      expect(await count('SELECT balance_fen AS n FROM cases WHERE id = ?', [Number(c.id)])).toBe(c.balanceFen);
    }
    // Both the holder and the lead receive them by pull.
    for (const d of [agent, leadDesk]) {
      const got = fold((await d.pullAll()).changes).get('payment');
      expect([...(got?.keys() ?? [])].sort()).toEqual(b.payments.map((p) => String(p.id)).sort());
      expect(got?.get(String(b.payments[0]!.id))).toMatchObject({ caseId: b.cases[0]!.id, amountFen: 30_000, channel: 'bank_transfer', txnNo: 'tx20260308-01', verification: 'verified' });
    }

    // The same upload again: nothing doubled.
    const before = await count('SELECT count(*) AS n FROM payments');
    expect((await call(w.hub, 'POST', '/v1/admin/cases', b, lead)).status).toBe(200);
    expect(await count('SELECT count(*) AS n FROM payments')).toBe(before);
    expect(await count('SELECT count(*) AS n FROM payments WHERE id = ?', [String(b.payments[0]!.id)])).toBe(1);
  });

  it.skipIf(!enabled)("a payment on another team's case, not above zero, of an outsider or reusing another case's id: 400 naming the row, nothing written", async () => {
    const lead = await w.tokenOf('lead1');
    const taken = upload(3000, 21).payments[2]!.id; // creditor-3000, a payment of case 3001
    const bad: [(b: Upload) => void, string][] = [
      [(b) => { b.payments[1]!.caseId = foreign.cases[0]!.id; }, 'payments.1.caseId'],
      [(b) => { b.payments[0]!.amountFen = -100; }, 'payments.0.amountFen'],
      [(b) => { b.payments[2]!.amountFen = 0; }, 'payments.2.amountFen'],
      [(b) => { b.payments[0]!.agentId = String(w.ids.agentC); }, 'payments.0.agentId'],
      [(b) => { b.payments[1]!.verifiedBy = String(w.ids.lead2); }, 'payments.1.verifiedBy'],
      [(b) => { b.payments[0]!.txnNo = '12'; }, 'payments.0.txnNo'],
      [(b) => { b.payments[0]!.id = taken; }, 'payments.0.id'],
    ];
    const cases = () => count('SELECT count(*) AS n FROM cases WHERE team_id = ?', [w.teamId]);
    const payments = () => count('SELECT count(*) AS n FROM payments');
    const [casesBefore, paymentsBefore] = [await cases(), await payments()];
    for (const [spoil, field] of bad) {
      const body = upload(6000, 22);
      spoil(body);
      const r = await call(w.hub, 'POST', '/v1/admin/cases', body, lead);
      expect(r.status, field).toBe(400);
      expect(r.body.error.code).toBe('BAD_REQUEST');
      expect(r.body.error.params?.field).toBe(field);
      expect(r.body.error.message).toContain(field);
    }
    expect(await cases()).toBe(casesBefore);
    expect(await payments()).toBe(paymentsBefore);
    // the same upload unspoiled is taken
    expect((await call(w.hub, 'POST', '/v1/admin/cases', upload(6000, 22), lead)).status).toBe(200);
    expect(await payments()).toBe(paymentsBefore + 3);
  });
});
