import { useEffect, useState } from 'react';
import Tooltip from 'antd/es/tooltip';
import AimOutlined from '@ant-design/icons/es/icons/AimOutlined';
import { useTranslation } from 'react-i18next';
import type { MyProgress as Progress } from '../../../../shared/contract/dashboard';
import { invoke, subscribe } from '../../api';
import { money } from '../../lib/format';
import { useLocale } from '../../lib/session';
import { progressPct } from './format';
import '../../styles/my-progress.css';

/**
 * The agent's today against the daily targets their lead set (calls, PTP amount, recovered), small
 * enough for the top bar at 1366 wide; nothing when no target is set. No chart code: the top bar
 * is on the agent's first screen.
 */
export function MyProgress() {
  const { t } = useTranslation();
  const locale = useLocale();
  const [p, setP] = useState<Progress | null>(null);
  useEffect(() => {
    const load = () => void invoke('dashboard.myProgress', {}).then((r) => r.ok && setP(r.value));
    load();
    const offQueue = subscribe('queue.changed', load); // own saves, and pulls that bring targets or payments
    return offQueue;
  }, []);
  if (!p) return null;
  // Whole yuan, and the target without its ¥ (room is short in the top bar at 1366 wide).
  const yuan = (n: number, target = false) => {
    const whole = money(n, locale).replace(/\.\d\d$/, '');
    return target ? whole.replace('¥', '') : whole;
  };
  const items = [
    { key: 'calls', label: t('dashboard.progress.calls'), actual: p.calls, target: p.targets.calls, fmt: (n: number, _target?: boolean) => n.toLocaleString(locale) },
    { key: 'ptp', label: t('dashboard.progress.ptp'), actual: p.ptpFen, target: p.targets.ptpFen, fmt: yuan },
    { key: 'recovered', label: t('dashboard.progress.recovered'), actual: p.recoveredFen, target: p.targets.recoveredFen, fmt: yuan },
  ].filter((x) => x.target !== null);
  if (items.length === 0) return null;
  return (
    <Tooltip title={t('dashboard.progress.hint')}>
      <span className="my-progress num" data-testid="my-progress">
        <AimOutlined className="my-progress-label" aria-label={t('dashboard.progress.label')} />
        {items.map((x) => {
          const pct = progressPct(x.actual, x.target) ?? 0;
          return (
            <span key={x.key} className={`my-progress-item${pct >= 100 ? ' met' : ''}`} data-testid={`my-progress-${x.key}`}>
              {x.label} {x.fmt(x.actual)}/{x.fmt(x.target ?? 0, true)}
              <span className="my-progress-bar" aria-hidden><span style={{ width: `${Math.min(100, pct)}%` }} /></span>
            </span>
          );
        })}
      </span>
    </Tooltip>
  );
}
