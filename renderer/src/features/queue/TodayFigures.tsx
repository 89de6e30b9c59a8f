import { useEffect, useState } from 'react';
import Tooltip from 'antd/es/tooltip';
import { useTranslation } from 'react-i18next';
import type { TodayFigures as Figures } from '../../../../shared/contract';
import { invoke, subscribe } from '../../api';
import { money } from '../../lib/format';
import { useLocale } from '../../lib/session';

/** The agent's own figures for today in the top bar: calls, contacts, promises, money collected (refreshed on every queue change). */
export function TodayFigures() {
  const { t } = useTranslation();
  const locale = useLocale();
  const [f, setF] = useState<Figures | null>(null);
  useEffect(() => {
    const load = () => void invoke('queue.today', {}).then((r) => r.ok && setF(r.value));
    load();
    return subscribe('queue.changed', load);
  }, []);
  if (!f) return null;
  return (
    <Tooltip title={t('today.hint')}>
      <span className="today-figures num" data-testid="today-figures">
        <span className="today-label">{t('today.title')}</span>
        <span data-testid="today-calls">{t('today.calls', { count: f.calls })}</span>
        <span data-testid="today-contacts">{t('today.contacts', { count: f.contacts })}</span>
        <span data-testid="today-ptps">{t('today.ptps', { count: f.ptps })}</span>
        <span data-testid="today-collected">{t('today.collected', { amount: money(f.collectedFen, locale) })}</span>
      </span>
    </Tooltip>
  );
}
