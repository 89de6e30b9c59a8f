import { useCallback, useEffect, useState } from 'react';
import Alert from 'antd/es/alert';
import App from 'antd/es/app';
import Button from 'antd/es/button';
import Input from 'antd/es/input';
import Space from 'antd/es/space';
import Tag from 'antd/es/tag';
import Typography from 'antd/es/typography';
import type { ColumnsType as TableColumnsType } from 'antd/es/table';
// Used only by this lazily loaded part: the deep imports keep it out of the first-paint chunk.
import Table from 'antd/es/table';
import Modal from 'antd/es/modal';
import CheckOutlined from '@ant-design/icons/es/icons/CheckOutlined';
import CloseOutlined from '@ant-design/icons/es/icons/CloseOutlined';
import ReloadOutlined from '@ant-design/icons/es/icons/ReloadOutlined';
import { useTranslation } from 'react-i18next';
import type { DeskError, PendingPayment } from '../../../../shared/contract';
import { invoke, subscribe } from '../../api';
import { translateError, translateRule } from '../../lib/errors';
import { instant, money } from '../../lib/format';
import { useLocale, useTimeZone } from '../../lib/session';
import { i18n } from '../../i18n';

/**
 * 待核实还款: the payments agents recorded as claimed (the debtor says they paid), which count for
 * nothing until a lead checks them against the creditor's statement (channel, transaction
 * number, date) and confirms — then they count — or rejects them with a reason. The decision is
 * sent to the hub (payment.verify), which checks it again; the agent's desk learns it by pull.
 */
export function PendingPayments() {
  const { t } = useTranslation();
  const locale = useLocale();
  const tz = useTimeZone();
  const { message } = App.useApp();
  const [items, setItems] = useState<PendingPayment[]>([]);
  const [error, setError] = useState<DeskError | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [rejecting, setRejecting] = useState<PendingPayment | null>(null);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);

  const load = useCallback(
    () =>
      void invoke('payment.pending', {}).then((r) => {
        if (r.ok) {
          setItems(r.value.items);
          setError(null);
        } else setError(r.error);
      }),
    [],
  );
  useEffect(() => {
    load();
    const a = subscribe('queue.changed', load);
    return a;
  }, [load]);

  const errorText = (e: DeskError): string => (e.rule && i18n.exists(`rules.${e.rule}`) ? translateRule(t, e, locale) : translateError(t, e, locale));

  const decide = async (p: PendingPayment, decision: 'confirm' | 'reject', why: string | null): Promise<DeskError | null> => {
    setBusy(p.paymentId);
    const r = await invoke('payment.verify', { paymentId: p.paymentId, decision, reason: why });
    setBusy(null);
    if (!r.ok) return r.error;
    message.success({ content: t(decision === 'confirm' ? 'paymentVerify.confirmed' : 'paymentVerify.rejected', { amount: money(p.amountFen, locale), name: p.debtorName }), key: 'payment-verify' });
    load();
    return null;
  };

  const confirm = async (p: PendingPayment) => {
    const e = await decide(p, 'confirm', null);
    if (e) message.error({ content: errorText(e), key: 'payment-verify' });
  };
  const submitReject = async () => {
    if (!rejecting) return;
    const e = await decide(rejecting, 'reject', reason);
    if (e) setReasonError(errorText(e));
    else setRejecting(null);
  };

  const columns: TableColumnsType<PendingPayment> = [
    {
      title: t('paymentVerify.debtor'),
      key: 'debtor',
      render: (_, p) => (
        <span>
          {p.debtorName} <Typography.Text type="secondary" className="num">{p.accountMasked}</Typography.Text>
        </span>
      ),
    },
    { title: t('paymentVerify.amount'), key: 'amount', align: 'right', render: (_, p) => <span className="num">{money(p.amountFen, locale)}</span> },
    { title: t('paymentVerify.paidDate'), dataIndex: 'paidDate', key: 'paidDate', render: (d: string) => <span className="num">{d}</span> },
    { title: t('paymentVerify.channel'), key: 'channel', render: (_, p) => (p.channel ? t(`enums.paymentChannel.${p.channel}`) : '—') },
    { title: t('paymentVerify.txnNo'), key: 'txnNo', render: (_, p) => <span className="num" data-testid="pending-txn">{p.txnNo ?? '—'}</span> },
    { title: t('paymentVerify.recordedBy'), key: 'by', render: (_, p) => `${p.recordedBy ?? '—'} · ${instant(p.createdAt, tz)}` },
    {
      title: '',
      key: 'actions',
      width: 190,
      render: (_, p) => (
        <Space size={6}>
          <Button size="small" type="primary" icon={<CheckOutlined />} loading={busy === p.paymentId} onClick={() => void confirm(p)} data-testid="pending-confirm">
            {t('paymentVerify.confirm')}
          </Button>
          <Button
            size="small"
            danger
            icon={<CloseOutlined />}
            disabled={busy === p.paymentId}
            onClick={() => {
              setReason('');
              setReasonError(null);
              setRejecting(p);
            }}
            data-testid="pending-reject"
          >
            {t('paymentVerify.reject')}
          </Button>
        </Space>
      ),
    },
  ];

  return (
    <div className="pending-payments" data-testid="pending-payments">
      <div className="block-title-row">
        <Typography.Text type="secondary">{t('paymentVerify.intro')}</Typography.Text>
        <Space>
          <Tag color={items.length > 0 ? 'orange' : 'default'} data-testid="pending-count">
            {t('paymentVerify.count', { count: items.length })}
          </Tag>
          <Button size="small" icon={<ReloadOutlined />} onClick={load}>
            {t('paymentVerify.refresh')}
          </Button>
        </Space>
      </div>
      {error && <Alert type="error" showIcon title={errorText(error)} />}
      <Table<PendingPayment>
        size="small"
        rowKey="paymentId"
        columns={columns}
        dataSource={items}
        pagination={false}
        locale={{ emptyText: t('paymentVerify.none') }}
        data-testid="pending-table"
      />
      <Modal
        open={rejecting !== null}
        title={t('paymentVerify.rejectTitle')}
        okText={t('paymentVerify.reject')}
        okButtonProps={{ danger: true, ...({ 'data-testid': 'reject-ok' } as Record<string, string>) }}
        cancelText={t('payment.cancel')}
        confirmLoading={busy !== null}
        onOk={() => void submitReject()}
        onCancel={() => setRejecting(null)}
        destroyOnHidden
      >
        {rejecting && (
          <Typography.Paragraph>
            {t('paymentVerify.rejectWhat', { name: rejecting.debtorName, amount: money(rejecting.amountFen, locale), txn: rejecting.txnNo ?? '—' })}
          </Typography.Paragraph>
        )}
        <Input.TextArea
          rows={3}
          maxLength={500}
          placeholder={t('paymentVerify.reasonPlaceholder')}
          value={reason}
          status={reasonError ? 'error' : undefined}
          onChange={(e) => {
            setReason(e.target.value);
            setReasonError(null);
          }}
          data-testid="reject-reason"
        />
        {reasonError && (
          <Typography.Text type="danger" role="alert" data-testid="reject-error">
            {reasonError}
          </Typography.Text>
        )}
      </Modal>
    </div>
  );
}
