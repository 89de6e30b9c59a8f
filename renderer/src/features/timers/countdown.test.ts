import { describe, expect, it } from 'vitest';
import { countdownText } from './countdown';

describe('the follow-up countdown in words', () => {
  it('says minutes or hours ahead, never a bare mm:ss that reads as a clock time', () => {
    expect(countdownText(11 * 60 + 2, '09:41')).toEqual({ key: 'topbar.inMinutes', params: { count: 12 } });
    expect(countdownText(30, '09:31')).toEqual({ key: 'topbar.inMinutes', params: { count: 1 } });
    expect(countdownText(2 * 3600 + 5 * 60, '11:35')).toEqual({ key: 'topbar.inHours', params: { h: 2, m: 5 } });
    expect(countdownText(0, '03:44')).toEqual({ key: 'topbar.overdueAt', params: { time: '03:44' } });
  });
});
