import { useEffect, useState } from 'react';
import Alert from 'antd/es/alert';
import App from 'antd/es/app';
import Button from 'antd/es/button';
import Empty from 'antd/es/empty';
import Tag from 'antd/es/tag';
import Typography from 'antd/es/typography';
// Used only by this lazily loaded part: deep imports keep them out of the first-paint chunk.
import Collapse from 'antd/es/collapse';
import Descriptions from 'antd/es/descriptions';
import Drawer from 'antd/es/drawer';
import Popconfirm from 'antd/es/popconfirm';
import CloudDownloadOutlined from '@ant-design/icons/es/icons/CloudDownloadOutlined';
import DisconnectOutlined from '@ant-design/icons/es/icons/DisconnectOutlined';
import SyncOutlined from '@ant-design/icons/es/icons/SyncOutlined';
import { useTranslation } from 'react-i18next';
import type { DeskError } from '../../../../shared/contract';
import { invoke } from '../../api';
import { translateError } from '../../lib/errors';
import { instant } from '../../lib/format';
import { isLeadRole, useLocale, useSession, useTimeZone } from '../../lib/session';
import { runBeforeCaseSwitch, useWorkspace } from '../../lib/workspace';
import { ConnectForm } from './ConnectForm';
import { HostHubPanel } from './HostHubPanel';
import { connectionState, mutationLabel, rejectionText, settingKeysText, syncErrorText, unsyncedText } from './labels';
import { downloadText, useSync } from './store';

/** Sync details: status, 立即同步, the unsynced list and its export, rejections, connection settings. */
export function SyncDrawer() {
  const { t } = useTranslation();
  const locale = useLocale();
  const zone = useTimeZone();
  const codes = useSession((s) => s.outcomeCodes);
  const { message } = App.useApp();
  const open = useSync((s) => s.drawerOpen);
  const close = useSync((s) => s.closeDrawer);
  const status = useSync((s) => s.status);
  const setStatus = useSync((s) => s.setStatus);
  const unsynced = useSync((s) => s.unsynced);
  const rejections = useSync((s) => s.rejections);
  const loadLists = useSync((s) => s.loadLists);
  const agent = useSession((s) => s.agent);
  const [busy, setBusy] = useState<'sync' | 'export' | 'disconnect' | null>(null);
  const [disconnectError, setDisconnectError] = useState<DeskError | null>(null);
  // "still N records to sync" is stale once they have synced
  const pendingNow = status?.pending ?? 0;
  useEffect(() => {
    if (pendingNow === 0) setDisconnectError((e) => (e?.rule === 'sync.pendingWork' ? null : e));
  }, [pendingNow]);

  // signed out (the screen goes away): closed for the next sign-in
  useEffect(() => () => useSync.getState().closeDrawer(), []);

  const hub = status?.mode === 'hub';
  const when = (iso: string | null) => instant(iso, zone, 'MM-DD HH:mm');

  const syncNow = async () => {
    setBusy('sync');
    const res = await invoke('sync.now', {});
    setBusy(null);
    if (!res.ok) {
      message.error(translateError(t, res.error, locale));
      return;
    }
    setStatus(res.value);
    void loadLists();
    if (res.value.lastError) message.warning(t('sync.syncIncomplete', { reason: syncErrorText(t, res.value.lastError) }));
    else message.success(t('sync.synced'));
  };

  const exportUnsynced = async () => {
    setBusy('export');
    const res = await invoke('sync.exportUnsynced', {});
    setBusy(null);
    if (!res.ok) {
      message.error(translateError(t, res.error, locale));
      return;
    }
    downloadText(res.value.fileName, res.value.json);
    message.success(t('sync.exported', { file: res.value.fileName }));
  };

  // The agent has read rejections: the top bar's badge clears; the list keeps them.
  const acknowledge = async (ids?: string[]) => {
    const res = await invoke('sync.ackRejections', ids ? { ids } : {});
    if (!res.ok) {
      message.error(translateError(t, res.error, locale));
      return;
    }
    setStatus(res.value);
    void loadLists();
  };

  const disconnect = async () => {
    setBusy('disconnect');
    setDisconnectError(null);
    await runBeforeCaseSwitch();
    const res = await invoke('sync.disconnect', {});
    setBusy(null);
    if (!res.ok) {
      setDisconnectError(res.error);
      return;
    }
    setStatus(res.value);
    close();
    useWorkspace.getState().closeCase();
    await useSession.getState().reload();
    message.info(t('sync.disconnected'));
  };

  return (
    <Drawer
      open={open}
      onClose={close}
      title={t('sync.title')}
      size={620}
      destroyOnHidden={false}
      className="sync-drawer"
      data-testid="sync-drawer"
      extra={
        hub && (
          <Button type="primary" icon={<SyncOutlined spin={status.syncing} />} loading={busy === 'sync'} onClick={() => void syncNow()} data-testid="sync-now">
            {t('sync.syncNow')}
          </Button>
        )
      }
    >
      <div data-testid="sync-drawer-body">
        <Typography.Title level={5}>{t('sync.statusTitle')}</Typography.Title>
        <Descriptions size="small" column={2} bordered className="sync-status" data-testid="sync-status" styles={{ label: { width: 110, whiteSpace: 'nowrap' } }}>
          <Descriptions.Item label={t('sync.mode')} span={2}>
            <span data-testid="sync-status-mode">{hub ? t('sync.modeHub') : t('sync.modeLocal')}</span>
          </Descriptions.Item>
          {hub && (
            <>
              <Descriptions.Item label={t('sync.hubUrl')} span={2}>
                <span className="num" data-testid="sync-status-url">{status.hubUrl ?? t('common.dash')}</span>
              </Descriptions.Item>
              <Descriptions.Item label={t('sync.hubUser')} span={2}>
                <span data-testid="sync-status-user">
                  {status.hubUser ? `${status.hubUser.displayName}（${status.hubUser.username} · ${t(`enums.role.${status.hubUser.role}`)}）` : t('common.dash')}
                </span>
              </Descriptions.Item>
              <Descriptions.Item label={t('sync.connection')} span={2}>
                <Tag color={{ syncing: 'processing', online: 'success', refused: 'error', offline: 'default', local: 'default' }[connectionState(status)]} data-testid="sync-status-online" title={connectionState(status) === 'refused' ? t('team2.refusedHint') : undefined}>
                  {{ syncing: t('sync.syncing'), online: t('sync.online'), refused: t('team2.refused'), offline: t('sync.offline'), local: t('sync.offline') }[connectionState(status)]}
                </Tag>
              </Descriptions.Item>
              <Descriptions.Item label={t('sync.lastSyncAt')} span={2}>
                <span className="num" data-testid="sync-status-last">{status.lastSyncAt ? instant(status.lastSyncAt, zone) : t('sync.neverSynced')}</span>
              </Descriptions.Item>
              <Descriptions.Item label={t('sync.pendingCount')}>
                <span className="num" data-testid="sync-status-pending">{status.pending}</span>
              </Descriptions.Item>
              <Descriptions.Item label={t('sync.rejectionsCount')}>
                <span className="num" data-testid="sync-status-rejections">{status.rejections}</span>
              </Descriptions.Item>
              <Descriptions.Item label={t('sync.lastError')} span={2}>
                <span data-testid="sync-status-error" className={status.lastError ? 'sync-error-text' : ''}>
                  {syncErrorText(t, status.lastError)}
                </span>
              </Descriptions.Item>
            </>
          )}
        </Descriptions>
        {hub && status.settingsWarnings.length > 0 && (
          <Alert
            type="warning"
            showIcon
            className="sync-note"
            title={t('sync.settingsWarningTitle')}
            description={t('sync.settingsWarning', { keys: settingKeysText(t, status.settingsWarnings) })}
            data-testid="sync-settings-warning"
            data-keys={status.settingsWarnings.join(',')}
          />
        )}

        {hub && (
          <>
            <section className="sync-section" data-testid="unsynced-section">
              <div className="sync-section-head">
                <Typography.Title level={5}>
                  {t('sync.unsyncedTitle')} <Tag data-testid="unsynced-count">{unsynced.length}</Tag>
                </Typography.Title>
                <Button
                  size="small"
                  icon={<CloudDownloadOutlined />}
                  loading={busy === 'export'}
                  disabled={unsynced.length === 0}
                  onClick={() => void exportUnsynced()}
                  data-testid="unsynced-export"
                  title={t('sync.exportHint')}
                >
                  {t('sync.export')}
                </Button>
              </div>
              <Alert type="info" showIcon className="sync-note" title={t('sync.unsyncedNote')} data-testid="unsynced-note" />
              {unsynced.length === 0 ? (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('sync.unsyncedEmpty')} data-testid="unsynced-empty" />
              ) : (
                <ul className="sync-list" data-testid="unsynced-list">
                  {unsynced.map((u) => (
                    <li key={u.mutationId} className="sync-item" data-testid="unsynced-row" data-mutation={u.name} data-case-id={u.caseId ?? ''}>
                      <span className="sync-item-what">{mutationLabel(t, u.name)}</span>
                      <span className="sync-item-case">{u.debtorName ?? (u.caseId ? t('sync.caseNo', { id: u.caseId }) : t('common.dash'))}</span>
                      <span className="sync-item-when num">{when(u.createdAt)}</span>
                      <span className="sync-item-summary" data-testid="unsynced-text" title={unsyncedText(t, u.detail, locale, codes)}>
                        {unsyncedText(t, u.detail, locale, codes)}
                      </span>
                    </li>
                  ))}
                </ul>
              )}
            </section>

            <section className="sync-section" data-testid="rejections-section">
              <div className="sync-section-head">
                <Typography.Title level={5}>
                  {t('sync.rejectionsTitle')}{' '}
                  <Tag color={status.rejections ? 'error' : 'default'} data-testid="rejections-count" data-unread={status.rejections}>
                    {rejections.length}
                  </Tag>
                </Typography.Title>
                {status.rejections > 0 && (
                  <Button size="small" onClick={() => void acknowledge()} data-testid="rejections-ack-all">
                    {t('team2.ackAll')}
                  </Button>
                )}
              </div>
              {rejections.length === 0 ? (
                <Typography.Text type="secondary" data-testid="rejections-empty">{t('sync.rejectionsEmpty')}</Typography.Text>
              ) : (
                <>
                  <Alert type="warning" showIcon className="sync-note" title={t('sync.rejectionsNote')} />
                  <ul className="sync-list" data-testid="rejections-list">
                    {rejections.map((r) => (
                      <li key={r.id} className={`sync-item rejected${r.acknowledgedAt ? ' acked' : ''}`} data-testid="rejection-row" data-reason={r.reason} data-acked={r.acknowledgedAt ? 'true' : 'false'}>
                        <span className="sync-item-what">{mutationLabel(t, r.name)}</span>
                        <span className="sync-item-case">{r.debtorName ?? (r.caseId ? t('sync.caseNo', { id: r.caseId }) : t('common.dash'))}</span>
                        <span className="sync-item-when num">{when(r.at)}</span>
                        <span className="sync-item-summary">
                          <span className="sync-reason" data-testid="rejection-reason" title={r.detail ?? undefined}>{rejectionText(t, r.reason, r.detail)}</span>
                          {r.acknowledgedAt ? (
                            <Tag className="sync-ack">{t('team2.acked')}</Tag>
                          ) : (
                            <Button size="small" type="link" className="sync-ack" onClick={() => void acknowledge([r.id])} data-testid="rejection-ack">
                              {t('team2.ack')}
                            </Button>
                          )}
                        </span>
                      </li>
                    ))}
                  </ul>
                </>
              )}
            </section>
          </>
        )}

        <section className="sync-section" data-testid="connect-section">
          {hub ? (
            <>
              <Collapse
                size="small"
                items={[{ key: 'reconnect', label: t('sync.reconnectTitle'), children: <ConnectForm initialUrl={status.hubUrl} initialUser={status.hubUser?.username ?? ''} /> }]}
              />
              <div className="sync-disconnect">
                <Popconfirm title={t('sync.disconnectConfirm')} onConfirm={() => void disconnect()} okButtonProps={{ 'data-testid': 'sync-disconnect-ok' } as Record<`data-${string}`, string>}>
                  <Button danger icon={<DisconnectOutlined />} loading={busy === 'disconnect'} data-testid="sync-disconnect">
                    {t('sync.disconnect')}
                  </Button>
                </Popconfirm>
                {disconnectError && (
                  <Alert
                    type="error"
                    showIcon
                    title={t('sync.disconnectRefused')}
                    description={translateError(t, disconnectError, locale)}
                    data-testid="sync-disconnect-error"
                    closable={{ onClose: () => setDisconnectError(null) }}
                  />
                )}
              </div>
            </>
          ) : (
            <>
              <Typography.Title level={5}>{t('sync.connectTitle')}</Typography.Title>
              <Typography.Paragraph type="secondary">{t('sync.connectIntro')}</Typography.Paragraph>
              <ConnectForm initialUrl={null} initialUser={agent?.username ?? ''} />
            </>
          )}
        </section>

        {/* Hosting is offered to a lead on a local desk, or one already hosting: a desk on the company's hub would move to a new, empty team (#19). */}
        {isLeadRole(agent) && (!hub || status.hosting) && (
          <section className="sync-section" data-testid="host-section">
            <HostHubPanel />
          </section>
        )}
        {isLeadRole(agent) && hub && !status.hosting && (
          <Typography.Paragraph type="secondary" className="sync-section" data-testid="host-elsewhere">
            {t('team2.host.elsewhere', { url: status.hubUrl ?? '' })}
          </Typography.Paragraph>
        )}
      </div>
    </Drawer>
  );
}
