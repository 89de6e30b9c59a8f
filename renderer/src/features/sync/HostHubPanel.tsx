import { useState } from 'react';
import Alert from 'antd/es/alert';
import App from 'antd/es/app';
import Button from 'antd/es/button';
import Form from 'antd/es/form';
import Input from 'antd/es/input';
import Typography from 'antd/es/typography';
// Used only by this lazily loaded part: deep imports keep them out of the first-paint chunk.
import InputNumber from 'antd/es/input-number';
import Switch from 'antd/es/switch';
import CopyOutlined from '@ant-design/icons/es/icons/CopyOutlined';
import LockOutlined from '@ant-design/icons/es/icons/LockOutlined';
import { useTranslation } from 'react-i18next';
import type { DeskError } from '../../../../shared/contract';
import { invoke } from '../../api';
import { translateError } from '../../lib/errors';
import { useLocale, useSession } from '../../lib/session';
import { runBeforeCaseSwitch, useWorkspace } from '../../lib/workspace';
import { useSync } from './store';

interface HostValues {
  port: number;
  password: string;
}

/** A lead's desk hosts the team hub in-process; shows the LAN addresses agents should use. */
export function HostHubPanel() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { message } = App.useApp();
  const hosting = useSync((s) => s.status?.hosting ?? null);
  const setStatus = useSync((s) => s.setStatus);
  const [form] = Form.useForm<HostValues>();
  const [error, setError] = useState<DeskError | null>(null);
  const [busy, setBusy] = useState(false);

  const enable = async (values: HostValues) => {
    setBusy(true);
    setError(null);
    await runBeforeCaseSwitch();
    const res = await invoke('hub.host', { enabled: true, port: values.port, password: values.password });
    form.setFieldValue('password', '');
    if (!res.ok) {
      setBusy(false);
      setError(res.error);
      return;
    }
    setStatus(res.value);
    // the desk now syncs with its own hub (another database): who is signed in, again
    useWorkspace.getState().closeCase();
    await useSession.getState().reload();
    setBusy(false);
    message.success(t('sync.hostOn', { port: res.value.hosting?.port ?? values.port }));
  };

  const disable = async () => {
    setBusy(true);
    setError(null);
    const res = await invoke('hub.host', { enabled: false });
    setBusy(false);
    if (!res.ok) {
      setError(res.error);
      return;
    }
    setStatus(res.value);
    message.info(t('sync.hostOff'));
  };

  const copy = async (url: string) => {
    try {
      await navigator.clipboard.writeText(url);
      message.success(t('sync.copied'));
    } catch {
      /* clipboard unavailable: the address is selectable text */
    }
  };

  return (
    <div className="host-panel" data-testid="host-panel" data-hosting={hosting ? 'true' : 'false'}>
      <div className="sync-section-head">
        <Typography.Title level={5}>{t('sync.hostTitle')}</Typography.Title>
        <Switch
          checked={!!hosting}
          loading={busy}
          onChange={(on) => (on ? form.submit() : void disable())}
          data-testid="host-switch"
          aria-label={t('sync.hostEnable')}
        />
      </div>
      <Typography.Paragraph type="secondary">{t('sync.hostIntro')}</Typography.Paragraph>
      {!hosting && (
        <ul className="host-explain" data-testid="host-explain">
          <li>{t('team2.host.what1')}</li>
          <li>{t('team2.host.what2')}</li>
          <li>{t('team2.host.what3')}</li>
        </ul>
      )}
      {hosting && <Typography.Paragraph type="secondary" data-testid="host-off-note">{t('team2.host.offNote')}</Typography.Paragraph>}
      {error && <Alert type="error" showIcon title={translateError(t, error, locale)} data-testid="host-error" className="connect-error" />}
      {hosting ? (
        <div data-testid="host-urls">
          <Typography.Text strong>{t('sync.hostOn', { port: hosting.port })}</Typography.Text>
          <div className="host-urls-label">{t('sync.hostUrls')}</div>
          {hosting.urls.length === 0 ? (
            <Typography.Text type="warning">{t('sync.hostNoUrls')}</Typography.Text>
          ) : (
            <ul className="host-url-list">
              {hosting.urls.map((u) => (
                <li key={u} data-testid="host-url">
                  <Typography.Text code copyable={false} className="num">
                    {u}
                  </Typography.Text>
                  <Button size="small" type="text" icon={<CopyOutlined />} onClick={() => void copy(u)} aria-label={t('sync.copy')} />
                </li>
              ))}
            </ul>
          )}
        </div>
      ) : (
        <Form<HostValues> form={form} layout="inline" requiredMark={false} initialValues={{ port: 7420, password: '' }} onFinish={(v) => void enable(v)} data-testid="host-form">
          <Form.Item name="port" label={t('sync.hostPort')} rules={[{ required: true, type: 'integer', min: 1024, max: 65535 }]}>
            <InputNumber min={1024} max={65535} precision={0} style={{ width: 100 }} data-testid="host-port" />
          </Form.Item>
          <Form.Item name="password" label={t('sync.hostPassword')} tooltip={t('sync.hostPasswordHint')} rules={[{ required: true, message: t('sync.passwordRequired') }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" style={{ width: 180 }} data-testid="host-password" />
          </Form.Item>
          <Form.Item>
            <Button htmlType="submit" loading={busy} data-testid="host-enable">
              {t('sync.hostEnable')}
            </Button>
          </Form.Item>
        </Form>
      )}
    </div>
  );
}
