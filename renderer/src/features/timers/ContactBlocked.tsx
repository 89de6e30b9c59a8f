import { Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { useDial } from '../../lib/dial';
import { instant } from '../../lib/format';
import { timeZoneNow } from '../../lib/session';

/** Why the dial was refused (every reason, translated) and when a call may next happen. */
export function ContactBlocked() {
  const { t } = useTranslation();
  const blocked = useDial((s) => s.blocked);
  const close = useDial((s) => s.clearBlocked);
  const r = blocked?.result;
  return (
    <Modal
      open={!!r}
      title={t('contactRules.blockedTitle')}
      onOk={close}
      onCancel={close}
      cancelButtonProps={{ style: { display: 'none' } }}
      okText={t('contactRules.ok')}
      width={480}
    >
      <div data-testid="contact-blocked">
        <ul className="contact-reasons">
          {r?.reasons.map((x) => (
            <li key={x.rule} data-testid="contact-reason" data-rule={x.rule}>
              {t(`rules.${x.rule}`, x.params)}
              {x.params.sensitive ? ` ${t('contactRules.sensitive')}` : ''}
            </li>
          ))}
        </ul>
        <div data-testid="contact-next">
          {r?.nextAllowedAt ? t('contactRules.nextAt', { time: instant(r.nextAllowedAt, timeZoneNow(), 'YYYY-MM-DD HH:mm') }) : t('contactRules.noNextTime')}
        </div>
      </div>
    </Modal>
  );
}
