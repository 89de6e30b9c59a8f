import { lazy, Suspense, useState } from 'react';
import Button from 'antd/es/button';
import ImportOutlined from '@ant-design/icons/es/icons/ImportOutlined';
import { useTranslation } from 'react-i18next';
import { useOpenedOnce } from '../../lib/lazy';

// The drawer (and its tables) loads when first opened.
const ImporterDrawer = lazy(() => import('./ImporterDrawer').then((m) => ({ default: m.ImporterDrawer })));

/** 导入委案: the lead console's entry to a batch import. */
export function ImportButton() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const mounted = useOpenedOnce(open);
  return (
    <>
      <Button size="small" icon={<ImportOutlined />} onClick={() => setOpen(true)} data-testid="importer-open">
        {t('importer.open')}
      </Button>
      {mounted && (
        <Suspense fallback={null}>
          <ImporterDrawer open={open} onClose={() => setOpen(false)} />
        </Suspense>
      )}
    </>
  );
}
