import { useEffect, useState, type ReactNode } from 'react';
import Alert from 'antd/es/alert';
import Button from 'antd/es/button';
import Card from 'antd/es/card';
import Form from 'antd/es/form';
import Input from 'antd/es/input';
import Typography from 'antd/es/typography';
import LockOutlined from '@ant-design/icons/es/icons/LockOutlined';
import UserOutlined from '@ant-design/icons/es/icons/UserOutlined';
import { useTranslation } from 'react-i18next';
import type { DeskError } from '../../../../shared/contract';
import { invoke } from '../../api';
import { translateError } from '../../lib/errors';
import { useSession } from '../../lib/session';

interface LoginValues {
  username: string;
  password: string;
}

/** The sign-in card; `headerExtra` takes the language switch, `notice` the hub note (composed by the app). */
export function LoginScreen({ headerExtra, notice }: { headerExtra?: ReactNode; notice?: ReactNode }) {
  const { t } = useTranslation();
  const locale = useSession((s) => s.locale);
  const expired = useSession((s) => s.expired);
  const setAgent = useSession((s) => s.setAgent);
  const loadDeskData = useSession((s) => s.loadDeskData);
  const [error, setError] = useState<DeskError | null>(null);
  const [busy, setBusy] = useState(false);
  // The demo accounts exist only on a local desk: a desk joined to a team hub signs in with hub accounts.
  const [localDesk, setLocalDesk] = useState(false);
  useEffect(() => {
    let live = true;
    void invoke('sync.status', {}).then((r) => live && setLocalDesk(r.ok && r.value.mode === 'local'));
    return () => {
      live = false;
    };
  }, []);

  const onFinish = async (values: LoginValues) => {
    setBusy(true);
    setError(null);
    const res = await invoke('auth.login', { username: values.username, password: values.password });
    if (!res.ok) {
      setBusy(false);
      setError(res.error);
      return;
    }
    await loadDeskData();
    setBusy(false);
    setAgent(res.value.agent);
  };

  return (
    <div className="login-page">
      <Card className="login-card" data-testid="login-card">
        <div className="login-head">
          <div>
            <Typography.Title level={3} style={{ margin: 0 }}>
              {t('auth.title')}
            </Typography.Title>
            <Typography.Text type="secondary">{t('auth.subtitle')}</Typography.Text>
          </div>
          {headerExtra}
        </div>
        {notice}
        {expired && !error && <Alert type="warning" showIcon title={t('auth.sessionExpired')} style={{ marginBottom: 12 }} />}
        {error && (
          <Alert
            data-testid="login-error"
            type="error"
            showIcon
            title={translateError(t, error, locale)}
            style={{ marginBottom: 12 }}
          />
        )}
        <Form<LoginValues> layout="vertical" onFinish={(v) => void onFinish(v)} requiredMark={false} size="large">
          <Form.Item name="username" label={t('auth.username')} rules={[{ required: true, message: t('auth.usernameRequired') }]}>
            <Input prefix={<UserOutlined />} autoFocus autoComplete="username" data-testid="login-username" />
          </Form.Item>
          <Form.Item name="password" label={t('auth.password')} rules={[{ required: true, message: t('auth.passwordRequired') }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" data-testid="login-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy} data-testid="login-submit">
            {t('auth.submit')}
          </Button>
        </Form>
        {localDesk && (
          <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0, fontSize: 12 }} data-testid="login-demo-hint">
            {t('auth.demoHint')}
          </Typography.Paragraph>
        )}
      </Card>
    </div>
  );
}
