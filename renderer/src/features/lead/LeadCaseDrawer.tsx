import { useEffect, useState } from 'react';
import { Alert, Drawer, Empty, Spin, Tag, Timeline } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CaseDetail, DeskError, LeadCase, TimelineEntry } from '../../../../shared/contract';
import { api, subscribe } from '../../api';
import { translateError } from '../../lib/errors';
import { instant, money } from '../../lib/format';
import { PROMISE_COLORS } from '../../lib/labels';
import { useLocale, useSession, useTimeZone } from '../../lib/session';

/** The lead's read-only look at one case's history (attempts, promises, payments). */
export function LeadCaseDrawer({ item, onClose }: { item: LeadCase | null; onClose: () => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const tz = useTimeZone();
  const codes = useSession((s) => s.outcomeCodes);
  const [detail, setDetail] = useState<CaseDetail | null>(null);
  const [error, setError] = useState<DeskError | null>(null);
  const caseId = item?.caseId ?? null;

  useEffect(() => {
    setDetail(null);
    setError(null);
    if (!caseId) return;
    let live = true;
    const load = () =>
      void api.getCase(caseId).then((res) => {
        if (!live) return;
        if (res.ok) setDetail(res.value);
        else setError(res.error);
      });
    load();
    const off = subscribe('queue.changed', load);
    return () => {
      live = false;
      off();
    };
  }, [caseId]);

  const label = (code: string) => codes.find((c) => c.code === code)?.label[locale] ?? code;
  const entry = (e: TimelineEntry, i: number) => {
    const when = <span className="tl-time num">{instant(e.at, tz)}</span>;
    switch (e.kind) {
      case 'attempt':
        return {
          key: `a${e.id}`,
          content: (
            <div className="tl-item" data-testid="lead-timeline-attempt" data-outcome={e.outcomeCode}>
              <div className="tl-head">
                {when}
                <Tag>{label(e.outcomeCode)}</Tag>
                <span>{t(`enums.party.${e.party}`)}</span>
                <span className="tl-muted">· {e.agentName}</span>
              </div>
              {e.note && <div className="tl-note">{e.note}</div>}
            </div>
          ),
        };
      case 'promise':
        return {
          key: `p${e.promise.id}`,
          content: (
            <div className="tl-item" data-testid="lead-timeline-promise" data-state={e.promise.state}>
              <div className="tl-head">
                {when}
                <Tag color={PROMISE_COLORS[e.promise.state]}>{t(`enums.promiseState.${e.promise.state}`)}</Tag>
                <span className="num">{t('timeline.promise', { amount: money(e.promise.amountFen, locale), date: e.promise.dueDate })}</span>
              </div>
            </div>
          ),
        };
      case 'payment':
        return {
          key: `m${e.id}`,
          content: (
            <div className="tl-item" data-testid="lead-timeline-payment">
              <div className="tl-head">
                {when}
                <span className="num">{t('timeline.payment', { amount: money(e.amountFen, locale) })}</span>
              </div>
            </div>
          ),
        };
      case 'followup':
        return {
          key: `f${e.followUp.id}-${i}`,
          content: (
            <div className="tl-item" data-testid="lead-timeline-followup">
              <div className="tl-head">
                {when}
                <span className="num">{t('timeline.followup', { time: instant(e.followUp.dueAt, tz) })}</span>
              </div>
            </div>
          ),
        };
    }
  };

  return (
    <Drawer
      open={!!item}
      onClose={onClose}
      size={520}
      title={item ? `${t('lead.history')} · ${item.debtorName} #${item.caseId}` : t('lead.history')}
      data-testid="lead-case-drawer"
    >
      {error && <Alert type="error" showIcon title={translateError(t, error, locale)} />}
      {!detail && !error && <Spin />}
      {detail &&
        (detail.timeline.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('lead.noHistory')} />
        ) : (
          <Timeline className="history" items={detail.timeline.map(entry)} data-testid="lead-history" />
        ))}
    </Drawer>
  );
}
