/** Helpers for the parts an agent does not need at first paint (loaded with React.lazy). */
import { useState } from 'react';
import Spin from 'antd/es/spin';
import { useTranslation } from 'react-i18next';

/**
 * True from the first time `open` is true: a drawer or dialog is fetched when it first opens,
 * then stays mounted (its closing animation and its state work as if it had always been there).
 */
export function useOpenedOnce(open: boolean): boolean {
  const [opened, setOpened] = useState(open);
  if (open && !opened) setOpened(true);
  return opened || open;
}

/** Shown while a lazy part arrives: a small spinner in place, or over the page for a drawer or dialog. */
export function LazyFallback({ overlay = false }: { overlay?: boolean }) {
  const { t } = useTranslation();
  return (
    <div className={overlay ? 'lazy-fallback overlay' : 'lazy-fallback'} role="status" aria-label={t('app.loading')}>
      <Spin size="small" />
    </div>
  );
}
