import { QueuePanel } from '../features/queue/QueuePanel';
import { ProfilePanel } from '../features/profile/ProfilePanel';
import { ScriptPanel } from '../features/script/ScriptPanel';
import { NotePane } from '../features/notes/NotePane';
import { FollowUpAlerts } from '../features/alerts/FollowUpAlerts';
import { useEffect } from 'react';
import { subscribe } from '../api';
import { useSession } from '../lib/session';
import { useWorkspace } from '../lib/workspace';
import { TopBar } from './TopBar';

/** The agent's one screen: top bar + queue | profile | script over note pane. */
export function Workstation() {
  // host-only events: a desktop notification was clicked / the menu changed the language
  useEffect(() => subscribe('case.open', ({ caseId }) => void useWorkspace.getState().openCase(caseId)), []);
  useEffect(() => subscribe('locale.changed', ({ locale }) => void useSession.getState().setLocale(locale)), []);
  return (
    <div className="workstation" data-testid="workstation">
      <TopBar />
      <main className="columns">
        <QueuePanel />
        <ProfilePanel />
        <div className="right-col">
          <ScriptPanel />
          <NotePane />
        </div>
      </main>
      <FollowUpAlerts />
    </div>
  );
}
