import { lazy, Suspense, useState } from 'react';
import Button from 'antd/es/button';
import SettingOutlined from '@ant-design/icons/es/icons/SettingOutlined';
import { useTranslation } from 'react-i18next';
import { LazyFallback, useOpenedOnce } from '../../lib/lazy';

// The drawer loads when first opened.
const MessageSettingsDrawer = lazy(() => import('./MessageSettingsDrawer').then((m) => ({ default: m.MessageSettingsDrawer })));

/** The lead view's 短信设置 button: the SMS gateway and the team's templates, without opening a case. */
export function MessageSettingsButton() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const mounted = useOpenedOnce(open);
  return (
    <>
      <Button size="small" icon={<SettingOutlined />} onClick={() => setOpen(true)} data-testid="message-settings-open">
        {t('messages.settings.open')}
      </Button>
      {mounted && (
        <Suspense fallback={<LazyFallback overlay />}>
          <MessageSettingsDrawer open={open} onClose={() => setOpen(false)} />
        </Suspense>
      )}
    </>
  );
}
