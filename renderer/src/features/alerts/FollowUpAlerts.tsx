import { useCallback, useEffect, useRef, useState } from 'react';
import App from 'antd/es/app';
import Button from 'antd/es/button';
import Space from 'antd/es/space';
import BellFilled from '@ant-design/icons/es/icons/BellFilled';
import { useTranslation } from 'react-i18next';
import type { FollowUpDue } from '../../../../shared/contract';
import { invoke, subscribe } from '../../api';
import { instant } from '../../lib/format';
import { timeZoneNow } from '../../lib/session';
import { useWorkspace } from '../../lib/workspace';
import { useFollowUpReason } from '../../lib/useFollowUpReason';

const KEY = 'followup-due';
/** The core's order (due time, then id): the last is the newest, the one the scheduler told of. */
const byDue = (a: FollowUpDue, b: FollowUpDue): number =>
  a.dueAt.localeCompare(b.dueAt) || (a.followUpId < b.followUpId ? -1 : a.followUpId > b.followUpId ? 1 : 0);
/** "稍后提醒" hides a follow-up's alert for this long. */
export const SNOOZE_MS = 10 * 60_000;

/**
 * 'followup.due' -> one in-app alert at the top right (never a stack over the queue): the
 * latest due follow-up not yet acted on, with how many more are due; the queue lists them
 * all at its top. "Open case" opens it; "Remind me later" hides it for 10 minutes; a 催记 on the
 * case answers the follow-up and its alert goes (checked on every queue change). Under Electron
 * the main process also shows a desktop notification.
 */
export function FollowUpAlerts() {
  const { t } = useTranslation();
  const reasonText = useFollowUpReason();
  const { notification } = App.useApp();
  const [due, setDue] = useState<FollowUpDue[]>([]);
  const [snoozed, setSnoozed] = useState<Record<string, number>>({});
  const [tick, setTick] = useState(0);
  const closed = useRef(new Set<string>());
  /** Due follow-ups beyond the core's list (it holds at most 200): counted in "N more", never shown one by one. */
  const [beyond, setBeyond] = useState(0);
  /** A backlog fell due at once: the alert has taken the core's due list, and keeps taking it as answers thin it. */
  const listed = useRef(false);

  const add = useCallback(
    (items: FollowUpDue[]) =>
      setDue((cur) => {
        const known = new Set(cur.map((d) => d.followUpId));
        const fresh = items.filter((f) => !known.has(f.followUpId));
        return fresh.length === 0 ? cur : [...cur, ...fresh].sort(byDue);
      }),
    [],
  );
  const takeList = useCallback(
    (list: { items: FollowUpDue[]; total: number }) => {
      setBeyond(list.total - list.items.length);
      add(list.items);
    },
    [add],
  );

  // Drop follow-ups a 催记 has answered (or that moved away): keep only those still due and pending.
  const reconcile = useCallback(async () => {
    const r = await invoke('followup.dueList', {});
    if (!r.ok) return;
    const live = new Set(r.value.items.map((i) => i.followUpId));
    setDue((cur) => cur.filter((d) => live.has(d.followUpId)));
    // a backlog's list moves up as answers thin it: the ones beyond it come into view
    if (listed.current) takeList(r.value);
  }, [takeList]);

  useEffect(() => {
    const offDue = subscribe('followup.due', ({ alsoDue, ...f }) => {
      add([f]);
      // a backlog fell due together (one event for the newest): the others come from the due list
      if (alsoDue > 0) {
        listed.current = true;
        void invoke('followup.dueList', {}).then((r) => r.ok && takeList(r.value));
      }
    });
    const offQueue = subscribe('queue.changed', ({ reason }) => {
      if (reason !== 'followup.due') void reconcile();
    });
    return () => {
      offDue();
      offQueue();
    };
  }, [reconcile, add, takeList]);

  const now = Date.now();
  const visible = due.filter((d) => !closed.current.has(d.followUpId) && (snoozed[d.followUpId] ?? 0) <= now);
  // The newest due follow-up (the one the bell just rang for); the others are counted, and the
  // queue lists them all at its top.
  const first = visible[visible.length - 1];

  // Wake up when the earliest snooze ends.
  useEffect(() => {
    const ends = Object.values(snoozed).filter((end) => end > Date.now());
    if (ends.length === 0) return;
    const id = window.setTimeout(() => setTick((n) => n + 1), Math.min(...ends) - Date.now() + 50);
    return () => window.clearTimeout(id);
  }, [snoozed, tick]);

  useEffect(() => {
    if (!first) {
      notification.destroy(KEY);
      return;
    }
    const more = visible.length - 1 + beyond;
    notification.open({
      key: KEY,
      placement: 'topRight',
      duration: 0,
      icon: <BellFilled style={{ color: '#fa8c16' }} />,
      title: <span data-testid="followup-alert-title">{t('alerts.title')}</span>,
      description: (
        <div data-testid="followup-alert" data-case-id={first.caseId}>
          <div className="alert-name">
            {first.reason ? t('alerts.body', { name: first.debtorName, reason: reasonText(first.reason) }) : t('alerts.bodyNoReason', { name: first.debtorName })}
          </div>
          <div className="alert-time num">{t('alerts.dueAt', { time: instant(first.dueAt, timeZoneNow(), 'MM-DD HH:mm') })}</div>
          {more > 0 && <div data-testid="followup-alert-more" data-count={more}>{t('alerts.more', { count: more })}</div>}
        </div>
      ),
      actions: (
        <Space size={6}>
          <Button
            size="small"
            data-testid="followup-alert-snooze"
            onClick={() => setSnoozed((s) => ({ ...s, [first.followUpId]: Date.now() + SNOOZE_MS }))}
          >
            {t('alerts.snooze')}
          </Button>
          <Button
            type="primary"
            size="small"
            data-testid="followup-alert-open"
            onClick={() => {
              // Opened: the alert has done its job; the case stays at the top of the queue until a 催记 answers it.
              closed.current.add(first.followUpId);
              setTick((n) => n + 1);
              void useWorkspace.getState().openCase(first.caseId);
            }}
          >
            {t('alerts.open')}
          </Button>
        </Space>
      ),
      onClose: () => {
        closed.current.add(first.followUpId);
        setTick((n) => n + 1);
      },
    });
  }, [first, visible.length, beyond, notification, t]);

  useEffect(() => () => notification.destroy(KEY), [notification]);
  return null;
}
