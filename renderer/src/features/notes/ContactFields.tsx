import { useEffect } from 'react';
import Select from 'antd/es/select';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '../../../../shared/contract';
import { Party } from '../../../../shared/domain/enums';
import { CHANNEL_NEEDS } from '../../../../shared/domain/channel-rules';
import { FieldErrors } from './FieldErrors';
import { useNote } from './store';
import { useDial } from '../../lib/dial';

/** Who answered (party) and the number dialled or texted (do-not-call numbers cannot be picked; a letter, visit or email names none). */
export function ContactFields({ detail, partyErrors, phoneErrors }: { detail: CaseDetail; partyErrors: string[]; phoneErrors: string[] }) {
  const { t } = useTranslation();
  const party = useNote((s) => s.party);
  const phoneId = useNote((s) => s.phoneId);
  const channel = useNote((s) => s.channel);
  const needsPhone = CHANNEL_NEEDS[channel].phone;
  const patch = useNote((s) => s.patch);
  useEffect(() => useDial.getState().setPhone(phoneId), [phoneId]); // the number F9 checks before it dials
  return (
    <div className="note-row two">
      <div>
        <div className="note-label">{t('note.party')}</div>
        <Select
          size="small"
          className="full"
          placeholder={t('note.selectParty')}
          value={party ?? undefined}
          status={partyErrors.length ? 'error' : undefined}
          options={Party.options.map((p) => ({ value: p, label: t(`enums.party.${p}`) }))}
          onChange={(v) => patch({ party: v })}
          data-testid="note-party"
        />
        <FieldErrors errors={partyErrors} testid="err-party" />
      </div>
      {needsPhone !== 'none' && (
      <div>
        <div className="note-label">{t(channel === 'sms' ? 'note.smsPhone' : 'note.phone')}</div>
        <Select
          size="small"
          className="full"
          allowClear
          placeholder={t('note.selectPhone')}
          value={phoneId ?? undefined}
          status={phoneErrors.length ? 'error' : undefined}
          options={detail.phones.map((p) => {
            const contact = p.contactId ? detail.contacts.find((c) => c.id === p.contactId) : undefined;
            const who = contact ? contact.name : t(`enums.phoneOwner.${p.owner}`);
            return {
              value: p.id,
              // not yet on the hub: no record can name it (shared/domain/phone-entry 'phone.pending')
              disabled: p.status === 'do_not_call' || p.pending === true,
              label: `${p.numberMasked} · ${who} · ${t(`enums.phoneKind.${p.kind}`)}${p.status !== 'valid' ? ` · ${t(`enums.phoneStatus.${p.status}`)}` : ''}`,
            };
          })}
          onChange={(v) => patch({ phoneId: v ?? null })}
          popupMatchSelectWidth={false}
          data-testid="note-phone"
        />
        <FieldErrors errors={phoneErrors} testid="err-phone" />
      </div>
      )}
    </div>
  );
}
