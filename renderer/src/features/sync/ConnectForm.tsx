import { useState } from 'react';
import Alert from 'antd/es/alert';
import App from 'antd/es/app';
import Button from 'antd/es/button';
import Form from 'antd/es/form';
import Input from 'antd/es/input';
import ApiOutlined from '@ant-design/icons/es/icons/ApiOutlined';
import LockOutlined from '@ant-design/icons/es/icons/LockOutlined';
import UserOutlined from '@ant-design/icons/es/icons/UserOutlined';
import { useTranslation } from 'react-i18next';
import type { DeskError } from '../../../../shared/contract';
import { invoke } from '../../api';
import { translateError } from '../../lib/errors';
import { useLocale, useSession } from '../../lib/session';
import { runBeforeCaseSwitch, useWorkspace } from '../../lib/workspace';
import { normalizeHubUrl } from './hubUrl';
import { useSync } from './store';

interface ConnectValues {
  hubUrl: string;
  username: string;
  password: string;
}

/** 连接团队服务器: hub URL, username, password -> sync.connect; the desk keeps a token, never the password. */
export function ConnectForm({ initialUrl, initialUser }: { initialUrl: string | null; initialUser: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { message } = App.useApp();
  const setStatus = useSync((s) => s.setStatus);
  const [form] = Form.useForm<ConnectValues>();
  const [error, setError] = useState<DeskError | null>(null);
  const [busy, setBusy] = useState(false);

  const onFinish = async (values: ConnectValues) => {
    const hubUrl = normalizeHubUrl(values.hubUrl);
    if (!hubUrl) return;
    setBusy(true);
    setError(null);
    await runBeforeCaseSwitch(); // the open draft is flushed before the desk switches databases
    const res = await invoke('sync.connect', { hubUrl, username: values.username.trim(), password: values.password });
    if (!res.ok) {
      setBusy(false);
      setError(res.error);
      form.setFieldValue('password', '');
      return;
    }
    setStatus(res.value);
    form.setFieldValue('password', '');
    useWorkspace.getState().closeCase();
    const agent = await useSession.getState().reload();
    setBusy(false);
    message.success(t('sync.connected', { name: agent?.displayName ?? values.username }));
    void useSync.getState().loadLists();
  };

  return (
    <Form<ConnectValues>
      form={form}
      layout="vertical"
      requiredMark={false}
      initialValues={{ hubUrl: initialUrl ?? '', username: initialUser, password: '' }}
      onFinish={(v) => void onFinish(v)}
      onValuesChange={() => error && setError(null)}
      className="connect-form"
      data-testid="connect-form"
    >
      {error && (
        <Alert type="error" showIcon title={t('sync.connectFailed')} description={translateError(t, error, locale)} data-testid="connect-error" className="connect-error" />
      )}
      <Form.Item
        name="hubUrl"
        label={t('sync.hubUrl')}
        rules={[
          { required: true, whitespace: true, message: t('sync.hubUrlRequired') },
          { validator: (_r, v: string) => (!v?.trim() || normalizeHubUrl(v) ? Promise.resolve() : Promise.reject(new Error(t('sync.hubUrlInvalid')))) },
        ]}
      >
        <Input prefix={<ApiOutlined />} placeholder={t('sync.hubUrlPlaceholder')} autoComplete="url" data-testid="connect-url" />
      </Form.Item>
      <div className="connect-row">
        <Form.Item name="username" label={t('sync.username')} rules={[{ required: true, whitespace: true, message: t('sync.usernameRequired') }]}>
          <Input prefix={<UserOutlined />} autoComplete="username" data-testid="connect-username" />
        </Form.Item>
        <Form.Item name="password" label={t('sync.password')} rules={[{ required: true, message: t('sync.passwordRequired') }]}>
          <Input.Password prefix={<LockOutlined />} autoComplete="current-password" data-testid="connect-password" />
        </Form.Item>
      </div>
      <Button type="primary" htmlType="submit" loading={busy} data-testid="connect-submit">
        {t('sync.connect')}
      </Button>
    </Form>
  );
}
