import { lazy, Suspense, useState } from 'react';
import App from 'antd/es/app';
import Button from 'antd/es/button';
import Segmented from 'antd/es/segmented';
import Tag from 'antd/es/tag';
import Tooltip from 'antd/es/tooltip';
import DesktopOutlined from '@ant-design/icons/es/icons/DesktopOutlined';
import FileTextOutlined from '@ant-design/icons/es/icons/FileTextOutlined';
import LogoutOutlined from '@ant-design/icons/es/icons/LogoutOutlined';
import PartitionOutlined from '@ant-design/icons/es/icons/PartitionOutlined';
import UserOutlined from '@ant-design/icons/es/icons/UserOutlined';
import { useTranslation } from 'react-i18next';
import { duration } from '../lib/format';
import { isLeadRole, useSession, type MainView } from '../lib/session';
import { endSession, runBeforeCaseSwitch, useWorkspace } from '../lib/workspace';
import { CallTimer } from '../features/timers/CallTimer';
import { DialButton } from '../features/dial/DialButton';
import { FollowUpCountdown } from '../features/timers/FollowUpCountdown';
import { TodayFigures } from '../features/queue/TodayFigures';
import { MyProgress } from '../features/dashboard/MyProgress';
import { LanguageSwitch } from '../features/settings/LanguageSwitch';
import { SyncIndicator } from '../features/sync/SyncIndicator';
import { RevealHistory } from '../features/privacy/RevealHistory';
import { HelpPopover } from './HelpPopover';
import { useOpenedOnce } from '../lib/lazy';

// Plans and summaries (工作计划 / 工作总结) load when first opened.
const ReportsDrawer = lazy(() => import('../features/reports/ReportsDrawer').then((m) => ({ default: m.ReportsDrawer })));

export function TopBar() {
  const { t } = useTranslation();
  const agent = useSession((s) => s.agent);
  const view = useSession((s) => s.view);
  const setAgent = useSession((s) => s.setAgent);
  const { modal } = App.useApp();
  const [reportsOpen, setReportsOpen] = useState(false);
  const reportsMounted = useOpenedOnce(reportsOpen);
  const signOut = async () => {
    await endSession();
    setAgent(null);
  };
  const logout = () => {
    const ws = useWorkspace.getState();
    if (ws.call.startedAt === null) return signOut();
    modal.confirm({
      title: t('call.logoutTitle'),
      content: t('call.logoutBody', { name: ws.detail?.debtor.name ?? '', d: duration((Date.now() - ws.call.startedAt) / 1000) }),
      okText: t('call.logoutOk'),
      okButtonProps: { danger: true, ...testId('logout-confirm') },
      cancelButtonProps: testId('logout-cancel'),
      onOk: signOut,
    });
  };
  const switchView = async (next: MainView) => {
    if (next === view) return;
    useWorkspace.getState().stopCall(); // a call belongs to its case: it stops with it, kept in the draft
    await runBeforeCaseSwitch(); // the open draft is stored before the note pane goes away
    useWorkspace.getState().closeCase();
    useSession.getState().setView(next);
  };
  return (
    <header className="topbar" data-testid="topbar">
      <span className="brand">{t('app.title')}</span>
      {agent && (
        <span className="agent" data-testid="agent-badge">
          <UserOutlined />
          <span className="agent-name" data-testid="agent-name">
            {agent.displayName}
          </span>
          <span className="agent-no num">{t('topbar.agentNo', { no: agent.agentNo })}</span>
          <Tag className="agent-role">{t(`enums.role.${agent.role}`)}</Tag>
        </span>
      )}
      {isLeadRole(agent) && (
        <Segmented<MainView>
          size="small"
          value={view}
          aria-label={t('nav.switchTo')}
          onChange={(v) => void switchView(v)}
          data-testid="view-switch"
          options={[
            { value: 'lead', label: <span data-testid="view-lead">{t('nav.lead')}</span>, icon: <PartitionOutlined /> },
            { value: 'desk', label: <span data-testid="view-desk">{t('nav.desk')}</span>, icon: <DesktopOutlined /> },
          ]}
        />
      )}
      {view === 'desk' && (
        <>
          <DialButton />
          <CallTimer />
          <FollowUpCountdown />
          <TodayFigures />
          <MyProgress />
        </>
      )}
      <span className="spacer" />
      {agent && (
        <Button size="small" type="text" icon={<FileTextOutlined />} onClick={() => setReportsOpen(true)} data-testid="reports-open">
          {t('reports.open')}
        </Button>
      )}
      {reportsMounted && (
        <Suspense fallback={null}>
          <ReportsDrawer open={reportsOpen} onClose={() => setReportsOpen(false)} />
        </Suspense>
      )}
      <SyncIndicator />
      <HelpPopover />
      <RevealHistory />
      <LanguageSwitch />
      <Tooltip title={t('auth.logout')}>
        <Button size="small" type="text" icon={<LogoutOutlined />} onClick={() => void logout()} data-testid="logout" aria-label={t('auth.logout')} />
      </Tooltip>
    </header>
  );
}

/** A data-testid on an antd button props object (its type does not list data-* attributes). */
const testId = (id: string): Record<string, string> => ({ 'data-testid': id });
