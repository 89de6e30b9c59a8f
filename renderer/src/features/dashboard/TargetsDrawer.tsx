import { useEffect, useMemo, useState } from 'react';
import Alert from 'antd/es/alert';
import App from 'antd/es/app';
import Button from 'antd/es/button';
import DatePicker from 'antd/es/date-picker';
import Drawer from 'antd/es/drawer';
import Form from 'antd/es/form';
import InputNumber from 'antd/es/input-number';
import Segmented from 'antd/es/segmented';
import Select from 'antd/es/select';
import Space from 'antd/es/space';
import Typography from 'antd/es/typography';
import type { ColumnsType as TableColumnsType } from 'antd/es/table';
import Table from 'antd/es/table';
import DeleteOutlined from '@ant-design/icons/es/icons/DeleteOutlined';
import PlusOutlined from '@ant-design/icons/es/icons/PlusOutlined';
import { useTranslation } from 'react-i18next';
import type { DeskError, LeadAgent } from '../../../../shared/contract';
import type { TargetView } from '../../../../shared/contract/targets';
import { periodRange, TARGET_METRICS, type TargetMetric, type TargetPeriod } from '../../../../shared/domain/targets';
import { addDays } from '../../../../shared/domain/dates';
import { invoke } from '../../api';
import { translateError } from '../../lib/errors';
import { dayjs, money } from '../../lib/format';
import { timeZoneNow, useLocale } from '../../lib/session';
import { localDateOf } from '../../../../shared/domain/dates';

const TEAM = 'team';
const isFen = (m: TargetMetric) => m === 'ptpFen' || m === 'recoveredFen';

/** 目标设置: the lead picks who and which period, types the values, adds them to the list, then saves the whole list. */
export function TargetsDrawer({ open, onClose, onSaved }: { open: boolean; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { message } = App.useApp();
  const [agents, setAgents] = useState<LeadAgent[]>([]);
  const [list, setList] = useState<TargetView[]>([]);
  const [hub, setHub] = useState(false);
  const [dirty, setDirty] = useState(false);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<DeskError | null>(null);
  const today = localDateOf(new Date(), timeZoneNow());
  const [who, setWho] = useState<string>(TEAM);
  const [period, setPeriod] = useState<TargetPeriod>('day');
  const [valid, setValid] = useState<{ from: string; to: string }>(() => ({ from: periodRange('month', today).from, to: addDays(periodRange('month', today).from, 364) }));
  const [values, setValues] = useState<Partial<Record<TargetMetric, number | null>>>({});

  useEffect(() => {
    if (!open) return;
    void invoke('lead.agents', {}).then((r) => r.ok && setAgents(r.value.agents.filter((a) => a.role === 'agent')));
    void invoke('targets.list', {}).then((r) => {
      if (r.ok) {
        setList(r.value.targets);
        setHub(r.value.hub);
        setDirty(false);
      }
    });
  }, [open]);

  const nameOf = (id: string | null) => (id === null ? t('dashboard.targets.team') : agents.find((a) => a.id === id)?.displayName ?? `#${id}`);
  const show = (m: TargetMetric, v: number) => (isFen(m) ? money(v, locale) : m === 'recoveryPct' ? `${v}%` : v.toLocaleString(locale));

  /** Add the typed values: each replaces the same person's, period's and metric's rows that overlap its dates. */
  const apply = () => {
    const agentId = who === TEAM ? null : who;
    const added: TargetView[] = [];
    for (const metric of TARGET_METRICS) {
      const v = values[metric];
      if (v === null || v === undefined) continue;
      added.push({ agentId, period, metric, value: isFen(metric) ? Math.round(v * 100) : v, from: valid.from, to: valid.to });
    }
    if (added.length === 0) return;
    const replaced = new Set(added.map((a) => a.metric));
    setList((l) => [
      ...l.filter((x) => !(x.agentId === agentId && x.period === period && replaced.has(x.metric) && x.from <= valid.to && valid.from <= x.to)),
      ...added,
    ]);
    setValues({});
    setDirty(true);
  };

  const save = async () => {
    setSaving(true);
    const r = await invoke('targets.save', { targets: list });
    setSaving(false);
    if (!r.ok) {
      setError(r.error);
      message.error(t('dashboard.targets.failed', { reason: translateError(t, r.error, locale) }));
      return;
    }
    setError(null);
    setDirty(false);
    message.success(t('dashboard.targets.saved'));
    onSaved();
  };

  const sorted = useMemo(
    () => [...list].sort((a, b) => (a.agentId ?? '').localeCompare(b.agentId ?? '') || a.period.localeCompare(b.period) || a.metric.localeCompare(b.metric) || a.from.localeCompare(b.from)),
    [list],
  );
  const columns: TableColumnsType<TargetView> = [
    { title: t('dashboard.targets.who'), dataIndex: 'agentId', width: 90, render: (v: string | null) => nameOf(v) },
    { title: t('dashboard.targets.period'), dataIndex: 'period', width: 56, render: (v: TargetPeriod) => t(`dashboard.targetPeriod.${v}`) },
    { title: '', dataIndex: 'metric', render: (m: TargetMetric, r) => <span>{t(`dashboard.metric.${m}`)} <b className="num">{show(m, r.value)}</b></span> },
    { title: t('dashboard.targets.validity'), key: 'dates', width: 170, render: (_v, r) => <span className="num">{r.from} ~ {r.to}</span> },
    {
      key: 'x', width: 36,
      render: (_v, r) => (
        <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t('dashboard.targets.remove')}
          onClick={() => { setList((l) => l.filter((x) => x !== r)); setDirty(true); }} data-testid="target-remove" />
      ),
    },
  ];

  return (
    <Drawer open={open} onClose={onClose} title={t('dashboard.targets.title')} size={620} data-testid="targets-drawer"
      extra={<Button type="primary" size="small" loading={saving} disabled={!dirty} onClick={() => void save()} data-testid="targets-save">{t('dashboard.targets.save')}</Button>}>
      <Typography.Paragraph type="secondary" className="dash-note">{hub ? t('dashboard.targets.hubNote') : t('dashboard.targets.localNote')}</Typography.Paragraph>
      <Form layout="inline" size="small" className="targets-form">
        <Form.Item label={t('dashboard.targets.who')}>
          <Select value={who} onChange={setWho} style={{ width: 130 }} data-testid="target-who" popupMatchSelectWidth={false}
            options={[{ value: TEAM, label: t('dashboard.targets.team') }, ...agents.map((a) => ({ value: a.id, label: `${a.displayName} ${a.agentNo}` }))]} />
        </Form.Item>
        <Form.Item label={t('dashboard.targets.period')}>
          <Segmented<TargetPeriod> size="small" value={period} onChange={setPeriod}
            options={(['day', 'week', 'month'] as const).map((p) => ({ value: p, label: <span data-testid={`target-period-${p}`}>{t(`dashboard.targetPeriod.${p}`)}</span> }))} />
        </Form.Item>
        <Form.Item label={t('dashboard.targets.validity')}>
          <DatePicker.RangePicker size="small" allowClear={false} value={[dayjs(valid.from), dayjs(valid.to)]}
            onChange={(v) => v?.[0] && v[1] && setValid({ from: v[0].format('YYYY-MM-DD'), to: v[1].format('YYYY-MM-DD') })} />
        </Form.Item>
      </Form>
      <div className="targets-values">
        {TARGET_METRICS.map((m) => (
          <label key={m} className="targets-value">
            <span>{t(`dashboard.metric.${m}`)}</span>
            <InputNumber size="small" min={0} max={m === 'recoveryPct' ? 100 : undefined} precision={m === 'calls' || m === 'rightParty' ? 0 : 2}
              placeholder={t('dashboard.targets.emptyValue')} value={values[m] ?? null} onChange={(v) => setValues((s) => ({ ...s, [m]: v }))}
              data-testid={`target-value-${m}`} style={{ width: 110 }} />
          </label>
        ))}
        <Button size="small" icon={<PlusOutlined />} onClick={apply} data-testid="target-apply">{t('dashboard.targets.apply')}</Button>
      </div>
      {error && <Alert type="error" showIcon title={translateError(t, error, locale)} />}
      <Space className="targets-list-head">
        <Typography.Text strong>{t('dashboard.targets.list')}</Typography.Text>
        {dirty && <Typography.Text type="warning">{t('dashboard.targets.unsaved')}</Typography.Text>}
      </Space>
      <Table<TargetView> size="small" rowKey={(r) => `${r.agentId}|${r.period}|${r.metric}|${r.from}`} columns={columns} dataSource={sorted}
        pagination={false} locale={{ emptyText: t('dashboard.targets.none') }} data-testid="targets-table" scroll={{ y: 'calc(100vh - 330px)' }} />
    </Drawer>
  );
}
