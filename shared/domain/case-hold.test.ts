import { describe, expect, it } from 'vitest';
import { statusAfterHold } from './case-hold';

describe('clearing a hold', () => {
  it('gives the status the promises give: ptp with a pending one, open without, paid when nothing is owed', () => {
    expect(statusAfterHold({ status: 'hold', balanceFen: 100 }, 1)).toEqual({ status: 'ptp' });
    expect(statusAfterHold({ status: 'hold', balanceFen: 100 }, 0)).toEqual({ status: 'open' });
    expect(statusAfterHold({ status: 'hold', balanceFen: 0 }, 0)).toEqual({ status: 'paid' });
  });
  it('refuses a case that is not on hold, naming its status', () => {
    expect(statusAfterHold({ status: 'open', balanceFen: 100 }, 0)).toEqual({ field: 'caseId', rule: 'case.notOnHold', params: { status: 'open' } });
  });
});
