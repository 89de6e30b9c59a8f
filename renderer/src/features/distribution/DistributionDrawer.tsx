import { useEffect, useMemo, useState } from 'react';
import Alert from 'antd/es/alert';
import App from 'antd/es/app';
import Button from 'antd/es/button';
import Checkbox from 'antd/es/checkbox';
import Drawer from 'antd/es/drawer';
import Input from 'antd/es/input';
import InputNumber from 'antd/es/input-number';
import Radio from 'antd/es/radio';
import Segmented from 'antd/es/segmented';
import Select from 'antd/es/select';
import Space from 'antd/es/space';
import Typography from 'antd/es/typography';
import Table from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import type { DistAgentInfo, DistBatchInfo, DistOperationInput, DistPreview, DistRow, DeskError } from '../../../../shared/contract';
import { BUCKET_ORDER } from '../../../../shared/domain/buckets';
import type { DistStrategy } from '../../../../shared/domain/distribution';
import type { DistFilter } from '../../../../shared/domain/distribution-filter';
import type { BucketId } from '../../../../shared/domain/enums';
import { invoke, subscribe } from '../../api';
import { translateError } from '../../lib/errors';
import { money } from '../../lib/format';
import { useLocale } from '../../lib/session';
import { AgentSkills } from './AgentSkills';

type Mode = 'distribute' | 'rebalance' | 'recall';
const STRATEGIES: readonly DistStrategy[] = ['roundRobin', 'byCount', 'byAmount', 'byBucket'];
const STATUSES = ['open', 'ptp', 'hold'] as const;

/** The form's filter as typed: amounts in yuan (whole numbers), turned into fen for the core. */
interface FilterForm {
  batchIds: string[];
  creditor: string | undefined;
  buckets: BucketId[];
  minYuan: number | null;
  maxYuan: number | null;
  region: string;
  statuses: (typeof STATUSES)[number][];
  unassigned: boolean;
}
const EMPTY: FilterForm = { batchIds: [], creditor: undefined, buckets: [], minYuan: null, maxYuan: null, region: '', statuses: [], unassigned: true };

function toFilter(f: FilterForm): DistFilter {
  return {
    ...(f.batchIds.length ? { batchIds: f.batchIds } : {}),
    ...(f.creditor ? { creditor: f.creditor } : {}),
    ...(f.buckets.length ? { buckets: f.buckets } : {}),
    ...(f.minYuan !== null ? { minFen: Math.round(f.minYuan * 100) } : {}),
    ...(f.maxYuan !== null ? { maxFen: Math.round(f.maxYuan * 100) } : {}),
    ...(f.region.trim() ? { region: f.region.trim() } : {}),
    ...(f.statuses.length ? { statuses: f.statuses } : {}),
    ...(f.unassigned ? { unassigned: true } : {}),
  };
}

/** 批量分案: select by filters, choose a strategy and agents, preview who gets what, confirm. Also 缺勤调配 and 退案. */
export function DistributionDrawer({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { message } = App.useApp();
  const [mode, setMode] = useState<Mode>('distribute');
  const [agents, setAgents] = useState<DistAgentInfo[]>([]);
  const [batches, setBatches] = useState<DistBatchInfo[]>([]);
  const [creditors, setCreditors] = useState<string[]>([]);
  const [form, setForm] = useState<FilterForm>(EMPTY);
  const [selection, setSelection] = useState<{ cases: number; amountFen: number } | null>(null);
  const [strategy, setStrategy] = useState<DistStrategy>('byCount');
  const [chosen, setChosen] = useState<string[]>([]);
  const [absent, setAbsent] = useState<string | undefined>(undefined);
  const [batchId, setBatchId] = useState<string | undefined>(undefined);
  const [early, setEarly] = useState(false);
  const [preview, setPreview] = useState<{ operation: DistOperationInput; plan: DistPreview } | null>(null);
  const [error, setError] = useState<DeskError | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  /** Bumped after an apply: the selection's count is read again. */
  const [applied, setApplied] = useState(0);

  const loadOptions = () =>
    void invoke('distribution.options', {}).then((r) => {
      if (!r.ok) return setError(r.error);
      setAgents(r.value.agents);
      setBatches(r.value.batches);
      setCreditors(r.value.creditors);
      setChosen((c) => (c.length ? c : r.value.agents.map((a) => a.id)));
    });
  useEffect(() => {
    if (open) loadOptions();
  }, [open]);
  // In team mode the hub applies and this desk learns of the moves by pull: the counts and
  // holders are read again when it lands (not only right after the apply, when they are stale).
  useEffect(() => {
    if (!open) return;
    return subscribe('queue.changed', () => {
      loadOptions();
      setApplied((n) => n + 1);
    });
  }, [open]);

  // The selection's count and sum, as the filter changes (debounced).
  const filter = useMemo(() => toFilter(form), [form]);
  useEffect(() => {
    if (!open || mode !== 'distribute') return;
    const id = window.setTimeout(() => {
      void invoke('distribution.select', { filter }).then((r) => setSelection(r.ok ? r.value : null));
    }, 200);
    return () => window.clearTimeout(id);
  }, [filter, open, mode, applied]);

  // Any change to the form makes the preview stale.
  useEffect(() => {
    setPreview(null);
    setError(null);
  }, [filter, strategy, chosen, absent, batchId, early, mode]);

  const operation = (): DistOperationInput | null => {
    if (mode === 'distribute') return chosen.length ? { op: 'distribute', filter, strategy, agentIds: chosen } : null;
    if (mode === 'rebalance') return absent && chosen.some((id) => id !== absent) ? { op: 'rebalance', absentAgentId: absent, agentIds: chosen.filter((id) => id !== absent), strategy } : null;
    return batchId ? { op: 'recall', batchId, early } : null;
  };

  const doPreview = async () => {
    const op = operation();
    if (!op) return;
    setBusy(true);
    setDone(null);
    const r = await invoke('distribution.preview', { operation: op });
    setBusy(false);
    if (!r.ok) {
      setError(r.error);
      return;
    }
    setPreview({ operation: op, plan: r.value });
  };

  const doApply = async () => {
    if (!preview) return;
    setBusy(true);
    const r = await invoke('distribution.apply', { operation: preview.operation, token: preview.plan.token });
    setBusy(false);
    if (!r.ok) {
      setError(r.error);
      return;
    }
    const text = t(`distribution.done.${preview.plan.op}`, { count: r.value.moved, amount: money(preview.plan.selected.amountFen, locale) });
    setDone(text);
    setPreview(null);
    setApplied((n) => n + 1);
    message.success({ content: <span data-testid="dist-done-toast">{text}</span>, duration: 6 });
    loadOptions();
  };

  const fromText = (row: DistRow) =>
    row.from.map((f) => t('distribution.fromOne', { name: f.name ?? t('distribution.unassigned'), count: f.cases, amount: money(f.amountFen, locale) })).join(t('distribution.listSeparator')) ||
    (row.unchanged > 0 ? t('distribution.allUnchanged') : '—');

  const agentOptions = agents.map((a) => ({ value: a.id, label: `${a.displayName} ${a.agentNo}` }));
  const columns = [
    { title: t('distribution.col.agent'), dataIndex: 'name', width: 140, render: (v: string | null, r: DistRow) => <span data-testid="dist-row-agent">{r.agentId === null ? t('distribution.toCreditor') : (v ?? r.agentId)}</span> },
    { title: t('distribution.col.cases'), dataIndex: 'cases', width: 80, align: 'right' as const, render: (v: number) => <span className="num" data-testid="dist-row-cases">{v}</span> },
    { title: t('distribution.col.amount'), dataIndex: 'amountFen', width: 130, align: 'right' as const, render: (v: number) => <span className="num" data-testid="dist-row-amount">{money(v, locale)}</span> },
    { title: t('distribution.col.from'), key: 'from', render: (_: unknown, r: DistRow) => <span data-testid="dist-row-from">{fromText(r)}</span> },
  ];

  const set = <K extends keyof FilterForm>(k: K, v: FilterForm[K]) => setForm((f) => ({ ...f, [k]: v }));
  const batch = batches.find((b) => b.id === batchId);

  return (
    <Drawer open={open} onClose={onClose} title={t('distribution.title')} size={860} destroyOnHidden={false} data-testid="dist-drawer" className="dist-drawer">
      <Segmented<Mode>
        block
        value={mode}
        onChange={setMode}
        options={(['distribute', 'rebalance', 'recall'] as const).map((m) => ({ value: m, label: <span data-testid={`dist-mode-${m}`}>{t(`distribution.mode.${m}`)}</span> }))}
      />
      <div className="dist-form">
        {mode === 'distribute' && (
          <div className="dist-filters" data-testid="dist-filters">
            <label>{t('distribution.f.batch')}</label>
            <Select mode="multiple" allowClear size="small" value={form.batchIds} onChange={(v) => set('batchIds', v)} options={batches.map((b) => ({ value: b.id, label: `${b.batchNo} · ${b.creditor}` }))} placeholder={t('distribution.any')} data-testid="dist-f-batch" maxTagCount="responsive" />
            <label>{t('distribution.f.creditor')}</label>
            <Select allowClear size="small" value={form.creditor} onChange={(v) => set('creditor', v)} options={creditors.map((c) => ({ value: c, label: c }))} placeholder={t('distribution.any')} data-testid="dist-f-creditor" />
            <label>{t('distribution.f.bucket')}</label>
            <Select mode="multiple" allowClear size="small" value={form.buckets} onChange={(v) => set('buckets', v)} options={BUCKET_ORDER.map((b) => ({ value: b, label: t(`enums.bucket.${b}`) }))} placeholder={t('distribution.any')} data-testid="dist-f-bucket" maxTagCount="responsive" />
            <label>{t('distribution.f.amount')}</label>
            <Space.Compact size="small">
              <InputNumber size="small" min={0} precision={2} value={form.minYuan} onChange={(v) => set('minYuan', v)} placeholder={t('distribution.min')} data-testid="dist-f-min" style={{ width: 120 }} />
              <InputNumber size="small" min={0} precision={2} value={form.maxYuan} onChange={(v) => set('maxYuan', v)} placeholder={t('distribution.max')} data-testid="dist-f-max" style={{ width: 120 }} />
            </Space.Compact>
            <label>{t('distribution.f.region')}</label>
            <Input size="small" allowClear value={form.region} onChange={(e) => set('region', e.target.value)} placeholder={t('distribution.regionHint')} data-testid="dist-f-region" maxLength={32} />
            <label>{t('distribution.f.status')}</label>
            <Select mode="multiple" allowClear size="small" value={form.statuses} onChange={(v) => set('statuses', v)} options={STATUSES.map((s) => ({ value: s, label: t(`enums.status.${s}`) }))} placeholder={t('distribution.any')} data-testid="dist-f-status" />
            <span />
            <Checkbox checked={form.unassigned} onChange={(e) => set('unassigned', e.target.checked)} data-testid="dist-f-unassigned">
              {t('distribution.f.unassigned')}
            </Checkbox>
            <span />
            <Typography.Text strong data-testid="dist-selection" data-count={selection?.cases ?? ''}>
              {selection ? t('distribution.selection', { count: selection.cases, amount: money(selection.amountFen, locale) }) : '…'}
            </Typography.Text>
          </div>
        )}
        {mode === 'rebalance' && (
          <div className="dist-filters">
            <label>{t('distribution.absent')}</label>
            <Select size="small" value={absent} onChange={setAbsent} options={agents.map((a) => ({ value: a.id, label: `${a.displayName} ${a.agentNo} · ${t('distribution.activeCases', { count: a.cases })}` }))} placeholder={t('distribution.pickAbsent')} data-testid="dist-absent" />
          </div>
        )}
        {mode === 'recall' && (
          <div className="dist-filters">
            <label>{t('distribution.f.batch')}</label>
            <Select size="small" value={batchId} onChange={setBatchId} options={batches.map((b) => ({ value: b.id, label: `${b.batchNo} · ${b.creditor} · ${t('distribution.endsOn', { date: b.expiryDate ?? '—' })}` }))} placeholder={t('distribution.pickBatch')} data-testid="dist-recall-batch" />
            <span />
            <Checkbox checked={early} onChange={(e) => setEarly(e.target.checked)} data-testid="dist-recall-early">
              {t('distribution.early')}
            </Checkbox>
            {batch && (
              <>
                <span />
                <Typography.Text type="secondary">{t('distribution.recallNote', { count: batch.cases })}</Typography.Text>
              </>
            )}
          </div>
        )}
        {mode !== 'recall' && (
          <div className="dist-filters">
            <label>{t('distribution.strategy')}</label>
            <Radio.Group size="small" value={strategy} onChange={(e) => setStrategy(STRATEGIES.find((s) => s === e.target.value) ?? 'byCount')} data-testid="dist-strategy">
              {STRATEGIES.map((s) => (
                <Radio.Button key={s} value={s}>
                  <span data-testid={`dist-strategy-${s}`}>{t(`distribution.strategies.${s}`)}</span>
                </Radio.Button>
              ))}
            </Radio.Group>
            <label>{t('distribution.agents')}</label>
            <Select mode="multiple" size="small" value={chosen.filter((id) => id !== absent)} onChange={setChosen} options={agentOptions.filter((o) => o.value !== absent)} data-testid="dist-agents" maxTagCount="responsive" />
            {strategy === 'byBucket' && (
              <>
                <label>{t('distribution.skills.title')}</label>
                <AgentSkills agents={agents} onSaved={(saved) => { setPreview(null); setAgents((as) => as.map((a) => ({ ...a, buckets: saved[a.id] ?? [] }))); }} />
              </>
            )}
          </div>
        )}
      </div>
      <Space className="dist-actions">
        <Button onClick={() => void doPreview()} disabled={!operation()} loading={busy && !preview} data-testid="dist-preview">
          {t('distribution.preview')}
        </Button>
        <Button type="primary" danger={mode === 'recall'} onClick={() => void doApply()} disabled={!preview || preview.plan.moving === 0} loading={busy && !!preview} data-testid="dist-apply">
          {t(`distribution.apply.${mode}`)}
        </Button>
      </Space>
      {error && <Alert type="error" showIcon title={translateError(t, error, locale)} data-testid="dist-error" className="dist-alert" />}
      {done && <Alert type="success" showIcon title={done} data-testid="dist-done" className="dist-alert" />}
      {preview && (
        <div data-testid="dist-preview-table">
          <Typography.Paragraph className="dist-summary" data-testid="dist-summary">
            {t('distribution.summary', { count: preview.plan.selected.cases, amount: money(preview.plan.selected.amountFen, locale), moving: preview.plan.moving })}
            {preview.plan.unplaced > 0 && <Typography.Text type="warning"> {t('distribution.unplaced', { count: preview.plan.unplaced })}</Typography.Text>}
          </Typography.Paragraph>
          <Table<DistRow> size="small" rowKey={(r) => r.agentId ?? 'creditor'} columns={columns} dataSource={preview.plan.rows} pagination={false} scroll={{ y: 260 }} onRow={() => ({ 'data-testid': 'dist-row' }) as object} />
        </div>
      )}
    </Drawer>
  );
}
