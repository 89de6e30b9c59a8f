/**
 * Distribution (分案) through the hub, on both stores: a lead previews and distributes a batch to
 * three agents, whose desks pull exactly their cases; an absent agent's cases are rebalanced;
 * a batch is recalled (退案) at its end date: its cases leave the agents' desks (a del in their
 * feed) and their history stays on the hub. Every operation is one transaction, logged.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, upsertCases } from '../../../hub/admin';
import type { EntityRow } from '../../../shared/sync';
import { attemptArgs, call, deskOf, fold, makeWorld, pgAvailable, PASSWORD, type Desk, type Kind, type World } from './harness';

const pgOk = await pgAvailable();
if (!pgOk) console.warn('hub distribution tests: no PostgreSQL reachable at 127.0.0.1:5432 — the PostgreSQL half is SKIPPED');

/** Batch 1: cases 70001..70009, 9000..1000 yuan-cents x 1 (fen), unassigned; 70012 paid. Batch 2: 70010, 70011 with agentA. */
function rows(teamId: number, agentA: number) {
  const debtors: EntityRow<'debtor'>[] = [];
  const cases: EntityRow<'case'>[] = [];
  const add = (n: number, batchId: string, overdueFen: number, holder: number | null, status: 'open' | 'paid' = 'open') => {
    const id = String(70000 + n);
    debtors.push({ id, name: `债务人${n}`, gender: 'F', idNumber: null, birthDate: null, homeAddress: n % 2 === 1 ? '广东省深圳市南山区科技园' : '北京市海淀区', workAddress: null, registeredAddress: null, employer: null });
    cases.push({
      id, debtorId: id, batchId, creditor: '招商银行信用卡中心', product: 'credit_card', accountNo: `6225880000${String(n).padStart(6, '0')}`,
      principalFen: overdueFen, balanceFen: status === 'paid' ? 0 : overdueFen, overdueFen, minDueFen: 0, overdueSince: '2026-02-20', lastPaymentDate: null, lastPaymentFen: null,
      entrustDate: '2026-03-01', expiryDate: '2026-03-31', status, tags: [], assignedAgentId: holder === null ? null : String(holder), preferredPhoneId: null,
      brokenPromises: 0, refusals: 0, attemptCount: 0, lastAttemptAt: null, lastOutcomeCode: null,
    });
  };
  for (let n = 1; n <= 9; n++) add(n, '801', (10 - n) * 1000, null);
  add(10, '802', 5000, agentA);
  add(11, '802', 5000, agentA);
  add(12, '801', 100, null, 'paid');
  const batches: EntityRow<'batch'>[] = [
    { id: '801', batchNo: 'ZS-2026-03', creditor: '招商银行信用卡中心', entrustDate: '2026-03-01', expiryDate: '2026-03-31', importedAt: '2026-03-01T01:00:00.000Z' },
    { id: '802', batchNo: 'ZS-2026-02', creditor: '招商银行信用卡中心', entrustDate: '2026-02-01', expiryDate: '2026-04-30', importedAt: '2026-02-01T01:00:00.000Z' },
  ];
  void teamId;
  return { batches, debtors, contacts: [], phones: [], cases, attempts: [], promises: [], payments: [] };
}

const ids = (n: number[]): string[] => n.map((x) => String(70000 + x)).sort();

describe.each([
  ['sqlite', true],
  ['postgres', pgOk],
] as [Kind, boolean][])('distribution through the hub (%s)', (kind, enabled) => {
  let w: World;
  let agentD: number;
  const desks = new Map<string, Desk>();
  const state = new Map<string, Map<string, Map<string, Record<string, unknown>>>>();
  const lead = async () => w.tokenOf('lead1');
  /** Pull a user's feed into their folded desk state; the case ids they hold. */
  const pullCases = async (user: string): Promise<string[]> => {
    let d = desks.get(user);
    if (!d) desks.set(user, (d = await deskOf(w, user)));
    const s = state.get(user) ?? new Map();
    state.set(user, s);
    fold((await d.pullAll()).changes, s);
    return [...(s.get('case')?.keys() ?? [])].sort();
  };
  const sql = <T>(text: string, params: (string | number)[] = []) => w.hub.store.read((q) => q.all<T>(text, params));
  const holders = async (): Promise<Record<string, number | null>> =>
    Object.fromEntries((await sql<{ id: number; a: number | null }>('SELECT id, assigned_agent_id AS a FROM cases WHERE team_id = ? ORDER BY id', [w.teamId])).map((r) => [String(r.id), r.a === null ? null : Number(r.a)]));
  const preview = async (operation: unknown) => call(w.hub, 'POST', '/v1/distribution/preview', { operation }, await lead());
  const apply = async (operation: unknown, token: string) => call(w.hub, 'POST', '/v1/distribution/apply', { operation, token }, await lead());

  beforeAll(async () => {
    if (!enabled) return;
    w = await makeWorld(kind, { tokenTtlMs: 90 * 24 * 3600_000 }); // the recall test moves the clock three weeks on
    agentD = await addUser(w.hub.store, { username: 'agentD', password: PASSWORD, role: 'agent', team: 'T1', displayName: '名agentD', agentNo: 'N-agentD' }, w.now.t);
    await w.hub.store.write((q) => upsertCases(q, w.teamId, rows(w.teamId, w.ids.agentA!), w.now.t));
    // A case of the other team, unassigned: never selected by T1's lead.
    const other = rows(w.otherTeamId, w.ids.agentC!);
    const c = other.cases[0]!;
    await w.hub.store.write((q) => upsertCases(q, w.otherTeamId, { ...other, batches: [], cases: [{ ...c, id: '79001', debtorId: '79001', batchId: null }], debtors: [{ ...other.debtors[0]!, id: '79001' }] }, w.now.t));
    // agentA's call on 70010: history the hub keeps whoever holds the case.
    const a = await deskOf(w, 'agentA');
    expect((await a.push([a.m('attempt.save', attemptArgs('70010', w.now.t))])).status).toBe(200);
  }, 60_000);
  afterAll(async () => {
    if (enabled) await w.close();
  });

  it.runIf(enabled)('the preview counts the selection and changes nothing', async () => {
    const before = await holders();
    const region = await preview({ op: 'distribute', filter: { batchIds: ['801'], region: '深圳' }, strategy: 'roundRobin', agentIds: [String(w.ids.agentA)] });
    expect(region.status).toBe(200);
    expect(region.body.selected).toEqual({ cases: 5, amountFen: 9000 + 7000 + 5000 + 3000 + 1000 });
    const r = await preview({ op: 'distribute', filter: { batchIds: ['801'], unassigned: true }, strategy: 'byAmount', agentIds: [String(w.ids.agentA), String(w.ids.agentB), String(agentD)] });
    expect(r.status).toBe(200);
    // Largest first onto the lightest, agentA already holding 2 cases / 10000 fen (worked by hand in the unit test's manner):
    // 9000->B 8000->D 7000->D 6000->B 5000->A 4000->B 3000->D 2000->A 1000->A
    expect(r.body.rows.map((x: { agentId: string; cases: number; amountFen: number }) => [x.agentId, x.cases, x.amountFen])).toEqual([
      [String(w.ids.agentA), 3, 8000], [String(w.ids.agentB), 3, 19000], [String(agentD), 3, 18000],
    ]);
    expect(r.body.rows[0].name).toBe('名agentA');
    expect(r.body.rows[0].from).toEqual([{ agentId: null, name: null, cases: 3, amountFen: 8000 }]);
    expect(r.body.selected).toEqual({ cases: 9, amountFen: 45000 }); // the paid case 70012 is not selected
    expect(r.body.moving).toBe(9);
    expect(await holders()).toEqual(before);
  });

  it.runIf(enabled)('refusals: another team\'s agent, a stale plan; nothing changes', async () => {
    const before = await holders();
    const op = { op: 'distribute', filter: { batchIds: ['801'], unassigned: true }, strategy: 'byAmount', agentIds: [String(w.ids.agentA), String(w.ids.agentC)] };
    const bad = await preview(op);
    expect(bad.status).toBe(409);
    expect(bad.body.error.params.rule).toBe('distribution.unknownAgent');
    const stale = await apply({ ...op, agentIds: [String(w.ids.agentA)] }, 'd9-stale');
    expect(stale.status).toBe(409);
    expect(stale.body.error.params.rule).toBe('distribution.planChanged');
    const agent = await call(w.hub, 'POST', '/v1/distribution/preview', { operation: op }, await w.tokenOf('agentA'));
    expect(agent.status).toBe(403);
    expect(await holders()).toEqual(before);
  });

  it.runIf(enabled)('distribute to three agents: each desk pulls exactly its cases; logged', async () => {
    const op = { op: 'distribute', filter: { batchIds: ['801'], unassigned: true }, strategy: 'byAmount', agentIds: [String(w.ids.agentA), String(w.ids.agentB), String(agentD)] };
    const p = await preview(op);
    const r = await apply(op, p.body.token);
    expect(r.status).toBe(200);
    expect(r.body.moved).toBe(9);
    expect(await pullCases('agentA')).toEqual(ids([5, 8, 9, 10, 11]));
    expect(await pullCases('agentB')).toEqual(ids([1, 4, 6]));
    expect(await pullCases('agentD')).toEqual(ids([2, 3, 7]));
    // The other team's case and the paid one stayed unassigned.
    const rest = await sql<{ id: number; a: number | null }>('SELECT id, assigned_agent_id AS a FROM cases WHERE id IN (70012, 79001)');
    expect(rest.every((x) => x.a === null)).toBe(true);
    const log = await sql<{ action: string; user_id: number; detail: string }>("SELECT action, user_id, detail FROM admin_actions WHERE action = 'distribution.distribute'");
    expect(log).toHaveLength(1);
    expect(Number(log[0]!.user_id)).toBe(w.ids.lead1);
    expect(JSON.parse(log[0]!.detail).moved).toBe(9);
  });

  it.runIf(enabled)('rebalance an absent agent: their desk loses every case, the others gain them by count', async () => {
    const op = { op: 'rebalance', absentAgentId: String(w.ids.agentA), agentIds: [String(w.ids.agentB), String(agentD)], strategy: 'byCount' };
    const p = await preview(op);
    expect(p.status).toBe(200);
    // B keeps 3 cases / 19000, D 3 / 18000; A's 70005(5000) 70008(2000) 70009(1000) 70010(5000) 70011(5000) in id order:
    // ->D(3 vs 3, less money) ->B ->B(4/21000 vs D 4/23000) ->D ->B
    expect(p.body.rows.map((x: { agentId: string; cases: number }) => [x.agentId, x.cases])).toEqual([[String(w.ids.agentB), 3], [String(agentD), 2]]);
    expect(p.body.rows[0].from).toEqual([{ agentId: String(w.ids.agentA), name: '名agentA', cases: 3, amountFen: 8000 }]);
    expect((await apply(op, p.body.token)).status).toBe(200);
    expect(await pullCases('agentA')).toEqual([]);
    expect(await pullCases('agentB')).toEqual(ids([1, 4, 6, 8, 9, 11]));
    expect(await pullCases('agentD')).toEqual(ids([2, 3, 5, 7, 10]));
    // The call agentA made on 70010 came with the case to D's desk.
    expect([...(state.get('agentD')?.get('attempt')?.values() ?? [])].map((a) => a.caseId)).toEqual(['70010']);
  });

  it.runIf(enabled)('recall (退案) at the end date: the cases leave the desks, the hub keeps them and their history', async () => {
    // A case added to the batch late, never assigned: recalled too (closed on the hub, the lead told).
    const late = rows(w.teamId, w.ids.agentA!);
    const c13 = { ...late.cases[0]!, id: '70013', debtorId: '70013', accountNo: '6225880000000013' };
    await w.hub.store.write((q) => upsertCases(q, w.teamId, { ...late, batches: [], cases: [c13], debtors: [{ ...late.debtors[0]!, id: '70013' }] }, w.now.t));
    await pullCases('lead1');
    const op = { op: 'recall', batchId: '801' };
    const early = await preview(op);
    expect(early.status).toBe(409);
    expect(early.body.error.params.rule).toBe('distribution.recallBeforeEnd');
    w.now.t = new Date('2026-03-31T02:00:00.000Z'); // 10:00 on the end date in Shanghai
    const p = await preview(op);
    expect(p.status).toBe(200);
    expect(p.body.selected.cases).toBe(11); // 70001..70009, the paid 70012 and the late 70013
    expect(p.body.rows[0].agentId).toBeNull();
    expect(p.body.rows[0].from.map((f: { agentId: string | null; cases: number }) => [f.agentId, f.cases])).toEqual([[String(w.ids.agentB), 5], [String(agentD), 4], [null, 2]]);
    expect(p.body.batch).toMatchObject({ id: '801', batchNo: 'ZS-2026-03', expiryDate: '2026-03-31' });
    expect((await apply(op, p.body.token)).status).toBe(200);
    expect(await pullCases('agentB')).toEqual(ids([11]));
    expect(await pullCases('agentD')).toEqual(ids([10]));
    const onHub = await sql<{ id: number; status: string; a: number | null }>('SELECT id, status, assigned_agent_id AS a FROM cases WHERE batch_id = 801 ORDER BY id');
    expect(onHub).toHaveLength(11);
    expect(onHub.every((c) => c.a === null)).toBe(true);
    expect(onHub.map((c) => c.status)).toEqual([...Array(9).fill('closed'), 'paid', 'closed']);
    // Who held them stays on record.
    const held = await sql<{ n: number }>('SELECT count(*) AS n FROM case_holders WHERE case_id BETWEEN 70001 AND 70009 AND released_at IS NOT NULL');
    expect(Number(held[0]!.n)).toBeGreaterThanOrEqual(9);
    // The lead still sees the recalled cases; a second recall finds nothing left to move.
    const leadCases = await pullCases('lead1');
    expect(leadCases).toEqual(expect.arrayContaining(ids([1, 9, 12])));
    // ...with the status the hub holds (closed), the paid one still paid.
    const leadRows = state.get('lead1')?.get('case');
    expect([leadRows?.get('70001')?.status, leadRows?.get('70013')?.status, leadRows?.get('70012')?.status]).toEqual(['closed', 'closed', 'paid']);
    const again = await preview(op);
    expect(again.body.selected.cases).toBe(1); // only the paid case, which stays paid and is not closed
    const log = await sql<{ action: string }>('SELECT action FROM admin_actions ORDER BY id');
    expect(log.map((l) => l.action)).toEqual(['distribution.distribute', 'distribution.rebalance', 'distribution.recall']);
    // ... and in the hub's hash-chained audit log of admin actions (npm run hub -- audit verify).
    const chain = await sql<{ action: string; actor: string }>("SELECT action, actor FROM admin_audit WHERE action LIKE 'distribution.%' ORDER BY seq");
    expect(chain).toEqual([
      { action: 'distribution.distribute', actor: `user:${w.ids.lead1}` },
      { action: 'distribution.rebalance', actor: `user:${w.ids.lead1}` },
      { action: 'distribution.recall', actor: `user:${w.ids.lead1}` },
    ]);
  });

  it.runIf(enabled)('agent skills: set on the hub, used by the byBucket strategy, refused for a stranger', async () => {
    const bad = await call(w.hub, 'POST', '/v1/distribution/skills', { agentBuckets: { [String(w.ids.agentC)]: ['M2'] } }, await lead());
    expect(bad.status).toBe(409);
    const invalid = await call(w.hub, 'POST', '/v1/distribution/skills', { agentBuckets: { [String(w.ids.agentB)]: ['M9'] } }, await lead());
    expect(invalid.status).toBe(400);
    const ok = await call(w.hub, 'POST', '/v1/distribution/skills', { agentBuckets: { [String(w.ids.agentB)]: ['M1_LATE'] } }, await lead());
    expect(ok.status).toBe(200);
    const o = await call(w.hub, 'GET', '/v1/distribution/options', undefined, await lead());
    expect(o.body.agents.find((a: { id: string }) => a.id === String(w.ids.agentB)).buckets).toEqual(['M1_LATE']);
    // Every member's desk receives the setting.
    await pullCases('agentD');
    expect(state.get('agentD')?.get('setting')?.get('agentBuckets')?.value).toEqual({ [String(w.ids.agentB)]: ['M1_LATE'] });
  });
});
