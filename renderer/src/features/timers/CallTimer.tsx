import { useEffect } from 'react';
import App from 'antd/es/app';
import Button from 'antd/es/button';
import Tooltip from 'antd/es/tooltip';
import PhoneFilled from '@ant-design/icons/es/icons/PhoneFilled';
import PoweroffOutlined from '@ant-design/icons/es/icons/PoweroffOutlined';
import { useTranslation } from 'react-i18next';
import { duration } from '../../lib/format';
import { useKeydown } from '../../lib/hotkeys';
import { useNow } from '../../lib/useNow';
import { useWorkspace } from '../../lib/workspace';
import { mayDial } from '../../lib/dial';
import { ContactBlocked } from './ContactBlocked';

/**
 * Start/stop the call (F9) on the open case; the duration and start time go into that case's
 * next saved attempt. Leaving the case stops the call (it stays in the case's draft).
 */
export function CallTimer() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const call = useWorkspace((s) => s.call);
  const hasCase = useWorkspace((s) => s.detail !== null);
  const stop = useWorkspace((s) => s.stopCall);
  const start = useWorkspace((s) => s.startCall);
  const notice = useWorkspace((s) => s.callNotice);
  const openCaseId = useWorkspace((s) => s.caseId);
  const running = call.startedAt !== null;
  const now = useNow(500, running);

  /** Starting a call is a dial: the contact rules decide first (issue 11); stopping never waits. */
  const toggle = async () => {
    if (useWorkspace.getState().call.startedAt) return stop();
    const detail = useWorkspace.getState().detail;
    if (!detail) return;
    const { go, overridden } = await mayDial(detail);
    if (useWorkspace.getState().detail?.case.id !== detail.case.id) return; // the agent moved on meanwhile
    if (!go) return;
    if (overridden) message.warning({ content: t('contactRules.overrideUsed'), key: 'call' });
    start();
  };

  useKeydown((e) => {
    if (e.key === 'F9') {
      e.preventDefault();
      if (!running && !useWorkspace.getState().detail) message.info({ content: t('call.noCase'), key: 'call' });
      else void toggle();
    }
  });

  useEffect(() => {
    if (notice) message.info({ content: t('call.stoppedOnLeave', { name: notice.debtorName, d: duration(notice.durationSec) }), key: 'call' });
    // only a new notice speaks (its seq changes)
  }, [notice?.seq]);

  // A stopped call shows only on its own case: while the next case loads, not the last one's time.
  const last = call.caseId === openCaseId ? call.last : null;
  const seconds = running ? (now - (call.startedAt ?? now)) / 1000 : (last?.durationSec ?? 0);
  return (
    <>
    <ContactBlocked />
    <Tooltip title={hasCase || running ? `${running ? t('topbar.stopCall') : t('topbar.startCall')} (F9)` : t('call.noCase')}>
      <Button
        size="small"
        danger={running}
        type={running ? 'primary' : 'default'}
        icon={running ? <PoweroffOutlined /> : <PhoneFilled />}
        onClick={() => void toggle()}
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
    </>
  );
}
