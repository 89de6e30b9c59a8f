import { lazy, Suspense, useState } from 'react';
import Button from 'antd/es/button';
import MessageOutlined from '@ant-design/icons/es/icons/MessageOutlined';
import { useTranslation } from 'react-i18next';
import { LazyFallback, useOpenedOnce } from '../../lib/lazy';
import { useWorkspace } from '../../lib/workspace';

const MessagesDrawer = lazy(() => import('./MessagesDrawer').then((m) => ({ default: m.MessagesDrawer })));

/** 短信/信函 on the case screen: the drawer (templates, preview, send, history, evidence) loads when first opened. */
export function MessagesButton() {
  const { t } = useTranslation();
  const caseId = useWorkspace((s) => s.caseId);
  const [open, setOpen] = useState(false);
  const mounted = useOpenedOnce(open);
  return (
    <>
      <Button size="small" icon={<MessageOutlined />} onClick={() => setOpen(true)} data-testid="messages-open">
        {t('messages.open')}
      </Button>
      {mounted && caseId && (
        <Suspense fallback={<LazyFallback overlay />}>
          <MessagesDrawer caseId={caseId} open={open} onClose={() => setOpen(false)} />
        </Suspense>
      )}
    </>
  );
}
