import { useEffect, useMemo, useRef, useState } from 'react';
import Alert from 'antd/es/alert';
import App from 'antd/es/app';
import Checkbox from 'antd/es/checkbox';
import DatePicker from 'antd/es/date-picker';
import Form from 'antd/es/form';
import Input from 'antd/es/input';
import Select from 'antd/es/select';
import Typography from 'antd/es/typography';
import type { InputRef } from 'antd/es/input';
// Used only by this lazily loaded part: the deep import keeps it out of the first-paint chunk.
import Modal from 'antd/es/modal';
import { useTranslation } from 'react-i18next';
import type { DeskError } from '../../../../shared/contract';
import { parseYuanToFen } from '../../../../shared/domain/money';
import { PaymentChannel, checkTxnNo, normalizeTxnNo } from '../../../../shared/domain/payment-channel';
import { invoke } from '../../api';
import { translateError, translateRule, type RuleLike } from '../../lib/errors';
import { dateValue, money, todayIn } from '../../lib/format';
import { useLocale, useTimeZone } from '../../lib/session';
import { useWorkspace } from '../../lib/workspace';
import { i18n } from '../../i18n';

type PaymentField = 'amount' | 'date' | 'txn';

/** Which dialog field a core error's dotted path belongs to (payment.record input names). */
function paymentField(field: string | undefined): PaymentField | null {
  if (field === 'amountFen') return 'amount';
  if (field === 'paidDate') return 'date';
  if (field === 'txnNo') return 'txn';
  return null;
}

const FIELD_LABEL: Record<PaymentField, string> = { amount: 'fields.paymentAmount', date: 'fields.paymentDate', txn: 'fields.txnNo' };

/** The amount, date and transaction number rules the core enforces, checked as the agent types (rules.payment.*). */
function checkPayment(amountText: string, paidDate: string | null, txnText: string, balanceFen: number, today: string): Record<PaymentField, RuleLike | null> {
  let amount: RuleLike | null = null;
  if (amountText.trim() === '') amount = { field: 'amountFen', rule: 'payment.amountRequired' };
  else {
    const fen = parseYuanToFen(amountText);
    if (fen === null) amount = { field: 'amountFen', rule: 'payment.amountInvalid' };
    else if (fen <= 0) amount = { field: 'amountFen', rule: 'payment.amountPositive' };
    else if (fen > balanceFen) amount = { field: 'amountFen', rule: 'payment.amountAboveBalance', params: { balanceFen } };
  }
  let date: RuleLike | null = null;
  if (!paidDate) date = { field: 'paidDate', rule: 'payment.dateRequired' };
  else if (paidDate > today) date = { field: 'paidDate', rule: 'payment.dateInFuture' };
  // the same charset and length rule the core and the hub apply (shared/domain/payment-channel)
  const txn = checkTxnNo(normalizeTxnNo(txnText));
  return { amount, date, txn };
}

/**
 * 登记还款: an agent-recorded payment (source 'agent') on the open case. The core re-evaluates
 * the case's promises, so the history shows the payment and e.g. 已兑现 after the refresh.
 */
export function PaymentDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const locale = useLocale();
  const tz = useTimeZone();
  const caseId = useWorkspace((s) => s.caseId);
  const detail = useWorkspace((s) => s.detail);

  const [amountText, setAmountText] = useState('');
  const [paidDate, setPaidDate] = useState<string | null>(null);
  const [channel, setChannel] = useState<PaymentChannel | null>(null);
  const [txnText, setTxnText] = useState('');
  const [claimed, setClaimed] = useState(false);
  const [today, setToday] = useState(() => todayIn(tz));
  const [touched, setTouched] = useState<Partial<Record<PaymentField, true>>>({});
  const [showAll, setShowAll] = useState(false);
  const [saving, setSaving] = useState(false);
  const [serverError, setServerError] = useState<DeskError | null>(null);
  const amountRef = useRef<InputRef>(null);

  // a fresh form each time it opens: today's date in the desk's zone
  const openedFor = useRef<string | null>(null);
  useEffect(() => {
    if (!open) return;
    const d = todayIn(tz);
    openedFor.current = caseId;
    setToday(d);
    setPaidDate(d);
    setAmountText('');
    setChannel(null);
    setTxnText('');
    // right after a 已还款 call (outcome 2: the debtor says they paid) the payment is a claim until a lead verifies it
    const lastCall = useWorkspace.getState().detail?.timeline.find((e) => e.kind === 'attempt');
    setClaimed(lastCall?.kind === 'attempt' && lastCall.outcomeCode === 'CLAIMS_PAID');
    setTouched({});
    setShowAll(false);
    setSaving(false);
    setServerError(null);
  }, [open]); // reset only when the dialog opens

  // another case opened underneath (Alt+↑/↓, an alert): this form was for the old one
  useEffect(() => {
    if (open && openedFor.current !== null && caseId !== openedFor.current) onClose();
  }, [open, caseId, onClose]);

  const balanceFen = detail?.case.balanceFen ?? 0;
  const local = useMemo(() => checkPayment(amountText, paidDate, txnText, balanceFen, today), [amountText, paidDate, txnText, balanceFen, today]);

  const ruleText = (v: RuleLike, f: PaymentField): string =>
    v.rule && i18n.exists(`rules.${v.rule}`) ? translateRule(t, v, locale) : t('rules.generic', { field: t(FIELD_LABEL[f]) });

  const errorFor = (f: PaymentField): string | null => {
    const server = serverError && paymentField(serverError.field) === f ? serverError : null;
    if (server) return ruleText(server, f);
    const v = local[f];
    return v && (showAll || touched[f]) ? ruleText(v, f) : null;
  };
  const generalError =
    serverError && paymentField(serverError.field) === null
      ? serverError.rule && i18n.exists(`rules.${serverError.rule}`)
        ? translateRule(t, serverError, locale)
        : translateError(t, { ...serverError, rule: undefined }, locale)
      : null;

  const submit = async () => {
    const ws = useWorkspace.getState();
    const target = openedFor.current;
    if (saving || !target || ws.caseId !== target) return;
    setShowAll(true);
    if (local.amount || local.date || local.txn || !paidDate) return;
    const fen = parseYuanToFen(amountText);
    if (fen === null) return;
    setSaving(true);
    setServerError(null);
    const res = await invoke('payment.record', { caseId: target, amountFen: fen, paidDate, channel, txnNo: normalizeTxnNo(txnText), claimed });
    setSaving(false);
    if (!res.ok) {
      setServerError(res.error);
      message.error({ content: t('payment.failed'), key: 'payment-record' });
      return;
    }
    message.success({ content: t(res.value.verification === 'unverified' ? 'payment.recordedClaimed' : 'payment.recorded', { amount: money(fen, locale) }), key: 'payment-record' });
    onClose();
    await ws.refreshCase(); // history shows the payment; promise states follow
  };

  const amountErr = errorFor('amount');
  const dateErr = errorFor('date');
  const txnErr = errorFor('txn');
  const edit = (f: PaymentField) => {
    setTouched((x) => ({ ...x, [f]: true }));
    if (serverError) setServerError(null);
  };

  return (
    <Modal
      open={open}
      title={t('payment.title')}
      okText={t('payment.ok')}
      cancelText={t('payment.cancel')}
      onOk={() => void submit()}
      onCancel={onClose}
      confirmLoading={saving}
      okButtonProps={{ 'data-testid': 'payment-ok' } as Record<string, string>}
      cancelButtonProps={{ 'data-testid': 'payment-cancel' } as Record<string, string>}
      afterOpenChange={(o) => o && amountRef.current?.focus()}
      destroyOnHidden
      maskClosable={false}
      width={520}
    >
      {/* keys typed here are not the workstation's hotkeys (digits, Ctrl+S, F9, Alt+↑/↓); Esc still closes */}
      <div data-testid="payment-dialog" onKeyDown={(e) => e.key !== 'Escape' && e.stopPropagation()}>
        <Typography.Paragraph type="secondary" className="payment-intro">
          {t('payment.intro')}
        </Typography.Paragraph>
        {detail && (
          <div className="payment-facts">
            <span>
              <span className="payment-fact-label">{t('payment.debtor')}</span>
              <strong>{detail.debtor.name}</strong>
            </span>
            <span>
              <span className="payment-fact-label">{t('payment.balance')}</span>
              <strong className="num" data-testid="payment-balance">
                {money(balanceFen, locale)}
              </strong>
            </span>
          </div>
        )}
        <Form layout="vertical" component="div" requiredMark>
          <Form.Item
            label={t('payment.amount')}
            required
            validateStatus={amountErr ? 'error' : undefined}
            help={amountErr ? <span data-testid="payment-amount-error" role="alert">{amountErr}</span> : undefined}
          >
            <Input
              ref={amountRef}
              prefix="¥"
              className="num-input"
              inputMode="decimal"
              autoComplete="off"
              placeholder={t('payment.amountPlaceholder')}
              value={amountText}
              onChange={(e) => {
                setAmountText(e.target.value);
                edit('amount');
              }}
              onPressEnter={() => void submit()}
              data-testid="payment-amount"
            />
          </Form.Item>
          <Form.Item
            label={t('payment.paidDate')}
            required
            validateStatus={dateErr ? 'error' : undefined}
            help={dateErr ? <span data-testid="payment-date-error" role="alert">{dateErr}</span> : undefined}
          >
            <DatePicker
              className="full"
              placeholder={t('payment.pickDate')}
              value={dateValue(paidDate)}
              disabledDate={(d) => d.format('YYYY-MM-DD') > today}
              onChange={(d) => {
                setPaidDate(d ? d.format('YYYY-MM-DD') : null);
                edit('date');
              }}
              data-testid="payment-date"
            />
          </Form.Item>
          <div className="payment-row">
            <Form.Item label={t('payment.channel')} className="payment-channel">
              <Select<PaymentChannel>
                allowClear
                placeholder={t('payment.channelPick')}
                value={channel ?? undefined}
                onChange={(v) => setChannel(v ?? null)}
                options={PaymentChannel.options.map((c) => ({ value: c, label: t(`enums.paymentChannel.${c}`) }))}
                data-testid="payment-channel"
              />
            </Form.Item>
            <Form.Item
              label={t('payment.txnNo')}
              className="payment-txn"
              validateStatus={txnErr ? 'error' : undefined}
              help={txnErr ? <span data-testid="payment-txn-error" role="alert">{txnErr}</span> : undefined}
            >
              <Input
                autoComplete="off"
                spellCheck={false}
                maxLength={64}
                placeholder={t('payment.txnPlaceholder')}
                value={txnText}
                onChange={(e) => {
                  setTxnText(e.target.value);
                  edit('txn');
                }}
                onPressEnter={() => void submit()}
                data-testid="payment-txn"
              />
            </Form.Item>
          </div>
          <Checkbox checked={claimed} onChange={(e) => setClaimed(e.target.checked)} data-testid="payment-claimed">
            {t('payment.claimed')}
          </Checkbox>
        </Form>
        {generalError && <Alert type="error" showIcon title={generalError} data-testid="payment-error" />}
      </div>
    </Modal>
  );
}
