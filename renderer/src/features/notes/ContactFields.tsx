import { useEffect } from 'react';
import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '../../../../shared/contract';
import { Party } from '../../../../shared/domain/enums';
import { FieldErrors } from './FieldErrors';
import { useNote } from './store';
import { useDial } from '../../lib/dial';

/** Who answered (party) and the number dialled (do-not-call numbers cannot be picked). */
export function ContactFields({ detail, partyErrors, phoneErrors }: { detail: CaseDetail; partyErrors: string[]; phoneErrors: string[] }) {
  const { t } = useTranslation();
  const party = useNote((s) => s.party);
  const phoneId = useNote((s) => s.phoneId);
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
      <div>
        <div className="note-label">{t('note.phone')}</div>
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
              disabled: p.status === 'do_not_call',
              label: `${p.numberMasked} · ${who} · ${t(`enums.phoneKind.${p.kind}`)}${p.status !== 'valid' ? ` · ${t(`enums.phoneStatus.${p.status}`)}` : ''}`,
            };
          })}
          onChange={(v) => patch({ phoneId: v ?? null })}
          popupMatchSelectWidth={false}
          data-testid="note-phone"
        />
        <FieldErrors errors={phoneErrors} testid="err-phone" />
      </div>
    </div>
  );
}
