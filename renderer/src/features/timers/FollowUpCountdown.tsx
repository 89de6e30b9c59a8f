import { useCallback, useEffect, useState } from 'react';
import Tooltip from 'antd/es/tooltip';
import BellOutlined from '@ant-design/icons/es/icons/BellOutlined';
import { useTranslation } from 'react-i18next';
import type { FollowUpDue } from '../../../../shared/contract';
import { invoke, subscribe } from '../../api';
import { instant } from '../../lib/format';
import { countdownText } from './countdown';
import { useTimeZone } from '../../lib/session';
import { useNow } from '../../lib/useNow';
import { useWorkspace } from '../../lib/workspace';
import { useFollowUpReason } from '../../lib/useFollowUpReason';

/** Countdown to the agent's next follow-up (followup.next), ticking locally every second. */
export function FollowUpCountdown() {
  const { t } = useTranslation();
  const reasonText = useFollowUpReason();
  const tz = useTimeZone();
  const openCase = useWorkspace((s) => s.openCase);
  const [next, setNext] = useState<FollowUpDue | null>(null);
  const [dueCount, setDueCount] = useState(0);
  const now = useNow(1000);

  const load = useCallback(async () => {
    const res = await invoke('followup.next', {});
    if (res.ok) {
      setNext(res.value.next);
      setDueCount(res.value.dueCount);
    }
  }, []);

  useEffect(() => {
    void load();
  }, [load]);
  // saves, payments and due follow-ups all come with 'queue.changed': re-ask once then
  useEffect(() => subscribe('queue.changed', () => void load()), [load]);
  // re-ask once the shown follow-up falls due
  const dueMs = next ? Date.parse(next.dueAt) : null;
  const overdue = dueMs !== null && dueMs <= now;
  useEffect(() => {
    if (overdue) void load();
  }, [overdue, load]);
  // and now and then anyway (missed events, clock drift)
  useEffect(() => {
    const id = window.setInterval(() => void load(), 60_000);
    return () => window.clearInterval(id);
  }, [load]);

  const remaining = dueMs !== null ? Math.max(0, Math.round((dueMs - now) / 1000)) : null;
  return (
    <Tooltip title={next ? `${next.debtorName} · ${instant(next.dueAt, tz)}${next.reason ? ` · ${reasonText(next.reason)}` : ''}` : undefined}>
      <span
        className={`followup-countdown${dueCount > 0 ? ' due' : ''}${next ? ' clickable' : ''}`}
        data-testid="followup-countdown"
        onClick={() => next && void openCase(next.caseId)}
      >
        <BellOutlined />
        <span className="fc-label">{t('topbar.nextFollowUp')}</span>
        {next && remaining !== null ? (
          <>
            <span className="num fc-time" data-testid="followup-countdown-time">
              {(() => {
                const c = countdownText(remaining, instant(next.dueAt, tz, 'HH:mm'));
                return t(c.key, c.params);
              })()}
            </span>
            <span className="fc-name">{next.debtorName}</span>
          </>
        ) : (
          <span className="fc-none">{t('topbar.noFollowUp')}</span>
        )}
        {dueCount > 0 && (
          <span className="fc-due" data-testid="followup-due-count">
            {t('topbar.dueCount', { count: dueCount })}
          </span>
        )}
      </span>
    </Tooltip>
  );
}
