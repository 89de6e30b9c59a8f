/**
 * Before the first render an agent's screen is fetched whole: the queue's first page and the case
 * the screen opens (the one open before a reload, else the top of the queue). A fake bridge
 * answers like the core; which routes were asked, and in which state the stores are when boot()
 * resolves (the moment React first draws), is what counts.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AgentInfo, CaseDetail, DeskApi, QueueItem } from '../../../shared/contract';
import { useSession } from '../lib/session';
import { useWorkspace } from '../lib/workspace';
import { useQueue } from '../features/queue/store';
import { boot } from './boot';

const AGENT: AgentInfo = { id: 'a1', username: 'demo', displayName: '王芳', agentNo: '1001', role: 'agent' };
const LEAD: AgentInfo = { ...AGENT, id: 'l1', role: 'lead' };

const item = (caseId: string): QueueItem => ({
  caseId, debtorName: `欠款人${caseId}`, accountMasked: '6222 **** 0001', creditor: 'Bank', product: 'credit_card', overdueAmountFen: 50_000,
  balanceFen: 100_000, dpd: 30, bucket: 'M1_MID', status: 'open', tags: [], priority: 1, dueKind: null, dueAt: null, brokenPromises: 0,
  lastOutcomeCode: null, lastAttemptAt: null, expiryDate: null, rank: [],
});

const detail = (caseId: string): CaseDetail => ({
  case: {
    id: caseId, accountMasked: '6222 **** 0001', creditor: 'Bank', product: 'credit_card', batchNo: null, principalFen: 100_000,
    balanceFen: 100_000, overdueAmountFen: 50_000, minDueFen: 10_000, overdueSince: '2026-01-01', dpd: 30, bucket: 'M1_MID',
    lastPaymentDate: null, lastPaymentFen: null, entrustDate: null, expiryDate: null, status: 'open', tags: [], priority: 1,
    brokenPromises: 0, assignedAgentId: 'a1',
  },
  debtor: {
    id: 'd1', name: `欠款人${caseId}`, gender: null, idNumberMasked: '110***********1234', age: null, homeAddress: null, workAddress: null,
    registeredAddress: null, employer: null,
  },
  phones: [], contacts: [], promises: [], followUps: [], timeline: [], draft: null, draftSavedAt: null,
});

let agent: AgentInfo | null = AGENT;
let queue: QueueItem[] = [item('c1'), item('c2')];
const calls: { route: string; input: unknown }[] = [];
const storage = new Map<string, string>();

const fakeDesk = {
  invoke: async (route: string, input: unknown) => {
    calls.push({ route, input });
    switch (route) {
      case 'auth.session':
        return { ok: true, value: { agent } };
      case 'queue.list':
        return { ok: true, value: { items: queue, total: queue.length, dueCount: 0 } };
      case 'case.get': {
        const { caseId } = input as { caseId: string };
        return caseId === 'gone' ? { ok: false, error: { code: 'NOT_FOUND', message: 'no such case' } } : { ok: true, value: detail(caseId) };
      }
      case 'case.moved':
        return { ok: true, value: { moved: null } };
      case 'reference.get':
        return { ok: true, value: { outcomeCodes: [] } };
      default:
        return { ok: false, error: { code: 'INTERNAL', message: `not faked: ${route}` } };
    }
  },
  on: () => () => undefined,
};

const asked = (route: string): unknown[] => calls.filter((c) => c.route === route).map((c) => c.input);

describe('boot: the first screen is fetched before React draws it', () => {
  beforeEach(() => {
    // the fake answers untyped JSON, as the bridge does
    vi.stubGlobal('window', { desk: fakeDesk as unknown as DeskApi });
    vi.stubGlobal('localStorage', {
      getItem: (k: string) => storage.get(k) ?? null,
      setItem: (k: string, v: string) => void storage.set(k, v),
      removeItem: (k: string) => void storage.delete(k),
    });
    calls.length = 0;
    storage.clear();
    agent = AGENT;
    queue = [item('c1'), item('c2')];
    useSession.setState({ agent: null, epoch: 0 });
    useWorkspace.getState().closeCase();
    useQueue.getState().reset();
  });
  afterEach(() => vi.unstubAllGlobals());

  it("an agent's queue page and its top case are there when the screen is first drawn", async () => {
    await boot();
    expect(useSession.getState().agent).toEqual(AGENT);
    expect(useQueue.getState().itemAt(0)?.caseId).toBe('c1');
    expect(useWorkspace.getState()).toMatchObject({ caseId: 'c1', loading: false, error: null });
    expect(useWorkspace.getState().detail?.case.id).toBe('c1');
    expect(asked('case.get')).toEqual([{ caseId: 'c1' }]);
    // remembered for this agent, so a reload comes back to it
    expect(storage.get('collectdesk.openCase.a1')).toBe('c1');
  });

  it('the case open before a reload opens instead of the top one, asked for beside the queue', async () => {
    storage.set('collectdesk.openCase.a1', 'c2');
    await boot();
    expect(useWorkspace.getState().detail?.case.id).toBe('c2');
    expect(asked('case.get')).toEqual([{ caseId: 'c2' }]);
    expect(useQueue.getState().itemAt(0)?.caseId).toBe('c1');
  });

  it('a remembered case that has left the desk shows as such (the screen says where it went)', async () => {
    storage.set('collectdesk.openCase.a1', 'gone');
    await boot();
    expect(useWorkspace.getState()).toMatchObject({ caseId: 'gone', detail: null, error: { code: 'NOT_FOUND' } });
    expect(calls.map((c) => c.route)).toContain('case.moved');
  });

  it('an empty queue opens nothing; a lead (assignment view) asks for neither queue nor case', async () => {
    queue = [];
    await boot();
    expect(useWorkspace.getState().caseId).toBeNull();
    expect(asked('case.get')).toEqual([]);

    calls.length = 0;
    agent = LEAD;
    useSession.setState({ agent: null });
    await boot();
    expect(useSession.getState()).toMatchObject({ agent: LEAD, view: 'lead' });
    expect(asked('queue.list')).toEqual([]);
    expect(asked('case.get')).toEqual([]);
  });

  it('signed out: the login is drawn and nothing else is asked for', async () => {
    agent = null;
    await boot();
    expect(useSession.getState().agent).toBeNull();
    expect(calls.map((c) => c.route)).toEqual(['auth.session']);
  });
});
