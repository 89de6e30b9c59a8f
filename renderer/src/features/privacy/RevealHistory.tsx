import { lazy, Suspense, useState } from 'react';
import Button from 'antd/es/button';
import Tooltip from 'antd/es/tooltip';
import AuditOutlined from '@ant-design/icons/es/icons/AuditOutlined';
import { useTranslation } from 'react-i18next';
import { LazyFallback, useOpenedOnce } from '../../lib/lazy';
import { shutWhileOpen } from '../../lib/opener-tooltip';

const RevealHistoryDrawer = lazy(() => import('./RevealHistoryDrawer').then((m) => ({ default: m.RevealHistoryDrawer })));

/** A top-bar button opening the agent's own reveal history (the drawer loads on first open). */
export function RevealHistory() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const mounted = useOpenedOnce(open);
  return (
    <>
      <Tooltip title={t('privacy.revealsButton')} {...shutWhileOpen(open)}>
        <Button size="small" type="text" icon={<AuditOutlined />} onClick={() => setOpen(true)} data-testid="reveal-history" aria-label={t('privacy.revealsButton')} />
      </Tooltip>
      {mounted && (
        <Suspense fallback={<LazyFallback overlay />}>
          <RevealHistoryDrawer open={open} onClose={() => setOpen(false)} />
        </Suspense>
      )}
    </>
  );
}
