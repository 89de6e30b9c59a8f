import type { TFunction } from 'i18next';
import type { OutcomeCode, SyncStatus, UnsyncedDetail } from '../../../../shared/contract';
import type { Locale } from '../../../../shared/domain/enums';
import { i18n } from '../../i18n';
import { money } from '../../lib/format';

const has = (key: string): boolean => i18n.exists(key) && typeof i18n.t(key, { returnObjects: true }) === 'string';

export type ConnectionState = 'local' | 'syncing' | 'online' | 'offline' | 'refused';

/**
 * What the top bar and the drawer say about the connection. The hub answering is not "online"
 * when it refuses the account (disabled, signed out): no work gets through, so no green dot.
 */
export function connectionState(status: SyncStatus | null): ConnectionState {
  if (!status || status.mode === 'local') return 'local';
  if (status.syncing) return 'syncing';
  if (status.lastError === 'unauthenticated' || status.lastError === 'forbidden') return 'refused';
  return status.online ? 'online' : 'offline';
}

/** SyncStatus.lastError is a key under sync.errors. */
export function syncErrorText(t: TFunction, code: string | null): string {
  if (!code) return t('common.none');
  const key = `sync.errors.${code}`;
  return has(key) ? t(key) : t('sync.errors.unknown', { code });
}

/**
 * RejectionView.reason is a key under rejections. (REJECTION_REASONS). A `ruleViolation` names
 * the rule in its detail (a key under rules.); the hub sends no values for the rule's
 * placeholders, so they show as an ellipsis.
 */
export function rejectionText(t: TFunction, reason: string, detail: string | null = null): string {
  const key = `rejections.${reason}`;
  if (!has(key)) return t('rejections.unknown', { reason });
  if (reason !== 'ruleViolation') return t(key);
  const ruleKey = `rules.${detail ?? ''}`;
  const rule = detail !== null && has(ruleKey) ? String(t(ruleKey)).replace(/\{\{\s*\w+\s*\}\}/g, '…') : (detail ?? '');
  return t(key, { rule });
}

/** A mutation name ('attempt.save') as what the agent did. */
export function mutationLabel(t: TFunction, name: string): string {
  const key = `sync.what.${name.replace(/\./g, '_')}`;
  return has(key) ? t(key) : name;
}

/** One line for an unsynced change, in the desk's language (the core sends it as data). */
export function unsyncedText(t: TFunction, d: UnsyncedDetail, locale: Locale, codes: readonly OutcomeCode[]): string {
  const state = (s: string): string => t(`enums.promiseState.${s}`, { defaultValue: s });
  switch (d.kind) {
    case 'attempt': {
      const outcome = codes.find((c) => c.code === d.outcomeCode)?.label[locale] ?? d.outcomeCode;
      const head = d.ptp ? t('sync.detail.attemptPtp', { outcome, amount: money(d.ptp.amountFen, locale), date: d.ptp.dueDate }) : outcome;
      return d.note ? `${head} · ${d.note}` : head;
    }
    case 'payment':
      return t('sync.detail.payment', { amount: money(d.amountFen, locale), date: d.paidDate });
    case 'promise':
      return d.paidFen > 0
        ? t('sync.detail.promisePaid', { from: state(d.from), to: state(d.to), paid: money(d.paidFen, locale) })
        : t('sync.detail.promise', { from: state(d.from), to: state(d.to) });
    case 'phone':
      return d.tail4 === null ? t('sync.detail.phoneCleared') : t('sync.detail.phone', { tail4: d.tail4 });
    case 'assign':
      return d.agentName === null ? t('sync.detail.unassign', { count: d.count }) : t('sync.detail.assign', { count: d.count, name: d.agentName });
    case 'other':
      return '';
  }
}

/** SyncStatus.settingsWarnings (setting keys) as words, joined in the desk's language. */
export function settingKeysText(t: TFunction, keys: readonly string[]): string {
  return keys.map((k) => (has(`sync.settingKeys.${k}`) ? t(`sync.settingKeys.${k}`) : k)).join(t('sync.keySeparator'));
}
