import { useCallback, useEffect, useState } from 'react';
import Alert from 'antd/es/alert';
import App from 'antd/es/app';
import Badge from 'antd/es/badge';
import Button from 'antd/es/button';
import Form from 'antd/es/form';
import Input from 'antd/es/input';
import Popconfirm from 'antd/es/popconfirm';
import Table from 'antd/es/table';
import Tag from 'antd/es/tag';
import Typography from 'antd/es/typography';
import Drawer from 'antd/es/drawer';
import ReloadOutlined from '@ant-design/icons/es/icons/ReloadOutlined';
import TeamOutlined from '@ant-design/icons/es/icons/TeamOutlined';
import UserAddOutlined from '@ant-design/icons/es/icons/UserAddOutlined';
import { useTranslation } from 'react-i18next';
import type { DeskError, TeamDesk, TeamDesks as TeamDesksView } from '../../../../shared/contract';
import { invoke } from '../../api';
import { MoveLocalCases } from './MoveLocalCases';
import { translateError } from '../../lib/errors';
import { shortInstant } from '../../lib/format';
import { useLocale, useTimeZone } from '../../lib/session';

interface NewAgentValues {
  username: string;
  displayName: string;
  agentNo: string;
  password: string;
}

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
  const { message } = App.useApp();
  const [form] = Form.useForm<NewAgentValues>();
  const [adding, setAdding] = useState(false);
  const [addError, setAddError] = useState<DeskError | null>(null);

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

  // #20: the lead adds agents to the team (their desks connect with this username and password)
  const addAgent = async (v: NewAgentValues) => {
    setAdding(true);
    setAddError(null);
    const r = await invoke('team.addAgent', v);
    setAdding(false);
    if (!r.ok) {
      setAddError(r.error);
      return;
    }
    form.resetFields();
    message.success(t('team2.agents.added', { name: v.displayName, username: v.username }));
    void load();
  };
  const setDisabled = async (d: TeamDesk, disabled: boolean) => {
    const r = await invoke('team.setAgentDisabled', { userId: d.userId, disabled });
    if (!r.ok) {
      message.error(translateError(t, r.error, locale));
      return;
    }
    message.success(t(disabled ? 'team2.agents.disabledDone' : 'team2.agents.enabledDone', { name: d.displayName }));
    void load();
  };

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
              key: 'act', title: '', width: 70,
              render: (_, d) =>
                d.role === 'agent' && (
                  <Popconfirm
                    title={d.disabled ? t('team2.agents.enableConfirm', { name: d.displayName }) : t('team2.agents.disableConfirm', { name: d.displayName })}
                    onConfirm={() => void setDisabled(d, !d.disabled)}
                    okButtonProps={{ 'data-testid': 'team-agent-toggle-ok' } as Record<`data-${string}`, string>}
                  >
                    <Button size="small" type="link" danger={!d.disabled} data-testid="team-agent-toggle">
                      {d.disabled ? t('team2.agents.enable') : t('team2.agents.disable')}
                    </Button>
                  </Popconfirm>
                ),
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
        <Typography.Title level={5} style={{ marginTop: 20 }}>
          <UserAddOutlined /> {t('team2.agents.addTitle')}
        </Typography.Title>
        {addError && <Alert type="error" showIcon title={translateError(t, addError, locale)} data-testid="team-agent-error" style={{ marginBottom: 8 }} />}
        <Form<NewAgentValues> form={form} layout="inline" requiredMark={false} onFinish={(v) => void addAgent(v)} data-testid="team-agent-form" className="team-agent-form">
          <Form.Item name="displayName" rules={[{ required: true, message: t('team2.agents.required') }]}>
            <Input placeholder={t('team2.agents.displayName')} style={{ width: 100 }} data-testid="team-agent-name" />
          </Form.Item>
          <Form.Item name="agentNo" rules={[{ required: true, message: t('team2.agents.required') }]}>
            <Input placeholder={t('team2.agents.agentNo')} style={{ width: 80 }} data-testid="team-agent-no" />
          </Form.Item>
          <Form.Item name="username" rules={[{ required: true, message: t('team2.agents.required') }, { pattern: /^[\w.@-]+$/, message: t('team2.agents.usernameRule') }]}>
            <Input placeholder={t('team2.agents.username')} style={{ width: 110 }} autoComplete="off" data-testid="team-agent-username" />
          </Form.Item>
          <Form.Item name="password" rules={[{ required: true, min: 6, message: t('team2.agents.passwordRule') }]}>
            <Input.Password placeholder={t('team2.agents.password')} style={{ width: 130 }} autoComplete="new-password" data-testid="team-agent-password" />
          </Form.Item>
          <Form.Item>
            <Button type="primary" htmlType="submit" loading={adding} data-testid="team-agent-add">
              {t('team2.agents.add')}
            </Button>
          </Form.Item>
        </Form>
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, fontSize: 12 }}>{t('team2.agents.hint')}</Typography.Paragraph>
        <MoveLocalCases open={open} />
      </Drawer>
    </>
  );
}
