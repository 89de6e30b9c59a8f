import { useEffect, useState } from 'react';
import Alert from 'antd/es/alert';
import Empty from 'antd/es/empty';
import Spin from 'antd/es/spin';
// Used only by this lazily loaded part: the deep import keeps it out of the first-paint chunk.
import Drawer from 'antd/es/drawer';
import { useTranslation } from 'react-i18next';
import type { CaseDetail, DeskError, LeadCase } from '../../../../shared/contract';
import { invoke, subscribe } from '../../api';
import { translateError } from '../../lib/errors';
import { HistoryTimeline } from '../../lib/HistoryTimeline';
import { useLocale } from '../../lib/session';
import { CaseRulesPanel } from './CaseRulesPanel';

/** The lead's look at one case's history (attempts, promises, payments), with the case's contact-rule decisions above it. */
export function LeadCaseDrawer({ item, onClose }: { item: Pick<LeadCase, 'caseId' | 'debtorName'> | null; onClose: () => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [detail, setDetail] = useState<CaseDetail | null>(null);
  const [error, setError] = useState<DeskError | null>(null);
  const caseId = item?.caseId ?? null;
  const [reload, setReload] = useState<() => void>(() => () => undefined);

  useEffect(() => {
    setDetail(null);
    setError(null);
    if (!caseId) return;
    let live = true;
    const load = () =>
      void invoke('case.get', { caseId }).then((res) => {
        if (!live) return;
        if (res.ok) setDetail(res.value);
        else setError(res.error);
      });
    load();
    setReload(() => load);
    const off = subscribe('queue.changed', load);
    return () => {
      live = false;
      off();
    };
  }, [caseId]);

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
      {detail && <CaseRulesPanel kase={detail.case} onChanged={reload} />}
      {detail &&
        (detail.timeline.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('lead.noHistory')} />
        ) : (
          <HistoryTimeline entries={detail.timeline} prefix="lead-timeline" />
        ))}
    </Drawer>
  );
}
