import { describe, expect, it } from 'vitest';
import { casePriority, nextDue, ptpDueInstant } from './derive';

describe('case derivations', () => {
  it('a PTP falls due at the start of its date in the desk zone', () => {
    expect(ptpDueInstant('2026-03-10', 'Asia/Shanghai')).toBe('2026-03-09T16:00:00.000Z');
  });
  it('next due is the earlier of follow-up and PTP', () => {
    expect(nextDue(null, null, 'Asia/Shanghai')).toEqual({ nextDueAt: null, dueKind: null });
    expect(nextDue('2026-03-09T10:00:00.000Z', '2026-03-10', 'Asia/Shanghai')).toEqual({ nextDueAt: '2026-03-09T10:00:00.000Z', dueKind: 'followup' });
    expect(nextDue('2026-03-10T10:00:00.000Z', '2026-03-10', 'Asia/Shanghai')).toEqual({ nextDueAt: '2026-03-09T16:00:00.000Z', dueKind: 'ptp' });
  });
  it('broken promises and a hold move the score the right way', () => {
    const base = { overdue_fen: 100_000, overdue_since: '2026-02-01', broken_promises: 0, refusals: 0, attempt_count: 1, expiry_date: null, status: 'open', has_pending_ptp: false };
    const today = '2026-03-10';
    expect(casePriority({ ...base, broken_promises: 2 }, today)).toBeGreaterThan(casePriority(base, today));
    expect(casePriority({ ...base, status: 'hold' }, today)).toBeLessThan(casePriority(base, today));
    expect(casePriority({ ...base, has_pending_ptp: true }, today)).toBeLessThan(casePriority(base, today));
  });
});
