/**
 * The first page asked for while the workstation renders is kept by the panel, for the agent it
 * was asked for only: never another agent's queue, never twice the same request.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DeskApi } from '../../../../shared/contract';
import { useQueue } from './store';

const asked: { agent: string; filter: unknown }[] = [];
let current = 'a1';
let release: (() => void) | null = null;

const fakeDesk = {
  invoke: async (route: string, input: { filter?: unknown }) => {
    if (route !== 'queue.list') return { ok: true, value: {} };
    const agent = current;
    asked.push({ agent, filter: input.filter });
    await new Promise<void>((resolve) => (release = resolve));
    return { ok: true, value: { items: [{ caseId: `${agent}-first` }], total: 1, dueCount: 0 } };
  },
  on: () => () => undefined,
};

const settle = async (): Promise<void> => {
  release?.();
  await vi.runAllTimersAsync();
};

describe('the queue panel keeps the first page prefetched for its agent', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.stubGlobal('window', { desk: fakeDesk as unknown as DeskApi });
    asked.length = 0;
    current = 'a1';
    useQueue.getState().reset();
  });
  afterEach(() => {
    useQueue.getState().reset();
    vi.unstubAllGlobals();
    vi.useRealTimers();
  });

  it('a page on its way is not asked for again, and shows when it arrives', async () => {
    useQueue.getState().prefetch('a1');
    useQueue.getState().start('a1');
    await settle();
    expect(asked).toHaveLength(1);
    expect(useQueue.getState().itemAt(0)?.caseId).toBe('a1-first');
  });

  it('a page that already arrived is kept', async () => {
    useQueue.getState().prefetch('a1');
    await settle();
    useQueue.getState().start('a1');
    await settle();
    expect(asked).toHaveLength(1);
    expect(useQueue.getState().loaded).toBe(true);
  });

  it("another agent's screen (or one after a reset) asks for its own page", async () => {
    useQueue.getState().prefetch('a1');
    await settle();
    current = 'a2';
    useQueue.getState().start('a2');
    await settle();
    expect(asked.map((a) => a.agent)).toEqual(['a1', 'a2']);
    expect(useQueue.getState().itemAt(0)?.caseId).toBe('a2-first');

    useQueue.getState().prefetch('a2');
    useQueue.getState().reset();
    useQueue.getState().start('a2');
    await settle();
    expect(asked).toHaveLength(4);
  });

  it('without a prefetch the panel asks for the first page itself, once', async () => {
    useQueue.getState().start('a1');
    await settle();
    expect(asked).toEqual([{ agent: 'a1', filter: {} }]);
  });
});
