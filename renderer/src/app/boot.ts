/**
 * Before the first render: who is signed in (and, for them, the desk data and the agent's first
 * queue page). The first screen React draws is then the right one, login or workstation, instead
 * of a spinner drawn first and then replaced (antd styles both on the critical path); the page's
 * own static spinner (index.html) shows meanwhile. Never throws: a failure lands on the login.
 */
import { invoke, hasBridge, setUnauthenticatedHandler } from '../api';
import { isLeadRole, useSession } from '../lib/session';
import { useWorkspace } from '../lib/workspace';
import { useQueue } from '../features/queue/store';

export async function boot(): Promise<void> {
  // Any answer that says the session ended (mid-session, or before the screen is drawn) signs the screen out.
  setUnauthenticatedHandler(() => {
    useWorkspace.getState().closeCase();
    useSession.getState().expire();
  });
  try {
    if (!hasBridge()) return;
    const res = await invoke('auth.session', {});
    if (res.ok && res.value.agent) {
      // an agent lands on the workstation: its queue is asked for while the desk data loads and the screen renders
      if (!isLeadRole(res.value.agent)) useQueue.getState().prefetch(res.value.agent.id);
      await useSession.getState().loadDeskData();
      useSession.getState().setAgent(res.value.agent);
    }
  } catch {
    // nothing more to do: the login screen (or the missing-bridge notice) is drawn
  }
}
