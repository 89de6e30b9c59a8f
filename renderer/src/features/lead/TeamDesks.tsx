import { useCallback, useEffect, useState } from 'react';
import { Alert, Badge, Button, Table, Tag, Typography } from 'antd';
import Drawer from 'antd/es/drawer';
import { ReloadOutlined, TeamOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { DeskError, TeamDesk, TeamDesks as TeamDesksView } from '../../../../shared/contract';
import { invoke } from '../../api';
import { translateError } from '../../lib/errors';
import { shortInstant } from '../../lib/format';
import { useLocale, useTimeZone } from '../../lib/session';

/** How often the open drawer asks the hub again. */
const REFRESH_MS = 10_000;

/**
 * The lead's team on the hub (#23): the team's name, and each member's desk — online or not,
 * its last sync and the work waiting on it — asked of the hub while the drawer is open.
 */
export function TeamDesksButton() {
  const { t } = useTranslation();
  const locale = useLocale();
  const zone = useTimeZone();
  const [open, setOpen] = useState(false);
  const [view, setView] = useState<TeamDesksView | null>(null);
  const [error, setError] = useState<DeskError | null>(null);
  const [loading, setLoading] = useState(false);

  const load = useCallback(async () => {
    setLoading(true);
    const r = await invoke('team.desks', {});
    setLoading(false);
    if (r.ok) {
      setView(r.value);
      setError(null);
    } else setError(r.error);
  }, []);
  // the team's name on the button from the start; the desks refresh while the drawer is open
  useEffect(() => void load(), [load]);
  useEffect(() => {
    if (!open) return;
    void load();
    const timer = window.setInterval(() => void load(), REFRESH_MS);
    return () => window.clearInterval(timer);
  }, [open, load]);

  const waiting = (view?.desks ?? []).filter((d) => (d.pending ?? 0) > 0).length;
  const state = (d: TeamDesk) =>
    d.disabled ? <Tag data-testid="team-desk-state" data-state="disabled">{t('team2.desks.disabled')}</Tag>
      : d.online ? <Tag color="success" data-testid="team-desk-state" data-state="online">{t('team2.desks.online')}</Tag>
        : <Tag data-testid="team-desk-state" data-state="offline">{t('team2.desks.offline')}</Tag>;

  return (
    <>
      <Badge dot={waiting > 0}>
        <Button size="small" icon={<TeamOutlined />} onClick={() => setOpen(true)} data-testid="team-desks-button">
          {view?.team ? t('team2.desks.button', { team: view.team }) : t('team2.desks.buttonNoName')}
        </Button>
      </Badge>
      <Drawer
        open={open}
        onClose={() => setOpen(false)}
        size={640}
        title={view?.team ? t('team2.desks.title', { team: view.team }) : t('team2.desks.buttonNoName')}
        extra={<Button size="small" icon={<ReloadOutlined />} loading={loading} onClick={() => void load()} aria-label={t('lead.refresh')} />}
        data-testid="team-desks-drawer"
      >
        <Typography.Paragraph type="secondary">{t('team2.desks.intro')}</Typography.Paragraph>
        {error && <Alert type="error" showIcon title={translateError(t, error, locale)} data-testid="team-desks-error" />}
        <Table<TeamDesk>
          size="small"
          rowKey="userId"
          pagination={false}
          dataSource={view?.desks ?? []}
          onRow={(d) => ({ 'data-testid': 'team-desk-row', 'data-username': d.username }) as object}
          columns={[
            { key: 'name', title: t('team2.desks.member'), render: (_, d) => `${d.displayName}（${d.agentNo}）` },
            { key: 'role', title: t('team2.desks.role'), width: 80, render: (_, d) => t(`enums.role.${d.role}`) },
            { key: 'state', title: t('team2.desks.state'), width: 90, render: (_, d) => state(d) },
            {
              key: 'sync', title: t('team2.desks.lastSync'), width: 130,
              render: (_, d) => <span className="num" data-testid="team-desk-last">{d.lastSyncAt ? shortInstant(d.lastSyncAt, zone) : t('team2.desks.never')}</span>,
            },
            {
              key: 'pending', title: t('team2.desks.pending'), width: 90, align: 'right',
              render: (_, d) => (
                <span className={`num${(d.pending ?? 0) > 0 ? ' team-desk-waiting' : ''}`} data-testid="team-desk-pending">
                  {d.pending === null ? t('common.dash') : d.pending}
                </span>
              ),
            },
          ]}
        />
      </Drawer>
    </>
  );
}
