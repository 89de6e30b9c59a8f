import { useEffect, useState } from 'react';
import Alert from 'antd/es/alert';
import App from 'antd/es/app';
import Button from 'antd/es/button';
import Form from 'antd/es/form';
import Input from 'antd/es/input';
import InputNumber from 'antd/es/input-number';
import Radio from 'antd/es/radio';
import Tag from 'antd/es/tag';
import Typography from 'antd/es/typography';
import SaveOutlined from '@ant-design/icons/es/icons/SaveOutlined';
import { useTranslation } from 'react-i18next';
import type { DeskError, RouteOutput } from '../../../../shared/contract';
import { invoke } from '../../api';
import { translateError } from '../../lib/errors';
import { useLocale } from '../../lib/session';

type View = RouteOutput<'message.gateway'>;
type Mode = View['kind'];
const FIELDS = ['url', 'key', 'templateId', 'timeoutMs'] as const;
/** The provider's answer is awaited this long by default (the contract's default, in seconds). */
const DEFAULT_TIMEOUT_S = 10;
type Field = (typeof FIELDS)[number];

/** The route names a field as `set.<field>`: which of the form's fields an error belongs to. */
function fieldOf(e: DeskError | null): Field | null {
  const f = e?.field?.replace(/^set\./, '');
  return FIELDS.find((x) => x === f) ?? null;
}

/**
 * A lead sets how this desk's SMS go out: recorded only (the default) or through a provider's HTTP
 * API (URL, key, template id). The key is never read back: an empty key field keeps the stored one.
 */
export function GatewaySettings() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { message } = App.useApp();
  const [view, setView] = useState<View | null>(null);
  const [mode, setMode] = useState<Mode>('record');
  const [url, setUrl] = useState('');
  const [key, setKey] = useState('');
  const [templateId, setTemplateId] = useState('');
  const [timeoutS, setTimeoutS] = useState<number>(DEFAULT_TIMEOUT_S);
  const [error, setError] = useState<DeskError | null>(null);
  const [saving, setSaving] = useState(false);

  const show = (v: View) => {
    setView(v);
    setMode(v.kind);
    setUrl(v.url ?? '');
    setTemplateId(v.templateId ?? '');
    setTimeoutS(v.timeoutMs === null ? DEFAULT_TIMEOUT_S : v.timeoutMs / 1000);
    setKey('');
  };
  useEffect(() => {
    void invoke('message.gateway', {}).then((r) => (r.ok ? show(r.value) : setError(r.error)));
  }, []);

  const save = async () => {
    setSaving(true);
    const r = await invoke('message.gateway', { set: mode === 'record' ? 'record' : { url: url.trim(), key: key.trim(), templateId: templateId.trim(), timeoutMs: Math.round(timeoutS * 1000) } });
    setSaving(false);
    if (!r.ok) return setError(r.error);
    setError(null);
    show(r.value);
    void message.success(t('messages.gateway.saved'));
  };

  const field = fieldOf(error);
  const fieldError = (f: Field): string | null => {
    if (!error || field !== f) return null;
    const name = t(`messages.gateway.fields.${f}`);
    if (error.code === 'VALIDATION' && f === 'key') return t('messages.gateway.keyAgain');
    return f === 'url' ? t('messages.gateway.invalidUrl') : t('messages.gateway.invalidField', { field: name });
  };
  const item = (f: Field) => ({ validateStatus: fieldError(f) ? ('error' as const) : undefined, help: fieldError(f) ?? undefined });
  const edit = (set: (v: string) => void) => (e: { target: { value: string } }) => {
    set(e.target.value);
    setError(null);
  };

  return (
    <div data-testid="gateway-settings" className="gateway-settings">
      <Typography.Title level={5}>{t('messages.gateway.title')}</Typography.Title>
      <div style={{ marginBottom: 8 }}>
        <Typography.Text type="secondary">{t('messages.gateway.current')}</Typography.Text>
        {view && (
          <Tag color={view.kind === 'http' ? 'green' : 'blue'} data-testid="gateway-current" data-kind={view.kind}>
            {t(`messages.gateway.mode.${view.kind}`)}
          </Tag>
        )}
      </div>
      <Form layout="vertical" component="div">
        <Form.Item label={t('messages.gateway.modeLabel')}>
          <Radio.Group
            value={mode}
            onChange={(e) => {
              setMode(e.target.value === 'http' ? 'http' : 'record');
              setError(null);
            }}
          >
            <Radio value="record" data-testid="gateway-mode-record">{t('messages.gateway.mode.record')}</Radio>
            <Radio value="http" data-testid="gateway-mode-http">{t('messages.gateway.mode.http')}</Radio>
          </Radio.Group>
        </Form.Item>
        {mode === 'http' && (
          <>
            <Form.Item label={t('messages.gateway.fields.url')} required {...item('url')}>
              <Input value={url} onChange={edit(setUrl)} placeholder={t('messages.gateway.urlPlaceholder')} maxLength={500} autoComplete="off" spellCheck={false} data-testid="gateway-url" />
            </Form.Item>
            <Form.Item
              label={
                <span>
                  {t('messages.gateway.fields.key')}{' '}
                  <Tag data-testid="gateway-key-state" data-set={String(view?.hasKey ?? false)} color={view?.hasKey ? 'green' : undefined}>
                    {view?.hasKey ? t('messages.gateway.keySet') : t('messages.gateway.keyNotSet')}
                  </Tag>
                </span>
              }
              {...item('key')}
              extra={view?.hasKey && !fieldError('key') ? t('messages.gateway.keyKept') : undefined}
            >
              <Input.Password value={key} onChange={edit(setKey)} placeholder={t('messages.gateway.keyPlaceholder')} maxLength={500} autoComplete="new-password" data-testid="gateway-key" />
            </Form.Item>
            <Form.Item label={t('messages.gateway.fields.templateId')} {...item('templateId')}>
              <Input value={templateId} onChange={edit(setTemplateId)} maxLength={100} autoComplete="off" spellCheck={false} data-testid="gateway-template-id" />
            </Form.Item>
            <Form.Item label={t('messages.gateway.fields.timeoutMs')} {...item('timeoutMs')} extra={t('messages.gateway.timeoutHelp')}>
              <InputNumber
                value={timeoutS}
                min={0.5}
                max={60}
                step={1}
                precision={1}
                addonAfter={t('messages.gateway.seconds')}
                onChange={(v) => {
                  setTimeoutS(typeof v === 'number' ? v : DEFAULT_TIMEOUT_S);
                  setError(null);
                }}
                data-testid="gateway-timeout"
              />
            </Form.Item>
          </>
        )}
        <Typography.Paragraph type="secondary">{mode === 'http' ? t('messages.gateway.httpHelp') : t('messages.gateway.recordHelp')}</Typography.Paragraph>
        {error && !field && <Alert type="error" showIcon title={translateError(t, error, locale)} data-testid="gateway-error" style={{ marginBottom: 8 }} />}
        <Button type="primary" icon={<SaveOutlined />} loading={saving} onClick={() => void save()} data-testid="gateway-save">
          {t('messages.gateway.save')}
        </Button>
      </Form>
    </div>
  );
}
