import { useEffect } from 'react';
import Tooltip from 'antd/es/tooltip';
import CloudOutlined from '@ant-design/icons/es/icons/CloudOutlined';
import SyncOutlined from '@ant-design/icons/es/icons/SyncOutlined';
import WarningFilled from '@ant-design/icons/es/icons/WarningFilled';
import { useTranslation } from 'react-i18next';
import { shortInstant } from '../../lib/format';
import { shutWhileOpen } from '../../lib/opener-tooltip';
import { useTimeZone } from '../../lib/session';
import { useNow } from '../../lib/useNow';
import { connectionState, settingKeysText, syncErrorText } from './labels';
import { startSyncWatch, useSync } from './store';

/**
 * The top bar's sync state: 仅本机 in local mode; in hub mode a dot (green online, grey
 * offline, spinning while syncing), 待同步 N, 上次同步 HH:mm and a red badge of rejected items.
 * Click: the sync drawer (mounted by the app outside the per-session screen, so it stays open
 * while the desk switches accounts).
 */
export function SyncIndicator() {
  const { t } = useTranslation();
  const zone = useTimeZone();
  const status = useSync((s) => s.status);
  const openDrawer = useSync((s) => s.openDrawer);
  const drawerOpen = useSync((s) => s.drawerOpen);
  useNow(60_000); // "HH:mm" becomes "MM-DD HH:mm" after midnight
  useEffect(() => startSyncWatch(), []);

  const local = !status || status.mode === 'local';
  const state = connectionState(status);
  const stateText = state === 'syncing' ? t('sync.syncing') : state === 'online' ? t('sync.online') : state === 'refused' ? t('team2.refused') : t('sync.offline');
  const tip = local
    ? t('sync.localOnlyHint')
    : [
        state === 'refused' ? t('team2.refusedHint') : stateText,
        status.hubUrl ?? '',
        status.lastError ? syncErrorText(t, status.lastError) : '',
        status.settingsWarnings.length ? t('sync.settingsWarningShort', { keys: settingKeysText(t, status.settingsWarnings) }) : '',
      ]
        .filter(Boolean)
        .join(' · ');

  return (
    <>
      <Tooltip title={tip} placement="bottom" {...shutWhileOpen(drawerOpen)}>
        <button
          type="button"
          className={`sync-indicator sync-${state}`}
          onClick={openDrawer}
          aria-label={t('sync.open')}
          data-testid="sync-indicator"
          data-mode={local ? 'local' : 'hub'}
          data-state={state}
          data-online={status?.online ? 'true' : 'false'}
          data-pending={status?.pending ?? 0}
        >
          {local ? (
            <>
              <CloudOutlined />
              <span data-testid="sync-local">{t('sync.localOnly')}</span>
            </>
          ) : (
            <>
              {state === 'syncing' ? (
                <SyncOutlined spin className="sync-spin" data-testid="sync-dot" data-state="syncing" />
              ) : (
                <span className="sync-dot" data-testid="sync-dot" data-state={state} />
              )}
              <span className="sync-state" data-testid="sync-online">
                {stateText}
              </span>
              <span className={`sync-pending${status.pending > 0 ? ' has-pending' : ''}`} data-testid="sync-pending" data-count={status.pending}>
                {t('sync.pending', { count: status.pending })}
              </span>
              <span className="sync-last" data-testid="sync-last">
                {status.lastSyncAt ? t('sync.lastSync', { time: shortInstant(status.lastSyncAt, zone) }) : t('sync.neverSynced')}
              </span>
              {status.lastError && status.lastError !== 'offline' && state !== 'refused' && <WarningFilled className="sync-warn" data-testid="sync-error-icon" />}
              {status.settingsWarnings.length > 0 && (
                <WarningFilled className="sync-warn" data-testid="sync-settings-warning-icon" aria-label={t('sync.settingsWarningTitle')} />
              )}
            </>
          )}
          {status && status.rejections > 0 && (
            <span className="sync-rejected" data-testid="sync-rejections" data-count={status.rejections} title={t('sync.rejected', { count: status.rejections })}>
              {status.rejections}
            </span>
          )}
        </button>
      </Tooltip>
    </>
  );
}
