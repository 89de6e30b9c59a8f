import { describe, expect, it } from 'vitest';
import { complianceFigures, countViolations, violationShare } from './compliance';

describe('violationShare', () => {
  it('is null without dials, a share otherwise, never above 1', () => {
    expect(violationShare(0, 0)).toBeNull();
    expect(violationShare(3, 0)).toBeNull();
    expect(violationShare(0, 40)).toBe(0);
    expect(violationShare(1, 4)).toBe(0.25);
    expect(violationShare(5, 4)).toBe(1); // hub reports for dials this desk has not pulled yet
    expect(violationShare(-1, 4)).toBe(0);
  });
});

describe('countViolations', () => {
  const from = '2026-03-09T16:00:00.000Z'; // 2026-03-10 in Shanghai
  const to = '2026-03-10T16:00:00.000Z';
  it('counts each attempt once per agent, within [from, to)', () => {
    const r = countViolations([
      { attemptId: 'a1', agentId: '7', at: '2026-03-10T01:00:00.000Z' },
      { attemptId: 'a1', agentId: '7', at: '2026-03-10T01:00:00.000Z' }, // flagged here and by the hub
      { attemptId: 'a2', agentId: '7', at: from }, // the first instant is in
      { attemptId: 'a3', agentId: '8', at: '2026-03-10T15:59:59.999Z' },
      { attemptId: 'a4', agentId: '8', at: to }, // the end is out
      { attemptId: 'a5', agentId: '8', at: '2026-03-09T15:59:59.999Z' },
      { attemptId: 'a6', agentId: null, at: '2026-03-10T02:00:00.000Z' }, // the team's only
    ], from, to);
    expect(r.team).toBe(4);
    expect(Object.fromEntries(r.byAgent)).toEqual({ 7: 2, 8: 1 });
  });
  it('nothing: zero, no agents', () => {
    const r = countViolations([], from, to);
    expect(r.team).toBe(0);
    expect(r.byAgent.size).toBe(0);
  });
});

describe('complianceFigures', () => {
  it('puts the share beside the counts', () => {
    expect(complianceFigures({ calls: 8, violations: 2, complaints: 1, overrides: 3 })).toEqual({ violations: 2, violationShare: 0.25, complaints: 1, overrides: 3 });
    expect(complianceFigures({ calls: 0, violations: 0, complaints: 0, overrides: 0 }).violationShare).toBeNull();
  });
});
