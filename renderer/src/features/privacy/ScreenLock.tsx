import { useCallback, useEffect, useRef, useState } from 'react';
import Button from 'antd/es/button';
import Form from 'antd/es/form';
import Input from 'antd/es/input';
import Typography from 'antd/es/typography';
import LockOutlined from '@ant-design/icons/es/icons/LockOutlined';
import { useTranslation } from 'react-i18next';
import type { DeskError } from '../../../../shared/contract';
import { invoke } from '../../api';
import { translateError } from '../../lib/errors';
import { useSession } from '../../lib/session';
import { useWorkspace } from '../../lib/workspace';
import { shouldLock } from './idle';

const ACTIVITY = ['mousemove', 'mousedown', 'keydown', 'wheel', 'touchstart'] as const;
const CHECK_MS = 15_000;

/**
 * Locks the desk after the team's idle minutes (the core then refuses everything but
 * unlocking) and covers the screen until the agent's password is entered. A locked desk
 * stays locked across a reload (privacy.lockState).
 */
export function ScreenLock() {
  const { t } = useTranslation();
  const locale = useSession((s) => s.locale);
  const agent = useSession((s) => s.agent);
  const [locked, setLocked] = useState(false);
  const [error, setError] = useState<DeskError | null>(null);
  const [busy, setBusy] = useState(false);
  const idleMinutes = useRef(5);
  const lastActivity = useRef(Date.now());
  const [form] = Form.useForm<{ password: string }>();

  const lock = useCallback(async () => {
    const r = await invoke('privacy.lock', {});
    if (r.ok) setLocked(true);
  }, []);

  useEffect(() => {
    void invoke('privacy.lockState', {}).then((r) => {
      if (!r.ok) return;
      idleMinutes.current = r.value.idleMinutes;
      if (r.value.locked) setLocked(true);
    });
    const seen = (): void => {
      lastActivity.current = Date.now();
    };
    for (const e of ACTIVITY) window.addEventListener(e, seen, { passive: true, capture: true });
    const timer = window.setInterval(() => {
      const inCall = useWorkspace.getState().call.startedAt !== null;
      if (shouldLock(Date.now(), lastActivity.current, idleMinutes.current, inCall)) void lock();
    }, CHECK_MS);
    return () => {
      for (const e of ACTIVITY) window.removeEventListener(e, seen, { capture: true });
      window.clearInterval(timer);
    };
  }, [lock]);

  useEffect(() => {
    if (!locked) return;
    form.resetFields();
    setError(null);
  }, [locked, form]);

  if (!locked) return null;
  const unlock = async ({ password }: { password: string }) => {
    setBusy(true);
    const r = await invoke('privacy.unlock', { password });
    setBusy(false);
    if (r.ok) {
      lastActivity.current = Date.now();
      setLocked(false);
      return;
    }
    setError(r.error);
    form.setFieldValue('password', '');
  };
  return (
    <div className="screen-lock" role="dialog" aria-modal="true" aria-labelledby="screen-lock-title" data-testid="screen-lock">
      <div className="screen-lock-card">
        <LockOutlined className="screen-lock-icon" />
        <Typography.Title level={4} id="screen-lock-title">
          {t('privacy.lockTitle')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('privacy.lockBody', { name: agent?.displayName ?? '', minutes: idleMinutes.current })}</Typography.Paragraph>
        <Form form={form} layout="vertical" onFinish={(v) => void unlock(v)} requiredMark={false}>
          <Form.Item
            name="password"
            label={t('privacy.password')}
            rules={[{ required: true, message: t('privacy.password') }]}
            validateStatus={error ? 'error' : undefined}
            help={error ? (error.rule === 'screen.badPassword' ? t('privacy.badPassword') : translateError(t, error, locale)) : undefined}
          >
            <Input.Password autoFocus autoComplete="current-password" data-testid="unlock-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy} data-testid="unlock-submit">
            {t('privacy.unlock')}
          </Button>
        </Form>
      </div>
    </div>
  );
}
