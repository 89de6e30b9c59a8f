import { lazy, Suspense, useCallback, useEffect, useRef, useState } from 'react';
import Alert from 'antd/es/alert';
import App from 'antd/es/app';
import Button from 'antd/es/button';
import DatePicker from 'antd/es/date-picker';
import Progress from 'antd/es/progress';
import Segmented from 'antd/es/segmented';
import Tooltip from 'antd/es/tooltip';
import Typography from 'antd/es/typography';
import type { ColumnsType as TableColumnsType } from 'antd/es/table';
import Table from 'antd/es/table';
import AimOutlined from '@ant-design/icons/es/icons/AimOutlined';
import DownloadOutlined from '@ant-design/icons/es/icons/DownloadOutlined';
import ReloadOutlined from '@ant-design/icons/es/icons/ReloadOutlined';
import { useTranslation } from 'react-i18next';
import type { Dashboard, DashboardAgentRow, DashboardFigures, DashboardPeriod, RecoveryGroupRow } from '../../../../shared/contract/dashboard';
import type { DeskError } from '../../../../shared/contract';
import { invoke, subscribe } from '../../api';
import { translateError } from '../../lib/errors';
import { dayjs, money } from '../../lib/format';
import { LazyFallback, useOpenedOnce } from '../../lib/lazy';
import { useLocale } from '../../lib/session';
import { BucketChart, DailyChart, RollChart } from './charts';
import { downloadBase64, pctText, progressPct } from './format';
import '../../styles/dashboard.css';

const TargetsDrawer = lazy(() => import('./TargetsDrawer').then((m) => ({ default: m.TargetsDrawer })));

type Range = { from: string; to: string };

/** 看板: the team's figures and each agent's against their targets, for a day, week, month or range; refreshed as sync brings work in. */
export function DashboardView() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { message } = App.useApp();
  const [period, setPeriod] = useState<DashboardPeriod>('day');
  const [range, setRange] = useState<Range | null>(null);
  const [d, setD] = useState<Dashboard | null>(null);
  const [error, setError] = useState<DeskError | null>(null);
  const [loading, setLoading] = useState(false);
  const [exporting, setExporting] = useState(false);
  const [targetsOpen, setTargetsOpen] = useState(false);
  const targetsMounted = useOpenedOnce(targetsOpen);
  const input = useCallback(
    () => (period === 'range' && range ? { period, date: range.from, to: range.to } : { period: period === 'range' ? 'day' as const : period }),
    [period, range],
  );
  const seq = useRef(0);
  const load = useCallback(async () => {
    const mine = ++seq.current;
    setLoading(true);
    const r = await invoke('dashboard.get', input());
    if (mine !== seq.current) return; // a newer request answers
    setLoading(false);
    if (r.ok) {
      setD(r.value);
      setError(null);
    } else setError(r.error);
  }, [input]);

  useEffect(() => void load(), [load]);
  // Work arrives by sync (a pull) or is saved on this desk: refresh, a little later so a burst is one query.
  useEffect(() => {
    let timer: number | undefined;
    const soon = () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(() => void load(), 300);
    };
    let lastSync: string | null = null;
    const offQueue = subscribe('queue.changed', soon);
    const offSync = subscribe('sync.status', (s) => {
      if (s.lastSyncAt !== lastSync) {
        lastSync = s.lastSyncAt;
        soon();
      }
    });
    return () => {
      window.clearTimeout(timer);
      offQueue();
      offSync();
    };
  }, [load]);

  const doExport = async () => {
    setExporting(true);
    const r = await invoke('dashboard.exportXlsx', { ...input(), locale });
    setExporting(false);
    if (!r.ok) {
      message.error(t('dashboard.failed', { reason: translateError(t, r.error, locale) }));
      return;
    }
    downloadBase64(r.value.base64, r.value.fileName, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    message.success(t('dashboard.exported', { file: r.value.fileName }));
  };

  const yuan = (fen: number | null) => money(fen, locale);
  const target = (value: number | null, fmt: (n: number) => string) => (value === null ? t('dashboard.noTarget') : t('dashboard.ofTarget', { value: fmt(value) }));
  const count = (n: number) => n.toLocaleString(locale);

  const tiles = (f: DashboardFigures) => [
    { key: 'calls', label: t('dashboard.tiles.calls'), value: count(f.calls), sub: target(f.targets.calls, count), pct: progressPct(f.calls, f.targets.calls) },
    { key: 'contactRate', label: t('dashboard.tiles.contactRate'), value: pctText(f.contactRate), sub: `${count(f.connected)} / ${count(f.calls)}`, pct: null },
    { key: 'rpcRate', label: t('dashboard.tiles.rpcRate'), value: pctText(f.rpcRate), sub: target(f.targets.rightParty, count), pct: progressPct(f.rightParty, f.targets.rightParty) },
    { key: 'ptpRate', label: t('dashboard.tiles.ptpRate'), value: pctText(f.ptpRate), sub: `${count(f.ptps)} / ${count(f.rightParty)}`, pct: null },
    { key: 'ptpFen', label: t('dashboard.tiles.ptpFen'), value: yuan(f.ptpFen), sub: target(f.targets.ptpFen, yuan), pct: progressPct(f.ptpFen, f.targets.ptpFen) },
    { key: 'keptRate', label: t('dashboard.tiles.keptRate'), value: pctText(f.keptRate), sub: `${count(f.keptOfDue)} / ${count(f.due)}`, pct: null },
    { key: 'recovered', label: t('dashboard.tiles.recovered'), value: yuan(f.recoveredFen), sub: target(f.targets.recoveredFen, yuan), pct: progressPct(f.recoveredFen, f.targets.recoveredFen) },
    {
      key: 'recoveryRate', label: t('dashboard.tiles.recoveryRate'), value: pctText(f.recoveryRate), sub: target(f.targets.recoveryPct, (n) => `${n}%`),
      pct: f.recoveryRate === null ? null : progressPct(f.recoveryRate * 100, f.targets.recoveryPct),
    },
    // compliance beside money: the team's dials outside the rules, complaints and lead overrides
    {
      key: 'compliance', label: t('dashboard.tiles.compliance'), value: pctText(f.compliance.violationShare),
      sub: t('dashboard.complianceSub', { violations: count(f.compliance.violations), complaints: count(f.compliance.complaints), overrides: count(f.compliance.overrides) }), pct: null,
    },
  ];

  /** A figure with its target under it (and how far along), in a table cell. */
  const vs = (text: string, actual: number, goal: number | null, fmt: (n: number) => string) => (
    <span className="dash-vs">
      <span className="num">{text}</span>
      {goal !== null && (
        <Tooltip title={t('dashboard.reached', { pct: `${progressPct(actual, goal) ?? 0}%` })}>
          <span className={`dash-goal num${actual >= goal ? ' met' : ''}`}>/ {fmt(goal)}</span>
        </Tooltip>
      )}
    </span>
  );
  const rate = (r: number | null) => <span className="num">{pctText(r)}</span>;
  const columns: TableColumnsType<DashboardAgentRow> = [
    { title: t('dashboard.col.agent'), dataIndex: 'displayName', width: 90, ellipsis: true, render: (v: string, r) => <span data-testid="dash-agent-name">{v} <span className="dash-agent-no num">{r.agentNo}</span></span> },
    { title: t('dashboard.col.calls'), key: 'calls', width: 72, align: 'right', sorter: (a, b) => a.calls - b.calls, render: (_v, r) => vs(count(r.calls), r.calls, r.targets.calls, count) },
    { title: t('dashboard.col.contactRate'), dataIndex: 'contactRate', width: 54, align: 'right', render: rate },
    { title: t('dashboard.col.rpcRate'), dataIndex: 'rpcRate', width: 52, align: 'right', render: rate },
    { title: t('dashboard.col.ptps'), dataIndex: 'ptps', width: 44, align: 'right', render: (v: number) => <span className="num">{v}</span> },
    { title: t('dashboard.col.ptpFen'), key: 'ptpFen', width: 100, align: 'right', sorter: (a, b) => a.ptpFen - b.ptpFen, render: (_v, r) => vs(yuan(r.ptpFen), r.ptpFen, r.targets.ptpFen, yuan) },
    { title: t('dashboard.col.ptpRate'), dataIndex: 'ptpRate', width: 52, align: 'right', render: rate },
    { title: t('dashboard.col.keptRate'), dataIndex: 'keptRate', width: 50, align: 'right', render: rate },
    { title: t('dashboard.col.recovered'), key: 'recovered', width: 100, align: 'right', sorter: (a, b) => a.recoveredFen - b.recoveredFen, render: (_v, r) => vs(yuan(r.recoveredFen), r.recoveredFen, r.targets.recoveredFen, yuan) },
    {
      title: t('dashboard.col.recoveryRate'), key: 'recoveryRate', width: 70, align: 'right', sorter: (a, b) => (a.recoveryRate ?? -1) - (b.recoveryRate ?? -1),
      render: (_v, r) => vs(pctText(r.recoveryRate), (r.recoveryRate ?? 0) * 100, r.targets.recoveryPct, (n) => `${n}%`),
    },
    {
      // compliance beside money: share of dials outside the rules · complaints · lead overrides
      title: <Tooltip title={t('dashboard.complianceHint')}>{t('dashboard.col.compliance')}</Tooltip>, key: 'compliance', width: 92, align: 'right',
      sorter: (a, b) => (a.compliance.violationShare ?? -1) - (b.compliance.violationShare ?? -1),
      render: (_v, r) => (
        <Tooltip title={t('dashboard.complianceOf', { violations: r.compliance.violations, calls: r.calls, complaints: r.compliance.complaints, overrides: r.compliance.overrides })}>
          <span className="num dash-compliance">
            <span className={r.compliance.violations > 0 ? 'dash-warn' : undefined} data-testid="dash-violations">{pctText(r.compliance.violationShare)}</span>
            {' · '}
            <span className={r.compliance.complaints > 0 ? 'dash-warn' : undefined} data-testid="dash-complaints">{r.compliance.complaints}</span>
            {' · '}
            <span data-testid="dash-overrides">{r.compliance.overrides}</span>
          </span>
        </Tooltip>
      ),
    },
  ];
  const batchColumns: TableColumnsType<RecoveryGroupRow> = [
    { title: t('dashboard.col.batch'), dataIndex: 'label', ellipsis: true, render: (v: string) => v || <Typography.Text type="secondary">{t('dashboard.batchNone')}</Typography.Text> },
    { title: t('dashboard.col.cases'), dataIndex: 'cases', width: 52, align: 'right', render: (v: number) => <span className="num">{v}</span> },
    { title: t('dashboard.col.recovered'), dataIndex: 'recoveredFen', width: 100, align: 'right', render: (v: number) => <span className="num">{yuan(v)}</span> },
    { title: t('dashboard.col.recoveryRate'), dataIndex: 'rate', width: 64, align: 'right', render: rate },
  ];

  return (
    <div className="dash" data-testid="dashboard">
      <div className="dash-toolbar">
        <Segmented<DashboardPeriod>
          size="small"
          value={period}
          onChange={setPeriod}
          data-testid="dash-period"
          options={(['day', 'week', 'month', 'range'] as const).map((p) => ({ value: p, label: <span data-testid={`dash-period-${p}`}>{t(`dashboard.period.${p}`)}</span> }))}
        />
        {period === 'range' && (
          <DatePicker.RangePicker
            size="small"
            allowClear={false}
            value={range ? [dayjs(range.from), dayjs(range.to)] : null}
            onChange={(v) => v?.[0] && v[1] && setRange({ from: v[0].format('YYYY-MM-DD'), to: v[1].format('YYYY-MM-DD') })}
            data-testid="dash-range"
          />
        )}
        {d && <span className="dash-dates num" data-testid="dash-dates">{d.from === d.to ? d.from : t('dashboard.rangeOf', { from: d.from, to: d.to })}</span>}
        <span className="spacer" />
        {d && <Typography.Text type="secondary" className="dash-took num">{t('dashboard.took', { ms: d.tookMs })}</Typography.Text>}
        <Button size="small" icon={<AimOutlined />} onClick={() => setTargetsOpen(true)} data-testid="dash-targets">{t('dashboard.targetsButton')}</Button>
        <Button size="small" icon={<DownloadOutlined />} loading={exporting} disabled={!d} onClick={() => void doExport()} data-testid="dash-export">{t('dashboard.export')}</Button>
        <Button size="small" type="text" icon={<ReloadOutlined />} loading={loading} onClick={() => void load()} aria-label={t('dashboard.refresh')} data-testid="dash-refresh" />
      </div>
      {error && <Alert type="error" showIcon title={t('dashboard.failed', { reason: translateError(t, error, locale) })} data-testid="dash-error" />}
      {d && (
        <>
          <div className="dash-tiles" data-testid="dash-tiles">
            {tiles(d.team).map((x) => (
              <div key={x.key} className="dash-tile" data-testid={`dash-tile-${x.key}`}>
                <div className="dash-tile-label">{x.label}</div>
                <div className="dash-tile-value num" data-testid="dash-tile-value">{x.value}</div>
                <div className="dash-tile-sub num">{x.sub}</div>
                {x.pct !== null && <Progress percent={Math.min(100, x.pct)} size="small" showInfo={false} status={x.pct >= 100 ? 'success' : 'normal'} />}
              </div>
            ))}
          </div>
          <div className="dash-body">
            <section className="panel dash-agents">
              <Table<DashboardAgentRow>
                size="small"
                rowKey="agentId"
                data-testid="dash-agent-table"
                columns={columns}
                dataSource={d.agents}
                pagination={false}
                scroll={{ x: 'max-content', y: 'calc(100vh - 330px)' }}
                onRow={(r) => ({ 'data-testid': 'dash-agent-row', 'data-agent-id': r.agentId }) as object}
                locale={{ emptyText: t('dashboard.empty') }}
              />
            </section>
            <section className="dash-side">
              <div className="panel dash-chart" data-testid="dash-chart-daily">
                <div className="dash-chart-title">{t('dashboard.charts.daily')}</div>
                <div className="dash-chart-canvas"><DailyChart d={d} /></div>
              </div>
              <div className="dash-side-row">
                <div className="panel dash-chart" data-testid="dash-chart-bucket">
                  <div className="dash-chart-title">{t('dashboard.charts.byBucket')}</div>
                  <div className="dash-chart-canvas"><BucketChart d={d} /></div>
                </div>
                <div className="panel dash-chart" data-testid="dash-chart-roll">
                  <div className="dash-chart-title">{t('dashboard.charts.roll')}</div>
                  <div className="dash-chart-canvas"><RollChart d={d} /></div>
                </div>
              </div>
              <div className="panel dash-batches">
                <div className="dash-chart-title">{t('dashboard.byBatch')}</div>
                <Table<RecoveryGroupRow> size="small" rowKey="key" columns={batchColumns} dataSource={d.byBatch} pagination={false} scroll={{ y: 96 }} data-testid="dash-batch-table" />
              </div>
            </section>
          </div>
        </>
      )}
      {targetsMounted && (
        <Suspense fallback={<LazyFallback overlay />}>
          <TargetsDrawer open={targetsOpen} onClose={() => setTargetsOpen(false)} onSaved={() => void load()} />
        </Suspense>
      )}
    </div>
  );
}
