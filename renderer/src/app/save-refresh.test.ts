/**
 * The queue re-reads once per change the core reports: a saved note (or a due follow-up) must
 * not refresh it twice. A fake bridge answers like the core, which emits 'queue.changed' while
 * it stores the attempt; which of event and answer reaches the renderer first depends on the
 * host (IPC, HTTP + SSE), so both orders are tried.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CaseDetail, DeskApi, OutcomeCode } from '../../../shared/contract';
import { useSession } from '../lib/session';
import { useWorkspace } from '../lib/workspace';
import { useNote } from '../features/notes/store';
import { saveNote } from '../features/notes/save';
import { useQueue, watchQueue } from '../features/queue/store';

const NO_ANSWER: OutcomeCode = {
  code: 'NO_ANSWER', hotkey: '1', label: { 'zh-CN': '无人接听', en: 'No answer' }, isContact: false, isRpc: false,
  needsPtp: false, needsFollowUp: false, needsPaidDate: false, setsStatus: null, addsTag: null, locksPhone: false, sort: 1,
};

const DETAIL: CaseDetail = {
  case: {
    id: 'c1', accountMasked: '6222 **** 0001', creditor: 'Bank', product: 'credit_card', batchNo: null, principalFen: 100_000,
    balanceFen: 100_000, overdueAmountFen: 50_000, minDueFen: 10_000, overdueSince: '2026-01-01', dpd: 30, bucket: 'M1_MID',
    lastPaymentDate: null, lastPaymentFen: null, entrustDate: null, expiryDate: null, status: 'open', tags: [], priority: 1,
    brokenPromises: 0, assignedAgentId: 'a1',
  },
  debtor: {
    id: 'd1', name: '张三', gender: null, idNumberMasked: '110***********1234', age: null, homeAddress: null, workAddress: null,
    registeredAddress: null, employer: null,
  },
  phones: [], contacts: [], promises: [], followUps: [], timeline: [], draft: null, draftSavedAt: null,
};

type Timing = 'event first' | 'answer first';
const calls: string[] = [];
const listeners = new Map<string, Set<(payload: unknown) => void>>();
let timing: Timing = 'event first';

const emit = (event: string, payload: unknown): void => listeners.get(event)?.forEach((cb) => cb(payload));

function answer(route: string): unknown {
  switch (route) {
    case 'queue.list':
      return { items: [], total: 0, dueCount: 0 };
    case 'attempt.save':
      // the core announces the change while it stores the attempt
      if (timing === 'event first') emit('queue.changed', { reason: 'attempt.save' });
      else setTimeout(() => emit('queue.changed', { reason: 'attempt.save' }), 0);
      return { attemptId: 't1', promiseId: null, followUpId: null, nextCaseId: null };
    case 'case.get':
      return DETAIL;
    default:
      return {};
  }
}

const fakeDesk = {
  invoke: async (route: string) => {
    calls.push(route);
    return { ok: true, value: answer(route) };
  },
  on: (event: string, cb: (payload: unknown) => void) => {
    const set = listeners.get(event) ?? new Set();
    set.add(cb);
    listeners.set(event, set);
    return () => set.delete(cb);
  },
};

const count = (route: string): number => calls.filter((r) => r === route).length;

describe('the queue refreshes once per change', () => {
  let unwatch: () => void = () => undefined;
  beforeEach(async () => {
    vi.useFakeTimers();
    // the fake answers untyped JSON, as the bridge does
    vi.stubGlobal('window', { desk: fakeDesk as unknown as DeskApi });
    calls.length = 0;
    listeners.clear();
    useSession.setState({ outcomeCodes: [NO_ANSWER] });
    useWorkspace.setState({ caseId: 'c1', detail: DETAIL });
    useNote.getState().reset('c1');
    useQueue.getState().setFilter({});
    unwatch = watchQueue();
    await vi.runAllTimersAsync();
    expect(count('queue.list')).toBe(1);
  });
  afterEach(() => {
    unwatch();
    useQueue.getState().reset();
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  for (const order of ['event first', 'answer first'] as const) {
    it(`a saved note re-reads the queue once (${order})`, async () => {
      timing = order;
      useNote.getState().patch({ outcomeCode: 'NO_ANSWER', party: 'none' });
      const result = await saveNote({ next: false, invalid: false, followUpReason: () => '' });
      await vi.runAllTimersAsync();
      expect(result).toEqual({ kind: 'saved', next: 'stay' });
      expect(count('attempt.save')).toBe(1);
      expect(count('queue.list')).toBe(2);
      expect(count('case.get')).toBe(1);
    });
  }

  it('a due follow-up re-reads the queue once (the core sends followup.due, then queue.changed)', async () => {
    emit('followup.due', { followUpId: 'f1', caseId: 'c1', dueAt: '2026-03-01T02:00:00.000Z', debtorName: '张三', reason: null, alsoDue: 0 });
    emit('queue.changed', { reason: 'followup.due' });
    await vi.runAllTimersAsync();
    expect(count('queue.list')).toBe(2);
  });
});
