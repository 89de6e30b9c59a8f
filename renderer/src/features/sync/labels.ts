import type { TFunction } from 'i18next';
import { i18n } from '../../i18n';

const has = (key: string): boolean => i18n.exists(key) && typeof i18n.t(key, { returnObjects: true }) === 'string';

/** SyncStatus.lastError is a key under sync.errors. */
export function syncErrorText(t: TFunction, code: string | null): string {
  if (!code) return t('common.none');
  const key = `sync.errors.${code}`;
  return has(key) ? t(key) : t('sync.errors.unknown', { code });
}

/** RejectionView.reason is a key under rejections. (REJECTION_REASONS). */
export function rejectionText(t: TFunction, reason: string): string {
  const key = `rejections.${reason}`;
  return has(key) ? t(key) : t('rejections.unknown', { reason });
}

/** A mutation name ('attempt.save') as what the agent did. */
export function mutationLabel(t: TFunction, name: string): string {
  const key = `sync.what.${name.replace(/\./g, '_')}`;
  return has(key) ? t(key) : name;
}
