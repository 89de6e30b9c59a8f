import { lazy, Suspense, useEffect } from 'react';
import AntApp from 'antd/es/app';
import ConfigProvider from 'antd/es/config-provider';
import Result from 'antd/es/result';
import theme from 'antd/es/theme';
import zhCN from 'antd/locale/zh_CN';
import enUS from 'antd/locale/en_US';
import { useTranslation } from 'react-i18next';
import { hasBridge } from '../api';
import { dayjs, dayjsLocale } from '../lib/format';
import { useSession } from '../lib/session';
import { LazyFallback, useOpenedOnce } from '../lib/lazy';
import { useReducedMotion } from '../lib/reduced-motion';
import { LoginScreen } from '../features/auth/LoginScreen';
import { LanguageSwitch } from '../features/settings/LanguageSwitch';
import { useSync } from '../features/sync/store';
import { HubLoginNote } from '../features/sync/HubLoginNote';
import { ScreenLock } from '../features/privacy/ScreenLock';
import { ErrorBoundary } from './ErrorBoundary';
import { Workstation } from './Workstation';

// The sync drawer (status, unsynced list, hub connection) loads when the agent first opens it.
const SyncDrawer = lazy(() => import('../features/sync/SyncDrawer').then((m) => ({ default: m.SyncDrawer })));

const FONT =
  '-apple-system, "Segoe UI", "Microsoft YaHei", "PingFang SC", "Hiragino Sans GB", "WenQuanYi Micro Hei", "Noto Sans CJK SC", "Helvetica Neue", Arial, sans-serif';

export function AppRoot() {
  const locale = useSession((s) => s.locale);
  const reducedMotion = useReducedMotion();
  dayjs.locale(dayjsLocale(locale));
  return (
    <ConfigProvider
      locale={locale === 'en' ? enUS : zhCN}
      theme={{
        algorithm: theme.compactAlgorithm,
        // component styles come built (antd/dist/antd.css, main.tsx); only the theme's CSS variables are made at run time
        zeroRuntime: true,
        token: { fontFamily: FONT, fontSize: 13, borderRadius: 4, colorPrimary: '#1558d6', motion: !reducedMotion },
      }}
    >
      <AntApp className="app-root" notification={{ placement: 'bottomLeft', maxCount: 5 }} message={{ maxCount: 3 }}>
        <ErrorBoundary>
          <Shell />
        </ErrorBoundary>
      </AntApp>
    </ConfigProvider>
  );
}

function Shell() {
  const { t } = useTranslation();
  const agent = useSession((s) => s.agent);
  const epoch = useSession((s) => s.epoch);

  useEffect(() => {
    document.title = t('app.title');
  }, [t]);

  if (!hasBridge()) return <Result status="error" title={t('app.bridgeMissing')} />;
  if (!agent) return <LoginScreen headerExtra={<LanguageSwitch />} notice={<HubLoginNote />} />;
  // a new sign-in (or the desk switched to a hub account) starts the screen afresh
  return (
    <>
      <Workstation key={epoch} />
      <LazySyncDrawer />
      <ScreenLock key={`lock-${epoch}`} />
    </>
  );
}

function LazySyncDrawer() {
  const mounted = useOpenedOnce(useSync((s) => s.drawerOpen));
  return mounted ? (
    <Suspense fallback={<LazyFallback overlay />}>
      <SyncDrawer />
    </Suspense>
  ) : null;
}
