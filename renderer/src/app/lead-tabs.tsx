/** The tabs the lead's screen shows beside 分案, composed here because features never import one another. */
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import type { LeadTab } from '../features/lead/LeadView';
import { LazyFallback } from '../lib/lazy';

// The dashboard (and ECharts with it) loads when its tab is first opened.
const DashboardView = lazy(() => import('../features/dashboard/DashboardView').then((m) => ({ default: m.DashboardView })));
const PendingPayments = lazy(() => import('../features/payments/PendingPayments').then((m) => ({ default: m.PendingPayments })));

export function useLeadTabs(): LeadTab[] {
  const { t } = useTranslation();
  return [
    {
      key: 'dashboard',
      label: <span data-testid="lead-tab-dashboard">{t('dashboard.tab')}</span>,
      children: (
        <Suspense fallback={<LazyFallback />}>
          <DashboardView />
        </Suspense>
      ),
    },
    {
      key: 'payments',
      label: <span data-testid="lead-tab-payments">{t('paymentVerify.tab')}</span>,
      children: (
        <Suspense fallback={<LazyFallback />}>
          <PendingPayments />
        </Suspense>
      ),
    },
  ];
}
