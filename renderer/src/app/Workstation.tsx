import { QueuePanel } from '../features/queue/QueuePanel';
import { ProfilePanel } from '../features/profile/ProfilePanel';
import { MessagesButton } from '../features/messages/MessagesButton';
import { ScriptPanel } from '../features/script/ScriptPanel';
import { NotePane } from '../features/notes/NotePane';
import { MovedNotice } from '../features/notes/MovedNotice';
import { FollowUpAlerts } from '../features/alerts/FollowUpAlerts';
// A small button; its drawer loads when first opened.
import { DistributionButton } from '../features/distribution/DistributionButton';
import { lazy, Suspense, useEffect } from 'react';
import { subscribe } from '../api';
import { useSession } from '../lib/session';
import { useWorkspace, watchOpenCase } from '../lib/workspace';
import { LazyFallback } from '../lib/lazy';
import { TopBar } from './TopBar';
import { useLeadTabs } from './lead-tabs';

// Only leads see the assignment view: its table and drawers load when it first shows.
// The import and message-settings buttons are small; their drawers load when first opened.
const ImportButton = lazy(() => import('../features/importer/ImportButton').then((m) => ({ default: m.ImportButton })));
const MessageSettingsButton = lazy(() => import('../features/messages/MessageSettingsButton').then((m) => ({ default: m.MessageSettingsButton })));
const LeadView = lazy(() => import('../features/lead/LeadView').then((m) => ({ default: m.LeadView })));

/**
 * The signed-in screen: the top bar over either the agent's workstation (queue | profile |
 * script over note pane) or, for a lead, the assignment view (分案).
 */
export function Workstation() {
  const view = useSession((s) => s.view);
  const leadTabs = useLeadTabs();
  // host-only events: a desktop notification was clicked / the menu changed the language
  useEffect(
    () =>
      subscribe('case.open', ({ caseId }) => {
        useSession.getState().setView('desk');
        void useWorkspace.getState().openCase(caseId);
      }),
    [],
  );
  useEffect(() => watchOpenCase(), []);
  useEffect(() => subscribe('locale.changed', ({ locale }) => void useSession.getState().setLocale(locale)), []);
  // after a reload or crash: the drafts the queue marks, and the case that was open (its draft keeps a running call)
  useEffect(() => {
    const ws = useWorkspace.getState();
    if (ws.call.agentId !== null && ws.call.agentId !== useSession.getState().agent?.id) ws.closeCase();
    void ws.loadDraftCases();
    if (useSession.getState().view === 'desk') void ws.restoreOpenCase();
  }, []);
  return (
    <div className={`workstation view-${view}`} data-testid="workstation" data-view={view}>
      <TopBar />
      {view === 'lead' ? (
        <Suspense fallback={<LazyFallback />}>
          <LeadView tabs={leadTabs} tools={<><DistributionButton /><ImportButton /><MessageSettingsButton /></>} />
        </Suspense>
      ) : (
        <>
          <main className="columns">
            <QueuePanel />
            <ProfilePanel accountTools={<MessagesButton />} />
            <div className="right-col">
              <MovedNotice />
              <ScriptPanel />
              <NotePane />
            </div>
          </main>
          <FollowUpAlerts />
        </>
      )}
    </div>
  );
}
