/**
 * Before the first render: who is signed in (and, for them, the desk data, the agent's first
 * queue page and the case the screen opens). The first screen React draws is then the right
 * one, login or workstation, instead of a spinner drawn first and then replaced (antd styles
 * both on the critical path); the page's own static spinner (index.html) shows meanwhile.
 * Never throws: a failure lands on the login.
 */
import { DEFAULT_TIME_ZONE, wallClockMs } from '../../../shared/domain/dates';
import { invoke, hasBridge, setUnauthenticatedHandler } from '../api';
import { isLeadRole, useSession } from '../lib/session';
import { rememberedOpenCase, useWorkspace } from '../lib/workspace';
import { useQueue } from '../features/queue/store';

export async function boot(): Promise<void> {
  // Any answer that says the session ended (mid-session, or before the screen is drawn) signs the screen out.
  setUnauthenticatedHandler(() => {
    useWorkspace.getState().closeCase();
    useSession.getState().expire();
  });
  try {
    if (!hasBridge()) return;
    const session = invoke('auth.session', {});
    // while the desk answers: the time-zone data every date on the first screen needs (the page's
    // first zoned Intl formatter loads it, tens of ms that would otherwise fall in the first render)
    wallClockMs(new Date(), DEFAULT_TIME_ZONE);
    const res = await session;
    const agent = res.ok ? res.value.agent : null;
    if (!agent) return;
    // set first: the open case is remembered per agent, and its call belongs to this agent
    useSession.getState().setAgent(agent);
    await Promise.all([useSession.getState().loadDeskData(), isLeadRole(agent) ? null : openFirstCase(agent.id)]);
  } catch {
    // the login screen (or the missing-bridge notice) is drawn; signed out first, so nothing is remembered as closed
    useSession.getState().setAgent(null);
    useWorkspace.getState().closeCase();
  }
}

/**
 * An agent's first screen, fetched while the desk data loads: the queue's first page and the
 * case the screen opens (the one open before a reload, else the top of the queue), so React
 * draws the workstation once, whole, instead of drawing it empty and then again for the case.
 * What fails here is left to the screen (the queue panel and the case pane show their errors).
 */
async function openFirstCase(agentId: string): Promise<void> {
  const firstPage = useQueue.getState().prefetch(agentId);
  const remembered = rememberedOpenCase();
  if (remembered) return void (await Promise.all([firstPage, useWorkspace.getState().openCase(remembered)]));
  await firstPage;
  const top = useQueue.getState().itemAt(0);
  if (top && !useWorkspace.getState().caseId) await useWorkspace.getState().openCase(top.caseId);
}
