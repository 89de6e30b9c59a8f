import { Button, Tag, Tooltip } from 'antd';
import { LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import { useSession } from '../lib/session';
import { runBeforeCaseSwitch, useWorkspace } from '../lib/workspace';
import { CallTimer } from '../features/timers/CallTimer';
import { FollowUpCountdown } from '../features/timers/FollowUpCountdown';
import { LanguageSwitch } from '../features/settings/LanguageSwitch';
import { HelpPopover } from './HelpPopover';

export function TopBar() {
  const { t } = useTranslation();
  const agent = useSession((s) => s.agent);
  const setAgent = useSession((s) => s.setAgent);
  const logout = async () => {
    await runBeforeCaseSwitch();
    await api.logout();
    useWorkspace.getState().closeCase();
    setAgent(null);
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
      <CallTimer />
      <FollowUpCountdown />
      <span className="spacer" />
      <HelpPopover />
      <LanguageSwitch />
      <Tooltip title={t('auth.logout')}>
        <Button size="small" type="text" icon={<LogoutOutlined />} onClick={() => void logout()} data-testid="logout">
          {t('auth.logout')}
        </Button>
      </Tooltip>
    </header>
  );
}
