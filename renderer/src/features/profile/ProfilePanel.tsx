import { lazy, Suspense, useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import Alert from 'antd/es/alert';
import Button from 'antd/es/button';
import Empty from 'antd/es/empty';
import Spin from 'antd/es/spin';
import Tag from 'antd/es/tag';
import Tooltip from 'antd/es/tooltip';
import Typography from 'antd/es/typography';
import EyeInvisibleOutlined from '@ant-design/icons/es/icons/EyeInvisibleOutlined';
import EyeOutlined from '@ant-design/icons/es/icons/EyeOutlined';
import PhoneOutlined from '@ant-design/icons/es/icons/PhoneOutlined';
import PlusOutlined from '@ant-design/icons/es/icons/PlusOutlined';
import WalletOutlined from '@ant-design/icons/es/icons/WalletOutlined';
import { useTranslation } from 'react-i18next';
import type { CaseDetail, PhoneView } from '../../../../shared/contract';
import type { Locale } from '../../../../shared/domain/enums';
import { politeName } from '../../../../shared/domain/merge';
import { invoke } from '../../api';
import { translateError } from '../../lib/errors';
import { money } from '../../lib/format';
import { BUCKET_COLORS, STATUS_COLORS } from '../../lib/labels';
import { useLocale } from '../../lib/session';
import { useWorkspace } from '../../lib/workspace';
import { HistoryTimeline } from '../../lib/HistoryTimeline';
import { LazyFallback, useOpenedOnce } from '../../lib/lazy';
import { PhoneMarkSelect } from './PhoneMarkSelect';

// 登记还款 is occasional: the dialog loads when first opened.
const PaymentDialog = lazy(() => import('./PaymentDialog').then((m) => ({ default: m.PaymentDialog })));
// 新增号码 too (issue 9).
const AddPhoneDialog = lazy(() => import('./AddPhoneDialog').then((m) => ({ default: m.AddPhoneDialog })));

type RevealKey = 'idNumber' | 'account' | `phone:${string}`;
const isPhoneKey = (key: RevealKey): key is `phone:${string}` => key.startsWith('phone:');

/** `accountTools`: buttons the workstation adds beside 登记还款 (e.g. SMS and letters). */
export function ProfilePanel({ accountTools }: { accountTools?: ReactNode } = {}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const detail = useWorkspace((s) => s.detail);
  const loading = useWorkspace((s) => s.loading);
  const error = useWorkspace((s) => s.error);
  const caseId = useWorkspace((s) => s.caseId);

  const [revealed, setRevealed] = useState<Partial<Record<RevealKey, string>>>({});
  const scrollRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    setRevealed({});
    scrollRef.current?.scrollTo({ top: 0 });
  }, [caseId]);

  const reveal = async (key: RevealKey) => {
    if (!caseId) return;
    if (revealed[key] !== undefined) {
      setRevealed(({ [key]: _drop, ...rest }) => rest);
      return;
    }
    const res = isPhoneKey(key)
      ? await invoke('case.reveal', { caseId, field: 'phone', phoneId: key.slice(6) })
      : await invoke('case.reveal', { caseId, field: key });
    if (res.ok) setRevealed((r) => ({ ...r, [key]: res.value.value }));
  };

  if (!caseId) {
    return (
      <section className="panel profile-panel" data-testid="profile-panel">
        <Empty className="panel-empty" description={t('profile.empty')} />
      </section>
    );
  }
  if (error && !detail) {
    return (
      <section className="panel profile-panel" data-testid="profile-panel">
        <Alert type="error" showIcon title={t('profile.loadFailed')} description={translateError(t, error, locale)} />
      </section>
    );
  }
  if (!detail) {
    return (
      <section className="panel profile-panel" data-testid="profile-panel">
        <Spin className="panel-empty" />
      </section>
    );
  }

  const masked = (key: RevealKey, value: string, testid: string) => (
    <span className="masked">
      <span className="num" data-testid={testid}>
        {revealed[key] ?? value}
      </span>
      <Tooltip title={revealed[key] !== undefined ? t('profile.hide') : t('profile.reveal')}>
        <Button
          type="text"
          size="small"
          className="reveal-btn"
          aria-label={t('profile.reveal')}
          icon={revealed[key] !== undefined ? <EyeInvisibleOutlined /> : <EyeOutlined />}
          onClick={() => void reveal(key)}
          data-testid={`${testid}-reveal`}
        />
      </Tooltip>
    </span>
  );

  return (
    <section className="panel profile-panel" data-testid="profile-panel">
      <div className="profile-scroll" ref={scrollRef}>
        <Spin spinning={loading} size="small">
          <DebtorBlock detail={detail} locale={locale} masked={masked} />
          <AccountBlock detail={detail} locale={locale} masked={masked} tools={accountTools} />
          <PhonesBlock detail={detail} masked={masked} />
          <HistoryBlock detail={detail} />
        </Spin>
      </div>
    </section>
  );
}

type Masked = (key: RevealKey, value: string, testid: string) => ReactNode;

function Field({ label, children, wide, testid }: { label: string; children: ReactNode; wide?: boolean; testid?: string }) {
  return (
    <div className={`field${wide ? ' wide' : ''}`} data-testid={testid}>
      <div className="field-label">{label}</div>
      <div className="field-value">{children}</div>
    </div>
  );
}

function DebtorBlock({ detail, locale, masked }: { detail: CaseDetail; locale: Locale; masked: Masked }) {
  const { t } = useTranslation();
  const d = detail.debtor;
  const c = detail.case;
  const polite = politeName(d.name, d.gender, locale);
  const title = polite.title;
  return (
    <div className="block">
      <div className="debtor-head">
        <Typography.Title level={4} className="debtor-name" data-testid="debtor-name">
          {/* 刘思琪 女士 in Chinese, Ms. 刘思琪 in English */}
          {title && polite.titleFirst && <span className="debtor-title first">{title}</span>}
          {d.name}
          {title && !polite.titleFirst && <span className="debtor-title">{title}</span>}
        </Typography.Title>
        <Tag color={BUCKET_COLORS[c.bucket]} data-testid="case-bucket">
          {t(`enums.bucket.${c.bucket}`)}
        </Tag>
        <Tag color={STATUS_COLORS[c.status]} data-testid="case-status" data-status={c.status}>
          {t(`enums.status.${c.status}`)}
        </Tag>
        {c.tags.map((tag) => (
          <Tag key={tag} color="purple">
            {t(`enums.tag.${tag}`)}
          </Tag>
        ))}
        {c.brokenPromises > 0 && <Tag color="error">{t('queue.broken', { count: c.brokenPromises })}</Tag>}
      </div>
      <div className="fields">
        <Field label={t('profile.idNumber')}>{masked('idNumber', d.idNumberMasked, 'debtor-id')}</Field>
        <Field label={t('profile.gender')}>
          {d.gender ? t(`gender.${d.gender}`) : '—'}
          {d.age !== null ? ` · ${t('profile.ageValue', { age: d.age })}` : ''}
        </Field>
        <Field label={t('profile.employer')}>{d.employer ?? '—'}</Field>
        <Field label={t('profile.homeAddress')} wide>
          {d.homeAddress ?? '—'}
        </Field>
        {d.workAddress && (
          <Field label={t('profile.workAddress')} wide>
            {d.workAddress}
          </Field>
        )}
        {d.registeredAddress && (
          <Field label={t('profile.registeredAddress')} wide>
            {d.registeredAddress}
          </Field>
        )}
      </div>
    </div>
  );
}

function AccountBlock({ detail, locale, masked, tools }: { detail: CaseDetail; locale: Locale; masked: Masked; tools?: ReactNode }) {
  const { t } = useTranslation();
  const [paying, setPaying] = useState(false);
  const closePayment = useCallback(() => setPaying(false), []);
  const paymentMounted = useOpenedOnce(paying);
  const c = detail.case;
  const m = (fen: number | null) => <span className="num">{money(fen, locale)}</span>;
  const nothingOwed = c.balanceFen <= 0;
  return (
    <div className="block">
      <div className="block-title block-title-row">
        <span>{t('profile.account')}</span>
        <span style={{ display: 'flex', gap: 4 }}>
          <Tooltip title={nothingOwed ? t('profile.noBalance') : undefined}>
            <Button
              size="small"
              icon={<WalletOutlined />}
              disabled={nothingOwed}
              onClick={() => setPaying(true)}
              data-testid="payment-open"
            >
              {t('profile.recordPayment')}
            </Button>
          </Tooltip>
          {tools}
        </span>
      </div>
      {paymentMounted && (
        <Suspense fallback={<LazyFallback overlay />}>
          <PaymentDialog open={paying} onClose={closePayment} />
        </Suspense>
      )}
      <div className="figures" data-testid="account-figures">
        <div className="figure strong">
          <div className="field-label">{t('profile.overdueAmount')}</div>
          <div className="figure-value num" data-testid="case-overdue">
            {money(c.overdueAmountFen, locale)}
          </div>
        </div>
        <div className="figure">
          <div className="field-label">{t('profile.minDue')}</div>
          <div className="figure-value num" data-testid="case-mindue">
            {money(c.minDueFen, locale)}
          </div>
        </div>
        <div className="figure">
          <div className="field-label">{t('profile.balance')}</div>
          <div className="figure-value num" data-testid="case-balance">
            {money(c.balanceFen, locale)}
          </div>
        </div>
        <div className="figure">
          <div className="field-label">{t('profile.principal')}</div>
          <div className="figure-value num">{money(c.principalFen, locale)}</div>
        </div>
        <div className="figure">
          <div className="field-label">{t('profile.dpd')}</div>
          <div className="figure-value num" data-testid="case-dpd">
            {t('profile.dpdValue', { dpd: c.dpd })}
          </div>
        </div>
      </div>
      <div className="fields">
        <Field label={t('profile.creditor')}>{c.creditor}</Field>
        <Field label={t('profile.product')}>{t(`enums.product.${c.product}`)}</Field>
        <Field label={t('profile.accountNo')}>{masked('account', c.accountMasked, 'case-account')}</Field>
        <Field label={t('profile.overdueSince')}>
          <span className="num">{c.overdueSince}</span>
        </Field>
        <Field label={t('profile.lastPayment')}>
          {c.lastPaymentDate ? (
            <>
              <span className="num">{c.lastPaymentDate}</span> {m(c.lastPaymentFen)}
            </>
          ) : (
            '—'
          )}
        </Field>
        <Field label={t('profile.batch')}>{c.batchNo ?? '—'}</Field>
        <Field label={t('profile.entrustDate')}>
          <span className="num">{c.entrustDate ?? '—'}</span>
        </Field>
        <Field label={t('profile.expiryDate')}>
          <span className="num">{c.expiryDate ?? '—'}</span>
        </Field>
        <Field label={t('profile.brokenPromises')}>
          <span className={`num${c.brokenPromises > 0 ? ' text-danger' : ''}`}>{c.brokenPromises}</span>
        </Field>
      </div>
    </div>
  );
}

function phoneOwnerLabel(p: PhoneView, detail: CaseDetail, t: (k: string, o?: Record<string, unknown>) => string): string {
  if (p.contactId) {
    const c = detail.contacts.find((x) => x.id === p.contactId);
    if (c) return `${c.name} · ${t(`enums.relation.${c.relation}`)}`;
  }
  return t(`enums.phoneOwner.${p.owner}`);
}

function PhonesBlock({ detail, masked }: { detail: CaseDetail; masked: Masked }) {
  const { t } = useTranslation();
  const contactPhones = (contactId: string) => detail.phones.filter((p) => p.contactId === contactId);
  const ownPhones = detail.phones.filter((p) => !p.contactId);
  const phoneRow = (p: PhoneView, owner?: string) => (
    <div key={p.id} className={`phone-row${p.status !== 'valid' ? ' phone-off' : ''}`} data-testid="phone-row">
      <PhoneOutlined className="phone-icon" />
      {owner && <span className="phone-owner">{owner}</span>}
      {masked(`phone:${p.id}`, p.numberMasked, `phone-${p.id}`)}
      <span className="phone-kind">{t(`enums.phoneKind.${p.kind}`)}</span>
      <Tag color={p.status === 'valid' ? 'success' : p.status === 'invalid' ? 'default' : 'error'} className="phone-status" data-testid={`phone-status-${p.id}`}>
        {p.mark ? t(`enums.phoneMark.${p.mark}`) : t(`enums.phoneStatus.${p.status}`)}
      </Tag>
      {p.pending ? <Tag color="warning">{t('profile.pendingSync')}</Tag> : <PhoneMarkSelect phone={p} />}
    </div>
  );
  const [adding, setAdding] = useState(false);
  const addOpened = useOpenedOnce(adding);
  return (
    <div className="block two-col">
      <div>
        <div className="block-title">
          {t('profile.phones')}
          <Button size="small" type="link" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="add-phone">
            {t('profile.addPhone')}
          </Button>
        </div>
        {ownPhones.map((p) => phoneRow(p, phoneOwnerLabel(p, detail, t)))}
        {addOpened && (
          <Suspense fallback={<LazyFallback overlay />}>
            <AddPhoneDialog open={adding} onClose={() => setAdding(false)} />
          </Suspense>
        )}
      </div>
      <div>
        <div className="block-title">{t('profile.contacts')}</div>
        {detail.contacts.length === 0 && <Typography.Text type="secondary">{t('profile.noContacts')}</Typography.Text>}
        {detail.contacts.map((c) => (
          <div key={c.id} className="contact" data-testid="contact-row">
            <div className="contact-head">
              <span className="contact-name">{c.name}</span>
              <Tag>{t(`enums.relation.${c.relation}`)}</Tag>
              <Tag color={c.party === 'related' ? 'blue' : 'default'}>{t(`enums.contactParty.${c.party}`)}</Tag>
              {c.refusedContact && <Tag color="error">{t('profile.refusedContact')}</Tag>}
            </div>
            {contactPhones(c.id).map((p) => phoneRow(p))}
          </div>
        ))}
      </div>
    </div>
  );
}

function HistoryBlock({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  return (
    <div className="block" data-testid="history">
      <div className="block-title">{t('profile.history')}</div>
      {detail.timeline.length === 0 ? (
        <Typography.Text type="secondary">{t('profile.noHistory')}</Typography.Text>
      ) : (
        <HistoryTimeline entries={detail.timeline} prefix="timeline" />
      )}
    </div>
  );
}
