import { useCallback, useEffect, useMemo, useState } from 'react';
import Alert from 'antd/es/alert';
import App from 'antd/es/app';
import Button from 'antd/es/button';
import Drawer from 'antd/es/drawer';
import Input from 'antd/es/input';
import Segmented from 'antd/es/segmented';
import Select from 'antd/es/select';
import Space from 'antd/es/space';
import Spin from 'antd/es/spin';
import Typography from 'antd/es/typography';
import FileExcelOutlined from '@ant-design/icons/es/icons/FileExcelOutlined';
import FilePdfOutlined from '@ant-design/icons/es/icons/FilePdfOutlined';
import FileWordOutlined from '@ant-design/icons/es/icons/FileWordOutlined';
import ReloadOutlined from '@ant-design/icons/es/icons/ReloadOutlined';
import SaveOutlined from '@ant-design/icons/es/icons/SaveOutlined';
import { useTranslation } from 'react-i18next';
import type { DeskError } from '../../../../shared/contract';
import type { Locale } from '../../../../shared/domain/enums';
import { buildPlanDoc, buildSummaryDoc } from '../../../../shared/reports/document';
import type { DocFormat, PlanData, ReportScope, SummaryData } from '../../../../shared/reports/model';
import { periodOf } from '../../../../shared/reports/periods';
import { invoke, subscribe } from '../../api';
import { translateError } from '../../lib/errors';
import { todayIn } from '../../lib/format';
import { isLeadRole, useLocale, useSession } from '../../lib/session';
import { DocView } from './DocView';

type Kind = 'summary' | 'plan';
type PeriodPick = 'day' | 'week' | 'month' | 'range';
const TEAM = 'team';

const lines = (text: string): string[] => text.split('\n').map((l) => l.trim()).filter((l) => l.length > 0).slice(0, 30);

/**
 * 工作计划 / 工作总结: choose the document, the period and (a lead) the agent or the team; read
 * it as it will print, write the reflection and the next plan (or the plan's commitments), and
 * export DOCX / PDF / XLSX. Refreshes as work is saved or synced, so progress shows live.
 */
export function ReportsDrawer({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { message } = App.useApp();
  const agent = useSession((s) => s.agent);
  const zone = useSession((s) => s.settings?.timeZone ?? 'Asia/Shanghai');
  const lead = isLeadRole(agent);
  const today = todayIn(zone);
  const [kind, setKind] = useState<Kind>('summary');
  const [pick, setPick] = useState<PeriodPick>('day');
  const [date, setDate] = useState(today);
  const [range, setRange] = useState({ from: today, to: today });
  const [who, setWho] = useState<string>(lead ? TEAM : (agent?.id ?? ''));
  const [agents, setAgents] = useState<{ id: string; name: string }[]>([]);
  const [docLocale, setDocLocale] = useState<Locale>('zh-CN');
  const [data, setData] = useState<{ kind: 'summary'; value: SummaryData } | { kind: 'plan'; value: PlanData } | null>(null);
  const [error, setError] = useState<DeskError | null>(null);
  const [loading, setLoading] = useState(false);
  const [reflection, setReflection] = useState('');
  const [nextPlan, setNextPlan] = useState('');
  const [commitments, setCommitments] = useState('');
  const [busy, setBusy] = useState<DocFormat | 'save' | null>(null);

  const period = useMemo(() => (pick === 'range' ? (range.from <= range.to ? range : { from: range.to, to: range.from }) : periodOf(pick, date)), [pick, date, range]);
  const scope = useMemo<ReportScope>(() => (who === TEAM ? { kind: 'team' } : { kind: 'agent', agentId: who }), [who]);

  useEffect(() => {
    if (!open) return;
    void invoke('reports.agents', {}).then((r) => r.ok && setAgents(r.value));
  }, [open]);

  const load = useCallback(async () => {
    if (!who) return;
    setLoading(true);
    const q = { scope, from: period.from, to: period.to };
    if (kind === 'summary') {
      const r = await invoke('reports.summary', q);
      setLoading(false);
      setError(r.ok ? null : r.error);
      if (!r.ok) return;
      setData({ kind: 'summary', value: r.value });
      setReflection(r.value.reflection);
      setNextPlan(r.value.next.commitments.join('\n'));
    } else {
      const r = await invoke('reports.plan', q);
      setLoading(false);
      setError(r.ok ? null : r.error);
      if (!r.ok) return;
      setData({ kind: 'plan', value: r.value });
      setCommitments(r.value.commitments.join('\n'));
    }
  }, [kind, period, scope, who]);

  useEffect(() => {
    if (open) void load();
  }, [open, load]);

  // Live progress: work saved here or brought in by sync refreshes the document (not the text being written).
  useEffect(() => {
    if (!open) return;
    let timer = 0;
    const soon = () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(() => void load(), 500);
    };
    const offs = [subscribe('queue.changed', soon), subscribe('sync.status', soon)];
    return () => {
      window.clearTimeout(timer);
      offs.forEach((off) => off());
    };
  }, [open, load]);

  const doc = useMemo(() => {
    if (!data) return null;
    return data.kind === 'summary' ? buildSummaryDoc(data.value, locale) : buildPlanDoc(data.value, locale);
  }, [data, locale]);

  const save = async () => {
    setBusy('save');
    const q = { scope, from: period.from, to: period.to };
    const r = kind === 'summary'
      ? await invoke('reports.saveNotes', { ...q, reflection, nextCommitments: lines(nextPlan) })
      : await invoke('reports.saveNotes', { ...q, commitments: lines(commitments) });
    setBusy(null);
    if (!r.ok) {
      void message.error(translateError(t, r.error, locale));
      return;
    }
    void message.success(t('reports.saved'));
    void load();
  };

  const exportAs = async (format: DocFormat) => {
    setBusy(format);
    const r = await invoke('reports.export', { scope, from: period.from, to: period.to, doc: kind, format, locale: docLocale });
    setBusy(null);
    if (!r.ok) {
      void message.error(translateError(t, r.error, locale));
      return;
    }
    const bytes = Uint8Array.from(atob(r.value.base64), (c) => c.charCodeAt(0));
    const url = URL.createObjectURL(new Blob([bytes], { type: r.value.mime }));
    const a = document.createElement('a');
    a.href = url;
    a.download = r.value.fileName;
    a.style.display = 'none';
    document.body.appendChild(a);
    a.click();
    a.remove();
    window.setTimeout(() => URL.revokeObjectURL(url), 5_000);
    void message.success(t('reports.exported', { file: r.value.fileName }));
  };

  return (
    <Drawer open={open} onClose={onClose} width={1240} title={t('reports.title')} destroyOnHidden data-testid="reports-drawer" rootClassName="reports-drawer">
      <div className="reports-controls">
        <Segmented<Kind>
          value={kind}
          onChange={setKind}
          options={[
            { value: 'summary', label: <span data-testid="reports-kind-summary">{t('reports.summary')}</span> },
            { value: 'plan', label: <span data-testid="reports-kind-plan">{t('reports.plan')}</span> },
          ]}
        />
        <Segmented<PeriodPick>
          value={pick}
          onChange={setPick}
          options={(['day', 'week', 'month', 'range'] as const).map((p) => ({ value: p, label: <span data-testid={`reports-period-${p}`}>{t(`reports.${p}`)}</span> }))}
        />
        {pick === 'range' ? (
          <Space.Compact>
            <Input type="date" aria-label={t('reports.from')} value={range.from} onChange={(e) => e.target.value && setRange((r) => ({ ...r, from: e.target.value }))} data-testid="reports-from" />
            <Input type="date" aria-label={t('reports.to')} value={range.to} onChange={(e) => e.target.value && setRange((r) => ({ ...r, to: e.target.value }))} data-testid="reports-to" />
          </Space.Compact>
        ) : (
          <Input type="date" aria-label={t('reports.date')} value={date} onChange={(e) => e.target.value && setDate(e.target.value)} style={{ width: 150 }} data-testid="reports-date" />
        )}
        {lead && (
          <Select
            aria-label={t('reports.scope')}
            value={who}
            onChange={setWho}
            style={{ width: 180 }}
            popupMatchSelectWidth={false}
            options={[{ value: TEAM, label: t('reports.team') }, ...agents.map((a) => ({ value: a.id, label: a.name }))]}
            data-testid="reports-scope"
          />
        )}
        <Button icon={<ReloadOutlined />} onClick={() => void load()} aria-label={t('reports.refresh')} data-testid="reports-refresh" />
        <span className="spacer" />
        <Select<Locale>
          aria-label={t('reports.docLocale')}
          value={docLocale}
          onChange={setDocLocale}
          style={{ width: 100 }}
          options={[{ value: 'zh-CN', label: '中文' }, { value: 'en', label: 'English' }]}
          data-testid="reports-doc-locale"
        />
        <Space.Compact>
          <Button icon={<FileWordOutlined />} loading={busy === 'docx'} onClick={() => void exportAs('docx')} data-testid="reports-export-docx">DOCX</Button>
          <Button icon={<FilePdfOutlined />} loading={busy === 'pdf'} onClick={() => void exportAs('pdf')} data-testid="reports-export-pdf">PDF</Button>
          <Button icon={<FileExcelOutlined />} loading={busy === 'xlsx'} onClick={() => void exportAs('xlsx')} data-testid="reports-export-xlsx">XLSX</Button>
        </Space.Compact>
      </div>
      {error && <Alert type="error" showIcon message={translateError(t, error, locale)} data-testid="reports-error" />}
      <div className="reports-body">
        <div className="reports-preview">
          <Spin spinning={loading} tip={t('reports.loading')}>
            {doc ? <DocView blocks={doc.blocks} /> : <div className="reports-empty" />}
          </Spin>
        </div>
        <aside className="reports-edit" data-testid="reports-edit">
          <Typography.Title level={5}>{t('reports.edit')}</Typography.Title>
          {kind === 'summary' ? (
            <>
              <label htmlFor="reports-reflection">{t('reports.reflection')}</label>
              <Input.TextArea id="reports-reflection" rows={9} maxLength={20_000} value={reflection} placeholder={t('reports.reflectionHint')} onChange={(e) => setReflection(e.target.value)} data-testid="reports-reflection" />
              <label htmlFor="reports-next">{t('reports.nextPlan')}</label>
              <Input.TextArea id="reports-next" rows={6} value={nextPlan} placeholder={t('reports.nextPlanHint')} onChange={(e) => setNextPlan(e.target.value)} data-testid="reports-next" />
            </>
          ) : (
            <>
              <label htmlFor="reports-commitments">{t('reports.commitments')}</label>
              <Input.TextArea id="reports-commitments" rows={8} value={commitments} placeholder={t('reports.nextPlanHint')} onChange={(e) => setCommitments(e.target.value)} data-testid="reports-commitments" />
            </>
          )}
          <Button type="primary" icon={<SaveOutlined />} loading={busy === 'save'} disabled={!data} onClick={() => void save()} data-testid="reports-save">
            {t('reports.save')}
          </Button>
        </aside>
      </div>
    </Drawer>
  );
}
