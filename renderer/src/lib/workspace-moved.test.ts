/** #16: the open case reassigned away says at once where it went, and its screen (and note) stay. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CaseDetail, DeskApi, MovedCase } from '../../../shared/contract';
import { useWorkspace, watchOpenCase } from './workspace';

const detail = { case: { id: 'c1', balanceFen: 100_000 }, debtor: { name: '张三' } } as unknown as CaseDetail;
const moved: MovedCase = { caseId: 'c1', debtorName: '张三', toName: '李强', leftAt: '2026-03-10T02:00:00.000Z', draft: null, draftSavedAt: null };

let gone = false;
const listeners = new Map<string, Set<(payload: unknown) => void>>();
const emit = (event: string, payload: unknown): void => listeners.get(event)?.forEach((cb) => cb(payload));
const fakeDesk = {
  invoke: async (route: string) => {
    if (route === 'case.get') return gone ? { ok: false, error: { code: 'NOT_FOUND', message: 'case' } } : { ok: true, value: detail };
    if (route === 'case.moved') return { ok: true, value: { moved: gone ? moved : null } };
    return { ok: true, value: {} };
  },
  on: (event: string, cb: (payload: unknown) => void) => {
    const set = listeners.get(event) ?? new Set();
    set.add(cb);
    listeners.set(event, set);
    return () => set.delete(cb);
  },
};

describe('the open case moves to another agent', () => {
  let unwatch: () => void = () => undefined;
  beforeEach(() => {
    vi.stubGlobal('window', { desk: fakeDesk as unknown as DeskApi });
    listeners.clear();
    gone = false;
    useWorkspace.setState({ caseId: 'c1', detail, moved: null });
    unwatch = watchOpenCase();
  });
  afterEach(() => {
    unwatch();
    vi.unstubAllGlobals();
  });

  it('the pull that takes it away says so at once; the last detail stays on screen', async () => {
    gone = true;
    emit('queue.changed', { reason: 'sync.pulled' });
    emit('cases.movedAway', { cases: [{ caseId: 'c1', debtorName: '张三', toName: '李强' }] });
    await vi.waitFor(() => expect(useWorkspace.getState().moved).toMatchObject({ toName: '李强' }));
    expect(useWorkspace.getState().detail).toBe(detail);
    expect(useWorkspace.getState().caseId).toBe('c1');
  });

  it('another case moving away leaves the open one alone', async () => {
    emit('cases.movedAway', { cases: [{ caseId: 'c9', debtorName: '王五', toName: '李强' }] });
    await Promise.resolve();
    expect(useWorkspace.getState().moved).toBeNull();
  });
});
