import { describe, expect, it } from 'vitest';
import { DEFAULT_BUCKET_BOUNDS } from './buckets';
import { dpd } from './dates';
import { bucketFor } from './buckets';
import { compareIds, distribute, keptLoads, movesByTarget, rebalancePlan, summarize, type DistAgent, type DistCase } from './distribution';
import { DistFilter, filterSql, matchesFilter, type FilterFacts } from './distribution-filter';
import { planToken, recallProblem } from './distribution-preview';
import { settingProblem } from './settings';

const c = (id: string, amountFen: number, holderId: string | null = null, bucket: DistCase['bucket'] = 'M1_EARLY'): DistCase => ({ id, amountFen, bucket, holderId });
const a = (id: string, cases = 0, amountFen = 0, buckets: DistAgent['buckets'] = null): DistAgent => ({ id, cases, amountFen, buckets });
const to = (plan: ReturnType<typeof distribute>): Record<string, string> => Object.fromEntries(plan.moves.map((m) => [m.caseId, m.to]));

describe('distribution strategies (hand-computed splits)', () => {
  // Seven cases; ids deliberately unsorted and of different lengths (10 after 9).
  const cases = [c('10', 500), c('2', 100), c('9', 300), c('3', 700), c('4', 200), c('5', 600), c('6', 400)];

  it('ids compare as numbers', () => {
    expect(['10', '2', '9', '100'].sort(compareIds)).toEqual(['2', '9', '10', '100']);
  });

  it('round-robin: id order, agents in the lead\'s order, loads ignored', () => {
    // id order 2,3,4,5,6,9,10 -> A,B,C,A,B,C,A
    const plan = distribute(cases, [a('A', 50), a('B'), a('C')], 'roundRobin');
    expect(to(plan)).toEqual({ 2: 'A', 3: 'B', 4: 'C', 5: 'A', 6: 'B', 9: 'C', 10: 'A' });
    expect(plan.unplaced).toEqual([]);
  });

  it('balanced by count: current load counts; ties by least money, then order', () => {
    // A keeps 3 cases, B 1, C 0. Dealing 2,3,4,5,6,9,10 (fewest cases first, tie: least money, then order):
    // 2(100)->C[1,100]; 3(700)->B? B has 1 case/0 fen, C has 1/100: B[2,700]; 4(200)->C[2,300];
    // 5(600): A3, B2/700, C2/300 -> C[3,900]; 6(400): A3/0, B2 -> B[3,1100]; 9(300): A3/0 fen, B3/1100, C3/900 -> A[4,300];
    // 10(500): A4, B3/1100, C3/900 -> C[4,1400]
    const plan = distribute(cases, [a('A', 3, 0), a('B', 1, 0), a('C', 0, 0)], 'byCount');
    expect(to(plan)).toEqual({ 2: 'C', 3: 'B', 4: 'C', 5: 'C', 6: 'B', 9: 'A', 10: 'C' });
    const rows = summarize(plan, cases, ['A', 'B', 'C']);
    expect(rows.map((r) => [r.agentId, r.cases, r.amountFen])).toEqual([['A', 1, 300], ['B', 2, 1100], ['C', 4, 1400]]);
    // After the deal every agent holds 4 cases: balanced including the load.
  });

  it('balanced by amount: largest first onto the lightest', () => {
    // Amounts desc: 3(700),5(600),10(500),6(400),9(300),4(200),2(100). A starts with 1000 fen, B and C with 0.
    // 3->B[700]; 5->C[600]; 10: A1000,B700,C600 -> C[1100]; 6: B700 -> B[1100]; 9: A1000,B1100,C1100 -> A[1300];
    // 4: B1100/2 cases, C1100/2 cases -> tie on money and count -> order: B[1300]; 2: A1300/1+1,B1300/3,C1100 -> C[1200]
    const plan = distribute(cases, [a('A', 1, 1000), a('B'), a('C')], 'byAmount');
    expect(to(plan)).toEqual({ 3: 'B', 5: 'C', 10: 'C', 6: 'B', 9: 'A', 4: 'B', 2: 'C' });
    const rows = summarize(plan, cases, ['A', 'B', 'C']);
    expect(rows.map((r) => [r.agentId, r.amountFen + (r.agentId === 'A' ? 1000 : 0)])).toEqual([['A', 1300], ['B', 1300], ['C', 1200]]);
  });

  it('by bucket skill: skilled agents first, generalists take the rest, else unplaced', () => {
    const mixed = [c('1', 100, null, 'M2'), c('2', 100, null, 'M1_EARLY'), c('3', 100, null, 'M2'), c('4', 100, null, 'M3'), c('5', 100, null, 'M1_EARLY')];
    // A works M2, B works M1_EARLY and M2, C has no skill set.
    // 1(M2): A0,B0 -> A; 2(M1_EARLY): B; 3(M2): A1,B1 -> tie -> A; 4(M3): nobody skilled -> generalist C; 5(M1_EARLY): B.
    const plan = distribute(mixed, [a('A', 0, 0, ['M2']), a('B', 0, 0, ['M1_EARLY', 'M2']), a('C')], 'byBucket');
    expect(to(plan)).toEqual({ 1: 'A', 2: 'B', 3: 'A', 4: 'C', 5: 'B' });
    // Without a generalist, the M3 case has nowhere to go.
    const strict = distribute(mixed, [a('A', 0, 0, ['M2']), a('B', 0, 0, ['M1_EARLY'])], 'byBucket');
    expect(strict.unplaced).toEqual(['4']);
    expect(to(strict)).toEqual({ 1: 'A', 2: 'B', 3: 'A', 5: 'B' });
  });

  it('deterministic whatever the input order; an agent listed twice counts once', () => {
    const shuffled = [...cases].reverse();
    for (const s of ['roundRobin', 'byCount', 'byAmount', 'byBucket'] as const) {
      expect(to(distribute(shuffled, [a('A'), a('B'), a('A')], s))).toEqual(to(distribute(cases, [a('A'), a('B')], s)));
    }
  });

  it('no agents: everything unplaced', () => {
    expect(distribute(cases, [], 'byCount')).toEqual({ moves: [], unplaced: ['2', '3', '4', '5', '6', '9', '10'] });
  });

  it('kept loads: the selection leaves its holders before the deal', () => {
    const sel = [c('1', 100, 'A'), c('2', 50, 'A'), c('3', 10, null)];
    expect(keptLoads([a('A', 5, 1000), a('B', 2, 20)], sel)).toEqual([a('A', 3, 850), a('B', 2, 20)]);
  });

  it('summary: who gets how many and how much, from whom; unchanged ones say so', () => {
    const sel = [c('1', 100, 'A'), c('2', 200, 'B'), c('3', 300, null), c('4', 400, 'C')];
    const plan = { moves: [{ caseId: '1', from: 'A', to: 'C' }, { caseId: '2', from: 'B', to: 'C' }, { caseId: '3', from: null, to: 'C' }, { caseId: '4', from: 'C', to: 'C' }], unplaced: [] };
    expect(summarize(plan, sel, ['A', 'C'])).toEqual([
      { agentId: 'A', cases: 0, amountFen: 0, unchanged: 0, from: [] },
      { agentId: 'C', cases: 4, amountFen: 1000, unchanged: 1, from: [{ agentId: null, cases: 1, amountFen: 300 }, { agentId: 'A', cases: 1, amountFen: 100 }, { agentId: 'B', cases: 1, amountFen: 200 }] },
    ]);
    expect([...movesByTarget(plan)]).toEqual([['C', ['1', '2', '3']]]);
  });

  it('rebalance: only the absent agent\'s cases, never back to them, lightest first', () => {
    const held = [c('1', 100, 'A'), c('2', 100, 'A'), c('3', 100, 'A'), c('7', 100, 'B')];
    // B keeps 2 cases, C keeps 0: 1->C, 2->C (C1 vs B2 -> C), 3: B2, C2 -> tie on count, money B 0 vs C 200 -> B.
    const plan = rebalancePlan('A', held, [a('A', 3, 300), a('B', 2, 0), a('C', 0, 0)]);
    expect(to(plan)).toEqual({ 1: 'C', 2: 'C', 3: 'B' });
    expect(plan.moves.every((m) => m.from === 'A')).toBe(true);
  });
});

describe('the selection filter', () => {
  const today = '2026-03-10';
  const base: FilterFacts = {
    batchId: '7', creditor: '招商银行', overdueSince: '2026-03-08', amountFen: 500_00, homeAddress: '广东省深圳市南山区', registeredAddress: null, status: 'open', holderId: null,
  };
  const m = (f: Partial<DistFilter>, facts: Partial<FilterFacts> = {}) => matchesFilter({ ...base, ...facts }, DistFilter.parse(f), today, DEFAULT_BUCKET_BOUNDS);

  it('each part', () => {
    expect(m({})).toBe(true);
    expect(m({ batchIds: ['7'] })).toBe(true);
    expect(m({ batchIds: ['8'] })).toBe(false);
    expect(m({ creditor: '招商银行' })).toBe(true);
    expect(m({ creditor: '平安' })).toBe(false);
    expect(m({ minFen: 500_00, maxFen: 500_00 })).toBe(true);
    expect(m({ minFen: 500_01 })).toBe(false);
    expect(m({ maxFen: 499_99 })).toBe(false);
    expect(m({ region: '深圳' })).toBe(true);
    expect(m({ region: '北京' })).toBe(false);
    expect(m({ region: '北京' }, { registeredAddress: '北京市海淀区' })).toBe(true);
    expect(m({ unassigned: true }, { holderId: '3' })).toBe(false);
    expect(m({ holderId: '3' }, { holderId: '3' })).toBe(true);
    expect(m({ statuses: ['ptp'] })).toBe(false);
  });

  it('paid and closed cases are never selected', () => {
    expect(m({}, { status: 'paid' })).toBe(false);
    expect(m({}, { status: 'closed' })).toBe(false);
    expect(() => DistFilter.parse({ statuses: ['closed'] })).toThrow();
  });

  it('buckets agree with bucketFor on every day around the bounds', () => {
    for (let back = -2; back <= 100; back++) {
      const d = new Date(Date.UTC(2026, 2, 10 - back)).toISOString().slice(0, 10);
      const bucket = bucketFor(dpd(d, today), DEFAULT_BUCKET_BOUNDS);
      expect(m({ buckets: [bucket] }, { overdueSince: d })).toBe(true);
      const other = bucket === 'M2' ? 'M3' : 'M2';
      expect(m({ buckets: [other] }, { overdueSince: d })).toBe(false);
    }
  });

  it('a bad range is refused by field', () => {
    const r = DistFilter.safeParse({ minFen: 10, maxFen: 5 });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual(['maxFen']);
  });

  it('SQL: placeholders match parameters; LIKE wildcards in a region are literal', () => {
    const f = DistFilter.parse({ batchIds: ['7', '9'], creditor: 'X', buckets: ['M2', 'M4P'], minFen: 1, maxFen: 2, region: '50%_区', unassigned: true });
    const { where, params } = filterSql(f, today, DEFAULT_BUCKET_BOUNDS);
    expect(where.split('?').length - 1).toBe(params.length);
    expect(params).toContain('%50\\%\\_区%');
    expect(where).toContain('c.assigned_agent_id IS NULL');
  });
});

describe('recall and the agent buckets setting', () => {
  it('recall at or after the end date; early only when asked', () => {
    expect(recallProblem('2026-03-10', '2026-03-09', false)).toBe('beforeEndDate');
    expect(recallProblem('2026-03-10', '2026-03-10', false)).toBeNull();
    expect(recallProblem(null, '2026-03-10', false)).toBe('noEndDate');
    expect(recallProblem(null, '2026-03-10', true)).toBeNull();
  });

  it('agentBuckets: agent id -> known buckets, each once', () => {
    expect(settingProblem('agentBuckets', { 12: ['M2', 'M3'] })).toBeNull();
    expect(settingProblem('agentBuckets', { 12: ['M9'] })).toMatch(/^agentBuckets\.12/);
    expect(settingProblem('agentBuckets', { 12: ['M2', 'M2'] })).toMatch(/listed twice/);
    expect(settingProblem('agentBuckets', { abc: ['M2'] })).toMatch(/^agentBuckets/);
    expect(settingProblem('agentBuckets', ['M2'])).toMatch(/^agentBuckets/);
  });
});

describe('the plan fingerprint', () => {
  it('same moves in any order: same token; another receiver: another token', () => {
    const a = planToken('distribute', [{ caseId: '2', to: 'A' }, { caseId: '10', to: 'B' }]);
    expect(planToken('distribute', [{ caseId: '10', to: 'B' }, { caseId: '2', to: 'A' }])).toBe(a);
    expect(planToken('distribute', [{ caseId: '2', to: 'B' }, { caseId: '10', to: 'B' }])).not.toBe(a);
    expect(planToken('rebalance', [{ caseId: '2', to: 'A' }, { caseId: '10', to: 'B' }])).not.toBe(a);
  });
});
