import { useEffect, useRef, useState } from 'react';
import Alert from 'antd/es/alert';
import Button from 'antd/es/button';
import Checkbox from 'antd/es/checkbox';
import Drawer from 'antd/es/drawer';
import Input from 'antd/es/input';
import Progress from 'antd/es/progress';
import Select from 'antd/es/select';
import Space from 'antd/es/space';
import Statistic from 'antd/es/statistic';
import Steps from 'antd/es/steps';
import Tag from 'antd/es/tag';
import Typography from 'antd/es/typography';
// Used only by this lazily loaded drawer: the deep import keeps it out of the first-paint chunk.
import Table from 'antd/es/table';
import FileExcelOutlined from '@ant-design/icons/es/icons/FileExcelOutlined';
import FileTextOutlined from '@ant-design/icons/es/icons/FileTextOutlined';
import UploadOutlined from '@ant-design/icons/es/icons/UploadOutlined';
import { useTranslation } from 'react-i18next';
import type { DeskError, ImportPreview } from '../../../../shared/contract';
import { ImportField, type ColumnMapping } from '../../../../shared/import/fields';
import type { ImportRefusal, ImportReport, Rejection } from '../../../../shared/import/types';
import { invoke, subscribe } from '../../api';
import { translateError } from '../../lib/errors';
import { money } from '../../lib/format';
import { useLocale } from '../../lib/session';
import { download, uploadFile } from './upload';

type Step = 'pick' | 'preview' | 'report';
interface Progressing { label: 'upload' | 'reading' | 'writing' | 'sending'; percent: number; rows: number }

/** 导入委案: pick a file -> preview and map its columns -> apply with a progress bar -> the report, exportable. */
export function ImporterDrawer({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [step, setStep] = useState<Step>('pick');
  const [file, setFile] = useState<File | null>(null);
  const [creditor, setCreditor] = useState('');
  const [uploadId, setUploadId] = useState<string | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [mapping, setMapping] = useState<ColumnMapping>({});
  const [savePreset, setSavePreset] = useState(true);
  const [progress, setProgress] = useState<Progressing | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [refused, setRefused] = useState<ImportRefusal | null>(null);
  const [team, setTeam] = useState(false);
  const [error, setError] = useState<DeskError | null>(null);
  const input = useRef<HTMLInputElement>(null);

  useEffect(
    () =>
      subscribe('importer.progress', (p) => {
        if (p.uploadId !== uploadId) return;
        setProgress({ label: p.phase, rows: p.rowsRead, percent: p.phase === 'reading' && p.totalBytes > 0 ? Math.floor((100 * p.bytesRead) / p.totalBytes) : 100 });
      }),
    [uploadId],
  );

  const reset = () => {
    setStep('pick');
    setFile(null);
    setUploadId(null);
    setPreview(null);
    setMapping({});
    setReport(null);
    setRefused(null);
    setError(null);
    setProgress(null);
  };

  const fieldLabel = (f: ImportField | null): string => {
    if (f === null) return t('importer.ignore');
    const m = /^contact(\d)\.(name|relation|phone)$/.exec(f);
    return m ? t(`importer.contact.${m[2] as 'name'}`, { n: m[1] }) : t(`importer.fields.${f as 'name'}`);
  };

  const runPreview = async (id: string, map: ColumnMapping | undefined) => {
    const r = await invoke('importer.preview', { uploadId: id, ...(creditor.trim() ? { creditor: creditor.trim() } : {}), ...(map ? { mapping: map } : {}) });
    if (!r.ok) {
      setError(r.error);
      return;
    }
    setPreview(r.value);
    // the mapping shown: every column with its field (recognised, preset or hand-picked)
    setMapping(Object.fromEntries(r.value.headers.map((h, i) => [h, r.value.fields[i] ?? null])));
    setStep('preview');
  };

  const pickAndUpload = async () => {
    if (!file) return;
    setError(null);
    setProgress({ label: 'upload', percent: 0, rows: 0 });
    const up = await uploadFile(file, (sent) => setProgress({ label: 'upload', percent: Math.floor((100 * sent) / Math.max(1, file.size)), rows: 0 }));
    setProgress(null);
    if ('error' in up) {
      setError(up.error);
      return;
    }
    setUploadId(up.uploadId);
    await runPreview(up.uploadId, undefined);
  };

  const apply = async () => {
    if (!uploadId) return;
    setError(null);
    setProgress({ label: 'reading', percent: 0, rows: 0 });
    const r = await invoke('importer.apply', { uploadId, mapping, savePreset: savePreset && creditor.trim() !== '', ...(creditor.trim() ? { creditor: creditor.trim() } : {}) });
    setProgress(null);
    if (!r.ok) {
      setError(r.error);
      return;
    }
    setTeam(r.value.team);
    if (r.value.refused) {
      setRefused(r.value.refused);
      return;
    }
    setReport(r.value.report);
    setStep('report');
  };

  const exportAs = async (format: 'xlsx' | 'csv') => {
    if (!uploadId) return;
    const r = await invoke('importer.export', { uploadId, format, locale });
    if (r.ok) download(r.value.fileName, r.value.mime, r.value.base64);
    else setError(r.error);
  };

  const reasonText = (x: Rejection) => `${t(`importer.reasons.${x.code}`)} — ${x.reason}`;
  const refusal = refused ?? preview?.refused ?? null;
  const rejectedColumns = [
    { title: t('importer.row'), dataIndex: 'row', width: 70, render: (v: number) => <span className="num">{v}</span> },
    { title: t('importer.column'), dataIndex: 'column', width: 140 },
    { title: t('importer.reason'), key: 'reason', render: (_: unknown, x: Rejection) => reasonText(x) },
  ];
  const fieldOptions = [{ value: '', label: t('importer.ignore') }, ...ImportField.options.map((f) => ({ value: f, label: fieldLabel(f) }))];

  return (
    <Drawer open={open} onClose={onClose} width={1080} title={t('importer.title')} destroyOnHidden={false} data-testid="importer-drawer">
      <Steps size="small" current={step === 'pick' ? 0 : step === 'preview' ? 1 : 2} items={[{ title: t('importer.stepPick') }, { title: t('importer.stepPreview') }, { title: t('importer.stepReport') }]} />
      <div className="importer-body">
        {error && <Alert type="error" showIcon message={translateError(t, error, locale)} />}
        {refusal && <Alert type="error" showIcon data-testid="importer-refused" message={t(`importer.refused.${refusal.code}`)} description={refusal.message} />}

        {step === 'pick' && (
          <Space direction="vertical" size="middle" className="importer-pick">
            <Typography.Paragraph type="secondary">{t('importer.pickHelp')}</Typography.Paragraph>
            <Space>
              <input ref={input} type="file" accept=".csv,.xlsx,.txt" hidden data-testid="importer-file" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
              <Button icon={<UploadOutlined />} onClick={() => input.current?.click()}>
                {t('importer.choose')}
              </Button>
              <span data-testid="importer-file-name">{file ? file.name : t('importer.noFile')}</span>
            </Space>
            <Input addonBefore={t('importer.creditor')} placeholder={t('importer.creditorHint')} value={creditor} onChange={(e) => setCreditor(e.target.value)} maxLength={64} data-testid="importer-creditor" />
            <Button type="primary" disabled={!file || progress !== null} onClick={() => void pickAndUpload()} data-testid="importer-upload">
              {t('importer.check')}
            </Button>
          </Space>
        )}

        {step === 'preview' && preview && (
          <Space direction="vertical" size="middle" className="importer-preview">
            <Typography.Text>
              {t('importer.fileInfo', { name: preview.fileName, kind: preview.kind?.toUpperCase() ?? '', encoding: preview.encoding ?? '', rows: preview.rowsChecked })}
              {preview.presetUsed && <Tag color="blue">{t('importer.presetUsed')}</Tag>}
            </Typography.Text>
            <div className="importer-mapping" data-testid="importer-mapping">
              {preview.headers.map((h) => (
                <label key={h} className={`importer-map-item${mapping[h] ? '' : ' unmapped'}`}>
                  <span className="importer-header">{h}</span>
                  <Select size="small" value={mapping[h] ?? ''} options={fieldOptions} popupMatchSelectWidth={false} onChange={(v: string) => setMapping({ ...mapping, [h]: v === '' ? null : ImportField.parse(v) })} data-testid="importer-map-select" />
                </label>
              ))}
            </div>
            <Table
              size="small"
              rowKey="row"
              pagination={false}
              data-testid="importer-sample"
              dataSource={preview.sample}
              columns={[
                { title: t('importer.row'), dataIndex: 'row', width: 60 },
                { title: fieldLabel('name'), dataIndex: 'name' },
                { title: fieldLabel('accountNo'), dataIndex: 'accountNo' },
                { title: fieldLabel('creditor'), dataIndex: 'creditor' },
                { title: fieldLabel('balance'), dataIndex: 'balanceFen', align: 'right', render: (v: number) => <span className="num">{money(v, locale)}</span> },
                { title: fieldLabel('overdue'), dataIndex: 'overdueFen', align: 'right', render: (v: number) => <span className="num">{money(v, locale)}</span> },
                { title: fieldLabel('overdueSince'), dataIndex: 'overdueSince' },
              ]}
            />
            {preview.rejected.length > 0 && (
              <>
                <Typography.Text type="warning">{t('importer.previewRejected', { count: preview.rejected.length, rows: preview.rowsChecked })}</Typography.Text>
                <Table size="small" rowKey={(x) => `${x.row}-${x.column}`} pagination={{ pageSize: 5, size: 'small' }} dataSource={preview.rejected} columns={rejectedColumns} />
              </>
            )}
            <Space>
              <Button onClick={() => uploadId && void runPreview(uploadId, mapping)} data-testid="importer-recheck">
                {t('importer.recheck')}
              </Button>
              <Checkbox checked={savePreset && creditor.trim() !== ''} disabled={creditor.trim() === ''} onChange={(e) => setSavePreset(e.target.checked)}>
                {t('importer.savePreset', { creditor: creditor.trim() || '—' })}
              </Checkbox>
              <Button type="primary" disabled={progress !== null || preview.refused?.code === 'notSpreadsheet'} onClick={() => void apply()} data-testid="importer-apply">
                {t('importer.apply')}
              </Button>
              <Button onClick={reset}>{t('importer.another')}</Button>
            </Space>
          </Space>
        )}

        {progress && (
          <div className="importer-progress" data-testid="importer-progress">
            <Typography.Text>{t(`importer.phase.${progress.label}`, { rows: progress.rows })}</Typography.Text>
            <Progress percent={progress.percent} status="active" />
          </div>
        )}

        {step === 'report' && report && (
          <Space direction="vertical" size="middle" className="importer-report" data-testid="importer-report">
            {team && <Alert type="info" showIcon message={t('importer.viaHub')} />}
            <Space size="large">
              <Statistic title={t('importer.accepted')} value={report.accepted} data-testid="importer-accepted" />
              <Statistic title={t('importer.updated')} value={report.updated} data-testid="importer-updated" />
              <Statistic title={t('importer.rejected')} value={report.rejected.length} data-testid="importer-rejected" />
              <Statistic title={t('importer.overdueTotal')} value={money(report.totals.overdue_fen, locale)} />
            </Space>
            {report.batchNo && <Typography.Text type="secondary">{t('importer.batch', { batch: report.batchNo })}</Typography.Text>}
            <Table size="small" rowKey={(x) => `${x.row}-${x.column}`} pagination={{ pageSize: 8, size: 'small' }} dataSource={report.rejected} columns={rejectedColumns} data-testid="importer-rejected-table" />
            {report.updatedAccounts.length > 0 && (
              <Typography.Text type="secondary">
                {t('importer.updatedList', { list: report.updatedAccounts.slice(0, 10).map((u) => `${u.accountNo}（${t('importer.rowN', { row: u.row })}）`).join('、') })}
              </Typography.Text>
            )}
            <Space>
              <Button icon={<FileExcelOutlined />} onClick={() => void exportAs('xlsx')} data-testid="importer-export-xlsx">
                {t('importer.exportXlsx')}
              </Button>
              <Button icon={<FileTextOutlined />} onClick={() => void exportAs('csv')} data-testid="importer-export-csv">
                {t('importer.exportCsv')}
              </Button>
              <Button type="primary" onClick={reset}>
                {t('importer.another')}
              </Button>
            </Space>
          </Space>
        )}
      </div>
    </Drawer>
  );
}
