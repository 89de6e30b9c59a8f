import { useState } from 'react';
import App from 'antd/es/app';
import Button from 'antd/es/button';
import Input from 'antd/es/input';
import Modal from 'antd/es/modal';
import { useTranslation } from 'react-i18next';
import { useDial } from '../../lib/dial';
import { instant } from '../../lib/format';
import { timeZoneNow, useSession } from '../../lib/session';
import { invoke } from '../../api';

/** Why the dial was refused (every reason, translated) and when a call may next happen. */
export function ContactBlocked() {
  const { t } = useTranslation();
  const blocked = useDial((s) => s.blocked);
  const close = useDial((s) => s.clearBlocked);
  const r = blocked?.result;
  const { message } = App.useApp();
  const isLead = useSession((s) => s.agent?.role === 'lead' || s.agent?.role === 'admin');
  const [reason, setReason] = useState('');
  const [saving, setSaving] = useState(false);
  // A refusal and a hold are not lifted by an override (shared/domain/contact-rules).
  const overridable = !!r && r.reasons.every((x) => x.rule !== 'contact.refused' && x.rule !== 'contact.caseOnHold');
  const override = async () => {
    if (!blocked) return;
    setSaving(true);
    const res = await invoke('contact.override', { caseId: blocked.caseId, phoneId: blocked.phoneId, reason: reason.trim() });
    setSaving(false);
    if (!res.ok) return void message.error({ content: res.error.message, key: 'override' });
    message.success({ content: t('contactRules.overrideSaved'), key: 'override' });
    setReason('');
    close();
  };
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
        {isLead && overridable && (
          <div className="contact-override" data-testid="contact-override">
            <div className="note-label">{t('contactRules.overrideLabel')}</div>
            <Input.TextArea rows={2} maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} placeholder={t('contactRules.overridePlaceholder')} data-testid="override-reason" />
            <Button size="small" danger disabled={reason.trim().length < 4} loading={saving} onClick={() => void override()} data-testid="override-save">
              {t('contactRules.overrideSave')}
            </Button>
          </div>
        )}
      </div>
    </Modal>
  );
}
