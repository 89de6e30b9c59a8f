import { Button, Tooltip } from 'antd';
import { PhoneFilled, PoweroffOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { duration } from '../../lib/format';
import { useKeydown } from '../../lib/hotkeys';
import { useNow } from '../../lib/useNow';
import { useWorkspace } from '../../lib/workspace';

/** Start/stop the call (F9); the duration and start time go into the next saved attempt. */
export function CallTimer() {
  const { t } = useTranslation();
  const call = useWorkspace((s) => s.call);
  const toggle = useWorkspace((s) => s.toggleCall);
  const running = call.startedAt !== null;
  const now = useNow(500, running);

  useKeydown((e) => {
    if (e.key === 'F9') {
      e.preventDefault();
      toggle();
    }
  });

  const seconds = running ? (now - (call.startedAt ?? now)) / 1000 : (call.last?.durationSec ?? 0);
  return (
    <Tooltip title={`${running ? t('topbar.stopCall') : t('topbar.startCall')} (F9)`}>
      <Button
        size="small"
        danger={running}
        type={running ? 'primary' : 'default'}
        icon={running ? <PoweroffOutlined /> : <PhoneFilled />}
        onClick={toggle}
        className="call-timer"
        data-testid="call-toggle"
        data-running={running ? 'true' : 'false'}
      >
        <span className="num" data-testid="call-time">
          {duration(seconds)}
        </span>
        <span className="call-label">{running ? t('topbar.stopCall') : t('topbar.startCall')}</span>
        <span className="kbd light">F9</span>
      </Button>
    </Tooltip>
  );
}
