import { useEffect, useState } from 'react';
import Alert from 'antd/es/alert';
import App from 'antd/es/app';
import Button from 'antd/es/button';
import Form from 'antd/es/form';
import Input from 'antd/es/input';
import InputNumber from 'antd/es/input-number';
import Radio from 'antd/es/radio';
// Used only by this part: the deep import keeps it out of the first-paint chunk.
import Modal from 'antd/es/modal';
import { useTranslation } from 'react-i18next';
import type { DeskError, DialMode, DialSettingsView } from '../../../../shared/contract';
import { invoke } from '../../api';
import { translateError, translateRule } from '../../lib/errors';
import { useLocale } from '../../lib/session';
import { i18n } from '../../i18n';

/** Tells the dial button that the mode changed. */
export const dialSettingsChanged = new EventTarget();

const MODES: readonly DialMode[] = ['none', 'tel', 'sip', 'http'];

/** How this desk dials: by hand, a tel:/sip: link, or a local softphone's HTTP API (URL, optional token, timeout). */
export function DialSettingsModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { message } = App.useApp();
  const [s, setS] = useState<DialSettingsView | null>(null);
  const [url, setUrl] = useState('');
  const [token, setToken] = useState('');
  const [clearToken, setClearToken] = useState(false);
  const [timeoutSec, setTimeoutSec] = useState(5);
  const [error, setError] = useState<DeskError | null>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    void invoke('dial.settings', {}).then((r) => {
      if (!r.ok) return setError(r.error);
      setS(r.value);
      setUrl(r.value.httpUrl ?? '');
      setTimeoutSec(Math.round(r.value.timeoutMs / 1000));
    });
  }, []);

  const save = async () => {
    if (!s) return;
    setSaving(true);
    const r = await invoke('dial.saveSettings', {
      mode: s.mode,
      httpUrl: url.trim() === '' ? null : url.trim(),
      ...(clearToken ? { token: null } : token.trim() ? { token: token.trim() } : {}),
      timeoutMs: Math.round(timeoutSec * 1000),
    });
    setSaving(false);
    if (!r.ok) return setError(r.error);
    message.success({ content: t('dial.saved'), key: 'dial-settings' });
    dialSettingsChanged.dispatchEvent(new Event('change'));
    onClose();
  };

  const fieldError = (f: 'httpUrl' | 'timeoutMs'): string | null => {
    if (!error || error.field !== f) return null;
    return error.rule && i18n.exists(`rules.${error.rule}`) ? translateRule(t, error, locale) : t('dial.invalidField', { field: t(`dial.fields.${f}`) });
  };
  const general = error && error.field !== 'httpUrl' && error.field !== 'timeoutMs' ? translateError(t, error, locale) : null;

  return (
    <Modal
      open
      title={t('dial.settingsTitle')}
      okText={t('dial.save')}
      cancelText={t('payment.cancel')}
      onOk={() => void save()}
      onCancel={onClose}
      confirmLoading={saving}
      width={520}
      okButtonProps={{ ...({ 'data-testid': 'dial-settings-save' } as Record<string, string>) }}
    >
      {/* keys typed here are not the workstation's hotkeys; Esc still closes */}
      <div data-testid="dial-settings" onKeyDown={(e) => e.key !== 'Escape' && e.stopPropagation()}>
        <Form layout="vertical" component="div">
          <Form.Item label={t('dial.howLabel')}>
            <Radio.Group value={s?.mode} onChange={(e) => s && setS({ ...s, mode: e.target.value as DialMode })}>
              {MODES.map((m) => (
                <Radio key={m} value={m} data-testid={`dial-mode-${m}`}>
                  {t(`dial.mode.${m}`)}
                </Radio>
              ))}
            </Radio.Group>
          </Form.Item>
          {s?.mode === 'http' && (
            <>
              <Form.Item label={t('dial.fields.httpUrl')} required validateStatus={fieldError('httpUrl') ? 'error' : undefined} help={fieldError('httpUrl')}>
                <Input
                  value={url}
                  onChange={(e) => {
                    setUrl(e.target.value);
                    setError(null);
                  }}
                  placeholder="http://127.0.0.1:8088/dial"
                  autoComplete="off"
                  spellCheck={false}
                  data-testid="dial-url"
                />
              </Form.Item>
              <Form.Item label={t('dial.fields.token')} help={s.hasToken && !clearToken ? t('dial.tokenKept') : undefined}>
                <Input.Password
                  value={token}
                  onChange={(e) => {
                    setToken(e.target.value);
                    setClearToken(false);
                  }}
                  placeholder={t('dial.tokenPlaceholder')}
                  autoComplete="off"
                  data-testid="dial-token"
                />
              </Form.Item>
              {s.hasToken && !clearToken && (
                <Button
                  size="small"
                  type="link"
                  onClick={() => {
                    setClearToken(true);
                    setToken('');
                  }}
                  data-testid="dial-token-clear"
                >
                  {t('dial.tokenClear')}
                </Button>
              )}
              <Form.Item label={t('dial.fields.timeoutMs')} validateStatus={fieldError('timeoutMs') ? 'error' : undefined} help={fieldError('timeoutMs')}>
                <InputNumber min={1} max={30} value={timeoutSec} onChange={(v) => setTimeoutSec(v ?? 5)} suffix={t('dial.seconds')} data-testid="dial-timeout" />
              </Form.Item>
            </>
          )}
          <div className="tl-muted">{t(`dial.help.${s?.mode ?? 'none'}`)}</div>
        </Form>
        {general && <Alert type="error" showIcon title={general} />}
      </div>
    </Modal>
  );
}
