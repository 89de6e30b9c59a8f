import { useEffect, useRef } from 'react';
import { App, Button } from 'antd';
import { BellFilled } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { FollowUpDue } from '../../../../shared/contract';
import { subscribe } from '../../api';
import { instant } from '../../lib/format';
import { timeZoneNow } from '../../lib/session';
import { useWorkspace } from '../../lib/workspace';

const BURST_MS = 400;
const MAX_SINGLE = 3;

/**
 * 'followup.due' -> an in-app alert with the debtor's name, the reason and an "open case"
 * button. In the browser this is the only alert; under Electron the main process also shows
 * a desktop notification. Alerts stay until the agent acts on them or closes them; a burst
 * (e.g. overdue follow-ups firing at sign-in) shows a few alerts and one summary.
 */
export function FollowUpAlerts() {
  const { t } = useTranslation();
  const { notification } = App.useApp();
  const pending = useRef<FollowUpDue[]>([]);
  const timer = useRef<number | null>(null);

  useEffect(() => {
    const show = (due: FollowUpDue) => {
      const key = `followup-${due.followUpId}`;
      notification.open({
        key,
        duration: 0,
        icon: <BellFilled style={{ color: '#fa8c16' }} />,
        title: <span data-testid="followup-alert-title">{t('alerts.title')}</span>,
        description: (
          <div data-testid="followup-alert" data-case-id={due.caseId}>
            <div className="alert-name">
              {due.reason
                ? t('alerts.body', { name: due.debtorName, reason: due.reason })
                : t('alerts.bodyNoReason', { name: due.debtorName })}
            </div>
            <div className="alert-time num">{t('alerts.dueAt', { time: instant(due.dueAt, timeZoneNow(), 'MM-DD HH:mm') })}</div>
          </div>
        ),
        actions: (
          <Button
            type="primary"
            size="small"
            data-testid="followup-alert-open"
            onClick={() => {
              notification.destroy(key);
              void useWorkspace.getState().openCase(due.caseId);
            }}
          >
            {t('alerts.open')}
          </Button>
        ),
      });
    };
    const flush = () => {
      timer.current = null;
      const batch = pending.current.splice(0);
      const singles = batch.length > MAX_SINGLE ? batch.slice(0, MAX_SINGLE - 1) : batch;
      singles.forEach(show);
      const rest = batch.length - singles.length;
      if (rest > 0) {
        notification.open({
          key: 'followup-more',
          duration: 0,
          icon: <BellFilled style={{ color: '#fa8c16' }} />,
          title: t('alerts.title'),
          description: <div data-testid="followup-alert-more">{t('alerts.more', { count: rest })}</div>,
        });
      }
    };
    const off = subscribe('followup.due', (due) => {
      pending.current.push(due);
      if (timer.current === null) timer.current = window.setTimeout(flush, BURST_MS);
    });
    return () => {
      off();
      if (timer.current !== null) window.clearTimeout(timer.current);
      timer.current = null;
    };
  }, [notification, t]);
  return null;
}
