import { useEffect } from 'react';
import { App, Button, Tooltip } from 'antd';
import { PhoneFilled, PoweroffOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { duration } from '../../lib/format';
import { useKeydown } from '../../lib/hotkeys';
import { useNow } from '../../lib/useNow';
import { useWorkspace } from '../../lib/workspace';

/**
 * Start/stop the call (F9) on the open case; the duration and start time go into that case's
 * next saved attempt. Leaving the case stops the call (it stays in the case's draft).
 */
export function CallTimer() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const call = useWorkspace((s) => s.call);
  const hasCase = useWorkspace((s) => s.detail !== null);
  const toggle = useWorkspace((s) => s.toggleCall);
  const notice = useWorkspace((s) => s.callNotice);
  const running = call.startedAt !== null;
  const now = useNow(500, running);

  useKeydown((e) => {
    if (e.key === 'F9') {
      e.preventDefault();
      if (!running && !useWorkspace.getState().detail) message.info({ content: t('call.noCase'), key: 'call' });
      else toggle();
    }
  });

  useEffect(() => {
    if (notice) message.info({ content: t('call.stoppedOnLeave', { name: notice.debtorName, d: duration(notice.durationSec) }), key: 'call' });
    // only a new notice speaks (its seq changes)
  }, [notice?.seq]);

  const seconds = running ? (now - (call.startedAt ?? now)) / 1000 : (call.last?.durationSec ?? 0);
  return (
    <Tooltip title={hasCase || running ? `${running ? t('topbar.stopCall') : t('topbar.startCall')} (F9)` : t('call.noCase')}>
      <Button
        size="small"
        danger={running}
        type={running ? 'primary' : 'default'}
        icon={running ? <PoweroffOutlined /> : <PhoneFilled />}
        onClick={toggle}
        disabled={!running && !hasCase}
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
