/** #17: the open case follows the database: a pull re-reads it (the balance the queue row shows), a local save does not read it twice. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CaseDetail, DeskApi } from '../../../shared/contract';
import { useWorkspace, watchOpenCase } from './workspace';

const detail = (balanceFen: number): CaseDetail => ({
  case: {
    id: 'c1', accountMasked: '6222 **** 0001', creditor: 'Bank', product: 'credit_card', batchNo: null, principalFen: 100_000,
    balanceFen, overdueAmountFen: 50_000, minDueFen: 10_000, overdueSince: '2026-01-01', dpd: 30, bucket: 'M1_MID',
    lastPaymentDate: null, lastPaymentFen: null, entrustDate: null, expiryDate: null, status: 'open', tags: [], priority: 1,
    brokenPromises: 0, assignedAgentId: 'a1',
  },
  debtor: { id: 'd1', name: '张三', gender: null, idNumberMasked: '110***********1234', age: null, homeAddress: null, workAddress: null, registeredAddress: null, employer: null },
  phones: [], contacts: [], promises: [], followUps: [], timeline: [], draft: null, draftSavedAt: null,
});

let hubBalance = 100_000;
const calls: string[] = [];
const listeners = new Map<string, Set<(payload: unknown) => void>>();
const emit = (event: string, payload: unknown): void => listeners.get(event)?.forEach((cb) => cb(payload));
const fakeDesk = {
  invoke: async (route: string) => {
    calls.push(route);
    return { ok: true, value: route === 'case.get' ? detail(hubBalance) : {} };
  },
  on: (event: string, cb: (payload: unknown) => void) => {
    const set = listeners.get(event) ?? new Set();
    set.add(cb);
    listeners.set(event, set);
    return () => set.delete(cb);
  },
};

describe('the open case follows pulls', () => {
  let unwatch: () => void = () => undefined;
  beforeEach(() => {
    vi.stubGlobal('window', { desk: fakeDesk as unknown as DeskApi });
    calls.length = 0;
    listeners.clear();
    hubBalance = 100_000;
    useWorkspace.setState({ caseId: 'c1', detail: detail(100_000) });
    unwatch = watchOpenCase();
  });
  afterEach(() => {
    unwatch();
    vi.unstubAllGlobals();
  });

  it('a pull that changed the balance shows the new balance on the open case', async () => {
    hubBalance = 40_000; // a payment came in on the hub
    emit('queue.changed', { reason: 'sync.pulled' });
    await vi.waitFor(() => expect(useWorkspace.getState().detail?.case.balanceFen).toBe(40_000));
  });

  it("the agent's own save does not re-read it here (the save refreshes it once itself)", async () => {
    emit('queue.changed', { reason: 'attempt.save' });
    await Promise.resolve();
    expect(calls).toEqual([]);
  });
});
