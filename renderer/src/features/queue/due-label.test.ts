import { describe, expect, it } from 'vitest';
import { dueDayText } from './due-label';

describe('dueDayText (issue 9 #10)', () => {
  it('says today, yesterday and days overdue, never a bare date for a past day', () => {
    expect(dueDayText('2026-03-02', '2026-03-02')).toEqual({ key: 'queue.today' });
    expect(dueDayText('2026-03-01', '2026-03-02')).toEqual({ key: 'agentDesk.dueYesterday' });
    expect(dueDayText('2026-02-25', '2026-03-02')).toEqual({ key: 'agentDesk.dueDaysAgo', params: { count: 5 } });
    expect(dueDayText('2025-12-31', '2026-01-01')).toEqual({ key: 'agentDesk.dueYesterday' });
  });
  it('a later day shows as MM-DD', () => {
    expect(dueDayText('2026-03-04', '2026-03-02')).toEqual({ key: 'agentDesk.dueOn', params: { date: '03-04' } });
  });
});
