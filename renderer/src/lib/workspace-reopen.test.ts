/**
 * Opening the case already on screen (its queue row clicked again, a notification for it) must
 * not reload the note pane from the draft: what was typed since the last autosave would go.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { CaseDetail, DeskApi } from '../../../shared/contract';
import { registerBeforeCaseSwitch, useWorkspace } from './workspace';

let gets: string[] = [];
const detail = (id: string, balanceFen: number): CaseDetail =>
  ({
    case: { id, balanceFen, overdueAmountFen: 50_000, minDueFen: 10_000, dpd: 30, bucket: 'M1_MID', status: 'open', tags: [] },
    debtor: { id: `d${id}`, name: `债务人${id}`, gender: null },
    phones: [], contacts: [], promises: [], followUps: [], timeline: [], draft: null, draftSavedAt: null,
  }) as unknown as CaseDetail;

const fakeDesk = {
  invoke: async (route: string, input: Record<string, unknown>) => {
    if (route !== 'case.get') return { ok: true, value: {} };
    gets.push(String(input.caseId));
    return { ok: true, value: detail(String(input.caseId), 100_000 - gets.length) };
  },
  on: () => () => undefined,
};

describe('opening a case', () => {
  beforeEach(() => {
    gets = [];
    Object.assign(globalThis, { window: { desk: fakeDesk as unknown as DeskApi, localStorage: { getItem: () => null, setItem: () => {}, removeItem: () => {} } } });
    useWorkspace.getState().closeCase();
  });

  it('the case on screen again refreshes its detail without a new open (the note pane keeps what was typed)', async () => {
    await useWorkspace.getState().openCase('7');
    const seq = useWorkspace.getState().openSeq;
    await useWorkspace.getState().openCase('7');
    expect(gets).toEqual(['7', '7']);
    expect(useWorkspace.getState().openSeq).toBe(seq);
    expect(useWorkspace.getState().detail?.case.balanceFen).toBe(99_998);
  });

  it('another case opens as usual', async () => {
    await useWorkspace.getState().openCase('7');
    const seq = useWorkspace.getState().openSeq;
    await useWorkspace.getState().openCase('8');
    expect(useWorkspace.getState().openSeq).toBe(seq + 1);
    expect(useWorkspace.getState().caseId).toBe('8');
  });

  it('two opens at once: the later one stays open even when the earlier one flushes last', async () => {
    // The first open's flush (the note pane saving a draft) is slow, the second one's is not.
    let release = (): void => undefined;
    let calls = 0;
    const off = registerBeforeCaseSwitch(() => (calls++ === 0 ? new Promise<void>((r) => (release = r)) : undefined));
    try {
      const first = useWorkspace.getState().openCase('7');
      const second = useWorkspace.getState().openCase('8');
      await second;
      release();
      await first;
      const s = useWorkspace.getState();
      expect(s.caseId).toBe('8');
      expect(s.detail?.case.id).toBe('8');
      expect(s.loading).toBe(false);
      expect(gets).toEqual(['8']);
    } finally {
      off();
    }
  });
});
