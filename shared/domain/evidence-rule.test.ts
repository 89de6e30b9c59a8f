import { describe, expect, it } from 'vitest';
import { twoCollections30DaysApart } from './evidence-rule';

describe('two provable collections at least 30 days apart', () => {
  it('29 days apart does not hold', () => {
    expect(twoCollections30DaysApart(['2026-01-01', '2026-01-30'])).toEqual({ holds: false, first: '2026-01-01', second: '2026-01-30', gapDays: 29 });
  });
  it('30 days apart holds', () => {
    expect(twoCollections30DaysApart(['2026-01-31', '2026-01-01'])).toEqual({ holds: true, first: '2026-01-01', second: '2026-01-31', gapDays: 30 });
  });
  it('31 days apart holds, across a month end', () => {
    expect(twoCollections30DaysApart(['2026-02-01', '2026-03-04'])).toMatchObject({ holds: true, gapDays: 31 });
  });
  it('finds the pair among many and ignores repeats of one day', () => {
    expect(twoCollections30DaysApart(['2026-01-10', '2026-01-10', '2026-01-20', '2026-02-09', '2026-02-10'])).toMatchObject({ holds: true, first: '2026-01-10', second: '2026-02-09', gapDays: 30 });
  });
  it('none or one collection does not hold', () => {
    expect(twoCollections30DaysApart([])).toEqual({ holds: false, first: null, second: null, gapDays: null });
    expect(twoCollections30DaysApart(['2026-01-01'])).toEqual({ holds: false, first: '2026-01-01', second: null, gapDays: null });
  });
  it('leap day counts as a day', () => {
    expect(twoCollections30DaysApart(['2028-02-01', '2028-03-01'])).toMatchObject({ holds: false, gapDays: 29 });
    expect(twoCollections30DaysApart(['2028-02-01', '2028-03-02'])).toMatchObject({ holds: true, gapDays: 30 });
  });
});
