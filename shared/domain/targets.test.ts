import { describe, expect, it } from 'vitest';
import { periodRange, progressOf, rangeTargetFor, Target, targetFor, targetListProblem, teamTargetFor, type Target as T } from './targets';

const t = (over: Partial<T>): T => ({ agentId: '7', period: 'day', metric: 'calls', value: 60, from: '2026-12-01', to: '2026-12-31', ...over });

describe('targets', () => {
  it('values per metric: whole counts and fen, a percentage 0..100 with two decimals', () => {
    expect(Target.safeParse(t({})).success).toBe(true);
    expect(Target.safeParse(t({ value: 60.5 })).success).toBe(false);
    expect(Target.safeParse(t({ metric: 'ptpFen', value: 1234.5 })).success).toBe(false);
    expect(Target.safeParse(t({ metric: 'recoveryPct', value: 20.25 })).success).toBe(true);
    expect(Target.safeParse(t({ metric: 'recoveryPct', value: 100.01 })).success).toBe(false);
    expect(Target.safeParse(t({ metric: 'recoveryPct', value: 20.125 })).success).toBe(false);
    expect(Target.safeParse(t({ value: -1 })).success).toBe(false);
    expect(Target.safeParse(t({ metric: 'ptpCount' as T['metric'] })).success).toBe(false);
    expect(Target.safeParse(t({ agentId: 'x' })).success).toBe(false);
  });

  it('dates: real, ordered, at most 400 days', () => {
    expect(Target.safeParse(t({ from: '2026-02-30' })).success).toBe(false);
    expect(targetListProblem([t({ from: '2026-12-31', to: '2026-12-01' })])).toMatch(/^0\.to: /);
    expect(targetListProblem([t({ from: '2026-01-01', to: '2027-02-05' })])).toBeNull();
    expect(targetListProblem([t({ from: '2026-01-01', to: '2027-02-06' })])).toMatch(/400/);
  });

  it('a list: the same agent, period and metric may not overlap; different ones may', () => {
    expect(targetListProblem([t({}), t({ from: '2027-01-01', to: '2027-01-31' }), t({ agentId: null }), t({ period: 'week' }), t({ metric: 'rightParty' })])).toBeNull();
    expect(targetListProblem([t({}), t({ from: '2026-12-31', to: '2027-01-31' })])).toMatch(/^1\.from: overlaps target 0/);
  });

  it('periods: Monday-start weeks, calendar months, leap February', () => {
    expect(periodRange('day', '2026-12-05')).toEqual({ from: '2026-12-05', to: '2026-12-05' });
    expect(periodRange('week', '2026-12-05')).toEqual({ from: '2026-11-30', to: '2026-12-06' }); // a Saturday
    expect(periodRange('week', '2026-12-06')).toEqual({ from: '2026-11-30', to: '2026-12-06' }); // Sunday ends the week
    expect(periodRange('week', '2026-11-30')).toEqual({ from: '2026-11-30', to: '2026-12-06' });
    expect(periodRange('month', '2028-02-10')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
    expect(periodRange('month', '2026-12-31')).toEqual({ from: '2026-12-01', to: '2026-12-31' });
  });

  it('which row applies: the one whose dates meet the period; none outside', () => {
    const list = [t({}), t({ period: 'month', metric: 'ptpFen', value: 5_000_000, from: '2026-12-10', to: '2027-01-09' })];
    expect(targetFor(list, '7', 'day', 'calls', '2026-12-05')).toBe(60);
    expect(targetFor(list, '7', 'day', 'calls', '2027-01-01')).toBeNull();
    expect(targetFor(list, '8', 'day', 'calls', '2026-12-05')).toBeNull();
    expect(targetFor(list, '7', 'month', 'ptpFen', '2026-12-01')).toBe(5_000_000); // set mid-month: counts for the month
    expect(targetFor(list, '7', 'month', 'ptpFen', '2027-02-01')).toBeNull();
  });

  it('the team: its own row, else the sum of its agents for counts and amounts, never for a percentage', () => {
    const list = [t({}), t({ agentId: '8', value: 40 }), t({ agentId: '8', metric: 'recoveryPct', value: 20 })];
    expect(teamTargetFor(list, ['7', '8', '9'], 'day', 'calls', '2026-12-05')).toBe(100);
    expect(teamTargetFor([...list, t({ agentId: null, value: 150 })], ['7', '8'], 'day', 'calls', '2026-12-05')).toBe(150);
    expect(teamTargetFor(list, ['7', '8'], 'day', 'recoveryPct', '2026-12-05')).toBeNull();
    expect(teamTargetFor(list, [], 'day', 'calls', '2026-12-05')).toBeNull();
  });

  it('a free range sums the day targets of its days (only the days a row covers)', () => {
    const list = [t({ to: '2026-12-03' })];
    expect(rangeTargetFor(list, null, '7', 'calls', '2026-11-30', '2026-12-05')).toBe(180);
    expect(rangeTargetFor(list, ['7'], null, 'calls', '2026-12-01', '2026-12-01')).toBe(60);
    expect(rangeTargetFor(list, null, '7', 'recoveryPct', '2026-12-01', '2026-12-02')).toBeNull();
    expect(rangeTargetFor(list, null, '7', 'calls', '2027-01-01', '2027-01-02')).toBeNull();
  });

  it('progress: none without a target or with a zero one', () => {
    expect(progressOf(30, 60)).toBe(0.5);
    expect(progressOf(30, null)).toBeNull();
    expect(progressOf(30, 0)).toBeNull();
  });
});
