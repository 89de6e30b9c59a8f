import Segmented from 'antd/es/segmented';
import { useTranslation } from 'react-i18next';
import type { Locale } from '../../../../shared/domain/enums';
import { useSession } from '../../lib/session';

const OPTIONS: { value: Locale; label: string }[] = [
  { value: 'zh-CN', label: '中文' },
  { value: 'en', label: 'EN' },
];

/** 中文 / EN: switches the UI at once and stores the choice in the desk settings. */
export function LanguageSwitch({ size = 'small' }: { size?: 'small' | 'middle' }) {
  const { t } = useTranslation();
  const locale = useSession((s) => s.locale);
  const setLocale = useSession((s) => s.setLocale);
  return (
    <Segmented
      data-testid="language-switch"
      aria-label={t('topbar.language')}
      size={size}
      value={locale}
      options={OPTIONS.map((o) => ({ ...o, label: <span data-testid={`lang-${o.value}`}>{o.label}</span> }))}
      onChange={(v) => void setLocale(v as Locale)}
    />
  );
}
