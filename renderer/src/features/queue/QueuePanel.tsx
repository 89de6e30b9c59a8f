import { memo, useEffect, useRef, useState } from 'react';
import App from 'antd/es/app';
import Badge from 'antd/es/badge';
import Empty from 'antd/es/empty';
import Input from 'antd/es/input';
import Select from 'antd/es/select';
import Tag from 'antd/es/tag';
import Tooltip from 'antd/es/tooltip';
import Typography from 'antd/es/typography';
import type { InputRef } from 'antd/es/input';
import EditOutlined from '@ant-design/icons/es/icons/EditOutlined';
import SearchOutlined from '@ant-design/icons/es/icons/SearchOutlined';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useTranslation } from 'react-i18next';
import type { QueueItem } from '../../../../shared/contract';
import { BucketId, CaseStatus, CaseTag, type Locale } from '../../../../shared/domain/enums';
import { instant, money, shortInstant, todayIn } from '../../lib/format';
import { isMod, isTypingTarget, useKeydown } from '../../lib/hotkeys';
import { useLocale, useSession, useTimeZone } from '../../lib/session';
import { rememberedOpenCase, useWorkspace } from '../../lib/workspace';
import { translateError } from '../../lib/errors';
import { BUCKET_COLORS } from '../../lib/labels';
import { PAGE_SIZE, useQueue, watchQueue } from './store';
import { dueDayText } from './due-label';
import { subscribe } from '../../api';

const ROW_HEIGHT = 74;

export function QueuePanel() {
  const { t } = useTranslation();
  const locale = useLocale();
  const filter = useQueue((s) => s.filter);
  const total = useQueue((s) => s.total);
  const totalAtLeast = useQueue((s) => s.totalAtLeast);
  const dueCount = useQueue((s) => s.dueCount);
  const loaded = useQueue((s) => s.loaded);
  const error = useQueue((s) => s.error);
  const setFilter = useQueue((s) => s.setFilter);
  const ensurePages = useQueue((s) => s.ensurePages);
  const caseId = useWorkspace((s) => s.caseId);
  const openCase = useWorkspace((s) => s.openCase);
  // re-render rows when pages arrive
  useQueue((s) => s.pages);
  useQueue((s) => s.stale);

  const [search, setSearch] = useState(filter.search ?? '');
  const searchRef = useRef<InputRef>(null);
  const scrollRef = useRef<HTMLDivElement>(null);

  // first page (kept if it was asked for while the screen rendered)
  const agentId = useSession((s) => s.agent?.id ?? null);
  useEffect(() => {
    useQueue.getState().start(agentId);
    return () => useQueue.getState().reset();
  }, [agentId]);

  // debounced search
  useEffect(() => {
    const trimmed = search.trim();
    if (trimmed === (filter.search ?? '')) return;
    const id = window.setTimeout(() => setFilter({ search: trimmed || undefined }), 250);
    return () => window.clearTimeout(id);
  }, [search, filter.search, setFilter]);

  useEffect(() => watchQueue(), []);

  // The lead assigned cases to this agent: say so (they are already in the queue).
  const { message } = App.useApp();
  useEffect(
    () =>
      subscribe('cases.assigned', ({ count }) => {
        void message.info({ content: <span data-testid="cases-assigned">{t('queue.assignedToYou', { count })}</span>, duration: 8 });
      }),
    [message, t],
  );

  // The first screen opens the top case (the next thing to do) when nothing is open yet: after a
  // sign-in here; on a start with the session kept, boot (app/boot.ts) opened it before the first render.
  const autoOpened = useRef(false);
  const firstItem = loaded && !filter.search && total > 0 ? useQueue.getState().itemAt(0) : undefined;
  useEffect(() => {
    if (autoOpened.current || !firstItem) return;
    autoOpened.current = true;
    // A case reopened after a reload (lib/workspace restoreOpenCase) goes first.
    if (useWorkspace.getState().caseId === null && rememberedOpenCase() === null) void openCase(firstItem.caseId);
  }, [firstItem, openCase]);

  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 6,
  });
  const items = virtualizer.getVirtualItems();
  const firstIdx = items[0]?.index ?? 0;
  const lastIdx = items[items.length - 1]?.index ?? 0;
  useEffect(() => {
    const pages: number[] = [];
    for (let p = Math.floor(firstIdx / PAGE_SIZE); p <= Math.floor(lastIdx / PAGE_SIZE); p++) pages.push(p);
    ensurePages(pages);
  }, [firstIdx, lastIdx, ensurePages, total]);

  useKeydown((e) => {
    if ((isMod(e) && e.key.toLowerCase() === 'k') || (e.key === '/' && !isTypingTarget(e.target) && !isMod(e))) {
      e.preventDefault();
      searchRef.current?.focus();
      searchRef.current?.select();
      return;
    }
    if (e.altKey && (e.key === 'ArrowDown' || e.key === 'ArrowUp')) {
      e.preventDefault();
      const q = useQueue.getState();
      let idx = -1;
      for (let i = 0; i < q.total; i++) {
        const it = q.itemAt(i);
        if (!it) break;
        if (it.caseId === caseId) {
          idx = i;
          break;
        }
      }
      const next = q.itemAt(Math.max(0, e.key === 'ArrowDown' ? idx + 1 : idx - 1));
      if (next) {
        void openCase(next.caseId);
        virtualizer.scrollToIndex(Math.max(0, e.key === 'ArrowDown' ? idx + 1 : idx - 1));
      }
    }
  });

  const enumOptions = <T extends string>(values: readonly T[], group: string) =>
    values.map((v) => ({ value: v, label: t(`enums.${group}.${v}`) }));

  return (
    <section className="panel queue-panel" data-testid="queue-panel">
      <div className="panel-head">
        <Typography.Text strong>{t('queue.title')}</Typography.Text>
        <span className="queue-counts">
          <span data-testid="queue-total">{t(totalAtLeast ? 'queue.totalAtLeast' : 'queue.total', { count: total })}</span>
          {dueCount > 0 && (
            <Badge
              data-testid="queue-due-count"
              count={t('queue.due', { count: dueCount })}
              style={{ backgroundColor: '#fa541c', fontSize: 11 }}
            />
          )}
        </span>
      </div>
      <div className="queue-filters">
        <Input
          ref={searchRef}
          allowClear
          size="small"
          prefix={<SearchOutlined />}
          placeholder={t('queue.search')}
          suffix={<span className="kbd">Ctrl+K</span>}
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Escape') setSearch('');
            if (e.key === 'Enter') {
              const first = useQueue.getState().itemAt(0);
              if (first) void openCase(first.caseId);
            }
          }}
          data-testid="queue-search"
        />
        <div className="queue-selects">
          <Select
            size="small"
            allowClear
            placeholder={t('queue.allBuckets')}
            value={filter.bucket}
            options={enumOptions(BucketId.options, 'bucket')}
            onChange={(v) => setFilter({ bucket: v ?? undefined })}
            data-testid="queue-filter-bucket"
            popupMatchSelectWidth={false}
          />
          <Select
            size="small"
            allowClear
            placeholder={t('queue.allStatuses')}
            value={filter.status}
            options={enumOptions(CaseStatus.options, 'status')}
            onChange={(v) => setFilter({ status: v ?? undefined })}
            data-testid="queue-filter-status"
            popupMatchSelectWidth={false}
          />
          <Select
            size="small"
            allowClear
            placeholder={t('queue.allTags')}
            value={filter.tag}
            options={enumOptions(CaseTag.options, 'tag')}
            onChange={(v) => setFilter({ tag: v ?? undefined })}
            data-testid="queue-filter-tag"
            popupMatchSelectWidth={false}
          />
        </div>
      </div>
      <div
        className="queue-scroll"
        ref={scrollRef}
        data-testid="queue-list"
        // the search the rows answer (absent while they load): tests wait on it before clicking a row
        data-search={loaded ? (filter.search ?? '') : undefined}
      >
        {error && <div className="queue-error">{translateError(t, error, locale)}</div>}
        {loaded && total === 0 && !error && (
          <Empty
            image={Empty.PRESENTED_IMAGE_SIMPLE}
            description={<span data-testid="queue-empty">{t(filter.search || filter.bucket || filter.status || filter.tag ? 'queue.empty' : 'queue.nothingAssigned')}</span>}
          />
        )}
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {items.map((v) => {
            const item = useQueue.getState().itemAt(v.index);
            return (
              <div
                key={v.key}
                className="queue-row-slot"
                style={{ height: v.size, transform: `translateY(${v.start}px)` }}
              >
                {item ? (
                  <QueueRow
                    item={item}
                    index={v.index}
                    selected={item.caseId === caseId}
                    locale={locale}
                    onOpen={openCase}
                  />
                ) : (
                  <div className="queue-row queue-row-loading">{t('queue.loadingRow')}</div>
                )}
              </div>
            );
          })}
        </div>
      </div>
    </section>
  );
}

const QueueRow = memo(function QueueRow({
  item,
  index,
  selected,
  locale,
  onOpen,
}: {
  item: QueueItem;
  index: number;
  selected: boolean;
  locale: Locale;
  onOpen: (caseId: string) => Promise<void>;
}) {
  const { t } = useTranslation();
  const tz = useTimeZone();
  const hasDraft = useWorkspace((s) => s.draftCaseIds.has(item.caseId));
  return (
    <div
      role="button"
      tabIndex={0}
      className={`queue-row${selected ? ' selected' : ''}${item.dueKind ? ' due' : ''}`}
      data-testid="queue-row"
      data-case-id={item.caseId}
      data-index={index}
      onClick={() => void onOpen(item.caseId)}
      onKeyDown={(e) => {
        if (e.key === 'Enter') void onOpen(item.caseId);
      }}
    >
      <div className="qr-line">
        <span className="qr-name" data-testid="queue-row-name">
          {item.debtorName}
        </span>
        {hasDraft && (
          <Tooltip title={t('queue.draftHint')}>
            <EditOutlined className="qr-draft" data-testid="queue-row-draft" aria-label={t('queue.draftHint')} />
          </Tooltip>
        )}
        {item.dueKind && (
          <Tag color={item.dueKind === 'ptp' ? 'red' : 'orange'} className="qr-due" data-testid="queue-row-due">
            {t(item.dueKind === 'ptp' ? 'queue.duePtp' : 'queue.dueFollowup')}
            {item.dueAt ? ` ${item.dueKind === 'ptp' ? dueDateLabel(item.dueAt, tz, t) : shortInstant(item.dueAt, tz)}` : ''}
          </Tag>
        )}
        <span className="qr-amount num">{money(item.overdueAmountFen, locale)}</span>
      </div>
      <div className="qr-line qr-sub">
        <span className="qr-account num">{item.accountMasked}</span>
        <span className="qr-dpd">
          <span className="num">{t('queue.dpd', { dpd: item.dpd })}</span>
          <Tag color={BUCKET_COLORS[item.bucket]} className="qr-bucket">
            {t(`enums.bucket.${item.bucket}`)}
          </Tag>
        </span>
      </div>
      <div className="qr-line qr-tags">
        <span className={`status-dot status-${item.status}`}>{t(`enums.status.${item.status}`)}</span>
        {item.tags.map((tag) => (
          <span key={tag} className="qr-tag">
            {t(`enums.tag.${tag}`)}
          </span>
        ))}
        {item.brokenPromises > 0 && <span className="qr-tag qr-broken">{t('queue.broken', { count: item.brokenPromises })}</span>}
        <RankReason item={item} />
      </div>
    </div>
  );
});

/**
 * Why the row ranks where it does: due rows say so with their tag; the others name the two
 * largest parts of the priority score, and the full sum is in the tooltip.
 */
function RankReason({ item }: { item: QueueItem }) {
  const { t } = useTranslation();
  if (item.dueKind) return null;
  const sign = (n: number) => (n > 0 ? `+${n}` : String(n));
  const full = `${t('queue.rank.title', { score: item.priority })}: ${item.rank.map((p) => `${t(`queue.rank.${p.part}`)} ${sign(p.points)}`).join(' · ')}`;
  const top = item.rank.slice(0, 2).map((p) => t(`queue.rank.${p.part}`));
  return (
    <span className="qr-why" title={full} data-testid="queue-row-why">
      {t('queue.rank.why', { parts: top.join(t('queue.rank.separator')) })}
    </span>
  );
}

/** A promise falls due on a day: 今天 / 昨天 / 已过 N 天, a later day as MM-DD (due-label.ts). */
function dueDateLabel(iso: string, tz: string, t: (k: string, o?: Record<string, unknown>) => string): string {
  const said = dueDayText(instant(iso, tz, 'YYYY-MM-DD'), todayIn(tz));
  return 'params' in said ? t(said.key, said.params) : t(said.key);
}
