import { describe, expect, it } from 'vitest';
import { isValidTimeZone, settingProblem } from './settings';

describe('team settings a desk can use', () => {
  it('time zones: what Intl knows', () => {
    expect(isValidTimeZone('Asia/Shanghai')).toBe(true);
    expect(isValidTimeZone('UTC')).toBe(true);
    for (const tz of ['Mars/Olympus', '', 'Asia/Shanghai; DROP TABLE x']) expect(isValidTimeZone(tz)).toBe(false);
    expect(settingProblem('timeZone', 'Mars/Olympus')).toMatch(/^timeZone: /);
    expect(settingProblem('timeZone', 42)).toMatch(/^timeZone: /);
  });

  it('bucket bounds: whole, positive, strictly increasing', () => {
    expect(settingProblem('bucketBounds', { earlyMax: 5, midMax: 18, m1Max: 30, m2Max: 60, m3Max: 90 })).toBeNull();
    expect(settingProblem('bucketBounds', { earlyMax: 5, midMax: 5, m1Max: 30, m2Max: 60, m3Max: 90 })).toMatch(/^bucketBounds\.midMax: /);
    expect(settingProblem('bucketBounds', { earlyMax: 0, midMax: 18, m1Max: 30, m2Max: 60, m3Max: 90 })).toMatch(/^bucketBounds\.earlyMax: /);
    expect(settingProblem('bucketBounds', { earlyMax: 5.5, midMax: 18, m1Max: 30, m2Max: 60, m3Max: 90 })).toMatch(/earlyMax/);
    expect(settingProblem('bucketBounds', { earlyMax: 5, midMax: 18, m1Max: 30, m2Max: 60 })).toMatch(/m3Max/);
  });

  it('ranges and types of the other keys; unknown keys pass (a newer hub)', () => {
    expect(settingProblem('ptpGraceDays', 0)).toBeNull();
    expect(settingProblem('ptpGraceDays', 31)).toMatch(/ptpGraceDays/);
    expect(settingProblem('ptpMaxDays', 366)).toBeNull();
    expect(settingProblem('ptpMaxDays', 0)).toMatch(/ptpMaxDays/);
    expect(settingProblem('ptpMaxDays', '30')).toMatch(/ptpMaxDays/);
    expect(settingProblem('institutionName', ' ')).toMatch(/institutionName/);
    expect(settingProblem('institutionName', 'x'.repeat(101))).toMatch(/institutionName/);
    expect(settingProblem('quietHours', { from: '22:00' })).toBeNull();
  });
});
