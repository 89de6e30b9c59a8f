import { lazy, Suspense, useState } from 'react';
import Button from 'antd/es/button';
import PartitionOutlined from '@ant-design/icons/es/icons/PartitionOutlined';
import { useTranslation } from 'react-i18next';
import { LazyFallback, useOpenedOnce } from '../../lib/lazy';

// The drawer (its table and form) loads when first opened.
const DistributionDrawer = lazy(() => import('./DistributionDrawer').then((m) => ({ default: m.DistributionDrawer })));

/** The lead view's 批量分案 button: distribute by filters, rebalance an absent agent, recall a batch. */
export function DistributionButton() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const mounted = useOpenedOnce(open);
  return (
    <>
      <Button size="small" icon={<PartitionOutlined />} onClick={() => setOpen(true)} data-testid="dist-open">
        {t('distribution.open')}
      </Button>
      {mounted && (
        <Suspense fallback={<LazyFallback overlay />}>
          <DistributionDrawer open={open} onClose={() => setOpen(false)} />
        </Suspense>
      )}
    </>
  );
}
