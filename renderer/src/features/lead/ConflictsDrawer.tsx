import { useEffect, useState } from 'react';
import Alert from 'antd/es/alert';
import App from 'antd/es/app';
import Button from 'antd/es/button';
import Empty from 'antd/es/empty';
import Input from 'antd/es/input';
import Space from 'antd/es/space';
import Tag from 'antd/es/tag';
import Typography from 'antd/es/typography';
// Used only by this lazily loaded part: the deep import keeps it out of the first-paint chunk.
import Drawer from 'antd/es/drawer';
import CheckOutlined from '@ant-design/icons/es/icons/CheckOutlined';
import { useTranslation } from 'react-i18next';
import type { DeskError, LeadConflict } from '../../../../shared/contract';
import type { ConflictDecision } from '../../../../shared/domain/late-work';
import { invoke } from '../../api';
import { translateError } from '../../lib/errors';
import { instant, money, monthDay } from '../../lib/format';
import { useLocale, useTimeZone } from '../../lib/session';

const PRESETS = ['keepHub', 'checked', 'corrected'] as const;

/** What the hub could not merge: the lead reads each one and records a decision on the hub. */
export function ConflictsDrawer({ open, onClose, items, error, onChanged, onOpenCase }: {
  open: boolean;
  onClose: () => void;
  items: LeadConflict[];
  error: DeskError | null;
  onChanged: () => void;
  /** Show the case's history (the lead's case drawer). */
  onOpenCase: (caseId: string, debtorName: string) => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const tz = useTimeZone();
  const { message } = App.useApp();
  const [drafts, setDrafts] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState<string | null>(null);
  const [failed, setFailed] = useState<{ id: string; error: DeskError } | null>(null);

  useEffect(() => {
    if (!open) setFailed(null);
  }, [open]);

  // Accept / discard records the typed text as the resolution, or the decision's own words.
  const resolve = async (c: LeadConflict, decision?: ConflictDecision) => {
    const typed = (drafts[c.id] ?? '').trim();
    const text = typed || (decision ? t(decision === 'accept' ? 'conflicts.accepted' : 'conflicts.discarded') : '');
    if (!text) return;
    setSaving(c.id);
    const res = await invoke('lead.resolveConflict', { conflictId: c.id, resolution: text, ...(decision ? { decision } : {}) });
    setSaving(null);
    if (!res.ok) {
      setFailed({ id: c.id, error: res.error });
      return;
    }
    setFailed(null);
    message.success(t(decision === 'accept' ? 'conflicts.acceptedDone' : 'conflicts.resolvedDone'));
    onChanged();
  };

  const describe = (c: LeadConflict): string => {
    const agent = c.agentName ?? t('conflicts.unknownAgent');
    if (c.kind === 'latePromise' && c.late) return t('conflicts.latePromise', { agent, amount: money(c.late.amountFen, locale), due: monthDay(c.late.dueDate) });
    if (c.kind === 'latePayment' && c.late) return t('conflicts.latePayment', { agent, amount: money(c.late.amountFen, locale), paid: monthDay(c.late.paidDate) });
    if (c.kind === 'lateTransition' && c.wanted) {
      return t('conflicts.lateTransition', {
        agent,
        to: t(`enums.promiseState.${c.wanted.to}`, { defaultValue: c.wanted.to }),
        hub: c.hubState ? t(`enums.promiseState.${c.hubState}`, { defaultValue: c.hubState }) : t('conflicts.missing'),
      });
    }
    if (c.kind === 'promise.transition' && c.wanted) {
      return t('conflicts.promise', {
        from: t(`enums.promiseState.${c.wanted.from}`, { defaultValue: c.wanted.from }),
        to: t(`enums.promiseState.${c.wanted.to}`, { defaultValue: c.wanted.to }),
        hub: c.hubState ? t(`enums.promiseState.${c.hubState}`, { defaultValue: c.hubState }) : t('conflicts.missing'),
      });
    }
    if (c.kind === 'contactViolation') return t('conflicts.contactViolation', { agent });
    return t('conflicts.other', { kind: c.kind });
  };

  const open_ = items.filter((c) => !c.resolvedAt);
  const done = items.filter((c) => c.resolvedAt);

  return (
    <Drawer open={open} onClose={onClose} size={560} title={t('conflicts.title', { count: open_.length })} data-testid="conflicts-drawer">
      <Typography.Paragraph type="secondary">{t('conflicts.intro')}</Typography.Paragraph>
      {error && <Alert type="error" showIcon title={translateError(t, error, locale)} />}
      {items.length === 0 && !error && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('conflicts.none')} />}
      <ul className="conflict-list">
        {[...open_, ...done].map((c) => (
          <li key={c.id} className={`conflict${c.resolvedAt ? ' resolved' : ''}`} data-testid="conflict" data-conflict-id={c.id} data-resolved={c.resolvedAt ? '1' : '0'}>
            <div className="conflict-head">
              <Tag color={c.resolvedAt ? 'default' : 'orange'}>{c.resolvedAt ? t('conflicts.resolved') : t('conflicts.open')}</Tag>
              <Typography.Text strong>{c.debtorName ?? t('conflicts.unknownCase')}</Typography.Text>
              {c.caseId && <span className="num conflict-case">#{c.caseId}</span>}
              <span className="spacer" />
              <Typography.Text type="secondary" className="num">{instant(c.createdAt, tz)}</Typography.Text>
            </div>
            <div className="conflict-body" data-testid="conflict-text">{describe(c)}</div>
            {c.context && <ConflictContext context={c.context} />}
            {c.caseId && (
              <Button
                size="small"
                type="link"
                className="conflict-open-case"
                style={{ alignSelf: 'flex-start', paddingInline: 0 }}
                data-testid="conflict-open-case"
                onClick={() => onOpenCase(c.caseId ?? '', c.debtorName ?? '')}
              >
                {t('conflicts.openCase')}
              </Button>
            )}
            <div className="conflict-meta">{t('conflicts.by', { agent: c.agentName ?? t('conflicts.unknownAgent'), at: instant(c.at, tz) })}</div>
            {c.resolvedAt ? (
              <div className="conflict-resolution" data-testid="conflict-resolution">
                <CheckOutlined />{' '}
                {c.decision && (
                  <Tag color={c.decision === 'accept' ? 'green' : 'default'} data-testid="conflict-decision" data-decision={c.decision}>
                    {t(`conflicts.decision.${c.decision}`)}
                  </Tag>
                )}
                {c.resolution}
                <Typography.Text type="secondary"> · {t('conflicts.resolvedBy', { name: c.resolvedBy ?? '', at: instant(c.resolvedAt, tz) })}</Typography.Text>
              </div>
            ) : (
              <div className="conflict-resolve">
                <Space size={4} wrap>
                  {PRESETS.map((p) => (
                    <Tag.CheckableTag key={p} checked={drafts[c.id] === t(`conflicts.preset.${p}`)} onChange={() => setDrafts((d) => ({ ...d, [c.id]: t(`conflicts.preset.${p}`) }))}>
                      {t(`conflicts.preset.${p}`)}
                    </Tag.CheckableTag>
                  ))}
                </Space>
                <Space.Compact style={{ width: '100%' }}>
                  <Input
                    size="small"
                    maxLength={1000}
                    placeholder={t('conflicts.placeholder')}
                    value={drafts[c.id] ?? ''}
                    onChange={(e) => setDrafts((d) => ({ ...d, [c.id]: e.target.value }))}
                    onPressEnter={() => void resolve(c)}
                    data-testid="conflict-input"
                    aria-label={t('conflicts.placeholder')}
                  />
                  <Button size="small" type="primary" loading={saving === c.id} disabled={!(drafts[c.id] ?? '').trim()} onClick={() => void resolve(c)} data-testid="conflict-resolve">
                    {t('conflicts.resolve')}
                  </Button>
                </Space.Compact>
                {c.decidable && (
                  <Space size={8}>
                    <Button size="small" type="primary" disabled={saving === c.id} onClick={() => void resolve(c, 'accept')} data-testid="conflict-accept">
                      {t('conflicts.accept')}
                    </Button>
                    <Button size="small" disabled={saving === c.id} onClick={() => void resolve(c, 'discard')} data-testid="conflict-discard">
                      {t('conflicts.discard')}
                    </Button>
                  </Space>
                )}
                {failed?.id === c.id && <Alert type="error" showIcon title={translateError(t, failed.error, locale)} data-testid="conflict-error" />}
              </div>
            )}
          </li>
        ))}
      </ul>
    </Drawer>
  );
}

/** The promise a change is about, the payments that count for it and the promise that replaced it. */
function ConflictContext({ context }: { context: NonNullable<LeadConflict['context']> }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const state = (s: string) => t(`enums.promiseState.${s}`, { defaultValue: s });
  const { promise, payments, newerPromise } = context;
  return (
    <ul className="conflict-context" data-testid="conflict-context">
      {promise && (
        <li data-testid="conflict-promise">
          {t('conflicts.ctxPromise', { amount: money(promise.amountFen, locale), made: promise.createdDate, due: promise.dueDate, state: state(promise.state), paid: money(promise.paidFen, locale) })}
        </li>
      )}
      {payments.map((p, i) => (
        <li key={i} data-testid="conflict-payment">
          {t('conflicts.ctxPayment', { amount: money(p.amountFen, locale), date: p.paidDate, by: p.recordedBy ?? t('conflicts.ctxCreditor') })}
        </li>
      ))}
      {newerPromise && (
        <li data-testid="conflict-newer">
          {t('conflicts.ctxNewer', { amount: money(newerPromise.amountFen, locale), made: newerPromise.createdDate, due: newerPromise.dueDate, state: state(newerPromise.state) })}
        </li>
      )}
    </ul>
  );
}
