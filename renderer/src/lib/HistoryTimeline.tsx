import MailOutlined from '@ant-design/icons/es/icons/MailOutlined';
import MessageOutlined from '@ant-design/icons/es/icons/MessageOutlined';
import Tag from 'antd/es/tag';
import Timeline from 'antd/es/timeline';
import { useTranslation } from 'react-i18next';
import type { TimelineEntry } from '../../../shared/contract';
import { duration, instant, money } from './format';
import { PROMISE_COLORS } from './labels';
import { useFollowUpReason } from './useFollowUpReason';
import { useLocale, useSession, useTimeZone } from './session';

/**
 * A case's history (attempts, SMS and letters, promises, payments, follow-ups), newest first. Shared by the
 * agent's profile and the lead's case drawer; `prefix` keeps their test ids apart.
 */
export function HistoryTimeline({ entries, prefix }: { entries: readonly TimelineEntry[]; prefix: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const tz = useTimeZone();
  const codes = useSession((s) => s.outcomeCodes);
  const reasonText = useFollowUpReason();
  const label = (code: string) => codes.find((c) => c.code === code)?.label[locale] ?? code;
  const isContact = (code: string) => codes.find((c) => c.code === code)?.isContact ?? false;

  const item = (e: TimelineEntry, i: number) => {
    const when = <span className="tl-time num">{instant(e.at, tz)}</span>;
    switch (e.kind) {
      case 'attempt':
        return {
          key: `a${e.id}`,
          color: isContact(e.outcomeCode) ? 'green' : 'gray',
          content: (
            <div className="tl-item" data-testid={`${prefix}-attempt`} data-outcome={e.outcomeCode} data-channel={e.channel}>
              <div className="tl-head">
                {when}
                <Tag color={isContact(e.outcomeCode) ? 'green' : 'default'} data-testid={`${prefix}-outcome`}>
                  {label(e.outcomeCode)}
                </Tag>
                <span data-testid={`${prefix}-channel`}>{t(`enums.channel.${e.channel}`)}</span>
                <span>· {t(`enums.party.${e.party}`)}</span>
                {e.durationSec > 0 && <span className="num">· {t('timeline.duration', { d: duration(e.durationSec) })}</span>}
                {e.phoneMasked && <span className="num tl-muted">· {e.phoneMasked}</span>}
                {e.recordingRef && (
                  <span className="num tl-muted" data-testid={`${prefix}-recording`}>
                    · {t('timeline.recording', { ref: e.recordingRef })}
                  </span>
                )}
                <span className="tl-muted">· {e.agentName}</span>
              </div>
              {e.visitAddress && (
                <div className="tl-muted" data-testid={`${prefix}-visit-address`}>
                  {t('timeline.visitAddress', { address: e.visitAddress })}
                </div>
              )}
              {e.note && <div className="tl-note">{e.note}</div>}
            </div>
          ),
        };
      case 'promise':
        return {
          key: `p${e.promise.id}`,
          color: e.promise.state === 'broken' ? 'red' : e.promise.state === 'kept' ? 'green' : 'blue',
          content: (
            <div className="tl-item" data-testid={`${prefix}-promise`} data-state={e.promise.state}>
              <div className="tl-head">
                {when}
                <Tag color={PROMISE_COLORS[e.promise.state]}>{t(`enums.promiseState.${e.promise.state}`)}</Tag>
                <span className="num">
                  {t('timeline.promise', { amount: money(e.promise.amountFen, locale), date: e.promise.dueDate })}
                </span>
                {e.promise.paidFen > 0 && (
                  <span className="num tl-muted">· {t('timeline.promisePaid', { amount: money(e.promise.paidFen, locale) })}</span>
                )}
              </div>
            </div>
          ),
        };
      case 'payment':
        return {
          key: `m${e.id}`,
          // a claim not yet verified (待核实) or rejected counts for nothing: not green
          color: e.verification === 'verified' ? 'green' : e.verification === 'unverified' ? 'orange' : 'gray',
          content: (
            <div className="tl-item" data-testid={`${prefix}-payment`} data-verification={e.verification}>
              <div className="tl-head">
                {when}
                <Tag color="success">{t(`enums.paymentSource.${e.source}`)}</Tag>
                {e.verification !== 'verified' && (
                  <Tag color={e.verification === 'unverified' ? 'orange' : 'red'} data-testid={`${prefix}-payment-verification`}>
                    {t(`enums.paymentVerification.${e.verification}`)}
                  </Tag>
                )}
                <span className={e.verification === 'rejected' ? 'num tl-struck' : 'num'}>{t('timeline.payment', { amount: money(e.amountFen, locale) })}</span>
                <span className="num tl-muted">· {t('timeline.paymentDate', { date: e.paidDate })}</span>
                {e.recordedBy && (
                  <span className="tl-muted" data-testid={`${prefix}-payment-by`}>
                    · {t('timeline.recordedBy', { name: e.recordedBy })}
                  </span>
                )}
              </div>
              {(e.channel || e.txnNo || e.verifyReason) && (
                <div className="tl-muted tl-payment-ref" data-testid={`${prefix}-payment-ref`}>
                  {e.channel && <span>{t(`enums.paymentChannel.${e.channel}`)}</span>}
                  {e.txnNo && <span className="num"> · {t('timeline.txnNo', { txnNo: e.txnNo })}</span>}
                  {e.verifyReason && <span> · {t('timeline.verifyReason', { reason: e.verifyReason })}</span>}
                </div>
              )}
            </div>
          ),
        };
      case 'message':
        return {
          key: `s${e.id}`,
          color: e.status === 'failed' ? 'red' : 'blue',
          icon: e.channel === 'sms' ? <MessageOutlined /> : <MailOutlined />,
          content: (
            <div className="tl-item" data-testid={`${prefix}-message`} data-channel={e.channel} data-status={e.status}>
              <div className="tl-head">
                {when}
                <Tag color="blue" data-testid={`${prefix}-message-channel`}>{t(`messages.${e.channel}`)}</Tag>
                <Tag color={e.status === 'failed' ? 'red' : e.status === 'sent' ? 'green' : 'default'} data-testid={`${prefix}-message-status`}>
                  {t(`messages.status.${e.status}`)}
                </Tag>
                <span>{t(`messages.party.${e.party}`)}</span>
                <span className="num tl-muted">· {t('timeline.messageTo', { destination: e.destination })}</span>
                {e.agentName && <span className="tl-muted">· {e.agentName}</span>}
              </div>
              {e.subject && <div className="tl-muted">{t('timeline.messageSubject', { subject: e.subject })}</div>}
              {e.excerpt && <div className="tl-note">{e.excerpt}</div>}
            </div>
          ),
        };
      case 'followup':
        return {
          key: `f${e.followUp.id}-${i}`,
          color: 'orange',
          content: (
            <div className="tl-item" data-testid={`${prefix}-followup`}>
              <div className="tl-head">
                {when}
                <Tag color={e.followUp.state === 'pending' ? 'orange' : 'default'}>{t(`enums.followUpState.${e.followUp.state}`)}</Tag>
                <span className="num">{t('timeline.followup', { time: instant(e.followUp.dueAt, tz) })}</span>
                {e.followUp.reason && <span className="tl-muted">· {reasonText(e.followUp.reason)}</span>}
              </div>
            </div>
          ),
        };
    }
  };

  return <Timeline className="history" items={entries.map(item)} data-testid={`${prefix}-list`} />;
}
