import { lazy, Suspense, useEffect, useRef, useState, type ReactNode } from 'react';
import Alert from 'antd/es/alert';
import App from 'antd/es/app';
import Badge from 'antd/es/badge';
import Button from 'antd/es/button';
import Input from 'antd/es/input';
import Select from 'antd/es/select';
import Space from 'antd/es/space';
import Tabs from 'antd/es/tabs';
import Tag from 'antd/es/tag';
import Typography from 'antd/es/typography';
import type { ColumnsType as TableColumnsType } from 'antd/es/table';
// Used only by this lazily loaded part: the deep import keeps it out of the first-paint chunk.
import Table from 'antd/es/table';
import ExclamationCircleOutlined from '@ant-design/icons/es/icons/ExclamationCircleOutlined';
import HistoryOutlined from '@ant-design/icons/es/icons/HistoryOutlined';
import ReloadOutlined from '@ant-design/icons/es/icons/ReloadOutlined';
import SearchOutlined from '@ant-design/icons/es/icons/SearchOutlined';
import TeamOutlined from '@ant-design/icons/es/icons/TeamOutlined';
import UserSwitchOutlined from '@ant-design/icons/es/icons/UserSwitchOutlined';
import { useTranslation } from 'react-i18next';
import type { AssignPlan, DeskError, LeadCase, LeadConflict } from '../../../../shared/contract';
import { invoke, subscribe } from '../../api';
import { translateError } from '../../lib/errors';
import { money } from '../../lib/format';
import { BUCKET_COLORS, STATUS_COLORS } from '../../lib/labels';
import { useLocale } from '../../lib/session';
import { LazyFallback, useOpenedOnce } from '../../lib/lazy';
import { LEAD_PAGE_SIZE, useLead, type AgentFilter } from './store';
import { ViolationsButton } from './ViolationsButton';

// The drawers load when first opened.
const LeadCaseDrawer = lazy(() => import('./LeadCaseDrawer').then((m) => ({ default: m.LeadCaseDrawer })));
import { TeamDesksButton } from './TeamDesks';
const ConflictsDrawer = lazy(() => import('./ConflictsDrawer').then((m) => ({ default: m.ConflictsDrawer })));

/** A tab beside 分案 that the composition root (renderer/src/app) passes in: features stay apart. */
export interface LeadTab {
  key: string;
  label: ReactNode;
  children: ReactNode;
}

/** The lead's screen: 分案 first, then the tabs app/ adds (each loads when first opened). */
export function LeadView({ tabs = [], tools }: { tabs?: readonly LeadTab[]; tools?: ReactNode }) {
  const { t } = useTranslation();
  const [active, setActive] = useState('assign');
  return (
    <Tabs
      className="lead-tabs"
      size="small"
      activeKey={active}
      onChange={setActive}
      items={[{ key: 'assign', label: <span data-testid="lead-tab-assign">{t('lead.title')}</span>, children: <AssignView tools={tools} /> }, ...tabs]}
    />
  );
}

/**
 * 分案: agents with their open case counts | a paged case table with multi-select -> 分配给.
 * `tools`: buttons other features add to the toolbar (composed in app/, features never import each other).
 */
function AssignView({ tools }: { tools?: ReactNode }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { message, modal } = App.useApp();
  const agents = useLead((s) => s.agents);
  const agentFilter = useLead((s) => s.agentFilter);
  const items = useLead((s) => s.items);
  const total = useLead((s) => s.total);
  const page = useLead((s) => s.page);
  const loading = useLead((s) => s.loading);
  const error = useLead((s) => s.error);
  const selected = useLead((s) => s.selected);
  const [search, setSearch] = useState('');
  const [target, setTarget] = useState<string | undefined>(undefined);
  const [assigning, setAssigning] = useState(false);
  const [historyOf, setHistoryOf] = useState<Pick<LeadCase, 'caseId' | 'debtorName'> | null>(null);
  const [hubMode, setHubMode] = useState(false);
  const [conflicts, setConflicts] = useState<{ items: LeadConflict[]; open: number; error: DeskError | null }>({ items: [], open: 0, error: null });
  const [conflictsOpen, setConflictsOpen] = useState(false);
  const caseDrawerMounted = useOpenedOnce(historyOf !== null);
  const conflictsMounted = useOpenedOnce(conflictsOpen);
  const loadConflicts = () =>
    void invoke('lead.conflicts', {}).then((r) => setConflicts(r.ok ? { ...r.value, error: null } : (c) => ({ ...c, error: r.error })));

  useEffect(() => {
    void useLead.getState().refresh();
    return () => useLead.getState().reset();
  }, []);

  // debounced search
  const firstSearch = useRef(true);
  useEffect(() => {
    if (firstSearch.current) {
      firstSearch.current = false;
      return;
    }
    const id = window.setTimeout(() => useLead.getState().setSearch(search), 250);
    return () => window.clearTimeout(id);
  }, [search]);

  // the core changed cases (own assign, a pull from the hub) or a sync finished: reload
  useEffect(() => subscribe('queue.changed', () => void useLead.getState().refresh()), []);
  const lastSync = useRef<string | null>(null);
  useEffect(() => {
    void invoke('sync.status', {}).then((r) => {
      if (r.ok) {
        lastSync.current = r.value.lastSyncAt;
        setHubMode(r.value.mode === 'hub');
      }
    });
    loadConflicts();
    return subscribe('sync.status', (s) => {
      setHubMode(s.mode === 'hub');
      if (s.lastSyncAt !== lastSync.current) {
        lastSync.current = s.lastSyncAt;
        void useLead.getState().refresh();
        loadConflicts(); // conflicts arrive with a pull
      }
    });
  }, []);

  const assignable = agents.filter((a) => a.role === 'agent');
  const agentName = (id: string | null) => agents.find((a) => a.id === id)?.displayName ?? '';

  /** "李娜 3 件、未分配 2 件": who the cases come from. */
  const fromText = (plan: AssignPlan) =>
    plan.moving.map((m) => t('lead.fromAgent', { name: m.fromName ?? t('lead.unassigned'), count: m.count })).join(t('lead.listSeparator'));

  // Confirm what will move and from whom, then say what moved.
  const doAssign = async (agentId: string | null) => {
    const caseIds = useLead.getState().selected;
    if (caseIds.length === 0) return;
    setAssigning(true);
    const preview = await invoke('lead.assignPreview', { caseIds, agentId });
    setAssigning(false);
    if (!preview.ok) {
      message.error(t('lead.failed', { reason: translateError(t, preview.error, locale) }));
      return;
    }
    const plan = preview.value;
    const moving = plan.moving.reduce((n, m) => n + m.count, 0);
    const name = agentId === null ? '' : agentName(agentId);
    if (moving === 0) {
      message.info(t('lead.nothingToMove', { name, count: plan.unchanged }));
      return;
    }
    const fromOthers = plan.moving.filter((m) => m.fromAgentId !== null);
    modal.confirm({
      title: agentId === null ? t('lead.confirmUnassignTitle', { count: moving }) : t('lead.confirmTitle', { count: moving, name }),
      content: (
        <div data-testid="lead-assign-confirm">
          <div>{t('lead.confirmFrom', { from: fromText(plan) })}</div>
          {fromOthers.length > 0 && agentId !== null && <div className="lead-confirm-warn">{t('lead.confirmTakes')}</div>}
          {plan.unchanged > 0 && <div>{t('lead.confirmUnchanged', { count: plan.unchanged, name })}</div>}
        </div>
      ),
      okText: agentId === null ? t('lead.unassign') : t('lead.assign'),
      cancelText: t('lead.cancel'),
      okButtonProps: { id: 'lead-assign-ok' },
      onOk: async () => {
        setAssigning(true);
        const res = await useLead.getState().assign(agentId);
        setAssigning(false);
        if (!res.ok) {
          message.error(t('lead.failed', { reason: translateError(t, res.error, locale) }));
          return;
        }
        const done = res.plan ? fromText(res.plan) : '';
        message.success({
          content: (
            <span data-testid="lead-assign-done">
              {agentId === null ? t('lead.unassignedDone', { count: res.assigned }) : t('lead.assigned', { count: res.assigned, name })}
              {done && ` · ${t('lead.movedFrom', { from: done })}`}
            </span>
          ),
          duration: 6,
        });
      },
    });
  };

  const columns: TableColumnsType<LeadCase> = [
    {
      title: t('lead.col.debtor'),
      dataIndex: 'debtorName',
      width: 110,
      render: (v: string, r) => (
        <span className="lead-debtor" data-testid="lead-case-name">
          {v}
          <span className="lead-case-id num">#{r.caseId}</span>
        </span>
      ),
    },
    { title: t('lead.col.account'), dataIndex: 'accountMasked', width: 150, render: (v: string) => <span className="num">{v}</span> },
    { title: t('lead.col.creditor'), dataIndex: 'creditor', ellipsis: true },
    { title: t('lead.col.overdue'), dataIndex: 'overdueAmountFen', width: 110, align: 'right', render: (v: number) => <span className="num">{money(v, locale)}</span> },
    { title: t('lead.col.dpd'), dataIndex: 'dpd', width: 70, align: 'right', render: (v: number) => <span className="num">{v}</span> },
    { title: t('lead.col.bucket'), dataIndex: 'bucket', width: 70, render: (v: LeadCase['bucket']) => <Tag color={BUCKET_COLORS[v]}>{t(`enums.bucket.${v}`)}</Tag> },
    { title: t('lead.col.status'), dataIndex: 'status', width: 84, render: (v: LeadCase['status']) => <Tag color={STATUS_COLORS[v]}>{t(`enums.status.${v}`)}</Tag> },
    {
      title: t('lead.col.agent'),
      dataIndex: 'assignedAgentName',
      width: 96,
      render: (v: string | null) => (
        <span data-testid="lead-case-agent">{v ?? <Typography.Text type="secondary">{t('lead.unassigned')}</Typography.Text>}</span>
      ),
    },
    {
      key: 'history',
      width: 76,
      render: (_v, r) => (
        <Button size="small" type="link" icon={<HistoryOutlined />} onClick={() => setHistoryOf(r)} data-testid="lead-case-history">
          {t('lead.openHistory')}
        </Button>
      ),
    },
  ];

  const agentItem = (key: AgentFilter, label: string, count: number | null, testId: string, extra?: string) => (
    <li key={key ?? 'all'}>
      <button
        type="button"
        className={`lead-agent${agentFilter === key ? ' selected' : ''}`}
        onClick={() => useLead.getState().setAgentFilter(key)}
        data-testid={testId}
        data-agent-id={key ?? ''}
        aria-pressed={agentFilter === key}
      >
        <span className="lead-agent-name">{label}</span>
        {extra && <span className="lead-agent-no num">{extra}</span>}
        {count !== null && (
          <span className="lead-agent-count num" data-testid="lead-agent-count">
            {t('lead.openCases', { count })}
          </span>
        )}
      </button>
    </li>
  );

  return (
    <main className="lead-view" data-testid="lead-view">
      <aside className="panel lead-agents" data-testid="lead-agents">
        <div className="panel-head">
          <Typography.Text strong>
            <TeamOutlined /> {t('lead.agents')}
          </Typography.Text>
        </div>
        <ul className="lead-agent-list">
          {agentItem(undefined, t('lead.allCases'), null, 'lead-filter-all')}
          {agentItem('unassigned', t('lead.unassigned'), null, 'lead-filter-unassigned')}
          {agents.map((a) => agentItem(a.id, a.displayName, a.openCases, 'lead-agent', `${a.agentNo}${a.role !== 'agent' ? ` · ${t(`enums.role.${a.role}`)}` : ''}`))}
        </ul>
      </aside>
      <section className="panel lead-cases" data-testid="lead-cases">
        <div className="lead-toolbar">
          <Input
            allowClear
            size="small"
            prefix={<SearchOutlined />}
            placeholder={t('lead.search')}
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            className="lead-search"
            data-testid="lead-search"
          />
          <span className="lead-total" data-testid="lead-total">
            {t('lead.total', { count: total })}
          </span>
          {/* tools other features add to the console (composed in app/Workstation) */}
          {tools}
          <span className="spacer" />
          <span className="lead-selected" data-testid="lead-selected" data-count={selected.length}>
            {t('lead.selected', { count: selected.length })}
          </span>
          <Space.Compact size="small">
            <Select
              size="small"
              placeholder={t('lead.pickAgent')}
              value={target}
              onChange={setTarget}
              options={assignable.map((a) => ({ value: a.id, label: `${a.displayName} ${a.agentNo}` }))}
              style={{ width: 150 }}
              data-testid="lead-assign-agent"
              popupMatchSelectWidth={false}
            />
            <Button
              type="primary"
              size="small"
              icon={<UserSwitchOutlined />}
              disabled={!target || selected.length === 0}
              loading={assigning}
              onClick={() => target && void doAssign(target)}
              data-testid="lead-assign"
            >
              {t('lead.assign')}
            </Button>
          </Space.Compact>
          <Button size="small" disabled={selected.length === 0 || assigning} onClick={() => void doAssign(null)} data-testid="lead-unassign">
            {t('lead.unassign')}
          </Button>
          {hubMode && <TeamDesksButton />}
          {hubMode && (
            <Badge dot={conflicts.open > 0}>
              <Button
                size="small"
                danger={conflicts.open > 0}
                icon={<ExclamationCircleOutlined />}
                onClick={() => {
                  loadConflicts();
                  setConflictsOpen(true);
                }}
                data-testid="lead-conflicts"
                data-count={conflicts.open}
              >
                {t('conflicts.button', { count: conflicts.open })}
              </Button>
            </Badge>
          )}
          <ViolationsButton />
          <Button size="small" type="text" icon={<ReloadOutlined />} onClick={() => void useLead.getState().refresh()} aria-label={t('lead.refresh')} data-testid="lead-refresh" />
        </div>
        <div className="lead-note">
          <Typography.Text type="secondary">{hubMode ? t('lead.syncNote') : t('lead.localNote')}</Typography.Text>
        </div>
        {error && <Alert type="error" showIcon title={translateError(t, error, locale)} data-testid="lead-error" />}
        <Table<LeadCase>
          className="lead-table"
          data-testid="lead-table"
          size="small"
          rowKey="caseId"
          columns={columns}
          dataSource={items}
          loading={loading && items.length === 0}
          locale={{ emptyText: t('lead.empty') }}
          scroll={{ y: 'calc(100vh - 230px)' }}
          rowSelection={{
            selectedRowKeys: selected,
            onChange: (keys) => useLead.getState().setSelected(keys.map(String)),
            getCheckboxProps: (r) => ({ 'data-testid': 'lead-case-check', 'data-case-id': r.caseId }) as object,
          }}
          onRow={(r) => ({ 'data-testid': 'lead-case-row', 'data-case-id': r.caseId, 'data-agent-id': r.assignedAgentId ?? '' }) as object}
          pagination={{
            current: page + 1,
            pageSize: LEAD_PAGE_SIZE,
            total,
            showSizeChanger: false,
            size: 'small',
            onChange: (p) => useLead.getState().setPage(p - 1),
          }}
        />
      </section>
      {caseDrawerMounted && (
        <Suspense fallback={<LazyFallback overlay />}>
          <LeadCaseDrawer item={historyOf} onClose={() => setHistoryOf(null)} />
        </Suspense>
      )}
      {conflictsMounted && (
        <Suspense fallback={<LazyFallback overlay />}>
          <ConflictsDrawer open={conflictsOpen} onClose={() => setConflictsOpen(false)} items={conflicts.items} error={conflicts.error} onChanged={loadConflicts} onOpenCase={(caseId, debtorName) => setHistoryOf({ caseId, debtorName })} />
        </Suspense>
      )}
    </main>
  );
}
