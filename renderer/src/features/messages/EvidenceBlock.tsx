import { useEffect, useState } from 'react';
import Alert from 'antd/es/alert';
import App from 'antd/es/app';
import Button from 'antd/es/button';
import Space from 'antd/es/space';
import Typography from 'antd/es/typography';
import FilePdfOutlined from '@ant-design/icons/es/icons/FilePdfOutlined';
import FileZipOutlined from '@ant-design/icons/es/icons/FileZipOutlined';
import { useTranslation } from 'react-i18next';
import type { EvidenceView } from '../../../../shared/contract/messages';
import { invoke } from '../../api';
import { translateError } from '../../lib/errors';
import { useLocale } from '../../lib/session';
import { downloadBase64 } from './download';

/** "Two provable collections at least 30 days apart": holds or not, with the dates; the evidence pack as PDF or ZIP. */
export function EvidenceBlock({ caseId, reload }: { caseId: string; reload: number }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { message } = App.useApp();
  const [e, setE] = useState<EvidenceView | null>(null);
  const [busy, setBusy] = useState<'pdf' | 'zip' | null>(null);
  useEffect(() => {
    void invoke('evidence.check', { caseId }).then((r) => r.ok && setE(r.value));
  }, [caseId, reload]);

  const pack = async (format: 'pdf' | 'zip') => {
    setBusy(format);
    const r = await invoke('evidence.pack', { caseId, format });
    setBusy(null);
    if (!r.ok) return void message.error(translateError(t, r.error, locale));
    downloadBase64(r.value);
  };

  return (
    <div data-testid="evidence">
      <Typography.Title level={5}>{t('messages.evidence.title')}</Typography.Title>
      {e && (
        <Alert
          type={e.holds ? 'success' : 'warning'}
          showIcon
          data-testid="evidence-rule"
          data-holds={String(e.holds)}
          title={e.holds ? t('messages.evidence.holds') : t('messages.evidence.notHolds')}
          description={e.first ? (e.second ? t('messages.evidence.dates', { first: e.first, second: e.second, days: e.gapDays ?? 0 }) : t('messages.evidence.one', { first: e.first })) : t('messages.evidence.none')}
        />
      )}
      <Space style={{ marginTop: 8 }}>
        <Button icon={<FilePdfOutlined />} loading={busy === 'pdf'} onClick={() => void pack('pdf')} data-testid="evidence-pdf">{t('messages.evidence.pdf')}</Button>
        <Button icon={<FileZipOutlined />} loading={busy === 'zip'} onClick={() => void pack('zip')} data-testid="evidence-zip">{t('messages.evidence.zip')}</Button>
      </Space>
    </div>
  );
}
