/**
 * A call timer belongs to one agent and one case: signing out stops it (kept in that case's
 * draft), it is never recorded on the next agent's attempt, leaving a case stops it, and a
 * reload mid-call takes its start back from the draft. A fake bridge answers like the core.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AgentInfo, CaseDetail, DeskApi, NoteDraft, OutcomeCode } from '../../../shared/contract';
import { useSession } from '../lib/session';
import { endSession, registerBeforeCaseSwitch, useWorkspace } from '../lib/workspace';
import { useNote } from '../features/notes/store';
import { saveNote } from '../features/notes/save';
import { flushDraft, watchCallForDraft } from '../features/notes/draft';

const NO_ANSWER: OutcomeCode = {
  code: 'NO_ANSWER', hotkey: '7', label: { 'zh-CN': '无人接听', en: 'No answer' }, isContact: false, isRpc: false,
  needsPtp: false, needsFollowUp: false, needsPaidDate: false, setsStatus: null, addsTag: null, locksPhone: false, sort: 1,
};
const agent = (id: string, name: string): AgentInfo => ({ id, displayName: name, agentNo: `A${id}`, role: 'agent' }) as AgentInfo;
const AGENT1 = agent('1', '王芳');
const AGENT2 = agent('2', '李强');

const detail = (id: string, draft: NoteDraft | null = null): CaseDetail =>
  ({
    case: { id, balanceFen: 100_000, overdueAmountFen: 50_000, minDueFen: 10_000, dpd: 30, bucket: 'M1_MID', status: 'open', tags: [] },
    debtor: { id: `d${id}`, name: `债务人${id}`, gender: null },
    phones: [], contacts: [], promises: [], followUps: [], timeline: [], draft, draftSavedAt: null,
  }) as unknown as CaseDetail;

let drafts: Record<string, NoteDraft>;
let attempts: { caseId: string; callStartedAt: string | null; durationSec: number }[];

const fakeDesk = {
  invoke: async (route: string, input: Record<string, unknown>) => {
    switch (route) {
      case 'case.get':
        return { ok: true, value: detail(String(input.caseId), drafts[String(input.caseId)] ?? null) };
      case 'draft.save':
        drafts[String(input.caseId)] = input.draft as NoteDraft;
        return { ok: true, value: { savedAt: new Date().toISOString() } };
      case 'attempt.save':
        attempts.push(input as (typeof attempts)[number]);
        delete drafts[String(input.caseId)];
        return { ok: true, value: { attemptId: 't1', promiseId: null, followUpId: null, nextCaseId: null } };
      default:
        return { ok: true, value: {} };
    }
  },
  on: () => () => undefined,
};

async function signIn(a: AgentInfo): Promise<void> {
  useSession.setState({ agent: a, outcomeCodes: [NO_ANSWER] });
}

async function open(caseId: string): Promise<void> {
  await useWorkspace.getState().openCase(caseId);
  const ws = useWorkspace.getState();
  // what the note pane does when a case opens
  useNote.getState().load(caseId, ws.detail?.draft ?? null, null);
}

async function saveNoAnswer(): Promise<void> {
  useNote.getState().patch({ outcomeCode: 'NO_ANSWER', party: 'none' });
  expect(await saveNote({ next: false, invalid: false, followUpReason: () => '' })).toMatchObject({ kind: 'saved' });
}

describe('the call timer', () => {
  const offs: (() => void)[] = [];
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-03-02T01:30:00Z'));
    vi.stubGlobal('window', { desk: fakeDesk as unknown as DeskApi });
    drafts = {};
    attempts = [];
    useWorkspace.getState().closeCase();
    offs.push(registerBeforeCaseSwitch(flushDraft), watchCallForDraft());
  });
  afterEach(() => {
    for (const off of offs.splice(0)) off();
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('signing out stops it; the next agent\'s record never carries it', async () => {
    await signIn(AGENT1);
    await open('c1');
    useWorkspace.getState().startCall();
    vi.advanceTimersByTime(33_000);
    await endSession();
    expect(useWorkspace.getState().call.startedAt).toBeNull();
    // the call stays with agent 1's case, in its draft
    expect(drafts.c1?.call).toEqual({ startedAt: '2026-03-02T01:30:00.000Z', durationSec: 33 });

    await signIn(AGENT2);
    drafts = {}; // agent 2 has no draft of their own on the case
    await open('c1');
    await saveNoAnswer();
    expect(attempts).toEqual([expect.objectContaining({ caseId: 'c1', callStartedAt: null, durationSec: 0 })]);
  });

  it('leaving a case stops its call, which stays in that case\'s draft and is saved with it only', async () => {
    await signIn(AGENT1);
    await open('c1');
    useWorkspace.getState().startCall();
    vi.advanceTimersByTime(20_000);
    await open('c2');
    expect(useWorkspace.getState().call.startedAt).toBeNull();
    expect(useWorkspace.getState().callNotice).toMatchObject({ debtorName: '债务人c1', durationSec: 20 });
    expect(drafts.c1?.call).toEqual({ startedAt: '2026-03-02T01:30:00.000Z', durationSec: 20 });
    await saveNoAnswer();
    expect(attempts.at(-1)).toMatchObject({ caseId: 'c2', callStartedAt: null, durationSec: 0 });
    await open('c1');
    await saveNoAnswer();
    expect(attempts.at(-1)).toMatchObject({ caseId: 'c1', callStartedAt: '2026-03-02T01:30:00.000Z', durationSec: 20 });
  });

  it('a started call is in the draft at once; after a reload it runs on from its start', async () => {
    await signIn(AGENT1);
    await open('c1');
    useWorkspace.getState().startCall();
    await flushDraft();
    expect(drafts.c1?.call).toEqual({ startedAt: '2026-03-02T01:30:00.000Z', durationSec: null });
    // the window reloads: the store starts empty and the case opens again
    useWorkspace.setState({ caseId: null, detail: null, call: { startedAt: null, last: null, caseId: null, agentId: null } });
    vi.advanceTimersByTime(45_000);
    await open('c1');
    expect(useWorkspace.getState().call).toMatchObject({ startedAt: Date.parse('2026-03-02T01:30:00Z'), caseId: 'c1', agentId: '1' });
    await saveNoAnswer();
    expect(attempts.at(-1)).toMatchObject({ caseId: 'c1', durationSec: 45 });
  });
});
